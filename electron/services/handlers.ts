/**
 * The handlers behind the contract's table (electron/api/operations.ts): open workspaces by handle,
 * edits committed at once with their undo records, computation with the engine's per-vendor cache.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../export/write-file.js';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DocumentError, canonicalDocument, readDocument, zodIssues, type WorkspaceDocument } from '../api/document.js';
import { OperationError, type ApiResult } from '../api/errors.js';
import type { EditOpName } from '../api/op-names.js';
import { operations, type OpInput, type OpName, type OpOutput, type ScenarioView, type WorkspaceState } from '../api/operations.js';
import jsonPatch from 'fast-json-patch';
import { EngineCache, compute } from '../engine/compute.js';
import { computeJson, type ComputeJson } from '../engine/report.js';
import { routeKey } from '../engine/routes.js';
import { countSegments } from '../engine/segments.js';
import { holdoutStats, sampleSize, targetWithinOne } from '../engine/stats.js';
import type { Channel, Workspace } from '../engine/types.js';
import { StoreError } from '../store/errors.js';
import { WorkspaceStore } from '../store/workspace-store.js';
import { withChecks } from './scenario-checks.js';
import { computeWithScenarios, scenarioFor, scenarioWorkspace } from './scenarios.js';
import { reconcile } from './reconcile.js';
import type { ReportPrinter } from '../api/report.js';
import { exportReportPdf } from './report.js';
import { checkMapping, importEvents, ImportError, parseRoute, previewFile, type ColumnMapping } from '../import/index.js';
import { PresetStore } from './presets.js';
import { writeFileWhole } from './write.js';
import { edits, type EditName } from './edits.js';
import { exportCsvFile, exportXlsxFile } from './exports.js';
import { toApiError } from './dispatch.js';
import { WorkerUnavailable, createAnalyses } from './analyses.js';
import defaultRates from '../../resources/default-rates.json' with { type: 'json' };

// workspace.edit names the same edits as the table of edits.ts (a compile-time check both ways).
const editNamesMatch: [EditName] extends [EditOpName] ? ([EditOpName] extends [EditName] ? true : false) : false = true;
void editNamesMatch;

/**
 * What workspace.edit answers with beside the state: the totals pass (what the compare table shows).
 * Price to win is left to the analyses that follow a pause in typing: its Newton steps bill every
 * vendor again, which made a keystroke on the bench workspace several times slower (measured: edits
 * of 0.2–0.8 s became 1.5–5.7 s on the shared 2-core machine).
 */
const TOTALS = { draws: 0, sensitivity: false, breakEven: false, priceToWin: false } as const;

export type Handlers = { [K in OpName]: (input: OpInput<K>) => OpOutput<K> | Promise<OpOutput<K>> };

export interface ServiceOptions {
  /** Where the app keeps its own small state (recent files); null keeps none. */
  dataDir: string | null;
  /** better-sqlite3 built for Electron, when running under Electron. */
  nativeBinding?: string | undefined;
  /** The clock, for undo records, new workspaces' start month and imports' future timestamps. */
  now?: () => Date;
  /** A monotonic clock in milliseconds (default performance.now), for folding typed edits into one undo step. */
  elapsedMs?: () => number;
  /** Progress of long operations (an import's bytes read of the total). */
  onProgress?: (op: string, progress: { bytesRead: number; totalBytes: number }) => void;
  /** Prints the report page to PDF (export.pdf): Chromium for the CLI and the browser host, a hidden window in Electron. */
  printer?: ReportPrinter | undefined;
  /** Compute the analyses (draws, sensitivity, break-even) of open workspaces on a worker thread, so edits never wait behind them (the desktop app and the browser host). */
  analysesThread?: boolean;
}

interface Session {
  handle: string;
  store: WorkspaceStore;
  ws: Workspace;
  cache: EngineCache;
  /** The analyses thread's keys of this workspace's scenarios computed there (forgotten with it). */
  scenarioKeys: Set<string>;
  /** The label and time (elapsedMs) of the last edit typed in the window, for folding. */
  lastTyped: { label: string; time: number } | null;
}

const MAX_RECENT = 10;
/** Edits typed in the window within this long of each other, same label, same places: one undo step. */
export const TYPING_FOLD_MS = 1500;

