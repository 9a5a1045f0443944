/**
 * `npm run bench:import`: the event-log importer against DuckDB on the same 1,000,000-event file.
 *
 * The log is the generic CSV of MODEL.md section 8 (test/bench/generate-events.ts: about 115 MB,
 * 420,000 messages, retried webhooks, every anomaly kind), its counts known by construction. Each
 * run is a child process of its own, so each peak RSS is that tool's alone: the importer
 * (electron/import, `importEvents`), and DuckDB (@duckdb/node-api) reading the same file and
 * computing the same per-route, per-cohort counts in SQL (dedupe, latest outcome per message,
 * engagement, holdout members). Runs alternate, five of each, and the medians are compared (the
 * machine may be busy with other work; alternating spreads that over both). Then, for the record,
 * CSV parsers alone (parse only, no counting): the importer's reader, csv-parse (the project's CSV
 * dependency), and any of papaparse, udsv, csv-parser and @fast-csv/parse found under
 * BENCH_PARSERS_DIR (a node_modules folder; they are not dependencies of the project).
 *
 * Then the same for 1,000,000 events of a nested webhook shape, gzip-compressed: WhatsApp Cloud API
 * bodies, one a line (test/bench/generate-webhooks.ts), through the `whatsapp-cloud-statuses`
 * preset, against DuckDB's read_json of the same file (unnesting entry[].changes[].value.statuses[]).
 * The importer reads each body with its selective reader (electron/import/scan.ts): one pass over
 * the bytes taking the status's five fields and checking the rest as JSON, no JSON.parse (which,
 * building every key and value of a 500-byte body, was 40% of the import's time).
 * `BENCH_ONLY=csv` or `json` runs one of the two.
 *
 * Targets: at most 1.5x DuckDB's time on the CSV and 2x on the JSON, under 300 MB peak RSS, counts
 * identical to DuckDB's (and to the generator's). Exits 1 when counts differ; the time and memory
 * targets are printed, not asserted (figures depend on the machine and what else runs on it).
 */
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { GEN_NOW, expectedCounts, generateEvents } from './generate-events.js';
import { WEBHOOK_NOW, generateWebhooks } from './generate-webhooks.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Counts {
  events: number;
  duplicates: number;
  messages: number;
  counts: Record<string, unknown>;
}
interface RunResult extends Partial<Counts> {
  ms: number;
  rssMB: number;
  rows?: number;
}

// ---------------------------------------------------------------------------------------------
// Children: one measured run each, a JSON line on stdout.

async function childImport(file: string, json = false): Promise<RunResult> {
  const { importEvents } = await import('../../electron/import/index.js');
  const t0 = performance.now();
  const r = await importEvents(file, json ? { format: 'whatsapp-cloud-statuses', now: WEBHOOK_NOW } : { format: 'events-csv', now: GEN_NOW });
  const ms = performance.now() - t0;
  return { ms, rssMB: peakRss(), events: r.events, duplicates: r.duplicates, messages: r.messages, counts: r.counts };
}

