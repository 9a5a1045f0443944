import { useEffect } from 'react';
import { onMenu } from './api/client';
import { CompareScreen } from './features/compare/CompareScreen';
import { EvidenceScreen } from './features/evidence/EvidenceScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { StartScreen } from './features/start/StartScreen';
import { StreamsScreen } from './features/streams/StreamsScreen';
import { VendorsScreen } from './features/vendors/VendorsScreen';
import { useWorkspace, type Screen } from './state/workspace';

const NAV: { screen: Screen; label: string }[] = [
  { screen: 'compare', label: 'Compare' },
  { screen: 'streams', label: 'Volume plan' },
  { screen: 'vendors', label: 'Vendors' },
  { screen: 'evidence', label: 'Evidence' },
  { screen: 'settings', label: 'Settings' },
];

export function App() {
  const { screen, workspace, go, undo, redo } = useWorkspace();
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
      if (p.command === 'opened') useWorkspace.setState({ workspace: p.state, screen: 'compare' });
    });
    return () => {
      window.removeEventListener('keydown', key);
      off();
    };
  }, [undo, redo]);
  if (!workspace || screen === 'start') return <StartScreen />;
  return (
    <div className="app">
      <header>
        <button type="button" className="link" onClick={() => go('start')}>
          ← Workspaces
        </button>
        <strong>{workspace.document.name || workspace.path}</strong>
        <nav aria-label="Screens">
          {NAV.map((n) => (
            <button key={n.screen} type="button" aria-current={screen === n.screen ? 'page' : undefined} onClick={() => go(n.screen)}>
              {n.label}
            </button>
          ))}
        </nav>
        <span className="history">
          <button type="button" disabled={!workspace.history.canUndo} onClick={() => void undo()} title={workspace.history.undoLabel ?? ''}>
            Undo
          </button>
          <button type="button" disabled={!workspace.history.canRedo} onClick={() => void redo()} title={workspace.history.redoLabel ?? ''}>
            Redo
          </button>
        </span>
      </header>
      <main>{screen === 'settings' ? <SettingsScreen /> : screen === 'streams' ? <StreamsScreen /> : screen === 'vendors' ? <VendorsScreen /> : screen === 'evidence' ? <EvidenceScreen /> : <CompareScreen />}</main>
    </div>
  );
}
