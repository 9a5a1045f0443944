import { useState } from 'react';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { describeChangeAt, whyNotApplies } from '../../../../electron/api/scenario-words.js';
import type { PatchOperation } from '../../../../electron/engine/types.js';
import { useStore } from '../../state/store';
import { SideBySide, scenarioProblem } from './SideBySide';
import './scenarios.css';

type ScenarioDoc = NonNullable<WorkspaceDocument['scenarios']>[number];

/** What an API error says, without the operation and JSON path it starts with (the field beside it names the place). */
const said = (message: string) => message.replace(/^[\w.]+: \$[^:]*: /, '').replace(/^\$[^:]*: /, '');

/**
 * Scenarios: named "what if" cases kept apart from the base. Create one, switch the editing
 * screens into it, read its changes in words (each removable), rename or remove it; the base and
 * the scenarios side by side below.
 */
export function ScenariosScreen() {
  const base = useStore((st) => st.base);
  const editing = useStore((st) => st.scenario);
  const result = useStore((st) => st.baseResult);
  const readOnly = useStore((st) => st.workspace?.readOnly ?? false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!base) return null;
  const list = base.scenarios ?? [];
  const { edit, editIn } = useStore.getState();

  const create = async () => {
    const e = await edit('scenarios.add', { name });
    if (e) return setError(said(e.message));
    setError(null);
    setName('');
    const added = useStore.getState().base?.scenarios?.at(-1);
    if (added) {
      const e2 = await editIn(added.id);
      if (e2) setError(said(e2.message));
    }
  };

  return (
    <section aria-labelledby="scenarios-h">
      <h1 id="scenarios-h">Scenarios</h1>
      <p className="hint">
        A scenario is a "what if" kept apart from the base: a price a vendor might offer, a higher volume, a vendor dropped. Choose Edit in this scenario, then change anything on the editing screens;
        each change is listed here and can be removed. The compare screen shows the base and every scenario side by side.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label htmlFor="new-scenario">New scenario</label>
          <input id="new-scenario" value={name} placeholder="e.g. Volume +30%" onChange={(e) => setName(e.target.value)} disabled={readOnly} />
        </div>
        <button type="submit" disabled={readOnly || name.trim() === ''}>
          Create scenario
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {list.length === 0 ? (
        <p className="empty">No scenarios yet.</p>
      ) : (
        <ul className="scenario-list">
          {list.map((sc) => (
            <ScenarioCard
              key={sc.id}
              sc={sc}
              base={base}
              editing={editing?.id === sc.id}
              readOnly={readOnly}
              failed={editing?.id === sc.id ? editing.failedOperation : null}
              problem={editing?.id === sc.id ? editing.error : null}
              computed={scenarioProblem(base, result?.scenarios.find((x) => x.id === sc.id) ?? { id: sc.id, name: sc.name ?? sc.id, cheapest: null, vendors: [] })}
            />
          ))}
        </ul>
      )}
      {result && result.scenarios.length > 0 && (
        <section aria-labelledby="sbs-h">
          <h2 id="sbs-h">Base and scenarios side by side</h2>
          <div className="table-scroll" role="region" aria-label="Base and scenarios side by side (scrolls sideways)" tabIndex={0}>
            <SideBySide result={result} base={base} />
          </div>
        </section>
      )}
    </section>
  );
}

function ScenarioCard({
  sc,
  base,
  editing,
  readOnly,
  failed,
  problem,
  computed,
}: {
  sc: ScenarioDoc;
  base: WorkspaceDocument;
  editing: boolean;
  readOnly: boolean;
  failed: number | null;
  problem: string | null;
  /** Why the compare table cannot compute it (the base's computation says so even when not editing in it). */
  computed: string | null;
}) {
  const { edit, editIn } = useStore.getState();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = sc.name ?? sc.id;
  // The checks an edit writes before each change (that the vendor, route or stream is still the
  // one it was made on) are not changes: they go with their change, and are not listed.
  const changes = sc.patch.map((o, i) => ({ o, i })).filter(({ o }) => o.op !== 'test');
  const run = async (p: Promise<{ message: string } | null>) => {
    const e = await p;
    setError(e ? said(e.message) : null);
  };
  return (
    <li className="scenario-card" data-scenario={sc.id} data-editing={editing ? '' : undefined}>
      <h2>{title}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={`sc-name-${sc.id}`}>Name</label>
          <input
            id={`sc-name-${sc.id}`}
            value={draft ?? title}
            disabled={readOnly}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => {
              if (draft !== null && draft.trim() !== '' && draft.trim() !== title) void run(edit('scenarios.rename', { id: sc.id, name: draft }));
              setDraft(null);
            }}
          />
        </div>
        {editing ? (
          <button type="button" onClick={() => void run(editIn(null))}>
            Back to the base
          </button>
        ) : (
          <button type="button" onClick={() => void run(editIn(sc.id))} disabled={readOnly}>
            Edit in this scenario
          </button>
        )}
        <button
          type="button"
          disabled={readOnly}
          onClick={() => {
            void (async () => {
              if (editing) await editIn(null);
              await run(edit('scenarios.remove', { id: sc.id }));
            })();
          }}
        >
          Remove scenario
        </button>
      </div>
      {(problem || computed) && (
        <p role="alert" className="error" data-scenario-problem>
          {computed ?? whyNotApplies(base, title, sc.patch as PatchOperation[], failed)}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {changes.length === 0 ? (
        <p className="hint">No changes yet{editing ? ': change prices, volumes or anything else on the editing screens.' : '.'}</p>
      ) : (
        <ol className="scenario-changes" aria-label={`Changes in ${title}`}>
          {changes.map(({ o, i }) => {
            const words = describeChangeAt(base, sc.patch as PatchOperation[], i);
            return (
              <li key={`${i}:${o.path}`} data-change={i}>
                {words}
                <button
                  type="button"
                  className="link"
                  disabled={readOnly}
                  aria-label={`Remove the change: ${words}`}
                  onClick={() => void run(edit('scenarios.removeOperation', { id: sc.id, index: i }))}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </li>
  );
}
