import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';

/** New workspace, open, recent files, and the sample RFP. */
export function StartScreen() {
  const { recent, folder, loadRecent, create, open, error } = useStore(
    useShallow((st) => ({ recent: st.recent, folder: st.folder, loadRecent: st.loadRecent, create: st.create, open: st.open, error: st.error })),
  );
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);
  const target = (n: string) => `${folder}/${n.replace(/[\\/]/g, '-')}.tcows`;
  return (
    <section className="start" aria-labelledby="start-h">
      <h1 id="start-h">Messaging TCO</h1>
      <p>Compare messaging vendors on the cost of a message that arrives and does its job.</p>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <div className="cards">
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void create(target(name.trim()), false);
          }}
        >
          <h2>New workspace</h2>
          <label htmlFor="new-name">Name</label>
          <input id="new-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Retail RFP 2027" required />
          <p className="hint">{folder ? `Saved as ${name.trim() ? target(name.trim()) : `${folder}/….tcows`}` : 'Saved in your workspaces folder'}; every change is kept at once.</p>
          <button type="submit">Create</button>
        </form>
        <div className="card">
          <h2>Sample RFP</h2>
          <p>Three vendors, four streams, pilots and a holdout: see how the numbers come out.</p>
          <button type="button" onClick={() => void create(target('Sample RFP'), true)}>
            Open the sample
          </button>
        </div>
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void open(path.trim());
          }}
        >
          <h2>Open</h2>
          <label htmlFor="open-path">Workspace file</label>
          <input id="open-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/workspace.tcows" required />
          <button type="submit">Open</button>
        </form>
      </div>
      <h2>Recent</h2>
      {recent.length === 0 ? (
        <p>No recent workspaces yet: create one or open the sample.</p>
      ) : (
        <ul className="recent">
          {recent.map((f) => (
            <li key={f}>
              <button type="button" className="link" onClick={() => void open(f)}>
                {f}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
