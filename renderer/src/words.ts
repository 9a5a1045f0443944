/**
 * Words a person reads: the API's errors (which name JSON paths, ids and model fields, for programs
 * and the `tco` command) turned into sentences that name the vendor and the stream by their names,
 * the field by its label on screen, and the fix at hand. Pure: a document in, words out.
 */
import type { ApiError } from '../../electron/api/errors.js';
import type { WorkspaceDocument } from '../../electron/api/document.js';
import { channelWords, fieldWords } from '../../electron/api/words.js';

type Doc = WorkspaceDocument;

export const fieldName = fieldWords;
export const channelName = channelWords;

/** How often a fee is charged, as its "Per" field offers it. */
export const feePerName = (per: string): string =>
  ({ once: 'once', month: 'month', 'seat-month': 'seat a month', 'contact-month': 'active contact a month', 'failed-message': 'failed message' })[per] ?? per;

/** What a route's units are counted on, as its "Billed on" field offers it. */
export const billedOnName = (on: string): string => ({ sent: 'messages sent', delivered: 'messages delivered', effective: 'effective messages' })[on] ?? on;

/** "sms/US" as words: "SMS to US"; "whatsapp/IN/marketing": "WhatsApp marketing to IN". */
export function routeWords(key: string): string {
  const [channel = '', country = '', cls = ''] = key.split('/');
  return `${channelName(channel)}${cls ? ` ${cls}` : ''}${country ? ` to ${country}` : ''}`;
}

export const vendorName = (doc: Doc | null, id: string): string => doc?.vendors.find((v) => v.id === id)?.name ?? `Vendor ${id}`;

/** The streams a route key serves (a stream's own key, or a less specific one). */
export function streamsOn(doc: Doc | null, key: string): string[] {
  const [channel, country = '', cls = ''] = key.split('/');
  return (doc?.streams ?? []).filter((s) => s.channel === channel && (!country || s.country === country) && (!cls || s.class === cls)).map((s) => s.name ?? s.id);
}

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(names.length === 2 ? ' and ' : ', ');

/** A stream list in words: 'the SMS stream “Reminders”', 'the streams “A” and “B”'. */
function streamsPhrase(doc: Doc | null, key: string): string {
  const names = streamsOn(doc, key);
  if (names.length === 0) return `${routeWords(key)} messages`;
  return `${names.length === 1 ? `the ${channelName(key.split('/')[0]!)} stream` : 'the streams'} ${quoted(names)}`;
}

