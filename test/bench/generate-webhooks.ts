/**
 * A deterministic gzip JSON Lines log of WhatsApp Cloud API webhook bodies (one body a line, its
 * status at `entry[].changes[].value.statuses[]`, as test/fixtures/events/vendors/ shows
 * them), with the counts the `whatsapp-cloud-statuses` format must give known by construction:
 * every message is planned (its recipient, country, category, outcome) before its statuses are
 * written. Recipients in India, Brazil, Mexico, the UK and the US (20,000 each, reused across
 * messages as a pilot's audience is); a message is `sent`, then `delivered` (and `read` for one in
 * two) or, one in ten, `failed` with an error code and no pricing object, as Meta sends it; one
 * body in fifty is POSTed twice (a retry). About 2.45 events a message.
 *
 * Used by `npm run bench:import` (1,000,000 events).
 */
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import type { Expected, RouteExpect } from './generate-events.js';

export const WEBHOOK_NOW = Date.UTC(2026, 11, 1);
const T0 = 1791219600; // 2026-10-05T17:00:00Z
const CATEGORIES = ['marketing', 'utility', 'authentication', 'service'];
const COUNTRIES: [string, (r: number) => string][] = [
  ['IN', (r) => `9198${String(10_000_000 + r)}`], // +91 98…: India
  ['BR', (r) => `55119${String(80_000_000 + r)}`], // +55 11 9…: São Paulo mobile
  ['MX', (r) => `5255${String(10_000_000 + r)}`], // +52 55: Mexico City
  ['GB', (r) => `447400${String(100_000 + r)}`], // +44 7400: a UK mobile range
  ['US', (r) => `1202555${String(r % 10_000).padStart(4, '0')}`], // +1 202 555: Washington, DC
];

function body(id: string, status: string, t: number, to: string, category: string | null, code: number | null): string {
  const s: Record<string, unknown> = { id, status, timestamp: String(t), recipient_id: to };
  if (category) {
    s.conversation = { id: `c${id.slice(-12)}`, origin: { type: category }, ...(status === 'sent' ? { expiration_timestamp: String(t + 86_400) } : {}) };
    s.pricing = { billable: category !== 'service', pricing_model: 'PMP', category };
  }
  if (code !== null) s.errors = [{ code, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }];
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, statuses: [s] }, field: 'messages' }],
      },
    ],
  });
}

/** Writes about `events` events to `file` (gzip); resolves with the counts by construction. */
export async function generateWebhooks(file: string, options: { events: number }): Promise<Expected> {
  const gz = createGzip({ level: 6 });
  const out = createWriteStream(file);
  gz.pipe(out);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const counts: Record<string, RouteExpect> = {};
  let events = 0;
  let duplicates = 0;
  let bodies = 0;
  let buf: string[] = [];
  const write = async (line: string) => {
    bodies++;
    const twice = bodies % 50 === 0;
    buf.push(line);
    events++;
    if (twice) {
      buf.push(line);
      events++;
      duplicates++;
    }
    if (buf.length >= 4096) {
      const chunk = buf.join('\n') + '\n';
      buf = [];
      if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
    }
  };
  let m = 0;
  while (events < options.events) {
    const [country, number] = COUNTRIES[m % COUNTRIES.length]!;
    const to = number((m * 7919) % 20_000);
    const category = CATEGORIES[(m >> 3) % CATEGORIES.length]!;
    const id = `wamid.HBgM${String(m).padStart(12, '0')}AA==`;
    const t = T0 + m;
    const route = `whatsapp/${country}/${category}`;
    const c = (counts[route] ??= { sent: 0, delivered: 0, failed: {}, engaged: 0, converted: 0, optedOut: 0, complained: 0 });
    c.sent++;
    await write(body(id, 'sent', t, to, category, null));
    if (m % 10 === 9) {
      const code = m % 20 === 9 ? 131026 : 131049;
      c.failed[String(code)] = (c.failed[String(code)] ?? 0) + 1;
      await write(body(id, 'failed', t + 3, to, null, code));
    } else {
      c.delivered++;
      await write(body(id, 'delivered', t + 2, to, category, null));
      if (m % 2 === 1) await write(body(id, 'read', t + 5, to, category, null));
    }
    m++;
  }
  gz.end(buf.length ? buf.join('\n') + '\n' : '');
  await done;
  return { events, duplicates, messages: m, anomalies: { 'engaged-before-delivered': 0, 'delivered-after-failed': 0, 'unknown-message': 0, 'future-timestamp': 0 }, counts, bytes: 0 };
}
