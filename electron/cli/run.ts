/**
 * The `tco` command line (FORMAT.md): compute, segments, holdout, sample-size. A thin transport:
 * it parses arguments, calls the services and prints; bad input exits 2 with one line on stderr
 * naming the file, the JSON path or line, and the field.
 */
import './zod-jitless.js';
import { parseArgs } from 'node:util';
import { DocumentError } from '../api/document.js';
import { LIMITS } from '../api/limits.js';
import type { ImportOutput, WorkspaceState } from '../api/operations.js';
import { DEFAULT_DRAWS, DEFAULT_SEED, ModelError, targetWithinOne, type ComputeJson, type SegmentCount } from '../engine/index.js';
import type { HoldoutResult, SampleSize } from '../engine/stats.js';
import { createApp, type App } from '../services/app.js';
import type { ReportPrinter } from '../api/report.js';
import { chromiumPrinter } from '../export/chromium-printer.js';
import { FileError, decodeText, isSqliteFile, parseJsonText, readBytes } from '../services/files.js';
import { count, money, pct, priceChange, table, unitCost } from './format.js';
import { USAGE } from './usage.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Progress of a long command (a terminal shows it; a pipe does not need it). */
  progress?(text: string): void;
}

export class UsageError extends Error {}

type Json = ComputeJson;

interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parse(command: string, args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals: number): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' }, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '(.*)'$/, 'unknown option $1');
    throw new UsageError(`tco ${command}: ${msg}`);
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(
      positionals === 0
        ? `tco ${command}: unexpected argument ${JSON.stringify(parsed.positionals[0])}`
        : `tco ${command}: expected ${positionals} argument${positionals > 1 ? 's' : ''}, got ${parsed.positionals.length}`,
    );
  }
  return parsed;
}

