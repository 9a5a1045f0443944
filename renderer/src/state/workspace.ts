/**
 * The workspace store: the open workspace's state (document and undo), the latest computation, and
 * the actions that call the API. Every edit recomputes at once; there is no Save.
 */
import { create } from 'zustand';
import type { ApiError } from '../../../electron/api/errors.js';
import type { OpInput, OpName, WorkspaceState } from '../../../electron/api/operations.js';
import type { ComputeJson } from '../../../electron/engine/report.js';
import { call, sampleDocument } from '../api/client';
import { share } from './share';

export type Screen = 'start' | 'compare' | 'settings' | 'streams' | 'vendors' | 'evidence';

type EditOp = Exclude<OpName, 'workspace.create' | 'workspace.open' | 'workspace.close' | 'workspace.get' | 'workspace.saveAs' | 'workspace.exportDocument' | 'workspace.recent' | 'history.undo' | 'history.redo' | 'compute' | 'segments' | 'holdout' | 'sampleSize' | 'import'>;

interface Store {
  screen: Screen;
  workspace: WorkspaceState | null;
  result: ComputeJson | null;
  /** The latest result has the totals only; uncertainty, sensitivity and break-even are coming. */
  analysesPending: boolean;
  /** The latest result with every analysis (what the charts draw; replaced as soon as a newer one is done). */
  full: ComputeJson | null;
  error: ApiError | null;
  recent: string[];
  folder: string;
  go(screen: Screen): void;
  loadRecent(): Promise<void>;
  create(path: string, withSample: boolean): Promise<void>;
  open(path: string): Promise<void>;
  edit<K extends EditOp>(op: K, input: Omit<OpInput<K>, 'handle'>): Promise<ApiError | null>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  recompute(): Promise<void>;
}

let computeGeneration = 0;
let analysesTimer: ReturnType<typeof setTimeout> | null = null;
const ANALYSES_DELAY_MS = 350;

// Edits go one after another, in the order typed, so a slow answer never lands out of order.
let queue: Promise<unknown> = Promise.resolve();
function inOrder<T>(f: () => Promise<T>): Promise<T> {
  const next = queue.then(f, f);
  queue = next.catch(() => undefined);
  return next;
}

export const useWorkspace = create<Store>((set, get) => {
  const opened = async (r: { ok: true; value: WorkspaceState } | { ok: false; error: ApiError }) => {
    if (!r.ok) return set({ error: r.error });
    set({ workspace: r.value, error: null, screen: 'compare', result: null, full: null });
    await get().recompute();
  };
  return {
    screen: 'start',
    workspace: null,
    result: null,
    analysesPending: false,
    full: null,
    error: null,
    recent: [],
    folder: '',
    go: (screen) => set({ screen }),
    loadRecent: async () => {
      const r = await call('workspace.recent', {});
      if (r.ok) set({ recent: r.value.files, folder: r.value.folder });
    },
    create: async (path, withSample) => {
      const from = withSample ? await sampleDocument() : undefined;
      await opened(await call('workspace.create', from === undefined ? { path } : { path, from }));
    },
    open: async (path) => opened(await call('workspace.open', { path })),
    edit: (op, input) =>
      inOrder(async () => {
        const ws = get().workspace;
        if (!ws) return null;
        const r = await call(op, { ...input, handle: ws.handle } as OpInput<typeof op>);
        if (!r.ok) return r.error;
        set({ workspace: share(get().workspace, r.value as WorkspaceState), error: null });
        await get().recompute();
        return null;
      }),
    undo: () => inOrder(async () => {
      const ws = get().workspace;
      if (!ws?.history.canUndo) return;
      const r = await call('history.undo', { handle: ws.handle });
      if (r.ok) {
        set({ workspace: share(get().workspace, r.value) });
        await get().recompute();
      }
    }),
    redo: () => inOrder(async () => {
      const ws = get().workspace;
      if (!ws?.history.canRedo) return;
      const r = await call('history.redo', { handle: ws.handle });
      if (r.ok) {
        set({ workspace: share(get().workspace, r.value) });
        await get().recompute();
      }
    }),
    recompute: async () => {
      const ws = get().workspace;
      if (!ws) return;
      const generation = ++computeGeneration;
      // First the totals (what the table shows), at once; then the analyses (the charts).
      const core = await call('compute', { handle: ws.handle, draws: 0, sensitivity: false, breakEven: false, monthly: false });
      if (generation !== computeGeneration) return;
      if (!core.ok) return set({ result: null, error: core.error, analysesPending: false });
      set({ result: share(get().result, core.value), error: null, analysesPending: true });
      // The analyses (10,000-draw class work) wait for a pause in typing, so keystrokes never queue behind them.
      if (analysesTimer) clearTimeout(analysesTimer);
      analysesTimer = setTimeout(() => {
        if (generation !== computeGeneration) return;
        void call('compute', { handle: ws.handle, draws: 2000, seed: 1 }).then((full) => {
          if (generation !== computeGeneration) return;
          if (full.ok) set({ result: share(get().result, full.value), full: share(get().full, full.value), analysesPending: false });
        });
      }, ANALYSES_DELAY_MS);
    },
  };
});
