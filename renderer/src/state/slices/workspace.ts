/**
 * The workspace's slice: the open workspace's state (document and undo), the latest computation, and
 * the actions that call the API. Every edit recomputes at once; there is no Save.
 *
 * A keystroke is one round trip: `workspace.edit` commits the edit and answers with the new state
 * and the totals, which land in one store update (one render). The analyses (uncertainty,
 * sensitivity, break-even: what the charts draw) are asked for only after a pause in typing, and a
 * newer edit supersedes them: a request not yet answered is abandoned and its answer dropped.
 */
import type { StateCreator } from 'zustand';
import { ANALYSIS_DRAWS, ANALYSIS_SEED } from '../../../../electron/api/analysis.js';
import type { ApiError } from '../../../../electron/api/errors.js';
import type { ScenarioView, WorkspaceState } from '../../../../electron/api/operations.js';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { withChanges } from '../../../../electron/api/document-changes.js';
import { call, sampleDocument } from '../../api/client';
import type { Edit } from '../edit';
import { share } from '../share';
import type { Store } from '../store';

export type Screen = 'start' | 'compare' | 'settings' | 'streams' | 'vendors' | 'evidence' | 'import' | 'scenarios';

export interface WorkspaceSlice {
  screen: Screen;
  /**
   * The open workspace as the editing screens see it: in a scenario (`scenario`), its document is
   * the scenario's (the base with the scenario's changes; the list of scenarios is the base's).
   */
  workspace: WorkspaceState | null;
  /** The base document, always (what the Scenarios screen reads the changes against). */
  base: WorkspaceDocument | null;
  /** The scenario the editing screens are in, with its document or why it no longer applies; null: the base. */
  scenario: ScenarioView | null;
  /** Switch the editing screens into a scenario (its id), or back to the base (null). */
  editIn(scenario: string | null): Promise<ApiError | null>;
  /** The totals of what the screens show: in a scenario, the scenario's own (as if it were the base). */
  result: ComputeJson | null;
  /** The base's totals with every scenario's (the side-by-side table); outside a scenario, the same as `result`. */
  baseResult: ComputeJson | null;
  /** The latest result has the totals only; uncertainty, sensitivity and break-even are coming. */
  analysesPending: boolean;
  /** The latest result with every analysis (what the charts draw; replaced as soon as a newer one is done). */
  full: ComputeJson | null;
  error: ApiError | null;
  /**
   * Bumped when the document changes other than by typing into a field (undo, redo, another
   * workspace opened): a field being edited then drops its draft and shows the stored value.
   */
  revision: number;
  recent: string[];
  folder: string;
  go(screen: Screen): void;
  loadRecent(): Promise<void>;
  create(path: string, withSample: boolean): Promise<void>;
  open(path: string): Promise<void>;
  /** Save As: copy the workspace (its undo history too) to a new file and go on in the copy. */
  saveAs(path: string, ifExists?: 'fail' | 'replace'): Promise<ApiError | null>;
  /** What a menu command that failed away from its screen says (Save As), until dismissed. */
  notice: string | null;
  dismissNotice(): void;
  /** Run one edit (edit.ts: its operation and input are the contract's). */
  edit: Edit;
  undo(): Promise<void>;
  redo(): Promise<void>;
  recompute(): Promise<void>;
}

/** The latest time stamps of the keystroke path, for profiling (`performance.getEntriesByName('tco:…')`). */
const mark = (name: string) => {
  performance.clearMarks(name);
  performance.mark(name);
};

/**
 * What the store shows of a state the API answered: in a scenario, the scenario's document in
 * place of the base's (the editing screens edit what they see), the base kept apart.
 */
function shown(ws: WorkspaceState, scenario: string | null): { workspace: WorkspaceState; base: WorkspaceDocument; scenario: ScenarioView | null } {
  const view = scenario !== null && ws.scenario?.id === scenario ? ws.scenario : null;
  const { scenario: _view, ...rest } = ws;
  void _view;
  if (!view?.document) return { workspace: rest, base: ws.document, scenario: view };
  return { workspace: { ...rest, document: { ...view.document, scenarios: ws.document.scenarios ?? [] } }, base: ws.document, scenario: view };
}

type Totals = { ok: true; value: ComputeJson } | { ok: false; error: ApiError };

/** Bumped by every edit, undo, redo and recompute: an older computation's answer is dropped. */
let computeGeneration = 0;
let analysesTimer: ReturnType<typeof setTimeout> | null = null;
let analysesRequest: AbortController | null = null;
/** Edits sent or waiting to be: the analyses never start while one is. */
let editsInFlight = 0;
const ANALYSES_DELAY_MS = 350;
const TOTALS = { draws: 0, sensitivity: false, breakEven: false, monthly: false, priceToWin: false } as const;
// The report prints the same draws (electron/api/analysis.ts), so its percentiles are these.
const ANALYSES = { draws: ANALYSIS_DRAWS, seed: ANALYSIS_SEED } as const;

