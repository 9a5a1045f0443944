/**
 * The import screen's preview of a mapping, bounded to the first records of a file: what the file
 * holds (the fields of its first records as a tree of paths in the mapping language, with a sample
 * value each; the places records can lie; the status values under the mapping's status field, with
 * their counts), and what the mapping makes of it (each source record beside the event or events it
 * becomes, or why it is read past or refused; the counts per route, anomalies, ignored and untimed
 * records of those records, with their first lines).
 *
 * The events are made by the import's own code (RowBuilder, JsonRecords), told through their
 * preview hooks what each row becomes, so the preview cannot say other than the import will. Unlike
 * the import, a refused record does not stop it: the record is shown with the reason and the next
 * one read, so the screen can show every problem of the first records at once.
 */
import { EVENT_NAMES, ImportError, type ImportResult } from './events.js';
import { JsonRecords, jsonSlots, readJson } from './json.js';
import { readCsv } from './csv.js';
import { NUMBER_SLOT, PRESETS, checkMapping, columnsOf, slotNames, type ColumnMapping, type Qualifier } from './mapping.js';
import { collect, compilePath, keyPath, valueAt, type Path } from './paths.js';
import { F_EVENT, F_MESSAGE_ID, F_ROUTE, F_TIMESTAMP, RowBuilder, fieldLabels, type RowTrace } from './rows.js';
import { Source } from './source.js';
import type { FieldNode, ImportTrial, QualifierSeen, StatusSeen, TrialLine } from '../api/import-model.js';

export type { FieldNode, ImportTrial, QualifierSeen, StatusSeen, TrialLine };

/** Records read for a preview, lines shown, first lines kept per kind, values walked for the tree. */
export const TRIAL_RECORDS = 200;
const LINES_SHOWN = 40;
const FIRST_LINES = 5;
const TREE_VALUES = 20;
const TREE_NODES = 400;
const ARRAY_ELEMENTS = 20;
const SOURCE_CHARS = 400;

