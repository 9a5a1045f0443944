/** Edits (each an undo step in the file, typing folded), workspace.edit with its totals, undo and redo, in the base or in a scenario. */
import { canonicalDocument, canonicalDocumentFrom, readDocument, readDocumentFrom, zodIssues, type WorkspaceDocument } from '../../api/document.js';
import { documentChanges, resultChanges } from '../../api/document-changes.js';
import { OperationError, type ApiResult } from '../../api/errors.js';
import type { EditOpName } from '../../api/op-names.js';
import { operations, type EditChangesOutput, type EditOutput, type OpInput, type WorkspaceState } from '../../api/operations.js';
import jsonPatch from 'fast-json-patch';
import { compute } from '../../engine/compute.js';
import { computeJson, type ComputeJson } from '../../engine/result-json.js';
import type { Workspace } from '../../engine/types.js';
import { withChecks } from '../scenario-checks.js';
import { computeWithScenarios, scenarioFor, scenarioWorkspace } from '../scenarios.js';
import { edits, type EditName } from '../edits.js';
import { toApiError } from '../dispatch.js';
import { type Context, type HandlerTable, type Session } from './context.js';

/** Edits typed in the window within this long of each other, same label, same places: one undo step. */
export const TYPING_FOLD_MS = 1500;

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

export function editingHandlers(
  ctx: Context,
): HandlerTable<
  | 'workspace.edit'
  | 'history.undo'
  | 'history.redo'
  | 'settings.update'
  | 'fx.set'
  | 'fx.remove'
  | 'defaults.set'
  | 'defaults.remove'
  | 'streams.add'
  | 'streams.update'
  | 'streams.remove'
  | 'vendors.add'
  | 'vendors.update'
  | 'vendors.remove'
  | 'quote.update'
  | 'routes.add'
  | 'routes.update'
  | 'routes.remove'
  | 'fees.add'
  | 'fees.update'
  | 'fees.remove'
  | 'internal.update'
  | 'pilots.add'
  | 'pilots.update'
  | 'pilots.remove'
  | 'scenarios.add'
  | 'scenarios.rename'
  | 'scenarios.remove'
  | 'scenarios.removeOperation'
> {
  const { now, elapsedMs, analyses, adopt, session, scenarioView, state } = ctx;
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
          // The document as the session last read it (nothing committed since by another window or
          // process): only the streams and vendors the edit changed are read and checked again, and
          // the next document shares the others with it (a keystroke on a global RFP costs one vendor).
          const base = current === s.doc ? { doc: current, ws: s.ws } : null;
          const currentWs = scenario === undefined && name !== 'scenarios.removeOperation' ? null : (base?.ws ?? readDocument(current));
          const { label, next } = scenario === undefined ? run(current, input) : inScenario(currentWs!, current, scenario, run, input);
          const ws = base ? readDocumentFrom(base, next) : readDocument(next);
          if (name === 'scenarios.removeOperation') {
            const i = input as OpInput<'scenarios.removeOperation'>;
            // A later change may rest on this one (an add, then a change inside what it added).
            if (applies(currentWs!, i.id) && !applies(ws, i.id)) {
              throw new OperationError('INVALID_INPUT', `change ${i.index + 1} of this scenario cannot be removed alone: a later change of the scenario rests on it; remove that one first`, {
                path: '$.index',
                field: 'index',
              });
            }
          }
          return { label, next: base ? canonicalDocumentFrom(base, ws) : canonicalDocument(ws), value: { label, ws } };
        },
        now().toISOString(),
        // Typing in a field (the window's edits) within TYPING_FOLD_MS of the last edit of the same
        // label is one undo step: the store folds it when it also changes the same places.
        (label) => typing && s.lastTyped !== null && s.lastTyped.label === label && t - s.lastTyped.time <= TYPING_FOLD_MS,
      );
      s.lastTyped = typing ? { label, time: t } : null;
      adopt(s, ws);
      analyses?.supersede(s.handle);
      return state(s, scenario);
    };

  const step = (s: Session, direction: 'undo' | 'redo', scenario?: string): WorkspaceState => {
    s.lastTyped = null;
    const label = direction === 'undo' ? s.store.undo() : s.store.redo();
    if (label === null) throw new OperationError(direction === 'undo' ? 'NOTHING_TO_UNDO' : 'NOTHING_TO_REDO', `nothing to ${direction}`);
    // The store keeps the parts the step did not change (the same objects): only the others are read again.
    adopt(s);
    analyses?.supersede(s.handle);
    return state(s, scenario);
  };

  return {
    'workspace.edit': (i) => {
      const s = session(i.handle);
      // The edit's own input, checked as the edit's operation checks it (the same paths and messages).
      const parsed = operations[i.op].input.safeParse({ ...i.input, handle: i.handle }, { reportInput: true });
      if (!parsed.success) {
        const first = zodIssues(parsed.error)[0]!;
        throw new OperationError('INVALID_INPUT', `${i.op}: ${first.path}: ${first.message}`, { path: first.path, field: first.field });
      }
      const after = edit(i.op, true)(parsed.data);
      // The document is tagged for the next edit; given the last one's tag, only what changed since is sent.
      // The totals too: given the tag, they are their changes from the totals answered with it.
      const since = i.since;
      const held = since !== undefined && s.answered?.tag === since ? s.answered : null;
      const tag = ++s.tags;
      const { document: doc, ...rest } = after;
      const answer = <T extends { totals: ApiResult<ComputeJson> }>(o: T): EditOutput | EditChangesOutput => {
        s.answered = { doc, tag, totals: o.totals.ok ? o.totals.value : null };
        if (held === null || since === undefined) return { ...o, tag, state: after };
        const totals = held.totals !== null && o.totals.ok ? { ok: true as const, changes: resultChanges(held.totals, o.totals.value, since) } : o.totals;
        return { ...o, tag, state: { ...rest, changes: documentChanges(held.doc, doc, since) }, totals };
      };
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
      if (inScenario === undefined) return answer({ totals });
      const scenarioTotals = attempt(() => {
        const sc = scenarioFor(s.ws, inScenario, s.cache)!;
        return computeJson(compute(sc.workspace, TOTALS, sc.cache), { monthly: false });
      });
      return answer({ totals, scenarioTotals });
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
  };
}
