/**
 * The handlers behind the contract's table (electron/api/operations.ts): open workspaces by handle,
 * edits committed at once with their undo records, computation with the engine's per-vendor cache.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DocumentError, canonicalDocument, readDocument, type WorkspaceDocument } from '../api/document.js';
import { OperationError } from '../api/errors.js';
import type { OpInput, OpName, OpOutput, WorkspaceState } from '../api/operations.js';
import { EngineCache, compute } from '../engine/compute.js';
import { computeJson } from '../engine/report.js';
import { countSegments } from '../engine/segments.js';
import { holdoutStats, sampleSize } from '../engine/stats.js';
import type { Channel, Workspace } from '../engine/types.js';
import { StoreError } from '../store/errors.js';
import { WorkspaceStore } from '../store/workspace-store.js';
import { reconcile } from './reconcile.js';
import { importEvents, ImportError, parseRoute } from '../import/index.js';
import { edits, type EditName } from './edits.js';

export type Handlers = { [K in OpName]: (input: OpInput<K>) => OpOutput<K> | Promise<OpOutput<K>> };

export interface ServiceOptions {
  /** Where the app keeps its own small state (recent files); null keeps none. */
  dataDir: string | null;
  /** better-sqlite3 built for Electron, when running under Electron. */
  nativeBinding?: string | undefined;
  /** The clock, for undo records, new workspaces' start month and imports' future timestamps. */
  now?: () => Date;
  /** Progress of long operations (an import's bytes read of the total). */
  onProgress?: (op: string, progress: { bytesRead: number; totalBytes: number }) => void;
}

interface Session {
  handle: string;
  store: WorkspaceStore;
  ws: Workspace;
  cache: EngineCache;
}

const MAX_RECENT = 10;

/** A new workspace: the base currency USD, 36 months from the month after today. */
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