/** A name as one step of a path: as written when the language allows, else `["…"]`. */
function step(path: string, key: string): string {
  const plain = key !== '' && key !== '$' && !/[.[\]"]/.test(key);
  if (!plain) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function sampleOf(v: unknown): string {
  if (typeof v === 'string') return v.length > 60 ? `${v.slice(0, 57)}...` : v;
  return String(v);
}

/**
 * The fields of JSON values as a tree, in the order first seen: every object key and array (`[]`,
 * its elements walked together), with the first value seen under each leaf. `arrays` says how an
 * array is written: `[]` (every element: where records lie) or `[0]` (the first: a field of a
 * record, such as `errors[0].code`).
 */
export class FieldTree {
  private readonly nodes = new Map<string, FieldNode>();
  constructor(private readonly arrays: '[]' | '[0]') {}

  add(v: unknown): void {
    this.walk(v, '', -1); // a top-level key is at depth 0
  }

  private node(path: string, depth: number, kind: FieldNode['kind']): FieldNode | null {
    let n = this.nodes.get(path);
    if (!n) {
      if (this.nodes.size >= TREE_NODES) return null;
      n = { path, depth, kind, sample: null, count: 0 };
      this.nodes.set(path, n);
    }
    n.count++;
    return n;
  }

  /** `depth`: the steps of `path` (a list's elements are at the list's own depth); `element`: v is one of the list `path`'s. */
  private walk(v: unknown, path: string, depth: number, element = false): void {
    if (v === null || v === undefined) {
      if (path !== '' && !element) this.node(path, depth, 'value');
      return;
    }
    if (Array.isArray(v)) {
      const here = `${path}${this.arrays}`;
      const objects = v.some((e) => typeof e === 'object' && e !== null && !Array.isArray(e));
      const n = this.node(here, depth, objects ? (this.arrays === '[]' ? 'records' : 'object') : 'list');
      const elements = this.arrays === '[0]' ? v.slice(0, 1) : v.slice(0, ARRAY_ELEMENTS);
      for (const e of elements) {
        if (typeof e === 'object' && e !== null) this.walk(e, here, depth, true);
        else if (n && n.sample === null && e !== '') n.sample = sampleOf(e);
      }
      return;
    }
    if (typeof v === 'object') {
      if (path !== '' && !element) this.node(path, depth, 'object');
      for (const [k, x] of Object.entries(v)) this.walk(x, step(path, k), depth + 1);
      return;
    }
    const n = this.node(path, depth, 'value');
    if (n && n.sample === null && v !== '') n.sample = sampleOf(v);
  }

  list(): FieldNode[] {
    return [...this.nodes.values()];
  }
}

/** The records of a JSON value as the mapping's record paths find them (json.ts does the same for the import), with the status their path gives. */
function recordsOf(v: unknown, records: { path: Path; status: string | null }[]): { records: unknown[]; status: string | null } {
  if (records.length === 0) return { records: [v], status: null };
  for (const r of records) {
    const found: unknown[] = [];
    collect(v, r.path.steps, 0, found);
    const out = found.map((x) => (typeof x === 'string' ? embedded(x) : x)).filter((x) => typeof x !== 'string' && x !== undefined);
    if (out.length > 0) return { records: out, status: r.status };
  }
  return { records: [], status: null };
}

function embedded(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/** An importer's refusal in the screen's words: the field as the file names it, and what to do (no option names of the command line). */
export function inWords(e: ImportError): string {
  let d = e.detail
    .replace(/unknown event ("(?:[^"\\]|\\.)*") \(events: [^)]*\); add it to the format's status values, as an event or as ignored/, 'the status $1 is not in the status table: choose what it is')
    .replace(/set the time zone of the format \(timeZone[^)]*\) to say which zone the file's times are in/, 'choose the time zone the file writes its times in')
    .replace(/; if the file writes times another way, set the time format of the format \(timeFormat[^)]*\)/, '; if the file writes times another way, choose its time format')
    .replace(/ \(values: [^)]*\); add it to the format's qualifier values/, '')
    .replace(/^must be [^"]*, got ("(?:[^"\\]|\\.)*")$/, '$1 is not in the cohort table: choose whether it is exposed or holdout')
    .replace(/^("(?:[^"\\]|\\.)*") is not a class the format knows \(classes: .*\)$/, '$1 is not in the class table: give it a class')
    .replace(/^("(?:[^"\\]|\\.)*") is not a class the format knows \(letters, digits, _ \. or -\)$/, '$1 is not a class as written (letters, digits, _ . or -): give it one in the class table');
  d = d.charAt(0).toUpperCase() + d.slice(1);
  // The field as the file names it, unless the sentence says what it is (a status, by its value).
  return e.field && !d.startsWith('The status ') ? `${e.field}: ${d}` : d;
}

export interface TrialOptions {
  kind: 'csv' | 'jsonl';
  /** The mapping to try (a format's own, or the user's); null: only what the file holds. */
  mapping: ColumnMapping | null;
  /** Why the mapping cannot be tried yet (said in the preview), when it is null. */
  mappingProblem?: string | null;
  now: number;
  records?: number;
  /**
   * A mapping not complete yet (mappingProblem says why): its record paths and status field are
   * still used, so the fields and statuses shown are those of the records the user chose.
   */
  shape?: unknown;
}

/** The record paths and status field of a mapping that may be anything (one being built). */
function looseShape(m: unknown): ColumnMapping | null {
  if (typeof m !== 'object' || m === null) return null;
  const o = m as Record<string, unknown>;
  const text = (x: unknown): x is string => typeof x === 'string' && x !== '';
  const recs = (Array.isArray(o.records) ? o.records : o.records === undefined ? [] : [o.records]).flatMap((r): (string | { path: string; status: string })[] => {
    if (text(r)) return [r];
    const x = r as Record<string, unknown> | null;
    return x && text(x.path) && text(x.status) ? [{ path: x.path, status: x.status }] : [];
  });
  const cols = typeof o.columns === 'object' && o.columns !== null ? (o.columns as Record<string, unknown>) : {};
  const event = (Array.isArray(cols.event) ? cols.event : [cols.event]).filter(text);
  const events = typeof o.events === 'object' && o.events !== null ? (o.events as Record<string, null>) : undefined;
  const qualifiers: Record<string, Qualifier> = {};
  if (typeof o.qualifiers === 'object' && o.qualifiers !== null) {
    for (const [status, q] of Object.entries(o.qualifiers as Record<string, { field?: unknown; values?: unknown }>)) {
      const field = (Array.isArray(q?.field) ? q.field : [q?.field]).filter(text);
      if (field.length > 0) qualifiers[status] = { field, values: typeof q.values === 'object' && q.values !== null ? (q.values as Record<string, null>) : {} };
    }
  }
  const cohort = (Array.isArray(cols.cohort) ? cols.cohort : [cols.cohort]).filter(text);
  const cohorts = typeof o.cohorts === 'object' && o.cohorts !== null ? (o.cohorts as Record<string, 'exposed'>) : undefined;
  const rule = typeof o.routeFrom === 'object' && o.routeFrom !== null ? (o.routeFrom as Record<string, unknown>) : null;
  const classFrom = (Array.isArray(rule?.classFrom) ? rule.classFrom : [rule?.classFrom]).filter(text);
  const classes = typeof rule?.classes === 'object' && rule.classes !== null ? (rule.classes as Record<string, string>) : undefined;
  return {
    columns: { ...(event.length ? { event } : {}), ...(cohort.length ? { cohort } : {}) },
    ...(cohorts ? { cohorts } : {}),
    ...(classFrom.length ? { routeFrom: { channel: 'sms' as const, classFrom, ...(classes ? { classes } : {}) } } : {}),
    ...(o.version === 2 ? { version: 2 as const } : {}),
    ...(recs.length ? { records: recs } : {}),
    ...(events ? { events } : {}),
    ...(Object.keys(qualifiers).length ? { qualifiers } : {}),
  };
}

export interface TrialOutput {
  /** JSON: the fields of the first records (arrays as `[0]`); CSV: the columns, each with its first value. */
  fields: FieldNode[];
  /** JSON: the tree of the first values (arrays as `[]`), where records can lie; CSV: []. */
  tree: FieldNode[];
  statuses: StatusSeen[];
  /** Per status a second field decides (the mapping's qualifiers): the values seen under that field in its records. */
  qualifierValues: QualifierSeen[];
  /** The values seen under the cohort field (empty ones left out: they take the default cohort). */
  cohortValues: StatusSeen[];
  /** The values seen under the route rule's class field (WhatsApp's pricing.category). */
  classValues: StatusSeen[];
  trial: ImportTrial | null;
}

/** What the first records of a file hold, and what the mapping makes of them (the file's comment). */
export async function tryMapping(file: string, options: TrialOptions): Promise<TrialOutput> {
  const limit = Math.max(1, Math.min(options.records ?? TRIAL_RECORDS, 1000));
  const mapping = options.mapping;
  /** What gives the records and their status values: the mapping, or the parts of one being built. */
  const shape = mapping ?? looseShape(options.shape);
  const lines: TrialLine[] = [];
  const statusCounts = new Map<string, number>();
  const known = knownStatuses(shape);
  const refused: number[] = [];
  let refusedCount = 0;
  const ignoredLines: number[] = [];
  const untimedLines: number[] = [];
  let records = 0;
  let noRecords = 0;
  let complete = true;
  let current: TrialLine | null = null;
  let builder: RowBuilder | null = null;
  let problem: string | null = mapping ? null : (options.mappingProblem ?? null);

  const begin = (line: number, source: string) => {
    records++;
    current = { line, source: source.length > SOURCE_CHARS ? `${source.slice(0, SOURCE_CHARS - 3)}...` : source, becomes: [], refused: null };
    if (lines.length < LINES_SHOWN) lines.push(current);
  };
  const refuse = (e: unknown) => {
    if (!(e instanceof ImportError) || e.code !== 'INVALID_FILE') throw e;
    refusedCount++;
    const line = e.line ?? current?.line ?? 0;
    if (refused.length < FIRST_LINES && !refused.includes(line)) refused.push(line);
    if (current && current.refused === null) current.refused = inWords(e);
  };
  const traced = (t: RowTrace) => {
    if (t.event === null && ignoredLines.length < FIRST_LINES && !ignoredLines.includes(t.line)) ignoredLines.push(t.line);
    if (t.untimed && untimedLines.length < FIRST_LINES && !untimedLines.includes(t.line)) untimedLines.push(t.line);
    const b = { event: t.event, status: t.status, route: t.route, messageId: t.messageId, reason: t.reason, untimed: t.untimed, duplicate: false };
    current?.becomes.push(b);
    if (t.seq > 0 && current && lines.includes(current)) bySeq.set(t.seq, b);
  };
  /** The events shown, by their row's number, to mark those dropped as retried duplicates when the batch is counted. */
  const bySeq = new Map<number, TrialLine['becomes'][number]>();
  const duplicate = (seq: number) => {
    const b = bySeq.get(seq);
    if (b) b.duplicate = true;
  };
  const seen = (status: string) => {
    if (status !== '') statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
  };
  // Statuses a second field decides: per status (lower case), its field and the values seen there.
  const quals = new Map(
    Object.entries(shape?.qualifiers ?? {}).map(([status, q]) => [status.toLowerCase(), { status, q, field: Array.isArray(q.field) ? q.field[0]! : q.field, counts: new Map<string, number>() }]),
  );
  const qualSeen = (status: string, value: () => string) => {
    const e = quals.get(status.toLowerCase());
    if (!e) return;
    const v = value();
    e.counts.set(v, (e.counts.get(v) ?? 0) + 1);
  };
  // The values of the cohort field and of the class field, per record (their tables on screen).
  const cohortCounts = new Map<string, number>();
  const classCounts = new Map<string, number>();
  const cohortField = shape ? columnsOf(shape, 'cohort')[0] : undefined;
  const classField = first(shape?.routeFrom?.classFrom);
  const tally = (counts: Map<string, number>, v: unknown) => {
    const x = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v).trim() : '';
    if (x !== '') counts.set(x, (counts.get(x) ?? 0) + 1);
  };
  const enough = new Error('enough');

  let fields: FieldNode[] = [];
  let tree: FieldNode[] = [];
  const src = await Source.open(file, { chunk: 1 << 16, kind: options.kind });
  try {
    if (options.kind === 'csv') {
      const m = mapping;
      let eventCols: number[] = [];
      const firsts: (string | null)[] = [];
      let names: string[] = [];
      let delim = ',';
      const qualCols = new Map<string, number>();
      let cohortCol = -1;
      let classCol = -1;
      const parser = await readCsv(src, mapping?.delimiter, (columns, parser, line) => {
        names = columns.map((c) => c.trim());
        delim = String.fromCharCode(parser.delim);
        const lower = names.map((c) => c.toLowerCase());
        const eventNames = shape ? columnsOf(shape, 'event') : [];
        eventCols = eventNames.map((n) => lower.indexOf(n.trim().toLowerCase())).filter((i) => i >= 0);
        for (const e of quals.values()) qualCols.set(e.status.toLowerCase(), lower.indexOf(e.field.trim().toLowerCase()));
        cohortCol = cohortField === undefined ? -1 : lower.indexOf(cohortField.trim().toLowerCase());
        classCol = classField === undefined ? -1 : lower.indexOf(classField.trim().toLowerCase());
        if (m) {
          try {
            builder = csvBuilder(file, m, options.now, columns, parser.names, line);
          } catch (e) {
            if (!(e instanceof ImportError)) throw e;
            problem = inWords(e);
          }
        }
        parser.fields = 0; // a row of another length is shown refused, below
        const b = builder as RowBuilder | null;
        if (b) {
          b.trace = traced;
          b.onDuplicate = duplicate;
        }
        return {
          row: (buf, nf, l) => {
            const cells: string[] = [];
            for (let i = 0; i < nf; i++) cells.push(parser.text(buf, i));
            cells.forEach((c, i) => {
              if (firsts[i] === undefined || firsts[i] === null) firsts[i] = c.trim() === '' ? null : c.trim();
            });
            begin(l, cells.map((c) => (c.includes(delim) || c.includes('"') || /[\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(delim));
            const ev = eventCols.map((i) => cells[i]?.trim() ?? '').find((x) => x !== '');
            if (ev !== undefined) {
              seen(ev);
              qualSeen(ev, () => cells[qualCols.get(ev.toLowerCase()) ?? -1]?.trim() ?? '');
            }
            if (cohortCol >= 0) tally(cohortCounts, cells[cohortCol]);
            if (classCol >= 0) tally(classCounts, cells[classCol]);
            if (b) {
              if (nf !== names.length) refuse(new ImportError('INVALID_FILE', file, l, null, `has ${nf} field${nf === 1 ? '' : 's'} where the header has ${names.length}`));
              else {
                try {
                  b.record(buf, parser.starts, parser.ends, parser.esc, l);
                } catch (e) {
                  refuse(e);
                }
              }
            }
            if (records >= limit) {
              complete = false;
              return true;
            }
            return false;
          },
          flush: () => (builder as RowBuilder | null)?.flush(),
        };
      });
      if (!parser) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no header line');
      fields = names.map((path, i) => ({ path, depth: 0, kind: 'value' as const, sample: firsts[i] ?? null, count: 1 }));
    } else {
      const recordPaths = (shape?.records === undefined ? [] : Array.isArray(shape.records) ? shape.records : [shape.records]).flatMap((r) => {
        const p = compilePath(typeof r === 'string' ? r : r.path);
        return typeof p === 'string' ? [] : [{ path: p, status: typeof r === 'string' ? null : r.status }];
      });
      const eventPaths = (shape ? columnsOf(shape, 'event') : []).flatMap((n) => {
        const p = shape?.version === 2 ? compilePath(n) : keyPath(n);
        return typeof p === 'string' ? [] : [p];
      });
      const pathOf = (name: string | undefined) => {
        if (name === undefined) return null;
        const p = shape?.version === 2 ? compilePath(name) : keyPath(name);
        return typeof p === 'string' || p.many ? null : p;
      };
      const cohortPath = pathOf(cohortField);
      const classPath = pathOf(classField);
      const valueTree = new FieldTree('[]');
      const recordTree = new FieldTree('[0]');
      let values = 0;
      let jr: JsonRecords | null = null;
      if (mapping) {
        try {
          const { keys, cols } = jsonSlots(mapping);
          const b = new RowBuilder(file, mapping, options.now, cols, keys, fieldLabels(mapping), 1024);
          b.trace = traced;
          b.onDuplicate = duplicate;
          builder = b;
          jr = new JsonRecords(
            file,
            mapping,
            keys,
            cols,
            // A refused record does not stop the preview: the next one is read.
            {
              record: (buf, s, e, esc, line) => {
                try {
                  b.record(buf, s, e, esc, line);
                } catch (x) {
                  refuse(x);
                }
              },
              flush: () => b.flush(),
            },
          );
          jr.onRecord = (o, line) => begin(line, JSON.stringify(o));
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
          problem = inWords(e);
          builder = null;
        }
      }
      try {
        await readJson(src, (v, line, nth) => {
          if (values++ < TREE_VALUES) valueTree.add(v);
          const found = recordsOf(v, recordPaths);
          // (One document may hold every record of the file: the fields and statuses of the first ones.)
          for (const r of found.records.length > limit ? found.records.slice(0, limit) : found.records) {
            recordTree.add(r);
            if (typeof r !== 'object' || r === null) continue;
            if (cohortPath) tally(cohortCounts, valueAt(r, cohortPath.steps));
            if (classPath) tally(classCounts, valueAt(r, classPath.steps));
            const status = found.status ?? eventPaths.map((p) => (p.many ? undefined : valueAt(r, p.steps))).find((x) => x !== undefined && x !== '');
            if (typeof status === 'string' || typeof status === 'number') {
              seen(String(status));
              qualSeen(String(status), () => {
                const path = compilePath(quals.get(String(status).toLowerCase())!.field);
                const x = typeof path === 'string' ? undefined : shape?.version === 2 ? valueAt(r, path.steps) : (r as Record<string, unknown>)[quals.get(String(status).toLowerCase())!.field];
                return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x).trim() : '';
              });
            }
          }
          if (jr && found.records.length === 0) {
            // The import counts such a value under ignored, as "(no records)".
            begin(line, JSON.stringify(v));
            noRecords++;
            traced({ line, status: '(no records)', event: null, messageId: '', route: null, reason: null, untimed: false, seq: 0 });
          } else if (jr) {
            const before = records;
            try {
              jr.value(v, line, nth);
            } catch (e) {
              // A value whose records cannot be read at all (not objects, lists that do not pair).
              if (records === before) begin(line, JSON.stringify(v));
              refuse(e);
            }
          } else {
            for (const r of found.records) begin(line, JSON.stringify(r));
          }
          if (found.records.length === 0 && !jr) begin(line, JSON.stringify(v));
          if (records >= limit) throw enough;
        });
      } catch (e) {
        if (e !== enough) throw e;
        complete = false;
      }
      tree = valueTree.list();
      fields = recordTree.list();
      if (values === 0) throw new ImportError('INVALID_FILE', file, null, null, 'the file holds no JSON values');
    }
  } finally {
    await src.close();
  }

  const statuses: StatusSeen[] = [...statusCounts].map(([value, count]) => ({ value, count, known: known === null || known.has(value.toLowerCase()) }));
  // A value of the second field is known when it is listed (or `*` is); an empty one leaves the status's own event.
  const qualifierValues: QualifierSeen[] = [...quals.values()].map((e) => {
    const listed = new Set(Object.keys(e.q.values).map((k) => k.toLowerCase()));
    return { status: e.status, field: e.field, values: [...e.counts].map(([value, count]) => ({ value, count, known: value === '' || listed.has(value.toLowerCase()) || listed.has('*') })) };
  });
  // A cohort value is known when the cohort table lists it (without a table: exposed and holdout).
  const cohortTable = new Set(Object.keys(shape?.cohorts ?? { exposed: 1, holdout: 1 }).map((k) => k.toLowerCase()));
  const cohortValues: StatusSeen[] = [...cohortCounts].map(([value, count]) => ({ value, count, known: cohortTable.has(value.toLowerCase()) }));
  // A class value is known when it gives a class: through the class table, else itself in lower case (as the import reads it).
  const classes = shape?.routeFrom?.classes;
  const classOf = (v: string) => (classes ? (Object.prototype.hasOwnProperty.call(classes, v) ? classes[v] : classes[v.toLowerCase()]) : v.toLowerCase());
  const classValues: StatusSeen[] = [...classCounts].map(([value, count]) => {
    const c = classOf(value);
    return { value, count, known: c !== undefined && CLASS_NAME.test(c) };
  });
  const seenValues = { qualifierValues, cohortValues, classValues };
  if (!mapping || !builder) return { fields, tree, statuses, ...seenValues, trial: problem === null ? null : emptyTrial(problem, records, complete, lines) };
  const b = builder as RowBuilder;
  let result: ImportResult | null = null;
  try {
    result = b.result(file);
    if (noRecords > 0) result.ignored = { ...result.ignored, '(no records)': noRecords };
  } catch (e) {
    if (!(e instanceof ImportError) || e.code !== 'INVALID_FILE') throw e;
    problem = inWords(e);
  }
  return {
    fields,
    tree,
    statuses,
    ...seenValues,
    trial: {
      records,
      complete,
      lines,
      result,
      problem,
      refused: { count: refusedCount, lines: refused },
      ignoredLines,
      untimedLines,
    },
  };
}

/** A class name, as the mapping's schema and the import check it (mapping.ts). */
const CLASS_NAME = /^[A-Za-z0-9_.-]+$/;

const first = (c: string | string[] | undefined): string | undefined => (Array.isArray(c) ? c[0] : c);

function emptyTrial(problem: string, records: number, complete: boolean, lines: TrialLine[]): ImportTrial {
  return { records, complete, lines, result: null, problem, refused: { count: 0, lines: [] }, ignoredLines: [], untimedLines: [] };
}

/** The status values the mapping knows (lower case): those it names, else the model's own events; null without a mapping (nothing to check against). */
function knownStatuses(m: ColumnMapping | null): Set<string> | null {
  if (!m) return null;
  return new Set([...Object.keys(m.events ?? Object.fromEntries(EVENT_NAMES.map((n) => [n, n]))), ...Object.keys(m.qualifiers ?? {})].map((k) => k.toLowerCase()));
}

/** The row builder of a CSV whose header is `columns` (the checks of importEvents's header). */
function csvBuilder(file: string, mapping: ColumnMapping, now: number, columns: string[], names: string[], line: number): RowBuilder {
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    const k = c.trim().toLowerCase();
    if (!index.has(k)) index.set(k, i);
  });
  const cols = slotNames(mapping).map((ns) => Int32Array.from(ns.flatMap((name) => index.get(name.trim().toLowerCase()) ?? [])));
  const required = [F_MESSAGE_ID, ...(mapping.defaults?.route === undefined && !mapping.routeFrom ? [F_ROUTE] : []), F_EVENT, F_TIMESTAMP];
  const rule = mapping.routeFrom;
  if (rule && (rule.country === 'number' || rule.prefixes !== undefined)) required.push(NUMBER_SLOT);
  for (const f of required) {
    if (cols[f]!.length > 0) continue;
    const [name, ...others] = slotNames(mapping)[f]!;
    throw new ImportError('INVALID_FILE', file, line, null, `the file has no column named ${name}${others.length ? ` (nor ${others.join(', ')})` : ''}`);
  }
  return new RowBuilder(file, mapping, now, cols, names, fieldLabels(mapping), 1024);
}

/** A built-in format's mapping, or null (route counts are not events: nothing to try). */
export function presetMapping(format: string | undefined): ColumnMapping | null {
  if (format === undefined || !Object.prototype.hasOwnProperty.call(PRESETS, format)) return null;
  const p = PRESETS[format]!;
  return p.counts ? null : checkMapping(p.mapping, 'mapping');
}