const SQL = (file: string) => `
WITH ev AS (
  SELECT event_id, message_id, route, coalesce(cohort, 'exposed') AS cohort, event,
         coalesce(failure_reason, 'unknown') AS reason, "timestamp"::TIMESTAMPTZ AS ts
  FROM read_csv('${file.replaceAll("'", "''")}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'event_id': 'VARCHAR', 'message_id': 'VARCHAR', 'recipient': 'VARCHAR', 'route': 'VARCHAR',
               'cohort': 'VARCHAR', 'event': 'VARCHAR', 'failure_reason': 'VARCHAR', 'timestamp': 'VARCHAR',
               'segments': 'VARCHAR', 'price': 'VARCHAR'})
),
-- retried webhooks: the vendor's event id, else (message, event, time)
dedup AS (
  SELECT DISTINCT ON (CASE WHEN event_id IS NOT NULL THEN 'i' || event_id
                           ELSE 'k' || message_id || chr(0) || event || chr(0) || epoch_ms(ts) END) *
  FROM ev
),
msg AS (
  SELECT message_id, any_value(route) AS route,
    bool_or(event = 'held_out') AS member,
    bool_or(event = 'held_out' OR cohort = 'holdout') AS holdout_cohort,
    bool_or(event IN ('sent', 'delivered', 'failed')) AS sent,
    arg_max(event, ts) FILTER (WHERE event IN ('delivered', 'failed')) AS outcome,
    arg_max(reason, ts) FILTER (WHERE event IN ('delivered', 'failed')) AS reason,
    bool_or(event IN ('clicked', 'replied')) AS engaged,
    bool_or(event = 'converted') AS converted,
    bool_or(event = 'opted_out') AS opted_out,
    bool_or(event = 'complained') AS complained
  FROM dedup GROUP BY message_id
),
exposed AS (SELECT * FROM msg WHERE sent AND NOT holdout_cohort)
SELECT 'route' AS kind, route, NULL AS reason,
  count(*) FILTER (WHERE sent AND NOT holdout_cohort) AS sent,
  count(*) FILTER (WHERE sent AND NOT holdout_cohort AND outcome = 'delivered') AS delivered,
  count(*) FILTER (WHERE sent AND NOT holdout_cohort AND engaged) AS engaged,
  count(*) FILTER (WHERE sent AND NOT holdout_cohort AND converted) AS converted,
  count(*) FILTER (WHERE sent AND NOT holdout_cohort AND opted_out) AS opted_out,
  count(*) FILTER (WHERE sent AND NOT holdout_cohort AND complained) AS complained,
  count(*) FILTER (WHERE member) AS members,
  count(*) FILTER (WHERE member AND converted) AS members_converted
FROM msg GROUP BY route HAVING count(*) FILTER (WHERE (sent AND NOT holdout_cohort) OR member) > 0
UNION ALL
SELECT 'failed', route, reason, count(*), 0, 0, 0, 0, 0, 0, 0 FROM exposed WHERE outcome = 'failed' GROUP BY route, reason
UNION ALL
SELECT 'totals', NULL, NULL, (SELECT count(*) FROM ev), (SELECT count(*) FROM dedup), (SELECT count(*) FROM msg), 0, 0, 0, 0, 0`;

async function childDuckdb(file: string): Promise<RunResult> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const t0 = performance.now();
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const reader = await con.runAndReadAll(SQL(file));
  const rows = reader.getRowObjects();
  const ms = performance.now() - t0;
  const n = (v: unknown) => Number(v);
  const counts: Record<
    string,
    { sent: number; delivered: number; failed: Record<string, number>; engaged: number; converted: number; optedOut: number; complained: number; holdout?: { members: number; converted: number } }
  > = {};
  let totals = { events: 0, duplicates: 0, messages: 0 };
  for (const r of rows) {
    if (r.kind === 'route') {
      const c = {
        sent: n(r.sent),
        delivered: n(r.delivered),
        failed: {},
        engaged: n(r.engaged),
        converted: n(r.converted),
        optedOut: n(r.opted_out),
        complained: n(r.complained),
      } as (typeof counts)[string];
      if (n(r.members) > 0) c.holdout = { members: n(r.members), converted: n(r.members_converted) };
      counts[String(r.route)] = c;
    } else if (r.kind === 'totals') totals = { events: n(r.sent), duplicates: n(r.sent) - n(r.delivered), messages: n(r.engaged) };
  }
  for (const r of rows) if (r.kind === 'failed') counts[String(r.route)]!.failed[String(r.reason)] = n(r.sent);
  con.closeSync();
  db.closeSync();
  return { ms, rssMB: peakRss(), ...totals, counts };
}

/**
 * The WhatsApp webhook log in DuckDB: read_json of the gzip file, the statuses unnested from
 * entry[].changes[].value.statuses[], read counted as delivered, retried bodies dropped on
 * (message, event, time), the latest delivered or failed by time, the route from the recipient's
 * calling code (the generator's five countries) and the message's category.
 */