/** The detail of a message, without its operation name and JSON path, as the end of a sentence. */
function detail(message: string): string {
  let d = message.replace(/^[\w.]+: (?=\$)/, '').replace(/^\$[^:\s]*: /, '');
  d = d
    .replace(/expected a decimal number \(a JSON number or a string such as "[^"]*"\), got .*/, 'must be a number')
    .replace(/expected a whole number >= 0, got .*/, 'must be a whole number, 0 or more')
    .replace(/>= 0/g, '0 or more')
    .replace(/ > 0/g, ' more than 0');
  return d;
}

const sentence = (s: string) => {
  const t = s.trim();
  const up = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(up) ? up : `${up}.`;
};

/** Where in the document a path points, in words: "Vendor A's route 2", "the stream “Reminders”". */
function placeOf(doc: Doc | null, path: string): { where: string; field: string | null } {
  const field = /\.(\w+)$/.exec(path)?.[1] ?? null;
  const v = /^\$\.vendors\[(\d+)\]/.exec(path);
  if (v) {
    const vendor = doc?.vendors[Number(v[1])];
    const name = vendor?.name ?? vendor?.id ?? 'a vendor';
    const route = /routes\[(\d+)\]/.exec(path);
    const tier = /tiers\[(\d+)\]/.exec(path);
    const fee = /fees\[(\d+)\]/.exec(path);
    const pilot = /pilots\[(\d+)\]/.exec(path);
    if (route) return { where: `${name}'s route ${Number(route[1]) + 1}${tier ? `, tier ${Number(tier[1]) + 1}` : ''}`, field };
    if (fee) return { where: `${name}'s fee ${Number(fee[1]) + 1}`, field };
    if (pilot) return { where: `${name}'s pilot ${Number(pilot[1]) + 1}`, field };
    if (/\.internal\./.test(path)) return { where: `${name}'s internal costs`, field };
    return { where: `${name}'s quote`, field };
  }
  const s = /^\$\.streams\[(\d+)\]/.exec(path);
  if (s) {
    const stream = doc?.streams[Number(s[1])];
    return { where: `the stream “${stream?.name ?? stream?.id ?? '?'}”`, field };
  }
  const f = /^\$\.fx\[(\d+)\]/.exec(path);
  if (f) return { where: `the ${doc?.fx?.[Number(f[1])]?.currency ?? ''} exchange rate`, field };
  return { where: 'the settings', field };
}

/**
 * An error answered to an edit of one field, as one sentence beside that field: the field named by
 * its label ("Monthly commit must be 0 or more."), no path, no id.
 */
export function inWords(e: ApiError, doc: Doc | null, label?: string): string {
  if (e.code === 'MODEL_ERROR' || e.code === 'INVALID_DOCUMENT') return problem(e, doc).sentence;
  const d = detail(e.message);
  if (label) return sentence(`${label} ${/^(must|is|has|needs|cannot)\b/.test(d) ? d : `: ${d}`}`.replace(' :', ':'));
  return sentence(d);
}

/** The screens a fix leads to (a subset of the app's screens; kept here so this file stays free of the store). */
export type FixScreen = 'settings' | 'vendors' | 'streams';

export interface Fix {
  label: string;
  screen: FixScreen;
}

/**
 * Why the workspace cannot be computed, as a sentence naming the vendor and the streams by their
 * names, and the fixes at hand (a button each: set an assumed rate, add a pilot, add a rate...).
 */
export function problem(e: ApiError, doc: Doc | null): { sentence: string; fixes: Fix[] } {
  const path = e.path ?? /^\$[^:\s]*/.exec(e.message)?.[0] ?? '';
  const d = detail(e.message);
  // No pilot (or no engaged count) and no assumed rate for the channel.
  const dflt = /^\$\.defaults\.(\w+)\.(deliveryRate|engagementRate)$/.exec(path);
  if (dflt) {
    const [, channel = '', field = ''] = dflt;
    const rate = fieldName(field);
    const noPilot = /vendor (.+?) has no pilot with messages sent on (\S+?),/.exec(d);
    const noEngaged = /vendor (.+?)'s pilot on (\S+?) has no engaged count/.exec(d);
    const m = noPilot ?? noEngaged;
    const fixes: Fix[] = [{ label: `Set the assumed ${channelName(channel)} ${rate}`, screen: 'settings' }];
    if (m) {
      const vendor = vendorName(doc, m[1]!);
      fixes.push({ label: noPilot ? `Add pilot results for ${vendor}` : `Enter the engaged count of ${vendor}'s pilot`, screen: 'vendors' });
      const what = noPilot ? `${vendor} has no pilot results for ${streamsPhrase(doc, m[2]!)}` : `${vendor}'s pilot on ${routeWords(m[2]!)} has no engaged count`;
      return { sentence: `${what}, and no assumed ${channelName(channel)} ${rate} is set, so its cost per message cannot be worked out.`, fixes };
    }
    return { sentence: sentence(`The assumed ${channelName(channel)} ${rate} ${d}`), fixes: fixes.slice(0, 1) };
  }
  const fx = /no FX rate for (\w+)/.exec(d);
  if (fx) {
    const { where } = placeOf(doc, path);
    return {
      sentence: `${sentence(where).slice(0, -1)} is in ${fx[1]}, and there is no exchange rate for ${fx[1]}: add its value in ${doc?.baseCurrency ?? 'the base currency'} in Settings.`,
      fixes: [{ label: `Add the ${fx[1]} rate`, screen: 'settings' }],
    };
  }
  const { where, field } = placeOf(doc, path);
  const onScreen = path.startsWith('$.vendors') ? 'vendors' : path.startsWith('$.streams') ? 'streams' : 'settings';
  const fixLabel = onScreen === 'vendors' ? `Correct ${where}` : onScreen === 'streams' ? `Correct ${where}` : 'Open the settings';
  const what = field && /^(must|is|has|needs|cannot)\b/.test(d) ? `${where}: the ${fieldName(field)} ${d}` : `${where}: ${d}`;
  return { sentence: sentence(scrub(what)), fixes: [{ label: fixLabel, screen: onScreen }] };
}

/** Anything left that looks like a path or a model field name goes. */
function scrub(s: string): string {
  return s.replace(/\$\.[\w.[\]]+/g, 'it').replace(/\b([a-z]+[A-Z]\w*)\b/g, (m) => fieldName(m));
}

/**
 * Routes as a person reads them, with the streams on each: '“Kenya OTP” (SMS to KE)'; a route no
 * stream is on reads as its words alone.
 */
export function routesWithStreams(streams: readonly { name: string; route: string }[], keys: readonly string[]): string {
  return keys
    .map((k) => {
      const on = streams.filter((s) => s.route === k).map((s) => s.name);
      return on.length ? `${quoted(on)} (${routeWords(k)})` : routeWords(k);
    })
    .join(', ');
}
