import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EXPORT_FORMATS, type ExportFormat } from '../../state/export-formats';
import { useStore } from '../../state/store';
import { suggestedPath } from './paths';
import { PreparedFields } from './PreparedFields';
import './export.css';

const ALL: ExportFormat[] = ['pdf', 'xlsx', 'csv-compare', 'csv-monthly'];

const RUNNING: Record<ExportFormat, string> = {
  pdf: 'Computing the uncertainty and printing the report…',
  xlsx: 'Writing the sheet…',
  'csv-compare': 'Writing the compare table…',
  'csv-monthly': 'Writing the monthly rows…',
};

/** What the last export did, or why it failed, or what is running. */
function ExportStatus() {
  const { running, done, error, dismiss } = useStore(useShallow((st) => ({ running: st.exportRunning, done: st.exportDone, error: st.exportError, dismiss: st.dismissExport })));
  if (running)
    return (
      <p className="export-status" role="status">
        {RUNNING[running]}
      </p>
    );
  if (error) {
    return (
      <p className="export-status error" role="alert">
        {error.message}{' '}
        <button type="button" className="link" onClick={dismiss}>
          Dismiss
        </button>
      </p>
    );
  }
  if (done) {
    return (
      <p className="export-status done" role="status" data-exported={done.path}>
        Wrote {done.path}
        {done.pages !== undefined ? ` (${done.pages} page${done.pages === 1 ? '' : 's'})` : ''}.
      </p>
    );
  }
  return null;
}

/**
 * Choose what to export and where: in the desktop app each kind opens the save dialog; in a browser
 * the page cannot show one, so the path is typed (it starts beside the workspace file).
 */
export function ExportPanel({ formats = ALL }: { formats?: ExportFormat[] }) {
  const { running, dialog, exportTo } = useStore(useShallow((st) => ({ running: st.exportRunning, dialog: st.saveDialog, exportTo: st.exportTo })));
  const ws = useStore((st) => st.workspace);
  const [format, setFormat] = useState<ExportFormat>(formats[0] ?? 'pdf');
  const [path, setPath] = useState<string | null>(null);
  const ids = useId();
  if (!ws) return null;
  const target = path ?? suggestedPath(ws.path, ws.document.name ?? '', format);
  if (dialog) {
    return (
      <div className="export-panel">
        {formats.includes('pdf') && <PreparedFields />}
        {formats.map((f) => (
          <button key={f} type="button" className={f === 'pdf' ? 'primary' : undefined} disabled={running !== null} onClick={() => void exportTo(f)}>
            {f === 'pdf' ? 'Export report' : `${EXPORT_FORMATS[f].label}…`}
          </button>
        ))}
        <ExportStatus />
      </div>
    );
  }
  return (
    <form
      className="export-panel"
      onSubmit={(e) => {
        e.preventDefault();
        if (target.trim()) void exportTo(format, target.trim());
      }}
    >
      {formats.length > 1 && (
        <div className="field">
          <label htmlFor={`${ids}-what`}>What</label>
          <select
            id={`${ids}-what`}
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as ExportFormat);
              setPath(null);
            }}
          >
            {formats.map((f) => (
              <option key={f} value={f}>
                {EXPORT_FORMATS[f].label}
              </option>
            ))}
          </select>
        </div>
      )}
      {format === 'pdf' && <PreparedFields />}
      <div className="field">
        <label htmlFor={`${ids}-path`}>Save as (a path on the computer running the app)</label>
        <input id={`${ids}-path`} value={target} onChange={(e) => setPath(e.target.value)} required spellCheck={false} />
      </div>
      <button type="submit" className="primary" disabled={running !== null}>
        {format === 'pdf' ? 'Export report' : 'Export'}
      </button>
      <ExportStatus />
    </form>
  );
}

/** The header's Export button: opens the export panel beside it; Escape or a click elsewhere closes it. */
export function ExportButton() {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  const panelId = useId();
  useEffect(() => {
    if (!open) return;
    const key = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const click = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    window.addEventListener('keydown', key);
    window.addEventListener('mousedown', click);
    return () => {
      window.removeEventListener('keydown', key);
      window.removeEventListener('mousedown', click);
    };
  }, [open]);
  return (
    <span className="export" ref={box}>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Export…
      </button>
      {open && (
        <div className="export-popover" id={panelId} role="dialog" aria-label="Export">
          <ExportPanel />
        </div>
      )}
    </span>
  );
}
