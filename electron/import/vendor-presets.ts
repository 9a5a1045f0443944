/**
 * The vendor formats of FORMAT.md v1.2 beyond Twilio's message log and SendGrid, as mappings of
 * the mapping language (README.md, "The mapping language"). Each follows the vendor's public
 * documentation of its export or webhook, as gathered with the fixtures in
 * test/fixtures/events/vendors/README.md (a copy of the vendors research's README, with
 * every source); the tests import each fixture and compare with its hand-worked counts.
 */
import type { EventName } from './events.js';
import type { Preset, RouteRule } from './mapping.js';

const SMS_BY_NUMBER: RouteRule = { channel: 'sms', country: 'number' };
const TWILIO_ROUTE: RouteRule = { channel: 'sms', prefixes: { 'whatsapp:': 'whatsapp' }, country: 'number' };

/** AWS End User Messaging SMS: the failure event types (final when isFinal is true). */
const EUM_FAILURES = [
  'TEXT_BLOCKED',
  'TEXT_TTL_EXPIRED',
  'TEXT_CARRIER_UNREACHABLE',
  'TEXT_INVALID',
  'TEXT_INVALID_MESSAGE',
  'TEXT_CARRIER_BLOCKED',
  'TEXT_UNREACHABLE',
  'TEXT_SPAM',
  'TEXT_UNKNOWN',
  'TEXT_PROTECT_BLOCKED',
];

/** Postmark's bounce types (the `Type` of a Bounce record) and what each is. */
const POSTMARK_BOUNCES: Record<string, EventName | null> = {
  HardBounce: 'failed',
  SoftBounce: 'failed',
  BadEmailAddress: 'failed',
  DnsError: 'failed',
  Blocked: 'failed',
  SpamNotification: 'failed',
  VirusNotification: 'failed',
  ManuallyDeactivated: 'failed',
  SMTPApiError: 'failed',
  DMARCPolicy: 'failed',
  TemplateRenderingFailed: 'failed',
  Unconfirmed: 'failed',
  Unknown: 'failed',
  SpamComplaint: 'complained',
  Transient: null, // delayed: Postmark keeps trying
  AutoResponder: null, // an automatic reply to a delivered message: neither a failure nor a reply
  AddressChange: null,
  ChallengeVerification: null,
  Unsubscribe: 'opted_out',
  Subscribe: null,
  OpenRelayTest: null,
  InboundError: null,
};

