/**
 * The context the domain handlers (workspace, editing, importing, exporting, analyses) share; the
 * table they make together is the contract's (electron/api/operations.ts), assembled in ../handlers.ts.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeFileAtomic } from '../../export/write-file.js';
import { dirname, extname, join, resolve } from 'node:path';
import { DocumentError, canonicalDocument, readDocument, readDocumentFrom, type WorkspaceDocument } from '../../api/document.js';
import { OperationError } from '../../api/errors.js';
import { type OpInput, type OpName, type OpOutput, type ScenarioView, type WorkspaceState } from '../../api/operations.js';
import { EngineCache } from '../../engine/compute.js';
import type { Workspace } from '../../engine/types.js';
import type { ComputeJson } from '../../engine/result-json.js';
import { StoreError } from '../../store/errors.js';
import { WorkspaceStore } from '../../store/workspace-store.js';
import { scenarioWorkspace } from '../scenarios.js';
import { reconcile } from '../reconcile.js';
import type { ReportPrinter } from '../../api/report.js';
import { PresetStore } from '../presets.js';
import { writeFileWhole } from '../write.js';
import { importer } from '../importer.js';
import { createAnalyses } from '../analyses.js';

export type Handlers = { [K in OpName]: (input: OpInput<K>) => OpOutput<K> | Promise<OpOutput<K>> };

/** One domain's part of the table: exactly the operations it names, each typed by the contract. */
export type HandlerTable<K extends OpName> = Pick<Handlers, K>;

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

export interface Session {
  handle: string;
  store: WorkspaceStore;
  ws: Workspace;
  /** The document `ws` was read from (the store's, when nothing has changed since): an edit on it reads only what it changed (readDocumentFrom). */
  doc: WorkspaceDocument;
  cache: EngineCache;
  /** The analyses thread's keys of this workspace's scenarios computed there (forgotten with it). */
  scenarioKeys: Set<string>;
  /** The label and time (elapsedMs) of the last edit typed in the window, for folding. */
  lastTyped: { label: string; time: number } | null;
  /** The document workspace.edit answered last, with its tag (the next edit's `since`) and its totals (null: an error), and the last tag given. */
  answered: { doc: WorkspaceDocument; tag: number; totals: ComputeJson | null } | null;
  tags: number;
}

/** A session's handle; Node's crypto is loaded by the first workspace opened, not by every `tco` command (~7 ms). */
const randomUUID = (): string => (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).randomUUID();

const MAX_RECENT = 10;

/** Read a document given inside an operation's input; errors name its path within the input. */
export function readDocumentAt(raw: unknown, where: string): Workspace {
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

/**
 * What every domain's handlers share: the open workspaces (sessions) by handle, the clocks, the
 * analyses thread, the saved import formats and the running imports, and the helpers that read a
 * session's state or open a new one.
 */
export function createContext(options: ServiceOptions) {
  const sessions = new Map<string, Session>();
  const now = options.now ?? (() => new Date());
  const elapsedMs = options.elapsedMs ?? (() => performance.now());
  const analyses = options.analysesThread ? createAnalyses() : null;
  analyses?.start();
  // A long-lived app (the desktop app, the browser host: those with an analyses thread) loads the
  // importer in the background, so that a first import neither waits for it nor commits later
  // than an edit would (superseding the analyses then); a command (tco) loads it only to import.
  // Two seconds after start, not at once: loading its ~300 modules keeps the main thread busy in
  // long stretches, and a stop asked for just after start (Ctrl-C, SIGTERM) must be answered at once
  // (under tsx, a child that does not answer a relayed signal within 60 ms is killed).
  if (options.analysesThread) setTimeout(() => void importer().catch(() => undefined), 2000).unref();
  const storeOptions = { nativeBinding: options.nativeBinding };

  const presets = new PresetStore(options.dataDir);
  /** Imports running, by the caller's id: for import.progress and import.cancel. */
  const imports = new Map<string, { controller: AbortController; bytesRead: number; totalBytes: number }>();

  /**
   * The session of a handle, its document brought up to date: when another window or process has
   * committed to the file since, the document is read again (and the computation follows it).
   */
  /**
   * Make the store's document the session's, with `ws` its reading when the caller has one;
   * otherwise it is read from the one the session read last (readDocumentFrom: the streams and
   * vendors that are the same objects are not read and checked again).
   */
  const adopt = (s: Session, ws: Workspace | null = null): void => {
    const doc = s.store.document();
    s.ws = reconcile(s.ws, ws ?? readDocumentFrom({ doc: s.doc, ws: s.ws }, doc));
    s.doc = doc;
  };

  const session = (handle: string): Session => {
    const s = sessions.get(handle);
    if (!s) throw new OperationError('NOT_FOUND', `no open workspace with handle ${JSON.stringify(handle)} (it was closed, or the app restarted)`, { path: '$.handle', field: 'handle' });
    const before = s.store.document();
    const doc = s.store.refresh();
    if (doc !== before) {
      adopt(s);
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
    const s: Session = { handle: randomUUID(), store, ws: validated(store), doc: store.document(), cache: new EngineCache(), scenarioKeys: new Set(), lastTyped: null, answered: null, tags: 0 };
    sessions.set(s.handle, s);
    remember(store.path);
    return state(s);
  };

  const writeJsonFile = (path: string, value: unknown) => writeFileWhole(path, `${JSON.stringify(value, null, 2)}\n`);

  return { options, sessions, now, elapsedMs, analyses, storeOptions, presets, imports, adopt, session, scenarioView, state, recent, remember, target, begin, writeJsonFile };
}

export type Context = ReturnType<typeof createContext>;
