import type { ApiError } from '../../../electron/api/errors.js';
import { useStore } from '../state/store';
import { problem } from '../words';

/**
 * Why the workspace cannot be computed, in a sentence that names the vendor and the streams, with
 * the fix at hand: a button to the screen where it is made (set an assumed rate, add a pilot...).
 */
export function Problem({ error }: { error: ApiError }) {
  const doc = useStore((st) => st.workspace?.document ?? null);
  const go = useStore((st) => st.go);
  const { sentence, fixes } = problem(error, doc);
  return (
    <div role="alert" className="problem" data-problem>
      <p className="error">{sentence}</p>
      {fixes.length > 0 && (
        <p className="fixes">
          {fixes.map((f) => (
            <button key={f.label} type="button" onClick={() => go(f.screen)}>
              {f.label}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