/**
 * The assumed delivery and engagement rates a new workspace starts with, per channel: public
 * benchmarks, each with its source, in resources/default-rates.json. Every screen marks them as
 * assumed (a route no pilot backs); a pilot's counts replace them.
 */
export const DEFAULT_RATES: WorkspaceDocument['defaults'] = Object.fromEntries(
  Object.entries((defaultRates as { channels: Record<string, { deliveryRate: string; engagementRate: string }> }).channels).map(([c, r]) => [c, { deliveryRate: r.deliveryRate, engagementRate: r.engagementRate }]),
);

/** A new workspace: the base currency USD, 36 months from the month after today, the assumed rates of the table. */
export function emptyDocument(name: string, now: Date): WorkspaceDocument {
  const y = now.getUTCMonth() === 11 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  const m = ((now.getUTCMonth() + 1) % 12) + 1;
  return {
    format: 'tco-workspace',
    version: 1,
    name,
    baseCurrency: 'USD',
    startMonth: `${y}-${String(m).padStart(2, '0')}`,
    horizonMonths: 36,
    defaults: structuredClone(DEFAULT_RATES),
    streams: [],
    vendors: [],
  };
}

/** Read a document given inside an operation's input; errors name its path within the input. */
function readDocumentAt(raw: unknown, where: string): Workspace {
  try {
    return readDocument(raw);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    const first = e.issues[0]!;
    const path = `${where}${first.path.slice(1)}`;
    throw new OperationError('INVALID_DOCUMENT', `${path}: ${first.message}`, { path, field: first.field });
  }
}

/** The path itself if no file has it, else the first of "name 2.ext", "name 3.ext"… that is free. */
export function freeName(path: string): string {
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  let candidate = path;
  for (let n = 2; existsSync(candidate); n++) candidate = `${stem} ${n}${ext}`;
  return candidate;
}