const SQL_JSON = (file: string) => `
WITH body AS (
  SELECT unnest(entry) AS e FROM read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited', compression = 'gzip',
    columns = {'entry': 'STRUCT(changes STRUCT(value STRUCT(statuses STRUCT(id VARCHAR, status VARCHAR, "timestamp" VARCHAR, recipient_id VARCHAR, pricing STRUCT(category VARCHAR), errors STRUCT(code BIGINT)[])[]))[])[]'})
),
change AS (SELECT unnest(e.changes) AS c FROM body),
st AS (SELECT unnest(c.value.statuses) AS s FROM change),
ev AS (
  SELECT s.id AS id, CASE s.status WHEN 'read' THEN 'delivered' ELSE s.status END AS event, s."timestamp"::BIGINT AS ts,
         s.recipient_id AS rcpt, s.pricing.category AS category, s.errors[1].code AS code
  FROM st
),
dedup AS (SELECT DISTINCT ON (id, event, ts) * FROM ev),
msg AS (
  SELECT id, any_value(rcpt) AS rcpt, any_value(category) FILTER (WHERE category IS NOT NULL) AS category,
    arg_max(event, ts) FILTER (WHERE event IN ('delivered', 'failed')) AS outcome,
    arg_max(code, ts) FILTER (WHERE event IN ('delivered', 'failed')) AS code
  FROM dedup GROUP BY id
),
routed AS (
  SELECT *, 'whatsapp/' || CASE WHEN rcpt LIKE '91%' THEN 'IN' WHEN rcpt LIKE '55%' THEN 'BR' WHEN rcpt LIKE '52%' THEN 'MX'
    WHEN rcpt LIKE '44%' THEN 'GB' WHEN rcpt LIKE '1%' THEN 'US' END || coalesce('/' || lower(category), '') AS route FROM msg
)
SELECT 'route' AS kind, route, NULL AS reason, count(*) AS sent, count(*) FILTER (WHERE outcome = 'delivered') AS delivered
FROM routed GROUP BY route
UNION ALL
SELECT 'failed', route, code::VARCHAR, count(*), 0 FROM routed WHERE outcome = 'failed' GROUP BY route, code
UNION ALL
SELECT 'totals', NULL, NULL, (SELECT count(*) FROM ev), (SELECT count(*) FROM dedup)
UNION ALL
SELECT 'messages', NULL, NULL, (SELECT count(*) FROM msg), 0`;

async function childDuckdbJson(file: string): Promise<RunResult> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const t0 = performance.now();
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const rows = (await con.runAndReadAll(SQL_JSON(file))).getRowObjects();
  const ms = performance.now() - t0;
  const n = (v: unknown) => Number(v);
  const counts: Record<string, { sent: number; delivered: number; failed: Record<string, number>; engaged: number; converted: number; optedOut: number; complained: number }> = {};
  let events = 0;
  let kept = 0;
  let messages = 0;
  for (const r of rows) {
    if (r.kind === 'route') counts[String(r.route)] = { sent: n(r.sent), delivered: n(r.delivered), failed: {}, engaged: 0, converted: 0, optedOut: 0, complained: 0 };
    else if (r.kind === 'totals') {
      events = n(r.sent);
      kept = n(r.delivered);
    } else if (r.kind === 'messages') messages = n(r.sent);
  }
  for (const r of rows) if (r.kind === 'failed') counts[String(r.route)]!.failed[String(r.reason)] = n(r.sent);
  con.closeSync();
  db.closeSync();
  return { ms, rssMB: peakRss(), events, duplicates: events - kept, messages, counts };
}

