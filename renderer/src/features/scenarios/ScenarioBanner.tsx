import { useStore } from '../../state/store';
import './scenarios.css';

/** Said above every screen while the editing screens are in a scenario, with the way back to the base. */
export function ScenarioBanner() {
  const scenario = useStore((st) => st.scenario);
  if (!scenario) return null;
  const { editIn, go } = useStore.getState();
  return (
    <div role="status" className="scenario-banner" data-scenario-banner>
      <span>
        <strong>Editing scenario {scenario.name}</strong> — changes are kept apart from the base.
      </span>
      <button type="button" className="link" onClick={() => go('scenarios')}>
        Its changes
      </button>
      <button type="button" className="link" onClick={() => void editIn(null)}>
        Back to the base
      </button>
      {scenario.document === null && (
        <p role="alert" className="error">
          This scenario's changes no longer fit the base as it is now, so edits cannot be made in it: see its changes on the Scenarios screen and remove the one that fails.
        </p>
      )}
    </div>
  );
}