export function createHandlers(options: ServiceOptions): Handlers & { closeAll(): void } {
  const sessions = new Map<string, Session>();
  const now = options.now ?? (() => new Date());
  const elapsedMs = options.elapsedMs ?? (() => performance.now());
  const analyses = options.analysesThread ? createAnalyses() : null;
  analyses?.start();
  const storeOptions = { nativeBinding: options.nativeBinding };

  const presets = new PresetStore(options.dataDir);
  /** Imports running, by the caller's id: for import.progress and import.cancel. */
  const imports = new Map<string, { controller: AbortController; bytesRead: number; totalBytes: number }>();

  /** The format and mapping an import or preview uses: a built-in or saved format, or a mapping of the caller's. */
  const importFormat = (i: { format?: string | undefined; mapping?: unknown; kind?: 'csv' | 'jsonl' | undefined }): { format: string | undefined; mapping: ColumnMapping | undefined; kind: 'csv' | 'jsonl' | undefined } => {
    if (i.mapping !== undefined) {
      let mapping: ColumnMapping;
      try {
        mapping = checkMapping(i.mapping, 'mapping');
      } catch (e) {
        if (e instanceof ImportError) {
          const path = `$.${e.field ?? 'mapping'}`;
          throw new OperationError('INVALID_INPUT', `${path}: ${e.detail}`, { path, field: (e.field ?? 'mapping').split('.').at(-1)! });
        }
        throw e;
      }
      const kind = i.kind ?? (i.format !== undefined ? presets.find(i.format)?.kind : undefined);
      // The importer reads a caller's mapping by the kind its format name ends in.
      return { format: kind === 'jsonl' ? 'custom-jsonl' : 'custom-csv', mapping, kind: kind ?? 'csv' };
    }
    if (i.format === undefined) return { format: undefined, mapping: undefined, kind: i.kind };
    const f = presets.find(i.format);
    if (!f) throw new OperationError('INVALID_INPUT', `$.format: unknown format ${JSON.stringify(i.format)} (formats: ${presets.list().map((x) => x.name).join(', ')})`, { path: '$.format', field: 'format' });
    return f.builtIn ? { format: f.name, mapping: undefined, kind: f.kind } : { format: f.kind === 'jsonl' ? 'custom-jsonl' : 'custom-csv', mapping: f.mapping, kind: f.kind };
  };

  /** Why a mapping built on screen cannot be tried yet, in the screen's words (never the mapping's keys). */
  const mappingInWords = (m: unknown): string => {
    try {
      checkMapping(m, 'mapping');
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      const field = e.field ?? '';
      const needed: Record<string, string> = { 'mapping.columns.messageId': 'the message id', 'mapping.columns.event': 'the status', 'mapping.columns.timestamp': 'the time', 'mapping.columns.route': 'how the route is told' };
      if (needed[field]) return `Choose ${needed[field]} field to see what the records become.`;
      if (/timeZone/.test(field)) return 'The time zone is not one: write UTC or a place such as Europe/London.';
      if (/timeFormat/.test(field)) return 'The time format is not one: use YYYY, M or MM, D or DD, H or HH, mm, ss, as in M/D/YYYY H:mm.';
      if (/route|country|class/i.test(field)) return 'The route rule is not complete: the fixed route must be a channel, and a country of two letters, such as sms/US.';
      return 'The mapping is not complete yet: choose a field for the message id, the status and the time.';
    }
    return 'The mapping is not complete yet.';
  };

  const importFailure = (e: unknown, path: string): unknown => {
    if (!(e instanceof ImportError)) return e;
    const extra = { file: e.file === 'mapping' ? path : e.file, ...(e.field ? { field: e.field } : {}) };
    if (e.code === 'CANCELLED') return new OperationError('CANCELLED', `${path}: the import was cancelled; the workspace is unchanged`, extra);
    if (e.code === 'FILE_ERROR') return new OperationError('FILE_ERROR', e.message, extra);
    return new OperationError('INVALID_INPUT', e.message, extra);
  };

  /**
   * The session of a handle, its document brought up to date: when another window or process has
   * committed to the file since, the document is read again (and the computation follows it).
   */
  const session = (handle: string): Session => {
    const s = sessions.get(handle);
    if (!s) throw new OperationError('NOT_FOUND', `no open workspace with handle ${JSON.stringify(handle)} (it was closed, or the app restarted)`, { path: '$.handle', field: 'handle' });
    const before = s.store.document();
    const doc = s.store.refresh();
    if (doc !== before) {
      s.ws = reconcile(s.ws, readDocument(doc));
      s.lastTyped = null;
      analyses?.supersede(s.handle);
    }
    return s;
  };

  /** A scenario's document as it applies to the base now, or why it does not (the operation that fails, by position). */
  const scenarioView = (ws: Workspace, id: string): ScenarioView | undefined => {
    const list = ws.scenarios ?? [];
    const i = list.findIndex((sc) => sc.id === id);
    if (i < 0) return undefined;
    const sc = list[i]!;
    try {
      return { id, name: sc.name, document: canonicalDocument({ ...scenarioWorkspace(ws, sc, i), scenarios: [] }), error: null, failedOperation: null };
    } catch (e) {
      if (!(e instanceof DocumentError)) throw e;
      const first = e.issues[0]!;
      const j = /\.patch\[(\d+)\]$/.exec(first.path);
      return { id, name: sc.name, document: null, error: first.message, failedOperation: j ? Number(j[1]) : null };
    }
  };

  const state = (s: Session, scenario?: string): WorkspaceState => {
    const view = scenario === undefined ? undefined : scenarioView(s.ws, scenario);
    return {
      handle: s.handle,
      path: s.store.path,
      readOnly: s.store.readOnly,
      document: s.store.document(),
      history: s.store.history(),
      ...(view ? { scenario: view } : {}),
    };
  };

  type Run = (doc: WorkspaceDocument, i: unknown) => { label: string; next: WorkspaceDocument };

  /**
   * An edit made in a scenario: run on the scenario's patched document, and the scenario's patch
   * becomes the difference between the base and the result (fast-json-patch's compare), so every
   * edit is kept as a patch against the base and the base is left as it was.
   */
  const inScenario = (baseWs: Workspace, doc: WorkspaceDocument, id: string, run: Run, input: unknown): { label: string; next: WorkspaceDocument } => {
    const list = baseWs.scenarios ?? [];
    const j = list.findIndex((sc) => sc.id === id);
    if (j < 0) throw new OperationError('NOT_FOUND', `no scenario with id ${JSON.stringify(id)} (it was removed, or undone)`, { path: '$.scenario', field: 'scenario' });
    const sc = list[j]!;
    const base = canonicalDocument({ ...baseWs, scenarios: [] });
    const before = canonicalDocument({ ...scenarioWorkspace(baseWs, sc, j), scenarios: [] });
    const r = run(before, input);
    const after = canonicalDocument({ ...readDocument(r.next), scenarios: [] });
    // Each change checks first what the entries on its path are (scenario-checks.ts), so it fails
    // loudly, not on another vendor, when the base's lists change under it.
    const patch = withChecks(base, jsonPatch.compare(base, after)) as NonNullable<WorkspaceDocument['scenarios']>[number]['patch'];
    return { label: `${r.label} in scenario "${sc.name}"`, next: { ...doc, scenarios: (doc.scenarios ?? []).map((x, k) => (k === j ? { ...x, patch } : x)) } };
  };

  /** Whether a scenario's patch applies to the base (true when there is no such scenario). */
  const applies = (ws: Workspace, id: string): boolean => {
    const view = scenarioView(ws, id);
    return !view || view.document !== null;
  };

  const recentFile = options.dataDir ? join(options.dataDir, 'recent.json') : null;
  const recent = (): string[] => {
    if (!recentFile) return [];
    try {
      const list = JSON.parse(readFileSync(recentFile, 'utf8')) as unknown;
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  };
  const remember = (path: string) => {
    if (!recentFile) return;
    const list = [path, ...recent().filter((p) => p !== path)].slice(0, MAX_RECENT);
    try {
      mkdirSync(dirname(recentFile), { recursive: true });
      writeFileAtomic(recentFile, JSON.stringify(list, null, 2));
    } catch {
      // The list of recent files is a convenience: failing to keep it never fails an open.
    }
  };

  /** Check a stored document against FORMAT.md; a file whose content fails is damaged. */
  const validated = (store: WorkspaceStore): Workspace => {
    try {
      return readDocument(store.document());
    } catch (e) {
      store.close();
      if (e instanceof DocumentError) throw new StoreError('CORRUPT_WORKSPACE', store.path, `holds a value this version does not accept: ${e.message}`);
      throw e;
    }
  };

  /** Where a new file goes, by `ifExists` (see the contract): a free name, or leave to replace. */
  const target = (raw: string, ifExists: 'fail' | 'rename' | 'replace' = 'fail'): { path: string; overwrite: boolean } => {
    const path = resolve(raw);
    if (ifExists === 'rename') return { path: freeName(path), overwrite: false };
    if (ifExists === 'fail') return { path, overwrite: false };
    for (const s of sessions.values())
      if (s.store.path === path) throw new OperationError('FILE_ERROR', `${path}: is open in the app and cannot be replaced; choose another name`, { path: '$.path', field: 'path', file: path });
    return { path, overwrite: true };
  };

  const begin = (store: WorkspaceStore): WorkspaceState => {
    const s: Session = { handle: randomUUID(), store, ws: validated(store), cache: new EngineCache(), scenarioKeys: new Set(), lastTyped: null };
    sessions.set(s.handle, s);
    remember(store.path);
    return state(s);
  };

  const edit =
    <K extends EditName>(name: K, typing = false) =>
    (input: OpInput<K>): WorkspaceState => {
      const s = session(input.handle);
      const run = edits[name] as Run;
      const scenario = (input as { scenario?: string }).scenario;
      const t = elapsedMs();
      // The edit is made on the document as the file holds it when it commits (another window's or
      // process's change included), checked against FORMAT.md (INVALID_DOCUMENT names the path); in a
      // scenario, on that scenario's document, its patch then the difference from the base.
      const { label, ws } = s.store.update(
        (current) => {
          const currentWs = scenario === undefined && name !== 'scenarios.removeOperation' ? null : readDocument(current);
          const { label, next } = scenario === undefined ? run(current, input) : inScenario(currentWs!, current, scenario, run, input);
          const ws = readDocument(next);
          if (name === 'scenarios.removeOperation') {
            const i = input as OpInput<'scenarios.removeOperation'>;
            // A later change may rest on this one (an add, then a change inside what it added).
            if (applies(currentWs!, i.id) && !applies(ws, i.id)) {
              throw new OperationError('INVALID_INPUT', `change ${i.index + 1} of this scenario cannot be removed alone: a later change of the scenario rests on it; remove that one first`, { path: '$.index', field: 'index' });
            }
          }
          return { label, next: canonicalDocument(ws), value: { label, ws } };
        },
        now().toISOString(),
        // Typing in a field (the window's edits) within TYPING_FOLD_MS of the last edit of the same
        // label is one undo step: the store folds it when it also changes the same places.
        (label) => typing && s.lastTyped !== null && s.lastTyped.label === label && t - s.lastTyped.time <= TYPING_FOLD_MS,
      );
      s.lastTyped = typing ? { label, time: t } : null;
      s.ws = reconcile(s.ws, ws);
      analyses?.supersede(s.handle);
      return state(s, scenario);
    };

  const step = (s: Session, direction: 'undo' | 'redo', scenario?: string): WorkspaceState => {
    s.lastTyped = null;
    const label = direction === 'undo' ? s.store.undo() : s.store.redo();
    if (label === null) throw new OperationError(direction === 'undo' ? 'NOTHING_TO_UNDO' : 'NOTHING_TO_REDO', `nothing to ${direction}`);
    s.ws = reconcile(s.ws, readDocument(s.store.document()));
    analyses?.supersede(s.handle);
    return state(s, scenario);
  };

  const writeJsonFile = (path: string, value: unknown) => writeFileWhole(path, `${JSON.stringify(value, null, 2)}\n`);

  return {
    'workspace.create': (i) => {
      const { path, overwrite } = target(i.path, i.ifExists);
      const doc = i.from === undefined ? emptyDocument(basename(path, extname(path)), now()) : canonicalDocument(readDocumentAt(i.from, '$.from'));
      return begin(WorkspaceStore.create(path, doc, { ...storeOptions, overwrite }));
    },
    'workspace.open': (i) => {
      const path = resolve(i.path);
      for (const s of sessions.values()) if (s.store.path === path) return state(s);
      return begin(WorkspaceStore.open(path, storeOptions));
    },
    'workspace.close': (i) => {
      const s = session(i.handle);
      s.store.close();
      sessions.delete(i.handle);
      analyses?.forget(i.handle);
      for (const key of s.scenarioKeys) analyses?.forget(key);
      return { closed: true as const };
    },
    'workspace.get': (i) => {
      const s = session(i.handle);
      if (i.scenario !== undefined && !(s.ws.scenarios ?? []).some((sc) => sc.id === i.scenario))
        throw new OperationError('NOT_FOUND', `no scenario with id ${JSON.stringify(i.scenario)} (it was removed, or undone)`, { path: '$.scenario', field: 'scenario' });
      return state(s, i.scenario);
    },
    'workspace.saveAs': (i) => {
      const s = session(i.handle);
      if (s.store.path === resolve(i.path)) return state(s); // every change is already in it
      const { path, overwrite } = target(i.path, i.ifExists);
      s.store.saveAs(path, overwrite);
      remember(s.store.path);
      return state(s);
    },
    'workspace.exportDocument': (i) => {
      const s = session(i.handle);
      const path = resolve(i.path);
      writeJsonFile(path, s.store.document());
      return { path };
    },
    'export.pdf': (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      if (i.handle !== undefined) {
        const s = session(i.handle);
        return exportReportPdf({ ws: s.ws, document: s.store.document(), cache: s.cache, prepared: s.store.reportSettings() }, i.path, opts, options.printer, now);
      }
      const ws = readDocumentAt(i.document, '$.document');
      return exportReportPdf({ ws, document: canonicalDocument(ws) }, i.path, opts, options.printer, now);
    },
    'report.settings': (i) => {
      const s = session(i.handle);
      const saved = s.store.reportSettings();
      if (i.preparedFor === undefined && i.preparedBy === undefined) return saved;
      return s.store.setReportSettings({ preparedFor: (i.preparedFor ?? saved.preparedFor).trim(), preparedBy: (i.preparedBy ?? saved.preparedBy).trim() });
    },
    'workspace.edit': (i) => {
      const s = session(i.handle);
      // The edit's own input, checked as the edit's operation checks it (the same paths and messages).
      const parsed = operations[i.op].input.safeParse({ ...i.input, handle: i.handle }, { reportInput: true });
      if (!parsed.success) {
        const first = zodIssues(parsed.error)[0]!;
        throw new OperationError('INVALID_INPUT', `${i.op}: ${first.path}: ${first.message}`, { path: first.path, field: first.field });
      }
      const after = edit(i.op, true)(parsed.data as never);
      // The edit is committed: whatever the computation says, it is answered beside the state.
      const attempt = (f: () => ComputeJson): ApiResult<ComputeJson> => {
        try {
          return { ok: true, value: f() };
        } catch (e) {
          return { ok: false, error: toApiError(e) };
        }
      };
      // With the scenarios: the compare screen shows them beside the base as they are edited.
      // A scenario whose changes no longer apply to the base fails alone (its row says why).
      const totals = attempt(() => computeJson(computeWithScenarios(s.ws, TOTALS, s.cache, 'alone'), { monthly: false }));
      const inScenario = (parsed.data as { scenario?: string }).scenario;
      if (inScenario === undefined) return { state: after, totals };
      const scenarioTotals = attempt(() => {
        const sc = scenarioFor(s.ws, inScenario, s.cache)!;
        return computeJson(compute(sc.workspace, TOTALS, sc.cache), { monthly: false });
      });
      return { state: after, totals, scenarioTotals };
    },
    'workspace.recent': () => {
      const folder = options.dataDir ? join(options.dataDir, 'workspaces') : homedir();
      try {
        mkdirSync(folder, { recursive: true });
      } catch {
        // A folder we cannot make is only a default: the user can name another.
      }
      return { files: recent(), folder };
    },

    'history.undo': (i) => step(session(i.handle), 'undo', i.scenario),
    'history.redo': (i) => step(session(i.handle), 'redo', i.scenario),

    'settings.update': edit('settings.update'),
    'fx.set': edit('fx.set'),
    'fx.remove': edit('fx.remove'),
    'defaults.set': edit('defaults.set'),
    'defaults.remove': edit('defaults.remove'),
    'streams.add': edit('streams.add'),
    'streams.update': edit('streams.update'),
    'streams.remove': edit('streams.remove'),
    'vendors.add': edit('vendors.add'),
    'vendors.update': edit('vendors.update'),
    'vendors.remove': edit('vendors.remove'),
    'quote.update': edit('quote.update'),
    'routes.add': edit('routes.add'),
    'routes.update': edit('routes.update'),
    'routes.remove': edit('routes.remove'),
    'fees.add': edit('fees.add'),
    'fees.update': edit('fees.update'),
    'fees.remove': edit('fees.remove'),
    'internal.update': edit('internal.update'),
    'pilots.add': edit('pilots.add'),
    'pilots.update': edit('pilots.update'),
    'pilots.remove': edit('pilots.remove'),
    'scenarios.add': edit('scenarios.add'),
    'scenarios.rename': edit('scenarios.rename'),
    'scenarios.remove': edit('scenarios.remove'),
    'scenarios.removeOperation': edit('scenarios.removeOperation'),

    import: async (i) => {
      const s = session(i.handle);
      const doc = s.store.document();
      if (!doc.vendors.some((v) => v.id === i.vendorId)) throw new OperationError('NOT_FOUND', `no vendor with id ${JSON.stringify(i.vendorId)}`, { path: '$.vendorId', field: 'vendorId' });
      const path = resolve(i.path);
      const { format, mapping } = importFormat(i);
      if (i.importId !== undefined && imports.has(i.importId)) throw new OperationError('INVALID_INPUT', `$.importId: an import with id ${JSON.stringify(i.importId)} is running`, { path: '$.importId', field: 'importId' });
      let totalBytes = 0;
      try {
        totalBytes = statSync(path).size;
      } catch {
        // The import itself says why the file cannot be read.
      }
      const running = { controller: new AbortController(), bytesRead: 0, totalBytes };
      if (i.importId !== undefined) imports.set(i.importId, running);
      let result;
      try {
        result = await importEvents(path, {
          format,
          ...(mapping !== undefined ? { mapping } : {}),
          now: now().getTime(),
          signal: running.controller.signal,
          onProgress: (p) => {
            running.bytesRead = p.bytesRead;
            running.totalBytes = p.totalBytes;
            options.onProgress?.('import', p);
          },
        });
      } catch (e) {
        throw importFailure(e, path);
      } finally {
        if (i.importId !== undefined) imports.delete(i.importId);
      }
      // Cancelled after the last chunk was read, before the commit: still nothing is changed.
      if (running.controller.signal.aborted) throw new OperationError('CANCELLED', `${path}: the import was cancelled; the workspace is unchanged`, { file: path });
      // The file was read whole and checked: now one edit adds the pilots (and holdouts), with its
      // undo, to the document as the file holds it when the edit commits (changes made while the
      // log was read, in this window or another process, are kept).
      const pilots = Object.entries(result.counts)
        .filter(([, c]) => c.sent > 0)
        .map(([route, c]) => ({ ...(parseRoute(route)! as { channel: Channel; country: string | null; class: string | null }), sent: c.sent, delivered: c.delivered, failed: c.failed, engaged: c.engaged, converted: c.converted, optedOut: c.optedOut, complained: c.complained }));
      const counts = result.counts;
      const { ws, repeated } = s.store.update(
        (doc) => {
          if (!doc.vendors.some((v) => v.id === i.vendorId)) throw new OperationError('NOT_FOUND', `no vendor with id ${JSON.stringify(i.vendorId)} (it was removed while the log was read); the workspace is unchanged`, { path: '$.vendorId', field: 'vendorId' });
          const next: WorkspaceDocument = {
            ...doc,
            streams: doc.streams.map((st) => {
              const c = counts[routeKey(st)];
              if (!c?.holdout || c.sent === 0) return st;
              return { ...st, benefits: { ...(st.benefits ?? {}), holdout: { exposed: [c.converted, c.sent], holdout: [c.holdout.converted, c.holdout.members], vendor: i.vendorId } } };
            }),
            vendors: doc.vendors.map((v) => (v.id === i.vendorId ? { ...v, pilots: [...(v.pilots ?? []), ...pilots] } : v)),
          };
          const ws = readDocument(next);
          // The same log imported twice adds the same pilots again: say so (the import is one undo step).
          const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
          const canonical = ws.vendors.find((v) => v.id === i.vendorId)!.pilots;
          const added = canonical.slice(canonical.length - pilots.length);
          const before = canonical.slice(0, canonical.length - pilots.length);
          const repeated = added.length > 0 && added.every((a) => before.some((b) => same(a, b))) ? added.map((a) => routeKey(a)) : [];
          return { label: `Import ${basename(path)} into ${doc.vendors.find((v) => v.id === i.vendorId)?.name ?? `vendor ${i.vendorId}`}`, next: canonicalDocument(ws), value: { ws, repeated } };
        },
        now().toISOString(),
      );
      s.ws = reconcile(s.ws, ws);
      // An import is an edit like any other: the analyses of the document before it are superseded.
      s.lastTyped = null;
      analyses?.supersede(s.handle);
      return { result, repeated, state: state(s) };
    },

    'import.formats': () => ({ formats: presets.list() }),
    'import.preview': async (i) => {
      const path = resolve(i.path);
      // A mapping being built on screen is often not complete yet: the file is still previewed, and
      // the trial says what is missing, in words (an import with it is refused with the same check).
      let mappingProblem: string | undefined;
      let chosen;
      try {
        chosen = importFormat(i);
      } catch (e) {
        if (!(e instanceof OperationError) || i.mapping === undefined) throw e;
        mappingProblem = mappingInWords(i.mapping);
        chosen = { format: undefined, mapping: undefined, kind: i.kind };
      }
      const { format, mapping, kind } = chosen;
      try {
        return await previewFile(path, {
          format,
          ...(mapping !== undefined ? { mapping } : {}),
          ...(mappingProblem !== undefined ? { mappingProblem, shape: i.mapping } : {}),
          ...(kind ? { kind } : {}),
          ...(i.rows !== undefined ? { rows: i.rows } : {}),
          now: now().getTime(),
        });
      } catch (e) {
        throw importFailure(e, path);
      }
    },
    'import.savePreset': (i) => ({ formats: presets.save(i.name, i.label ?? i.name, i.kind, i.mapping) }),
    'import.removePreset': (i) => ({ formats: presets.remove(i.name) }),
    'import.progress': (i) => {
      const r = imports.get(i.importId);
      return r ? { bytesRead: r.bytesRead, totalBytes: r.totalBytes, running: true } : { bytesRead: 0, totalBytes: 0, running: false };
    },
    'import.cancel': (i) => {
      const r = imports.get(i.importId);
      if (!r) return { cancelled: false };
      r.controller.abort();
      return { cancelled: true };
    },

    'export.xlsx': (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      if (i.handle !== undefined) return exportXlsxFile({ ws: session(i.handle).ws, cache: session(i.handle).cache }, i.path, opts);
      return exportXlsxFile({ ws: readDocumentAt(i.document, '$.document') }, i.path, opts);
    },
    'export.csv': (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      if (i.handle !== undefined) return exportCsvFile({ ws: session(i.handle).ws, cache: session(i.handle).cache }, i.path, i.table, opts);
      return exportCsvFile({ ws: readDocumentAt(i.document, '$.document') }, i.path, i.table, opts);
    },

    compute: (i) => {
      const opts = { draws: i.draws, seed: i.seed, sensitivity: i.sensitivity, breakEven: i.breakEven, priceToWin: i.priceToWin };
      if (i.handle !== undefined && i.scenario !== undefined) {
        // A scenario computed as if it were the base: what the screens show while editing in it.
        const s = session(i.handle);
        const sc = scenarioFor(s.ws, i.scenario, s.cache);
        if (!sc) throw new OperationError('NOT_FOUND', `no scenario with id ${JSON.stringify(i.scenario)} (it was removed, or undone)`, { path: '$.scenario', field: 'scenario' });
        const here = () => computeJson(compute(sc.workspace, opts, sc.cache), { monthly: i.monthly });
        if (analyses && (i.draws !== 0 || i.sensitivity !== false || i.breakEven !== false)) {
          const key = `${s.handle}\u0000${sc.id}`;
          s.scenarioKeys.add(key);
          return analyses.run(key, canonicalDocument({ ...sc.workspace, scenarios: [] }), opts, i.monthly).catch((e: unknown) => {
            if (e instanceof WorkerUnavailable) return here();
            throw e;
          });
        }
        return here();
      }
      if (i.handle !== undefined) {
        const s = session(i.handle);
        // An open workspace is the app's: a scenario that does not apply fails alone, in its place in
        // the answer (`tco compute` refuses the file with that scenario's error: cli/run.ts).
        const here = () => computeJson(computeWithScenarios(s.ws, opts, s.cache, 'alone'), { monthly: i.monthly });
        // The analyses go to their thread; the totals alone (a few ms) are computed here.
        if (analyses && (i.draws !== 0 || i.sensitivity !== false || i.breakEven !== false)) {
          return analyses.run(s.handle, s.store.document(), opts, i.monthly).catch((e: unknown) => {
            if (e instanceof WorkerUnavailable) return here();
            throw e;
          });
        }
        return here();
      }
      return computeJson(computeWithScenarios(readDocumentAt(i.document, '$.document'), opts), { monthly: i.monthly });
    },
    segments: (i) => countSegments(i.text),
    holdout: (i) => holdoutStats(i.exposed[0], i.exposed[1], i.holdout[0], i.holdout[1]),
    sampleSize: (i) => {
      if (!targetWithinOne(i.p0, i.lift)) throw new OperationError('INVALID_INPUT', `The baseline rate plus the lift to detect is the target rate and must be at most 1 (100%), got ${i.p0} + ${i.lift}`, { path: '$.lift', field: 'lift' });
      return sampleSize(i.p0, i.lift, i.alpha, i.power);
    },

    closeAll: () => {
      for (const s of sessions.values()) s.store.close();
      sessions.clear();
      analyses?.close();
    },
  };
}