/** Drop the analyses asked for or waiting to be asked for: a newer state is coming. */
function supersedeAnalyses(): void {
  if (analysesTimer) clearTimeout(analysesTimer);
  analysesTimer = null;
  analysesRequest?.abort();
  analysesRequest = null;
}

/**
 * The base document the last edit's answer left in the store, with its tag and the totals answered
 * with it (null: they were an error): while it is still the store's base (no undo, reload or other
 * workspace since), the next edit names it (`since`) and is answered with the document's changes
 * only, not the whole document, and the totals' changes (electron/api/document-changes.ts).
 */
let tagged: { doc: WorkspaceDocument; tag: number; totals: ComputeJson | null } | null = null;

// Edits go one after another, in the order typed, so a slow answer never lands out of order.
let queue: Promise<unknown> = Promise.resolve();
function inOrder<T>(f: () => Promise<T>): Promise<T> {
  const next = queue.then(f, f);
  queue = next.catch(() => undefined);
  return next;
}

export const createWorkspaceSlice: StateCreator<Store, [], [], WorkspaceSlice> = (set, get) => {
  const opened = async (r: { ok: true; value: WorkspaceState } | { ok: false; error: ApiError }) => {
    if (!r.ok) return set({ error: r.error });
    set({ workspace: r.value, base: r.value.document, scenario: null, error: null, screen: 'compare', result: null, baseResult: null, full: null, revision: get().revision + 1 });
    // Nobody is typing yet: the analyses are asked for as soon as the totals are in, not after a pause.
    await computeShown(0);
  };

  /** After a pause in typing (`delayMs`), the analyses of the state now shown (unless something newer comes first). */
  const scheduleAnalyses = (handle: string, generation: number, delayMs = ANALYSES_DELAY_MS) => {
    supersedeAnalyses();
    analysesTimer = setTimeout(() => {
      analysesTimer = null;
      if (generation !== computeGeneration || editsInFlight > 0) return;
      const request = new AbortController();
      analysesRequest = request;
      const sc = get().scenario;
      void call('compute', { handle, ...ANALYSES, ...(sc ? { scenario: sc.id } : {}) }, { signal: request.signal }).then((full) => {
        if (analysesRequest === request) analysesRequest = null;
        if (generation !== computeGeneration || !full.ok) return;
        set({ result: share(get().result, full.value), full: share(get().full, full.value), analysesPending: false, ...(sc ? {} : { baseResult: share(get().baseResult, full.value) }) });
        mark('tco:analyses');
      });
    }, delayMs);
  };

  /** The totals of a state just answered: shown at once, the analyses after a pause (`analysesDelayMs`). */
  const totalsLanded = (ws: WorkspaceState | null, baseTotals: Totals, generation: number, scenarioTotals?: Totals, analysesDelayMs = ANALYSES_DELAY_MS) => {
    // null: the state shown stands (a recompute); else the state just answered.
    const view = ws ? landed(ws) : { workspace: get().workspace, base: get().base, scenario: get().scenario };
    // In a scenario the screens show its own totals; the side-by-side table, the base's with every scenario's.
    const baseResult = baseTotals.ok ? share(get().baseResult, baseTotals.value) : null;
    if (view.scenario !== null && scenarioTotals === undefined) {
      // A scenario's own edit (a rename, a change removed) made while in one: ask for its totals.
      set({ ...view, baseResult });
      void get().recompute();
      return;
    }
    const totals = scenarioTotals ?? baseTotals;
    if (!totals.ok) {
      set({ ...view, result: null, baseResult, error: totals.error, analysesPending: false });
      return;
    }
    set({ ...view, result: share(get().result, totals.value), baseResult, error: null, analysesPending: true });
    mark('tco:totals');
    if (view.workspace) scheduleAnalyses(view.workspace.handle, generation, analysesDelayMs);
  };

  /** The state shown computed again: first the totals (what the table shows), at once; then, `analysesDelayMs` after them, the analyses (the charts). */
  const computeShown = async (analysesDelayMs: number) => {
    const ws = get().workspace;
    if (!ws) return;
    const generation = ++computeGeneration;
    supersedeAnalyses();
    const sc = get().scenario;
    const [core, own] = await Promise.all([call('compute', { handle: ws.handle, ...TOTALS }), sc ? call('compute', { handle: ws.handle, ...TOTALS, scenario: sc.id }) : Promise.resolve(undefined)]);
    if (generation !== computeGeneration) return;
    totalsLanded(null, core, generation, own, analysesDelayMs);
  };

  /** A state the API answered, as the store shows it (in the scenario being edited, if it still is there). */
  const landed = (ws: WorkspaceState) => {
    const v = shown(ws, get().scenario?.id ?? null);
    const workspace = share(get().workspace ?? v.workspace, v.workspace);
    // On the base, the base is the document just shared: one walk of it a keystroke, not two.
    const base = v.scenario?.document ? share(get().base, v.base) : workspace.document;
    return { workspace, base, scenario: share(get().scenario, v.scenario) };
  };

  return {
    screen: 'start',
    workspace: null,
    base: null,
    scenario: null,
    baseResult: null,
    editIn: (scenario) =>
      inOrder(async () => {
        const ws = get().workspace;
        if (!ws) return null;
        const r = await call('workspace.get', scenario === null ? { handle: ws.handle } : { handle: ws.handle, scenario });
        if (!r.ok) return r.error;
        const v = shown(r.value, scenario);
        set({ workspace: share(get().workspace, v.workspace), base: v.base, scenario: v.scenario });
        await get().recompute();
        return null;
      }),
    result: null,
    analysesPending: false,
    full: null,
    error: null,
    revision: 0,
    recent: [],
    folder: '',
    go: (screen) => set({ screen }),
    loadRecent: async () => {
      const r = await call('workspace.recent', {});
      if (r.ok) set({ recent: r.value.files, folder: r.value.folder });
    },
    create: async (path, withSample) => {
      // The sample never collides with an earlier copy: it takes the next free name ("Sample RFP 2").
      const input = withSample ? { path, from: await sampleDocument(), ifExists: 'rename' as const } : { path };
      await opened(await call('workspace.create', input));
    },
    open: async (path) => opened(await call('workspace.open', { path })),
    notice: null,
    dismissNotice: () => set({ notice: null }),
    saveAs: (path, ifExists = 'fail') =>
      inOrder(async () => {
        const ws = get().workspace;
        if (!ws) return null;
        const r = await call('workspace.saveAs', { handle: ws.handle, path, ifExists });
        if (!r.ok) return r.error;
        set(landed(r.value));
        return null;
      }),
    edit: (op, input) => {
      // A keystroke makes whatever analyses are pending stale at once, before it is even sent.
      editsInFlight++;
      supersedeAnalyses();
      mark('tco:edit');
      return inOrder(async () => {
        try {
          const ws = get().workspace;
          if (!ws) return null;
          // One round trip: the edit, committed, and the totals of the new state.
          const made = typeof input === 'function' ? input(ws.document) : input;
          // In a scenario, the ordinary edits are made in it (the scenarios' own edits name theirs).
          const sc = get().scenario;
          const into = sc !== null && !op.startsWith('scenarios.') ? { scenario: sc.id } : {};
          const held = tagged !== null && tagged.doc === get().base ? tagged : null;
          const r = await call('workspace.edit', { handle: ws.handle, op, input: { ...made, ...into }, ...(held ? { since: held.tag } : {}) });
          mark('tco:answered');
          if (!r.ok) {
            // Refused: the state shown stands, and so do its analyses (the key stopped them).
            if (get().analysesPending) scheduleAnalyses(ws.handle, computeGeneration);
            return r.error;
          }
          const answered = r.value.state;
          let state: WorkspaceState;
          if (!('changes' in answered)) state = answered;
          else if (held !== null && answered.changes.since === held.tag) {
            // The document held, with what the edit changed: the parts it left alone are the same objects.
            const { changes, ...rest } = answered;
            state = { ...rest, document: withChanges(held.doc, changes) };
          } else {
            // Changes of a document this store no longer holds (never answered so): the state whole.
            const whole = await call('workspace.get', { handle: ws.handle, ...(sc ? { scenario: sc.id } : {}) });
            if (!whole.ok) return whole.error;
            state = whole.value;
          }
          let totals: Totals;
          const sent = r.value.totals;
          if (!('changes' in sent)) totals = sent;
          else if (held?.totals && sent.changes.since === held.tag) totals = { ok: true, value: withChanges(held.totals, sent.changes) };
          // Changes of totals this store no longer holds (never answered so): the totals whole.
          else totals = await call('compute', { handle: ws.handle, ...TOTALS });
          totalsLanded(state, totals, ++computeGeneration, r.value.scenarioTotals);
          const base = get().base;
          tagged = base ? { doc: base, tag: r.value.tag, totals: totals.ok ? totals.value : null } : null;
          return null;
        } finally {
          editsInFlight--;
        }
      });
    },
    undo: () =>
      inOrder(async () => {
        const ws = get().workspace;
        if (!ws?.history.canUndo) return;
        const sc = get().scenario;
        const r = await call('history.undo', sc ? { handle: ws.handle, scenario: sc.id } : { handle: ws.handle });
        if (r.ok) {
          // A scenario that the step took away leaves the screens on the base.
          set({ ...landed(r.value), revision: get().revision + 1 });
          await get().recompute();
        }
      }),
    redo: () =>
      inOrder(async () => {
        const ws = get().workspace;
        if (!ws?.history.canRedo) return;
        const sc = get().scenario;
        const r = await call('history.redo', sc ? { handle: ws.handle, scenario: sc.id } : { handle: ws.handle });
        if (r.ok) {
          // A scenario that the step took away leaves the screens on the base.
          set({ ...landed(r.value), revision: get().revision + 1 });
          await get().recompute();
        }
      }),
    recompute: () => computeShown(ANALYSES_DELAY_MS),
  };
};