/** Parse only: every record's fields found, nothing counted. */
async function childParse(file: string, which: string): Promise<RunResult> {
  const t0 = performance.now();
  let rows = 0;
  if (which === 'importer reader') {
    const { Source } = await import('../../electron/import/source.js');
    const { readCsv } = await import('../../electron/import/csv.js');
    const src = await Source.open(file);
    await readCsv(src, ',', () => ({ row: () => (rows++, false) }));
    await src.close();
  } else if (which === 'csv-parse') {
    const { parse } = await import('csv-parse');
    // info: the line of each record, which error messages and anomalies need
    for await (const r of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true, info: true })) as AsyncIterable<unknown>) if (r) rows++;
  } else {
    const req = createRequire(join(process.env.BENCH_PARSERS_DIR!, 'x.js'));
    if (which === 'papaparse') {
      const Papa = req('papaparse');
      await new Promise((done) => Papa.parse(createReadStream(file, { highWaterMark: 1 << 20 }), { chunk: (r: { data: unknown[] }) => (rows += r.data.length), complete: done }));
    } else if (which === 'udsv') {
      const { inferSchema, initParser } = req('udsv');
      let p: { chunk: (s: string, f: unknown, cb: () => void) => void; end: () => void; stringArrs: unknown } | null = null;
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        const s = (chunk as Buffer).toString();
        p ??= initParser(inferSchema(s));
        p!.chunk(s, p!.stringArrs, () => rows++);
      }
      p?.end();
    } else if (which === 'csv-parser') {
      const csv = req('csv-parser');
      for await (const r of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(csv())) if (r) rows++;
    } else if (which === '@fast-csv/parse') {
      const { parse } = req('@fast-csv/parse');
      for await (const r of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse())) if (r) rows++;
    }
  }
  return { ms: performance.now() - t0, rssMB: peakRss(), rows };
}

function peakRss(): number {
  return process.resourceUsage().maxRSS / 1024; // kB → MB
}

// ---------------------------------------------------------------------------------------------
// The parent.