export const VENDOR_PRESETS: Record<string, Preset> = {
  'twilio-event-streams': {
    label: 'Twilio Event Streams (webhook sink bodies: CloudEvents, batched or one a line)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      columns: {
        eventId: 'id',
        messageId: ['data.messageSid', 'data.message_sid'],
        recipient: 'data.to',
        event: 'type',
        timestamp: ['data.timestamp', 'data.click_time'],
        failureReason: 'data.errorCode',
        segments: 'data.numberOfSegments',
      },
      events: {
        'com.twilio.messaging.message.queued': null,
        'com.twilio.messaging.message.sent': 'sent',
        'com.twilio.messaging.message.delivered': 'delivered',
        'com.twilio.messaging.message.read': 'delivered',
        'com.twilio.messaging.message.undelivered': 'failed',
        'com.twilio.messaging.message.failed': 'failed',
        'com.twilio.messaging.inbound-message.received': null,
        'com.twilio.daptbt.link-shortening.link-clicked': 'clicked',
        'com.twilio.daptbt.link-shortening.link-shortened': null,
      },
      routeFrom: TWILIO_ROUTE,
    },
    source:
      'https://www.twilio.com/docs/events/event-types/messaging/outbound-message (types, data.messageSid, data.timestamp, data.to, data.errorCode); https://www.twilio.com/docs/events/event-types/link-shortening/link (link-clicked: data.message_sid, data.click_time); https://www.twilio.com/docs/events (at-least-once, unordered)',
  },
  'mailgun-events': {
    label: 'Mailgun webhooks (event-data bodies) or Events API pages (items)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      records: ['event-data', 'items[]'],
      columns: {
        eventId: 'id',
        messageId: 'message.headers.message-id',
        recipient: 'recipient',
        route: 'user-variables.route',
        event: 'event',
        timestamp: 'timestamp',
        failureReason: ['delivery-status.code', 'reject.reason', 'reason'],
      },
      events: {
        accepted: 'sent',
        delivered: 'delivered',
        failed: 'failed',
        rejected: 'failed',
        opened: 'opened',
        clicked: 'clicked',
        unsubscribed: 'opted_out',
        complained: 'complained',
        stored: null,
        list_member_uploaded: null,
        list_member_upload_error: null,
        list_uploaded: null,
      },
      qualifiers: { failed: { field: 'severity', values: { permanent: 'failed', temporary: null } } },
      message: { withRecipient: true },
      defaults: { route: 'email' },
    },
    source:
      'https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads (signature and event-data; id, timestamp, event, severity, recipient, message.headers.message-id, delivery-status.code); the Events API returns the same events in items[]',
  },
  'postmark-webhooks': {
    label: 'Postmark webhooks (bodies gathered into a JSON array or one a line)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      columns: {
        messageId: 'MessageID',
        recipient: ['Recipient', 'Email'],
        event: 'RecordType',
        timestamp: ['DeliveredAt', 'BouncedAt', 'ReceivedAt', 'ChangedAt'],
        failureReason: 'Type',
      },
      events: { Delivery: 'delivered', Bounce: 'failed', SpamComplaint: 'complained', Open: 'opened', Click: 'clicked', SubscriptionChange: null },
      qualifiers: {
        Bounce: { field: 'Type', values: POSTMARK_BOUNCES },
        SubscriptionChange: { field: 'SuppressionReason', values: { ManualSuppression: 'opted_out', HardBounce: null, SpamComplaint: null } },
      },
      message: { withRecipient: true },
      defaults: { route: 'email' },
    },
    source:
      'https://postmarkapp.com/email-webhooks (RecordType, MessageID, Recipient, DeliveredAt, BouncedAt with 7 fraction digits and an offset); the postmark npm package models (Bounce: Type, Email, BouncedAt; the BounceType enum)',
  },
  'ses-events': {
    label: 'Amazon SES event publishing (Firehose records, or SNS notifications wrapping them)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      records: ['Message', '$'],
      columns: {
        messageId: 'mail.messageId',
        recipient: [
          'bounce.bouncedRecipients[].emailAddress',
          'complaint.complainedRecipients[].emailAddress',
          'delivery.recipients[]',
          'deliveryDelay.delayedRecipients[].emailAddress',
          'mail.destination[]',
        ],
        event: ['eventType', 'notificationType', 'Type'],
        timestamp: ['delivery.timestamp', 'bounce.timestamp', 'complaint.timestamp', 'open.timestamp', 'click.timestamp', 'deliveryDelay.timestamp', 'mail.timestamp'],
        failureReason: ['bounce.bouncedRecipients[].status', 'reject.reason', 'failure.errorMessage'],
        route: 'mail.tags.route[0]',
      },
      events: {
        Send: 'sent',
        Delivery: 'delivered',
        // SES publishes a transient bounce only once it has stopped retrying: failed either way.
        Bounce: 'failed',
        DeliveryDelay: null,
        Reject: 'failed',
        'Rendering Failure': 'failed',
        Open: 'opened',
        Click: 'clicked',
        Complaint: 'complained',
        Subscription: null,
        SubscriptionConfirmation: null,
        UnsubscribeConfirmation: null,
      },
      message: { withRecipient: true },
      defaults: { route: 'email' },
    },
    source:
      'https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-firehose-contents.html (eventType values, a newline after each record); https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-firehose-examples.html (mail.messageId, mail.destination, bounce.bouncedRecipients); https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html (the same records in an SNS Message string)',
  },
  'sns-sms-delivery-logs': {
    label: 'Amazon SNS SMS delivery status logs (CloudWatch Logs, as aws logs filter-log-events writes them)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      records: 'events[]',
      columns: {
        eventId: 'eventId',
        messageId: 'message.notification.messageId',
        recipient: 'message.delivery.destination',
        event: 'message.status',
        timestamp: 'timestamp',
        failureReason: 'message.delivery.providerResponse',
        price: 'message.delivery.priceInUSD',
      },
      events: { SUCCESS: 'delivered', FAILURE: 'failed' },
      routeFrom: SMS_BY_NUMBER,
    },
    source:
      'https://repost.aws/knowledge-center/monitor-sns-texts-cloudwatch (the log entries: notification.messageId, delivery.destination, delivery.providerResponse, status SUCCESS or FAILURE); the AWS CLI filter-log-events output (events[].message as a JSON string, timestamp in epoch milliseconds, eventId)',
  },
  'aws-eum-sms-events': {
    label: 'AWS End User Messaging SMS events (Firehose output: concatenated JSON, gzip)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      columns: {
        messageId: 'messageId',
        recipient: 'destinationPhoneNumber',
        event: 'eventType',
        timestamp: 'eventTimestamp',
        failureReason: 'messageStatus',
        segments: 'totalMessageParts',
        price: 'totalMessagePrice',
      },
      events: { TEXT_QUEUED: null, TEXT_PENDING: 'sent', TEXT_SUCCESSFUL: 'delivered', TEXT_DELIVERED: 'delivered', ...Object.fromEntries(EUM_FAILURES.map((t) => [t, 'failed' as const])) },
      qualifiers: {
        // Accepted by the carrier: final where no handset receipt follows, else sent with one to come.
        TEXT_SUCCESSFUL: { field: 'isFinal', values: { true: 'delivered', false: 'sent' } },
        // A failure that is not final is temporary: AWS retries, and the final status follows.
        ...Object.fromEntries(EUM_FAILURES.map((t) => [t, { field: 'isFinal', values: { true: 'failed' as const, false: null }, names: { false: 'not final' } }])),
      },
      routeFrom: SMS_BY_NUMBER,
    },
    source:
      'https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-format.html (eventType, eventTimestamp in ms, isFinal, destinationPhoneNumber, messageId, messageStatus); https://docs.amazon.aws.cn/en_us/firehose/latest/dev/basic-deliver.html (Firehose concatenates records without delimiters)',
  },
  'vonage-sms-dlr': {
    label: 'Vonage SMS API delivery receipts (webhook bodies, one a line)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      columns: {
        messageId: 'messageId',
        recipient: 'msisdn',
        event: 'status',
        timestamp: 'message-timestamp',
        failureReason: 'err-code',
        price: 'price',
      },
      events: { delivered: 'delivered', accepted: 'sent', buffered: null, expired: 'failed', failed: 'failed', rejected: 'failed', unknown: 'sent' },
      // The parts of a multi-part SMS each send a receipt under their own messageId; the sender's
      // client-ref, repeated on every part's receipt, joins them (with the recipient).
      message: { partsOf: 'client-ref' },
      routeFrom: SMS_BY_NUMBER,
      timeZone: 'UTC',
    },
    source:
      'https://developer.vonage.com/messaging/sms/building-blocks/receive-a-delivery-receipt (msisdn, messageId, status, err-code, message-timestamp in UTC, client-ref; a receipt per part of a concatenated SMS); the vonage-node-sdk DeliveryReceipt type',
  },
  'infobip-sms-dlr': {
    label: 'Infobip SMS delivery reports (webhook bodies {"results": [...]}, or a GET reports page)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      records: 'results[]',
      columns: {
        messageId: 'messageId',
        recipient: 'to',
        event: 'status.groupName',
        timestamp: ['doneAt', 'sentAt'],
        failureReason: ['error.name', 'status.name'],
        segments: 'smsCount',
        price: 'price.pricePerMessage',
      },
      events: { PENDING: 'sent', DELIVERED: 'delivered', UNDELIVERABLE: 'failed', EXPIRED: 'failed', REJECTED: 'failed' },
      empty: ['NO_ERROR'],
      routeFrom: SMS_BY_NUMBER,
    },
    source:
      'https://infobip.com/docs/api/channels/sms/sms-messaging/logs-and-status-reports/receive-outbound-sms-message-report (results[]: messageId, to, doneAt with an offset such as +0000, status.groupName, error.name)',
  },
  'whatsapp-cloud-statuses': {
    label: 'WhatsApp Cloud API webhooks (statuses, and replies to messages)',
    kind: 'jsonl',
    mapping: {
      version: 2,
      records: ['entry[].changes[].value.statuses[]', { path: 'entry[].changes[].value.messages[]', status: 'message' }],
      columns: {
        messageId: ['context.id', 'id'],
        recipient: ['recipient_id', 'from'],
        event: 'status',
        timestamp: 'timestamp',
        failureReason: 'errors[0].code',
      },
      events: { sent: 'sent', delivered: 'delivered', read: 'delivered', failed: 'failed', deleted: null, warning: null, message: null },
      qualifiers: { message: { field: 'context.id', values: { '*': 'replied' }, names: { '': 'no context' } } },
      routeFrom: { channel: 'whatsapp', country: 'number', classFrom: 'pricing.category' },
    },
    source:
      'https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status (entry[].changes[].value.statuses[]: id, status, timestamp, recipient_id, pricing.category, errors[]); inbound messages in value.messages[] with context.id',
  },
};
