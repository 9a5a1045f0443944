/**
 * `route-counts-csv`: counts per route made elsewhere (a warehouse query over a log too large to
 * leave it, MODEL.md section 8), one row a route. Columns, matched without regard to case or
 * surrounding spaces, in any order:
 *
 *   route (required)            sms/US, whatsapp/IN/marketing, email
 *   sent, delivered (required)  messages
 *   failed                      failed messages whose reason is not known (counted under 'unknown')
 *   failed:<reason>             failed messages by reason (failed:30007, failed:bounce); any number of them
 *   engaged, converted, opted_out, complained          messages (optional, 0 when absent or empty)
 *   holdout_members, holdout_converted                 the route's holdout (optional)
 *
 * Every value is a whole number, 0 or more (12345, or grouped by thousands: countOf). A row is
 * checked as a route's counts must be: delivered and failed together at most sent; engaged,
 * converted, opted out and complained each at most sent; holdout converted at most its members.
 * A route written twice, another column, or a value that is not a count stops the import naming
 * the line and the column. The result has the shape of
 * any import: `events` is the rows read, `messages` the messages sent plus the holdout members,
 * no duplicates, no anomalies (the file has no events to order).
 */
import { readCsv } from './csv.js';
import { ImportError, parseRoute, type ImportResult, type RouteCounts } from './events.js';
import type { Source } from './source.js';

const COUNT_COLUMNS = ['sent', 'delivered', 'engaged', 'converted', 'opted_out', 'complained', 'holdout_members', 'holdout_converted', 'failed'] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

/**
 * A count as a spreadsheet writes it: 12345, or grouped by thousands with one mark throughout
 * (12,345; 12.345; 12 345; 12'345), since a count has no fraction a grouped one cannot be
 * misread. 9.5 and 0.962 are not counts (a group has three digits, the first does not start with 0).
 */
export function countOf(v: string): number | null {
  if (/^\d{1,15}$/.test(v)) return Number(v);
  const grouped = /^[1-9]\d{0,2}([,.'\u2019 \u00a0\u202f\u2009])\d{3}(?:\1\d{3}){0,3}$/.exec(v);
  return grouped ? Number(v.split(grouped[1]!).join('')) : null;
}

export async function readRouteCounts(src: Source): Promise<ImportResult> {
  const file = src.file;
  const counts: Record<string, RouteCounts> = {};
  let rows = 0;
  let messages = 0;
  const parser = await readCsv(src, undefined, (columns, p, headerLine) => {
    const at = new Map<string, number>();
    const reasons: [number, string][] = [];
    columns.forEach((raw, i) => {
      const c = raw.trim();
      const k = c.toLowerCase();
      if (k.startsWith('failed:')) {
        const reason = c.slice('failed:'.length).trim();
        if (reason === '') throw new ImportError('INVALID_FILE', file, headerLine, c, 'a failed:<reason> column names no reason (write failed for failures of no known reason)');
        if (reasons.some(([, r]) => r === reason)) throw new ImportError('INVALID_FILE', file, headerLine, c, 'is written twice');
        reasons.push([i, reason]);
      } else if (k === 'route' || (COUNT_COLUMNS as readonly string[]).includes(k)) {
        if (at.has(k)) throw new ImportError('INVALID_FILE', file, headerLine, c, 'is written twice');
        at.set(k, i);
      } else throw new ImportError('INVALID_FILE', file, headerLine, c, `is not a column of route counts (columns: route, ${COUNT_COLUMNS.join(', ')}, failed:<reason>)`);
    });
    for (const k of ['route', 'sent', 'delivered']) {
      if (!at.has(k)) throw new ImportError('INVALID_FILE', file, headerLine, k, `the header has no ${k} column (the file's columns: ${columns.map((c) => c.trim()).join(', ')})`);
    }
    return {
      row: (buf, _nf, line) => {
        rows++;
        const text = (i: number) => p.text(buf, i).trim();
        const route = text(at.get('route')!);
        if (!parseRoute(route)) throw new ImportError('INVALID_FILE', file, line, 'route', `${JSON.stringify(route)} is not a route such as sms/US, whatsapp/IN/marketing or email`);
        if (counts[route]) throw new ImportError('INVALID_FILE', file, line, 'route', `${route} has a row already: one row a route`);
        const num = (k: CountColumn | string, i: number | undefined, required: boolean): number => {
          if (i === undefined) return 0;
          const v = text(i);
          if (v === '') {
            if (required) throw new ImportError('INVALID_FILE', file, line, k, 'is empty (write 0 for none)');
            return 0;
          }
          const n = countOf(v);
          if (n === null) throw new ImportError('INVALID_FILE', file, line, columns[i]!.trim(), `${JSON.stringify(v)} is not a count (a whole number, 0 or more, such as 12345 or 12,345)`);
          return n;
        };
        const c: RouteCounts = {
          sent: num('sent', at.get('sent'), true),
          delivered: num('delivered', at.get('delivered'), true),
          failed: {},
          engaged: num('engaged', at.get('engaged'), false),
          converted: num('converted', at.get('converted'), false),
          optedOut: num('opted_out', at.get('opted_out'), false),
          complained: num('complained', at.get('complained'), false),
        };
        let failed = 0;
        const unknown = num('failed', at.get('failed'), false);
        if (unknown > 0) c.failed.unknown = unknown;
        failed += unknown;
        for (const [i, reason] of reasons) {
          const n = num(columns[i]!.trim(), i, false);
          if (n > 0) c.failed[reason] = (c.failed[reason] ?? 0) + n;
          failed += n;
        }
        const over = (what: string, n: number, field: string) => {
          if (n > c.sent) throw new ImportError('INVALID_FILE', file, line, field, `${what} (${n}) is more than sent (${c.sent}): a route's counts are of the messages it sent`);
        };
        over('delivered and failed together', c.delivered + failed, 'delivered');
        over('engaged', c.engaged, 'engaged');
        over('converted', c.converted, 'converted');
        over('opted out', c.optedOut, 'opted_out');
        over('complained', c.complained, 'complained');
        const members = num('holdout_members', at.get('holdout_members'), false);
        const hc = num('holdout_converted', at.get('holdout_converted'), false);
        if (hc > members) throw new ImportError('INVALID_FILE', file, line, 'holdout_converted', `(${hc}) is more than holdout_members (${members})`);
        if (members > 0) c.holdout = { members, converted: hc };
        counts[route] = c;
        messages += c.sent + members;
        return false;
      },
    };
  });
  if (!parser) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no header line');
  if (rows === 0) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds a header and no routes');
  return { file, events: rows, duplicates: 0, messages, anomalies: [], counts };
}