function run(args: string[]): Promise<RunResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [...process.execArgv, self, '--child', ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${args[0]}: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as RunResult);
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs the importer and DuckDB in turn on one file; prints the table and the targets; true when the counts agree. */
async function compare(label: string, file: string, kinds: [string, string], target: number, expected: Counts): Promise<{ ok: boolean; dm: number }> {
  const js: RunResult[] = [];
  const duck: RunResult[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    js.push(await run([kinds[0], file]));
    duck.push(await run([kinds[1], file]));
  }
  console.log(`${label}: ${ROUNDS} runs of each, alternating, in ${fmt(performance.now() - t0)}\n`);
  const jm = median(js.map((r) => r.ms));
  const dm = median(duck.map((r) => r.ms));
  const jr = Math.max(...js.map((r) => r.rssMB));
  const dr = Math.max(...duck.map((r) => r.rssMB));
  const row = (name: string, rs: RunResult[], ms: number, rss: number) =>
    `${name.padEnd(22)} ${fmt(ms).padStart(8)} ${fmt(Math.min(...rs.map((r) => r.ms))).padStart(8)} ${`${rss.toFixed(0)} MB`.padStart(9)}   ${rs.map((r) => (r.ms / 1000).toFixed(2)).join(' ')}`;
  console.log(`${'tool'.padEnd(22)} ${'median'.padStart(8)} ${'best'.padStart(8)} ${'peak RSS'.padStart(9)}   runs (s)`);
  console.log(row('importer', js, jm, jr));
  console.log(row('DuckDB', duck, dm, dr));
  const ours: Counts = { events: js[0]!.events!, duplicates: js[0]!.duplicates!, messages: js[0]!.messages!, counts: js[0]!.counts! };
  const same = (r: RunResult) => isDeepStrictEqual({ events: r.events, duplicates: r.duplicates, messages: r.messages, counts: r.counts }, ours);
  const asDuck = duck.every(same) && js.every(same);
  const byConstruction = isDeepStrictEqual(ours, expected);
  const ratio = jm / dm;
  const best = Math.min(...js.map((r) => r.ms)) / Math.min(...duck.map((r) => r.ms));
  console.log('');
  console.log(`time: importer / DuckDB = ${ratio.toFixed(2)}x on medians, ${best.toFixed(2)}x on best runs (target at most ${target}x): ${ratio <= target ? 'met' : 'MISSED'}`);
  console.log(`peak RSS: importer ${jr.toFixed(0)} MB (target under 300 MB): ${jr < 300 ? 'met' : 'MISSED'}; DuckDB ${dr.toFixed(0)} MB`);
  console.log(`counts identical to DuckDB's (events, duplicates, messages, every route's counts): ${asDuck ? 'yes' : 'NO'}`);
  console.log(`counts identical to the generator's (known by construction): ${byConstruction ? 'yes' : 'NO'}`);
  if (!asDuck || !byConstruction) console.log(JSON.stringify({ importer: ours, duckdb: duck[0], expected }, null, 1).slice(0, 4000));
  return { ok: asDuck && byConstruction, dm };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tco-bench-import-'));
  const only = process.env.BENCH_ONLY; // 'csv' or 'json': one of the two files
  let ok = true;
  try {
    if (only !== 'json') {
      const file = join(dir, 'events.csv');
      const t0 = performance.now();
      const expected = generateEvents(file, { events: EVENTS, seed: 1 });
      console.log(
        `generated ${expected.events.toLocaleString('en-US')} events, ${expected.messages.toLocaleString('en-US')} messages, ${(statSync(file).size / 1e6).toFixed(1)} MB in ${fmt(performance.now() - t0)} (${file})`,
      );
      const r = await compare('the generic event CSV', file, ['import', 'duckdb'], 1.5, {
        events: expected.events,
        duplicates: expected.duplicates,
        messages: expected.messages,
        counts: expectedCounts(expected),
      });
      ok &&= r.ok;

      // Parse only, one run each, for the record (why the importer reads CSV bytes itself).
      console.log('\nCSV parsers alone (parse only, one run each):');
      const parsers = ['importer reader', 'csv-parse'];
      if (process.env.BENCH_PARSERS_DIR) parsers.push('papaparse', 'udsv', 'csv-parser', '@fast-csv/parse');
      for (const p of parsers) {
        try {
          const pr = await run(['parse', file, p]);
          console.log(
            `  ${p.padEnd(18)} ${fmt(pr.ms).padStart(8)} ${`${pr.rssMB.toFixed(0)} MB`.padStart(8)}  ${pr.rows!.toLocaleString('en-US')} records  (${(pr.ms / r.dm).toFixed(2)}x DuckDB's whole job)`,
          );
        } catch (e) {
          console.log(`  ${p.padEnd(18)} not run: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      if (!process.env.BENCH_PARSERS_DIR) console.log('  (papaparse, udsv, csv-parser, @fast-csv/parse: set BENCH_PARSERS_DIR to a node_modules folder holding them)');
      rmSync(file, { force: true });
    }
    if (only !== 'csv') {
      // A nested webhook shape, gzip: WhatsApp Cloud API bodies, one a line (whatsapp-cloud-statuses).
      const file = join(dir, 'whatsapp-statuses.jsonl.gz');
      const t0 = performance.now();
      const expected = await generateWebhooks(file, { events: EVENTS });
      console.log(
        `\ngenerated ${expected.events.toLocaleString('en-US')} events (WhatsApp webhook bodies, gzip JSON Lines), ${expected.messages.toLocaleString('en-US')} messages, ${(statSync(file).size / 1e6).toFixed(1)} MB compressed in ${fmt(performance.now() - t0)} (${file})`,
      );
      const r = await compare('WhatsApp webhook bodies, gzip JSON Lines', file, ['import-json', 'duckdb-json'], 2, {
        events: expected.events,
        duplicates: expected.duplicates,
        messages: expected.messages,
        counts: expected.counts,
      });
      ok &&= r.ok;
    }
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const [kind, file, which] = process.argv.slice(at + 1) as [string, string, string?];
  const r =
    kind === 'import'
      ? await childImport(file)
      : kind === 'import-json'
        ? await childImport(file, true)
        : kind === 'duckdb'
          ? await childDuckdb(file)
          : kind === 'duckdb-json'
            ? await childDuckdbJson(file)
            : await childParse(file, which!);
  process.stdout.write(JSON.stringify(r) + '\n');
} else await main();
