/**
 * The row counts of a workspace file, checked before its document is read (issue 18): a crafted file
 * with a million streams is refused in the time of a few COUNT(*)s, not after building a million
 * objects. The limits are the document's (electron/api/limits.ts); a document within them has fewer
 * rows in all than values.
 */
import { LIMITS } from '../api/limits.js';
import type { Db } from './connection.js';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Why the file's rows pass a limit (a sentence naming it), or null. */
export function rowCountsOverLimits(db: Db): string | null {
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const checks: [string, number, string][] = [
    ['SELECT COUNT(*) AS n FROM streams', LIMITS.streams, 'streams'],
    ['SELECT COUNT(*) AS n FROM vendors', LIMITS.vendors, 'vendors'],
    ['SELECT COUNT(*) AS n FROM fx_rates', LIMITS.fx, 'FX rates'],
    ['SELECT COUNT(*) AS n FROM routes', LIMITS.routesInAll, 'routes in one document'],
  ];
  for (const [sql, limit, what] of checks) {
    const n = count(sql);
    if (n > limit) return `holds ${fmt(n)} ${what}: a workspace can have at most ${fmt(limit)} (limit: ${what})`;
  }
  const rows =
    count('SELECT COUNT(*) AS n FROM tiers') +
    count('SELECT COUNT(*) AS n FROM pass_through_changes') +
    count('SELECT COUNT(*) AS n FROM fees') +
    count('SELECT COUNT(*) AS n FROM pilots') +
    count('SELECT COUNT(*) AS n FROM pilot_failures') +
    count('SELECT COUNT(*) AS n FROM channel_defaults');
  if (rows > LIMITS.values) return `holds ${fmt(rows)} tiers, fees, pilots and other rows: a workspace can have at most ${fmt(LIMITS.values)} values (limit: values in one document)`;
  return null;
}