function wholeNumber(command: string, flag: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`tco ${command}: --${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return Number(v);
}

function probability(command: string, flag: string, v: string | undefined, dflt?: number): number {
  if (v === undefined) {
    if (dflt === undefined) throw new UsageError(`tco ${command}: --${flag} is required`);
    return dflt;
  }
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || x <= 0 || x >= 1) throw new UsageError(`tco ${command}: --${flag} must be a number between 0 and 1 (exclusive), got ${JSON.stringify(v)}`);
  return x;
}

function fraction(command: string, flag: string, v: string | undefined): [number, number] {
  if (v === undefined) throw new UsageError(`tco ${command}: --${flag} X/N is required (conversions/group size, e.g. 412/9000)`);
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m) throw new UsageError(`tco ${command}: --${flag} must be X/N with whole numbers (e.g. 412/9000), got ${JSON.stringify(v)}`);
  const x = Number(m[1]);
  const n = Number(m[2]);
  if (n === 0) throw new UsageError(`tco ${command}: --${flag} group size N must be at least 1`);
  if (x > n) throw new UsageError(`tco ${command}: --${flag} has ${x} conversions out of ${n}: more than the group`);
  return [x, n];
}

function computeText(j: Json): string {
  const cur = j.baseCurrency as string;
  const vendors = j.vendors;
  const covered = vendors.filter((v) => v.tco);
  // The engine decides (exact decimals, first in document order on a tie); the command only shows it.
  const cheapest = vendors.find((v) => v.id === j.cheapest) ?? null;
  const rows = vendors.map((v) =>
    v.tco
      ? [
          `${v.id === cheapest?.id ? '* ' : '  '}${v.id}`,
          money(v.tco.nominal, cur),
          money(v.tco.npv, cur),
          unitCost(v.costPerSent),
          unitCost(v.costPerDelivered),
          unitCost(v.costPerEffective),
          v.uncertainty ? `${unitCost(v.uncertainty.costPerEffective.p5)}–${unitCost(v.uncertainty.costPerEffective.p95)}` : '—',
          v.uncertainty ? pct(v.uncertainty.pCheapest, 0) : '—',
          v.expectedRegret === null ? '—' : money(String(v.expectedRegret), cur),
          covered.length > 1 ? priceChange(v.priceToWin) : '—',
          v.roi === null ? '—' : pct(v.roi, 0),
          v.paybackMonth === null ? '—' : String(v.paybackMonth),
        ]
      : [`  ${v.id}`, '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', '—'],
  );
  const lines = [
    `${j.name || 'Workspace'} — ${cur}, ${j.horizonMonths} months from ${j.startMonth}`,
    '',
    table(['vendor', `TCO (${cur})`, 'NPV', 'per sent', 'per delivered', 'per effective', '5th–95th pct', 'P(cheapest)', 'exp. regret', 'price to win', 'ROI', 'payback'], rows),
  ];
  if (cheapest) lines.push('', `* cheapest per effective message: ${cheapest.id} (${cheapest.name})`);
  for (const v of vendors) if (v.uncovered.length) lines.push(`  ${v.id} does not cover ${v.uncovered.join(', ')}: no totals`);
  for (const v of vendors) if (v.assumed.length) lines.push(`  ${v.id}: assumed (workspace default) rates on ${v.assumed.join(', ')}`);
  for (const v of covered) {
    if (!v.tco) continue;
    const b = v.tco.byCategory;
    lines.push(
      `  ${v.id}: usage ${money(b.usage, cur)}, pass-through ${money(b.passThrough, cur)}, commit true-up ${money(b.commitTrueUp, cur)}, fees ${money(b.fees, cur)}, internal ${money(b.internal, cur)}, remediation ${money(b.remediation, cur)}`,
    );
  }
  for (const p of j.breakEven) {
    lines.push(`  break-even ${p.a} vs ${p.b}: ${p.multipliers.length ? p.multipliers.map((k) => `×${k}`).join(', ') + " of every stream's volume" : 'none between ×0.1 and ×10'}`);
  }
  if (covered.length > 1) {
    lines.push(`  price to win: the change of a vendor's prices at which it is the cheapest per effective message (− the cut it needs, + the leader's headroom)`);
  }
  lines.push(`  exp. regret: what choosing the vendor costs on average above the best unit cost of each draw`);
  lines.push(`  uncertainty: ${j.draws} draws, seed ${j.seed}`);
  if (j.scenarios.length > 0) {
    const head = ['scenario', ...vendors.flatMap((v) => [`${v.id} TCO`, `${v.id} per effective`]), 'cheapest'];
    const srows = j.scenarios.map((sc) => [
      sc.name,
      ...vendors.flatMap((v) => {
        const x = sc.vendors.find((y) => y.id === v.id);
        return [money(x?.tco?.nominal ?? null, cur), unitCost(x?.costPerEffective ?? null)];
      }),
      `${sc.cheapest ?? '—'}${sc.cheapest !== j.cheapest ? ' (flips)' : ''}`,
    ]);
    const base = ['(base)', ...vendors.flatMap((v) => [money(v.tco?.nominal ?? null, cur), unitCost(v.costPerEffective)]), j.cheapest ?? '—'];
    lines.push('', table(head, [base, ...srows]));
  }
  return lines.join('\n');
}

/** An API error of the dispatch, as the one line the command prints (naming the file). */
class CommandError extends Error {}

async function call<T>(app: App, op: string, input: unknown, file: string | null, documentKey?: string): Promise<T> {
  const r = await app.dispatch(op, input);
  if (r.ok) return r.value as T;
  const e = { ...r.error };
  // The document sent under `documentKey` is the file itself: its paths start at the file's root.
  const inDocument = documentKey ? `$.${documentKey}` : null;
  if (inDocument && e.path?.startsWith(inDocument)) e.message = e.message.replace(inDocument, '$');
  // Store and file errors already start with the file; document and model errors give a JSON path.
  const named = e.file !== undefined || file === null || e.message.startsWith(file) ? e.message : `${file}: ${e.message}`;
  throw new CommandError(named);
}

/** A workspace file (SQLite) is opened through the API; a document is read here and sent whole. */
async function source(app: App, file: string): Promise<{ handle: string } | { document: unknown }> {
  const bytes = readBytes(file);
  if (isSqliteFile(bytes)) {
    const state = await call<WorkspaceState>(app, 'workspace.open', { path: file }, file);
    return { handle: state.handle };
  }
  return { document: parseJsonText(decodeText(bytes, file), file) };
}

async function run(argv: string[], io: Io, app: App): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'compute': {
      const p = parse('compute', args, { draws: { type: 'string' }, seed: { type: 'string' } }, 1);
      const draws = wholeNumber('compute', 'draws', p.values.draws as string | undefined, DEFAULT_DRAWS, 0, 1_000_000);
      const seed = wholeNumber('compute', 'seed', p.values.seed as string | undefined, DEFAULT_SEED, 0, 4294967295);
      const file = p.positionals[0]!;
      // The text shows neither the sensitivity nor the months: --json alone computes them (the
      // sensitivity bills every vendor 18 times more, nine inputs at ×0.8 and ×1.2: ~50 ms here).
      const textOnly = p.values.json ? {} : { sensitivity: false, monthly: false };
      const j = await call<Json>(app, 'compute', { ...(await source(app, file)), draws, seed, ...textOnly }, file, 'document');
      // An open workspace file is computed as the app computes it, a scenario that does not apply
      // failing alone; the command keeps MODEL.md section 7: that is an input error, naming the
      // scenario and the operation, and nothing is printed on stdout.
      const failed = j.scenarios.find((sc) => sc.error);
      if (failed?.error) throw new CommandError(`${file}: ${failed.error.path}: ${failed.error.message}`);
      io.out(p.values.json ? JSON.stringify(j, null, 2) : computeText(j));
      return 0;
    }
    case 'new': {
      const p = parse('new', args, { from: { type: 'string' } }, 1);
      const file = p.positionals[0]!;
      const from = p.values.from as string | undefined;
      const input: { path: string; from?: unknown } = { path: file };
      if (from !== undefined) input.from = parseJsonText(decodeText(readBytes(from), from), from);
      const state = await call<WorkspaceState>(app, 'workspace.create', input, from ?? file, 'from');
      if (p.values.json) io.out(JSON.stringify({ path: state.path }, null, 2));
      else io.out(`created ${state.path}${from ? ` from ${from}` : ''}`);
      return 0;
    }
    case 'export': {
      const p = parse('export', args, { json: { type: 'string' }, xlsx: { type: 'string' }, pdf: { type: 'string' }, csv: { type: 'string' }, table: { type: 'string' } }, 1);
      const file = p.positionals[0]!;
      if ((['json', 'xlsx', 'csv', 'pdf'] as const).filter((k) => p.values[k] !== undefined).length > 1)
        throw new UsageError('tco export: one output at a time: --json OUT, --xlsx OUT, --csv OUT or --pdf OUT');
      if (p.values.table !== undefined && p.values.csv === undefined) throw new UsageError('tco export: --table goes with --csv OUT');
      if (p.values.pdf !== undefined) {
        // The report of a workspace file or a document (.json), with the app screen's draws and seed (2,000, seed 1).
        const written = await call<{ path: string; pages: number }>(app, 'export.pdf', { ...(await source(app, file)), path: p.values.pdf as string }, file, 'document');
        io.err(`wrote ${written.path} (${written.pages} page${written.pages === 1 ? '' : 's'})`);
        return 0;
      }
      if (p.values.xlsx !== undefined || p.values.csv !== undefined) {
        // The workbook or a CSV table of a workspace file or a document (.json), 10,000 draws, seed 1.
        const table = (p.values.table as string | undefined) ?? 'compare';
        if (table !== 'compare' && table !== 'monthly') throw new UsageError(`tco export: --table must be compare or monthly, got ${JSON.stringify(table)}`);
        const [op, out, extra] = p.values.xlsx !== undefined ? ['export.xlsx', p.values.xlsx as string, {}] : ['export.csv', p.values.csv as string, { table }];
        const written = await call<{ path: string }>(app, op, { ...(await source(app, file)), path: out, ...extra }, file, 'document');
        io.err(`wrote ${written.path}`);
        return 0;
      }
      const out = p.values.json;
      if (typeof out !== 'string') throw new UsageError('tco export: say what to write: --json OUT, --xlsx OUT, --csv OUT or --pdf OUT');
      const state = await call<WorkspaceState>(app, 'workspace.open', { path: file }, file);
      const written = await call<{ path: string }>(app, 'workspace.exportDocument', { handle: state.handle, path: out }, out);
      io.err(`wrote ${written.path}`);
      return 0;
    }
    case 'segments': {
      const p = parse('segments', args, {}, 1);
      const text = p.positionals[0]!;
      if (text.length > LIMITS.textChars) throw new UsageError(`tco segments: TEXT has ${count(text.length)} characters; at most ${count(LIMITS.textChars)} can be counted`);
      const s = await call<SegmentCount>(app, 'segments', { text }, null);
      if (p.values.json) io.out(JSON.stringify(s, null, 2));
      else {
        io.out(
          `${s.encoding}: ${s.segments} segment${s.segments === 1 ? '' : 's'}, ${s.units} ${s.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'}, ${s.perSegment} per segment` +
            (s.ucs2Chars.length ? `\nforced UCS-2 by: ${s.ucs2Chars.map((c) => `${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}` : ''),
        );
      }
      return 0;
    }
    case 'holdout': {
      const p = parse('holdout', args, { exposed: { type: 'string' }, holdout: { type: 'string' } }, 0);
      const [x1, n1] = fraction('holdout', 'exposed', p.values.exposed as string | undefined);
      const [x0, n0] = fraction('holdout', 'holdout', p.values.holdout as string | undefined);
      const h = await call<HoldoutResult>(app, 'holdout', { exposed: [x1, n1], holdout: [x0, n0] }, null);
      if (p.values.json) io.out(JSON.stringify(h, null, 2));
      else {
        io.out(
          [
            `exposed ${x1}/${n1} = ${pct(h.p1, 2)}, holdout ${x0}/${n0} = ${pct(h.p0, 2)}`,
            `absolute lift ${pct(h.absoluteLift, 2)} (95% CI ${pct(h.ci95[0], 2)} to ${pct(h.ci95[1], 2)}, Newcombe)`,
            `relative lift ${h.relativeLift === null ? '— (holdout rate is 0)' : pct(h.relativeLift, 1)}`,
            `z ${h.z === null ? '—' : h.z.toFixed(3)}, two-sided p-value ${h.pValue.toPrecision(3)}`,
          ].join('\n'),
        );
      }
      return 0;
    }
    case 'sample-size': {
      const p = parse('sample-size', args, { p0: { type: 'string' }, lift: { type: 'string' }, alpha: { type: 'string' }, power: { type: 'string' } }, 0);
      const p0 = probability('sample-size', 'p0', p.values.p0 as string | undefined);
      const lift = probability('sample-size', 'lift', p.values.lift as string | undefined);
      const alpha = probability('sample-size', 'alpha', p.values.alpha as string | undefined, 0.05);
      const power = probability('sample-size', 'power', p.values.power as string | undefined, 0.8);
      if (!targetWithinOne(p0, lift)) throw new UsageError(`tco sample-size: --p0 plus --lift is the target rate and must be at most 1, got ${p0} + ${lift}`);
      const s = await call<SampleSize>(app, 'sampleSize', { p0, lift, alpha, power }, null);
      if (p.values.json) io.out(JSON.stringify(s, null, 2));
      else io.out(`${count(s.perGroup)} per group, ${count(s.total)} in all (p0 ${p0}, lift ${lift}, alpha ${alpha}, power ${power})`);
      return 0;
    }
    case 'import': {
      if (args.includes('--formats')) {
        const p = parse('import', args, { formats: { type: 'boolean' } }, 0);
        const { formats } = await call<{ formats: { name: string; label: string; kind: string; builtIn: boolean }[] }>(app, 'import.formats', {}, null);
        if (p.values.json) io.out(JSON.stringify({ formats: formats.map((f) => ({ name: f.name, label: f.label, kind: f.kind, builtIn: f.builtIn })) }, null, 2));
        else {
          const width = Math.max(...formats.map((f) => f.name.length));
          io.out(formats.map((f) => `${f.name.padEnd(width)}  ${f.label}${f.builtIn ? '' : ' (saved)'}`).join('\n'));
        }
        return 0;
      }
      const p = parse(
        'import',
        args,
        { vendor: { type: 'string' }, format: { type: 'string' }, mapping: { type: 'string' }, kind: { type: 'string' }, 'time-zone': { type: 'string' }, 'time-format': { type: 'string' } },
        2,
      );
      const [workspace, events] = p.positionals as [string, string];
      const vendor = p.values.vendor;
      if (typeof vendor !== 'string' || vendor === '') throw new UsageError('tco import: --vendor ID is required (the vendor whose pilot the events are)');
      const format = p.values.format as string | undefined;
      const mappingFile = p.values.mapping as string | undefined;
      let kind = p.values.kind as string | undefined;
      if (kind !== undefined && kind !== 'csv' && kind !== 'jsonl') throw new UsageError(`tco import: --kind must be csv or jsonl, got ${JSON.stringify(kind)}`);
      if (format !== undefined && mappingFile !== undefined) throw new UsageError('tco import: give --format or --mapping, not both');
      if (kind !== undefined && mappingFile === undefined) throw new UsageError('tco import: --kind goes with --mapping (a format knows its own kind)');
      let mapping: unknown;
      let presetShaped = false;
      if (mappingFile !== undefined) {
        // A mapping file holds a column mapping, or a saved preset ({ kind, mapping }).
        const raw = parseJsonText(decodeText(readBytes(mappingFile), mappingFile), mappingFile) as { mapping?: unknown; kind?: unknown } | null;
        if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'mapping' in raw && !('columns' in raw)) {
          presetShaped = true;
          mapping = raw.mapping;
          if (kind === undefined && (raw.kind === 'csv' || raw.kind === 'jsonl')) kind = raw.kind;
        } else mapping = raw;
        kind ??= /\.(jsonl|ndjson|json)(\.gz)?$/i.test(events) ? 'jsonl' : 'csv';
      }
      // The zone (or text format) of the file's times: the format's mapping with it.
      const timeZone = p.values['time-zone'] as string | undefined;
      const timeFormat = p.values['time-format'] as string | undefined;
      if (timeZone !== undefined || timeFormat !== undefined) {
        if (mapping === undefined) {
          const name = format ?? (/\.(jsonl|ndjson|json)(\.gz)?$/i.test(events) ? 'events-jsonl' : 'events-csv');
          const { formats } = await call<{ formats: { name: string; kind: 'csv' | 'jsonl'; mapping: unknown; counts?: boolean }[] }>(app, 'import.formats', {}, null);
          const f = formats.find((x) => x.name === name);
          if (!f) throw new UsageError(`tco import: unknown format ${JSON.stringify(name)} (tco import --formats lists them)`);
          if (name === 'route-counts-csv') throw new UsageError('tco import: route-counts-csv holds counts, no times: --time-zone and --time-format do not apply');
          mapping = f.mapping;
          kind = f.kind;
        }
        if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) throw new UsageError('tco import: --time-zone and --time-format need a mapping that is a JSON object');
        mapping = { ...(mapping as object), ...(timeZone !== undefined ? { timeZone } : {}), ...(timeFormat !== undefined ? { timeFormat } : {}) };
      }
      const state = await call<WorkspaceState>(app, 'workspace.open', { path: workspace }, workspace);
      const out = await call<ImportOutput>(
        app,
        'import',
        { handle: state.handle, path: events, vendorId: vendor, ...(format && mapping === undefined ? { format } : {}), ...(mapping !== undefined ? { mapping, kind: kind as 'csv' | 'jsonl' } : {}) },
        mappingFile ?? events,
        // A bare mapping file is the input's `mapping`: its errors' paths start at the file's root.
        mappingFile !== undefined && !presetShaped ? 'mapping' : undefined,
      );
      const r = out.result;
      // Most likely the same log imported again: its messages now count twice. Said on stderr either way.
      if (out.repeated.length) {
        io.err(
          `tco import: warning: the pilot results for ${out.repeated.join(', ')} equal ones vendor ${vendor} already had in ${workspace}: if ${events} was imported before, its messages now count twice (Undo in the app removes this import)`,
        );
      }
      // FORMAT.md v1.2's keys, each present (ignored and untimed too when there are none), then `repeated`.
      const v12 = r as typeof r & { ignored?: Record<string, number>; untimed?: number };
      if (p.values.json) io.out(JSON.stringify({ ...r, ignored: v12.ignored ?? {}, untimed: v12.untimed ?? 0, repeated: out.repeated }, null, 2));
      else {
        const lines = [`imported ${r.file} into ${vendor}: ${r.events} events (${r.duplicates} duplicates dropped), ${r.messages} messages`];
        const ignored = (r as { ignored?: Record<string, number> }).ignored;
        const untimed = (r as { untimed?: number }).untimed;
        if (ignored)
          lines.push(
            `  read past: ${Object.entries(ignored)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}`,
          );
        if (untimed) lines.push(`  ${untimed} events without a time (kept, before the timed ones of their message)`);
        for (const [route, c] of Object.entries(r.counts)) {
          const failed = Object.values(c.failed).reduce((a, b) => a + b, 0);
          lines.push(
            `  ${route}: sent ${c.sent}, delivered ${c.delivered}, failed ${failed}, engaged ${c.engaged}, converted ${c.converted}${c.holdout ? `; holdout ${c.holdout.converted}/${c.holdout.members}` : ''}`,
          );
        }
        for (const [route, c] of Object.entries(r.counts)) {
          const reasons = Object.entries(c.failed).sort((a, b) => b[1] - a[1]);
          if (reasons.length) lines.push(`  ${route} failures by reason: ${reasons.map(([k, n]) => `${k} ${n}`).join(', ')}`);
        }
        if (r.anomalies.length) {
          lines.push(`  ${r.anomalies.length} anomalies (reported, not fixed):`);
          for (const a of r.anomalies.slice(0, 10)) lines.push(`    line ${a.line}: ${a.kind} (message ${a.messageId})`);
          if (r.anomalies.length > 10) lines.push(`    … and ${r.anomalies.length - 10} more (--json lists them all)`);
        }
        io.out(lines.join('\n'));
      }
      return 0;
    }
    case undefined:
      // No command is a usage error: the usage goes to stderr, with status 2.
      io.err(USAGE);
      return 2;
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return 0;
    default:
      throw new UsageError(`tco: unknown command ${JSON.stringify(command)} (commands: compute, new, export, import, segments, holdout, sample-size)`);
  }
}

/** Run the command; returns the exit code (0 ok, 2 bad input, 1 unexpected failure). */
export async function runCli(argv: string[], io: Io, options: { printer?: ReportPrinter } = {}): Promise<number> {
  const app = createApp({
    dataDir: null,
    printer: options.printer ?? chromiumPrinter({ log: (line) => io.err(`tco export: ${line}`) }),
    onProgress: (_op, p) => io.progress?.(`${(p.bytesRead / 1048576).toFixed(1)} of ${(p.totalBytes / 1048576).toFixed(1)} MB read (${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%)`),
  });
  try {
    return await run(argv, io, app);
  } catch (e) {
    if (e instanceof UsageError || e instanceof FileError || e instanceof CommandError) {
      io.err(oneLine(e.message));
      return 2;
    }
    if (e instanceof DocumentError || e instanceof ModelError) {
      // The commands wrap these in FileError with their file; one that escapes names no file.
      io.err(oneLine(`tco ${argv[0] ?? ''}: ${e.message}`));
      return 2;
    }
    if (e instanceof RangeError) {
      io.err(oneLine(`tco ${argv[0] ?? ''}: ${e.message}`));
      return 2;
    }
    io.err(oneLine(`tco: unexpected error: ${(e as Error).message ?? String(e)}`));
    return 1;
  } finally {
    app.closeAll();
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