export function createHandlers(options: ServiceOptions): Handlers & { closeAll(): void } {
  const sessions = new Map<string, Session>();
  const now = options.now ?? (() => new Date());
  const storeOptions = { nativeBinding: options.nativeBinding };

  const session = (handle: string): Session => {
    const s = sessions.get(handle);
    if (!s) throw new OperationError('NOT_FOUND', `no open workspace with handle ${JSON.stringify(handle)} (it was closed, or the app restarted)`, { path: '$.handle', field: 'handle' });
    return s;
  };

  const state = (s: Session): WorkspaceState => ({
    handle: s.handle,
    path: s.store.path,
    readOnly: s.store.readOnly,
    document: s.store.document(),
    history: s.store.history(),
  });

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
      writeFileSync(recentFile, JSON.stringify(list, null, 2));
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

  const begin = (store: WorkspaceStore): WorkspaceState => {
    const s: Session = { handle: randomUUID(), store, ws: validated(store), cache: new EngineCache() };
    sessions.set(s.handle, s);
    remember(store.path);
    return state(s);
  };

  const edit =
    <K extends EditName>(name: K) =>
    (input: OpInput<K>): WorkspaceState => {
      const s = session(input.handle);
      const { label, next } = (edits[name] as (doc: WorkspaceDocument, i: OpInput<K>) => { label: string; next: WorkspaceDocument })(s.store.document(), input);
      const ws = readDocument(next); // throws INVALID_DOCUMENT with the document path and field
      s.store.commit(label, canonicalDocument(ws), now().toISOString());
      s.ws = reconcile(s.ws, ws);
      return state(s);
    };

  const step = (s: Session, direction: 'undo' | 'redo'): WorkspaceState => {
    const label = direction === 'undo' ? s.store.undo() : s.store.redo();
    if (label === null) throw new OperationError(direction === 'undo' ? 'NOTHING_TO_UNDO' : 'NOTHING_TO_REDO', `nothing to ${direction}`);
    s.ws = reconcile(s.ws, readDocument(s.store.document()));
    return state(s);
  };

  const writeJsonFile = (path: string, value: unknown) => {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new OperationError('FILE_ERROR', `${path}: could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
    }
  };

  return {
    'workspace.create': (i) => {
      const path = resolve(i.path);
      const doc = i.from === undefined ? emptyDocument(basename(path, extname(path)), now()) : canonicalDocument(readDocumentAt(i.from, '$.from'));
      return begin(WorkspaceStore.create(path, doc, storeOptions));
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
      return { closed: true as const };
    },
    'workspace.get': (i) => state(session(i.handle)),
    'workspace.saveAs': (i) => {
      const s = session(i.handle);
      s.store.saveAs(resolve(i.path));
      remember(s.store.path);
      return state(s);
    },
    'workspace.exportDocument': (i) => {
      const s = session(i.handle);
      const path = resolve(i.path);
      writeJsonFile(path, s.store.document());
      return { path };
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

    'history.undo': (i) => step(session(i.handle), 'undo'),
    'history.redo': (i) => step(session(i.handle), 'redo'),

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

    import: async (i) => {
      const s = session(i.handle);
      const doc = s.store.document();
      if (!doc.vendors.some((v) => v.id === i.vendorId)) throw new OperationError('NOT_FOUND', `no vendor with id ${JSON.stringify(i.vendorId)}`, { path: '$.vendorId', field: 'vendorId' });
      const path = resolve(i.path);
      let result;
      try {
        result = await importEvents(path, { format: i.format, now: now().getTime(), onProgress: (p) => options.onProgress?.('import', p) });
      } catch (e) {
        if (e instanceof ImportError) throw new OperationError(e.code === 'FILE_ERROR' ? 'FILE_ERROR' : 'INVALID_INPUT', e.message, { file: path, ...(e.field ? { field: e.field } : {}) });
        throw e;
      }
      // The file was read whole and checked: now one edit adds the pilots (and holdouts), with its undo.
      const pilots = Object.entries(result.counts)
        .filter(([, c]) => c.sent > 0)
        .map(([route, c]) => ({ ...(parseRoute(route)! as { channel: Channel; country: string | null; class: string | null }), sent: c.sent, delivered: c.delivered, failed: c.failed, engaged: c.engaged, converted: c.converted, optedOut: c.optedOut, complained: c.complained }));
      const next: WorkspaceDocument = {
        ...doc,
        streams: doc.streams.map((st) => {
          const key = st.class ? `${st.channel}/${st.country ?? ''}/${st.class}` : st.country ? `${st.channel}/${st.country}` : st.channel;
          const c = result.counts[key];
          if (!c?.holdout || c.sent === 0) return st;
          return { ...st, benefits: { ...(st.benefits ?? {}), holdout: { exposed: [c.converted, c.sent], holdout: [c.holdout.converted, c.holdout.members], vendor: i.vendorId } } };
        }),
        vendors: doc.vendors.map((v) => (v.id === i.vendorId ? { ...v, pilots: [...(v.pilots ?? []), ...pilots] } : v)),
      };
      const ws = readDocument(next);
      s.store.commit(`Import ${basename(path)} into ${i.vendorId}`, canonicalDocument(ws), now().toISOString());
      s.ws = reconcile(s.ws, ws);
      return { result, state: state(s) };
    },

    compute: (i) => {
      const opts = { draws: i.draws, seed: i.seed, sensitivity: i.sensitivity, breakEven: i.breakEven };
      if (i.handle !== undefined) {
        const s = session(i.handle);
        return computeJson(compute(s.ws, opts, s.cache), { monthly: i.monthly });
      }
      return computeJson(compute(readDocumentAt(i.document, '$.document'), opts), { monthly: i.monthly });
    },
    segments: (i) => countSegments(i.text),
    holdout: (i) => holdoutStats(i.exposed[0], i.exposed[1], i.holdout[0], i.holdout[1]),
    sampleSize: (i) => {
      if (i.p0 + i.lift >= 1) throw new OperationError('INVALID_INPUT', `p0 + lift must be below 1, got ${i.p0} + ${i.lift}`, { path: '$.lift', field: 'lift' });
      return sampleSize(i.p0, i.lift, i.alpha, i.power);
    },

    closeAll: () => {
      for (const s of sessions.values()) s.store.close();
      sessions.clear();
    },
  };
}
