import { useEffect, useState } from 'react';
import { onMenu } from './api/client';
import { CompareScreen } from './features/compare/CompareScreen';
import { EvidenceScreen } from './features/evidence/EvidenceScreen';
import { ImportScreen } from './features/import/ImportScreen';
import { ScenarioBanner } from './features/scenarios/ScenarioBanner';
import { ScenariosScreen } from './features/scenarios/ScenariosScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { StartScreen } from './features/start/StartScreen';
import { StreamsScreen } from './features/streams/StreamsScreen';
import { VendorsScreen } from './features/vendors/VendorsScreen';
import { useImport } from './state/import';
import { ExportButton } from './features/export/ExportPanel';
import { useStore, type Screen } from './state/store';

const NAV: { screen: Screen; label: string }[] = [
  { screen: 'compare', label: 'Compare' },
  { screen: 'streams', label: 'Volume plan' },
  { screen: 'vendors', label: 'Vendors' },
  { screen: 'evidence', label: 'Evidence' },
  { screen: 'import', label: 'Import events' },
  { screen: 'scenarios', label: 'Scenarios' },
  { screen: 'settings', label: 'Settings' },
];

export function App() {
  // Only what the frame shows: a keystroke's new totals re-render the screen's numbers, not the app.
  const screen = useStore((st) => st.screen);
  const title = useStore((st) => (st.workspace ? st.workspace.document.name || st.workspace.path : ''));
  const undoState = useStore((st) => st.workspace?.history);
  const readOnlyPath = useStore((st) => (st.workspace?.readOnly ? st.workspace.path : null));
  const notice = useStore((st) => st.notice);
  const dismissNotice = useStore((st) => st.dismissNotice);
  const { go, undo, redo } = useStore.getState();
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      // Fields commit as you type, so undo is the workspace's, in a field too.
      if (!mod) return;
      if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if ((e.key.toLowerCase() === 'z' && e.shiftKey) || e.key.toLowerCase() === 'y') {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', key);
    const off = onMenu((p) => {
      if (p.command === 'undo') void undo();
      if (p.command === 'redo') void redo();
      if (p.command === 'opened') useStore.setState({ workspace: p.state, base: p.state.document, scenario: null, baseResult: null, screen: 'compare' });
      if (p.command === 'export-report') void useStore.getState().exportTo('pdf', p.path);
      if (p.command === 'export-sheet') void useStore.getState().exportTo('xlsx', p.path);
      // The desktop's save dialog has already asked before replacing a file.
      if (p.command === 'save-as')
        void useStore
          .getState()
          .saveAs(p.path, 'replace')
          .then((err) => err && useStore.setState({ notice: `Save As: ${err.message}` }));
      if (p.command === 'import-events') {
        useImport.getState().setPath(p.path);
        useStore.getState().go('import');
        void useImport.getState().loadPreview();
      }
    });
    return () => {
      window.removeEventListener('keydown', key);
      off();
    };
  }, [undo, redo]);
  if (!undoState || screen === 'start') return <StartScreen />;
  return (
    <div className="app">
      <header>
        <button type="button" className="link" onClick={() => go('start')}>
          ← Workspaces
        </button>
        <strong title={title}>{title}</strong>
        <nav aria-label="Screens">
          {NAV.map((n) => (
            <button key={n.screen} type="button" aria-current={screen === n.screen ? 'page' : undefined} onClick={() => go(n.screen)}>
              {n.label}
            </button>
          ))}
        </nav>
        <ExportButton />
        <span className="history">
          <button type="button" disabled={!undoState.canUndo} onClick={() => void undo()} title={undoState.undoLabel ?? ''}>
            Undo
          </button>
          <button type="button" disabled={!undoState.canRedo} onClick={() => void redo()} title={undoState.redoLabel ?? ''}>
            Redo
          </button>
        </span>
      </header>
      {notice !== null && (
        <p role="alert" className="error menu-notice">
          {notice}{' '}
          <button type="button" className="link" onClick={dismissNotice}>
            Dismiss
          </button>
        </p>
      )}
      {readOnlyPath !== null && <ReadOnlyNotice path={readOnlyPath} />}
      <ScenarioBanner />
      <main>
        {screen === 'scenarios' ? (
          <ScenariosScreen />
        ) : screen === 'settings' ? (
          <SettingsScreen />
        ) : screen === 'streams' ? (
          <StreamsScreen />
        ) : screen === 'vendors' ? (
          <VendorsScreen />
        ) : screen === 'evidence' ? (
          <EvidenceScreen />
        ) : screen === 'import' ? (
          <ImportScreen />
        ) : (
          <CompareScreen />
        )}
      </main>
    </div>
  );
}

/** A read-only workspace says so, with the way out: a copy somewhere writable (Save As). */
function ReadOnlyNotice({ path }: { path: string }) {
  const suggested = path.replace(/(\.tcows)?$/, ' (copy).tcows');
  const [target, setTarget] = useState(suggested);
  const [error, setError] = useState<string | null>(null);
  return (
    <div role="status" className="readonly-notice" data-readonly>
      <p>Read-only: {path} cannot be changed here (the file or its folder is read-only). You can read, compare and export it; to edit it, save a copy somewhere writable.</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void useStore
            .getState()
            .saveAs(target.trim())
            .then((err) => setError(err ? err.message : null));
        }}
      >
        <label htmlFor="save-copy-path">Save a copy as</label>
        <input id="save-copy-path" type="text" value={target} style={{ width: '32rem' }} onChange={(e) => setTarget(e.target.value)} />
        <button type="submit">Save copy</button>
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </form>
    </div>
  );
}
