import { useEffect, useId, useMemo, useState, type DragEvent } from 'react';
import { IMPORT_EVENTS, IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS, type ImportEvent, type ImportField } from '../../../../electron/api/import-model.js';
import type { ImportResultJson } from '../../../../electron/api/operations.js';
import { count as formatCount, counted, percent as formatPercent } from '../../format';
import { CUSTOM, useImport } from '../../state/import';
import { useWorkspace } from '../../state/workspace';

const FIELD_LABELS: Record<ImportField, string> = {
  eventId: 'Event id (drops retried webhooks)',
  messageId: 'Message id',
  recipient: 'Recipient',
  route: 'Route (sms/US, whatsapp/IN/marketing, email)',
  cohort: 'Cohort (exposed or holdout)',
  event: 'Event or status',
  failureReason: 'Failure reason or error code',
  timestamp: 'Time',
  segments: 'Segments',
  price: 'Price',
};

const EVENT_LABELS: Record<ImportEvent, string> = {
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  opened: 'opened (engaged)',
  clicked: 'clicked (engaged)',
  replied: 'replied (engaged)',
  opted_out: 'opted out',
  complained: 'complained',
  converted: 'converted',
  held_out: 'held out (holdout member)',
};

const ANOMALY_LABELS: Record<string, string> = {
  'engaged-before-delivered': 'engagement before delivery',
  'delivered-after-failed': 'delivered after a terminal failure',
  'unknown-message': 'event for a message never sent',
  'future-timestamp': 'time in the future',
};

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Import a pilot's event log: the file, its preview, the format or mapping, progress, result. */
export function ImportScreen() {
  const doc = useWorkspace((s) => s.workspace?.document);
  const readOnly = useWorkspace((s) => s.workspace?.readOnly ?? false);
  const go = useWorkspace((s) => s.go);
  // An import always goes to the base workspace, even while the editing screens are in a scenario.
  const inScenario = useWorkspace((s) => s.scenario?.name ?? null);
  const st = useImport();
  const ids = { vendor: useId(), path: useId(), format: useId(), file: useId() };
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    useImport.getState().start(null);
  }, []);

  const vendors = doc?.vendors ?? [];
  const running = st.phase === 'running';
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void st.chooseFile(f);
  };

  return (
    <section className="import" aria-labelledby="import-title">
      <h1 id="import-title">Import pilot events</h1>
      <p className="empty">
        A vendor's message log, webhook dump or delivery report becomes pilot results: sent, delivered, failed by reason, engaged, converted, and
        the holdout's members. The file is read whole and checked first; any error, or Cancel, leaves the workspace as it was.
      </p>
      {inScenario !== null && (
        <p role="note" className="notice" data-import-to-base>
          You are editing scenario {inScenario}: an import goes into the base workspace, not into the scenario, and every scenario sees it too.
        </p>
      )}
      {readOnly && <p role="alert" className="error">This workspace is read-only: save a copy (Save As) to import into it.</p>}
      {vendors.length === 0 ? (
        <p className="empty">Add the vendor that ran the pilot first (Vendors), then import its log here.</p>
      ) : (
        <>
          <fieldset className="row" disabled={running}>
            <legend>1. The file</legend>
            <label htmlFor={ids.vendor}>Vendor</label>
            <select id={ids.vendor} value={st.vendorId ?? ''} onChange={(e) => st.setVendor(e.target.value)}>
              {vendors.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name ?? v.id}
                </option>
              ))}
            </select>
            <label htmlFor={ids.path}>Event log</label>
            <input
              id={ids.path}
              type="text"
              value={st.path}
              placeholder="/path/to/messages.csv"
              style={{ width: '28rem' }}
              onChange={(e) => st.setPath(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void st.loadPreview();
              }}
            />
            <button type="button" onClick={() => void st.loadPreview()}>
              Preview
            </button>
            <label className="button" htmlFor={ids.file}>
              Choose file…
            </label>
            <input
              id={ids.file}
              className="visually-hidden"
              type="file"
              accept=".csv,.tsv,.txt,.jsonl,.ndjson,.json"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void st.chooseFile(f);
                e.target.value = '';
              }}
            />
            <div
              className={`dropzone${dragging ? ' over' : ''}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={drop}
              aria-label="Drop the file here"
            >
              or drop the file here
            </div>
          </fieldset>

          {st.error && (
            <p role="alert" className="error" data-import-error>
              {st.error.message}
            </p>
          )}
          {st.notice && (
            <p role="status" className="notice">
              {st.notice}
            </p>
          )}
          {st.phase === 'previewing' && <p role="status">Reading the first rows…</p>}

          {st.preview && <Preview />}
          {st.preview && (
            <fieldset disabled={running}>
              <legend>2. Its format</legend>
              <label htmlFor={ids.format}>Format</label>{' '}
              <select id={ids.format} value={st.format} onChange={(e) => st.setFormat(e.target.value)}>
                {st.formats
                  .filter((f) => f.kind === st.preview!.kind)
                  .map((f) => (
                    <option key={f.name} value={f.name}>
                      {f.builtIn ? f.label : `${f.label} (saved)`}
                      {f.name === st.preview!.suggested ? ' — matches this file' : ''}
                    </option>
                  ))}
                <option value={CUSTOM}>My own mapping of this file's columns</option>
              </select>
              {st.format !== CUSTOM && <FormatSummary />}
              {st.format === CUSTOM && <MappingEditor />}
            </fieldset>
          )}

          {st.preview && (
            <fieldset>
              <legend>3. Import</legend>
              {!running ? (
                <button type="button" className="primary" disabled={readOnly} onClick={() => void st.run()}>
                  Import into {vendors.find((v) => v.id === st.vendorId)?.name ?? st.vendorId}
                </button>
              ) : (
                <div className="row">
                  <progress max={st.progress?.totalBytes || 1} value={st.progress?.bytesRead ?? 0} aria-label="Bytes read" />
                  <span role="status">
                    {bytes(st.progress?.bytesRead ?? 0)} of {bytes(st.progress?.totalBytes ?? 0)} read
                    {st.progress && st.progress.totalBytes > 0 ? ` (${Math.round((100 * st.progress.bytesRead) / st.progress.totalBytes)}%)` : ''}
                  </span>
                  <button type="button" onClick={() => void st.cancel()}>
                    Cancel
                  </button>
                </div>
              )}
            </fieldset>
          )}

          {st.result && st.phase === 'done' && <Result result={st.result} vendor={vendors.find((v) => v.id === st.importedInto)?.name ?? st.importedInto ?? ''} toBase={inScenario !== null} onShow={() => go('vendors')} />}
        </>
      )}
    </section>
  );
}

function Preview() {
  const p = useImport((s) => s.preview)!;
  const shown = p.rows.slice(0, 8);
  return (
    <div className="preview">
      <p>
        {p.kind === 'csv' ? `CSV, “${p.delimiter === '\t' ? 'tab' : p.delimiter}” between fields` : 'JSON Lines'}, {bytes(p.totalBytes)}, {counted(p.columns.length, 'column', 'columns')}; the first {counted(shown.length, 'row', 'rows')}:
      </p>
      <div className="scroll">
        <table className="compact" aria-label="The file's first rows">
          <thead>
            <tr>
              {p.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                {p.columns.map((_, j) => (
                  <td key={j}>{r[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function FormatSummary() {
  const st = useImport();
  const f = st.formats.find((x) => x.name === st.format);
  if (!f) return null;
  const cols = Object.entries(f.mapping.columns).map(([k, v]) => `${Array.isArray(v) ? v.join(' or ') : v} → ${FIELD_LABELS[k as ImportField].split(' (')[0]!.toLowerCase()}`);
  const statuses = Object.entries(f.mapping.events ?? {}).map(([k, v]) => `${k} → ${v ?? 'read past'}`);
  return (
    <div className="format-summary">
      <p>Columns: {cols.join('; ')}.</p>
      {statuses.length > 0 && <p>Statuses: {statuses.join('; ')}.</p>}
      {f.mapping.defaults?.route && <p>Route when the file does not say: {f.mapping.defaults.route}.</p>}
      {f.source && <p className="empty">From: {f.source}</p>}
      <p>
        <button type="button" onClick={() => st.setFormat(CUSTOM)}>
          Adjust this mapping
        </button>
        {!f.builtIn && (
          <button type="button" className="remove" onClick={() => void st.removePreset(f.name)}>
            Remove saved “{f.name}”
          </button>
        )}
      </p>
    </div>
  );
}

function MappingEditor() {
  const st = useImport();
  const p = st.preview!;
  const m = st.mapping;
  const [name, setName] = useState('');
  const baseId = useId();
  const eventColumn = m.columns.event;
  const eventCols = eventColumn === undefined ? [] : Array.isArray(eventColumn) ? eventColumn : [eventColumn];
  // The statuses the preview shows in the event column, and those the mapping already names.
  const values = useMemo(() => {
    const idx = eventCols.map((c) => p.columns.findIndex((x) => x.toLowerCase() === c.toLowerCase())).filter((i) => i >= 0);
    const seen = new Set<string>();
    for (const r of p.rows) for (const i of idx) if (r[i]) seen.add(r[i]!);
    for (const k of Object.keys(m.events ?? {})) seen.add(k);
    return [...seen];
  }, [p, eventCols.join('\u0000'), m.events]);
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !m.columns[f]);
  const noRoute = !m.columns.route && !m.defaults?.route;
  return (
    <div className="mapping">
      <table className="compact" aria-label="Columns for each field">
        <thead>
          <tr>
            <th scope="col">Field of the event model</th>
            <th scope="col">The file's column</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_FIELDS.map((f) => {
            const cur = m.columns[f];
            const value = cur === undefined ? '' : Array.isArray(cur) ? cur[0]! : cur;
            const required = REQUIRED_IMPORT_FIELDS.includes(f);
            return (
              <tr key={f}>
                <th scope="row">
                  <label htmlFor={`${baseId}-${f}`}>
                    {FIELD_LABELS[f]}
                    {required ? ' *' : ''}
                  </label>
                </th>
                <td>
                  <select id={`${baseId}-${f}`} value={value} aria-invalid={required && !value} onChange={(e) => st.setColumn(f, e.target.value === '' ? null : e.target.value)}>
                    <option value="">— none —</option>
                    {p.columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">
              <label htmlFor={`${baseId}-default-route`}>Route when the file does not say</label>
            </th>
            <td>
              <input id={`${baseId}-default-route`} type="text" value={m.defaults?.route ?? ''} placeholder="sms/US" aria-invalid={noRoute} onChange={(e) => st.setDefaultRoute(e.target.value)} />
            </td>
          </tr>
          <tr>
            <th scope="row">
              <label htmlFor={`${baseId}-naive-utc`}>Times without a zone are UTC</label>
            </th>
            <td>
              <input id={`${baseId}-naive-utc`} type="checkbox" checked={m.naiveTimestampsAreUtc === true} onChange={(e) => st.setNaiveUtc(e.target.checked)} />
            </td>
          </tr>
        </tbody>
      </table>
      {(missing.length > 0 || noRoute) && (
        <p className="error" role="status">
          Still needed: {[...missing.map((f) => FIELD_LABELS[f].split(' (')[0]!.toLowerCase()), ...(noRoute ? ['a route column or a default route'] : [])].join(', ')}.
        </p>
      )}
      {values.length > 0 && (
        <table className="compact" aria-label="The file's statuses">
          <thead>
            <tr>
              <th scope="col">The file's status</th>
              <th scope="col">Is this event</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v) => {
              const cur = m.events?.[v];
              return (
                <tr key={v}>
                  <th scope="row">
                    <label htmlFor={`${baseId}-st-${v}`}>{v}</label>
                  </th>
                  <td>
                    <select
                      id={`${baseId}-st-${v}`}
                      value={cur === undefined ? '' : cur === null ? '__skip' : cur}
                      onChange={(e) => st.setStatus(v, e.target.value === '' ? undefined : e.target.value === '__skip' ? null : (e.target.value as ImportEvent))}
                    >
                      <option value="">its own name (must be an event of the model)</option>
                      <option value="__skip">read past (not an event)</option>
                      {IMPORT_EVENTS.map((ev) => (
                        <option key={ev} value={ev}>
                          {EVENT_LABELS[ev]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="empty">Statuses found later in the file and not named here are errors naming their line: add them and import again.</p>
      <div className="row">
        <label htmlFor={`${baseId}-preset-name`}>Save this mapping as</label>
        <input id={`${baseId}-preset-name`} type="text" value={name} placeholder="Acme SMS log" onChange={(e) => setName(e.target.value)} />
        <button
          type="button"
          disabled={name.trim() === ''}
          onClick={() =>
            void st.savePreset(name.trim()).then((ok) => {
              if (ok) setName('');
            })
          }
        >
          Save preset
        </button>
      </div>
    </div>
  );
}

function Result({ result, vendor, toBase, onShow }: { result: ImportResultJson; vendor: string; toBase: boolean; onShow: () => void }) {
  const lifts = useImport((s) => s.lifts);
  const routes = Object.entries(result.counts);
  return (
    <section className="result" aria-labelledby="import-result" data-import-result>
      <h3 id="import-result">Imported into {vendor}</h3>
      {toBase && <p data-import-to-base>Imported into the base workspace; scenarios see it too.</p>}
      <p>
        {counted(result.events, 'event', 'events')} ({counted(result.duplicates, 'retried duplicate', 'retried duplicates')} dropped), {counted(result.messages, 'message', 'messages')}. The pilot
        results are under {vendor} on the Vendors screen.{' '}
        <button type="button" className="link" onClick={onShow}>
          Show them
        </button>
      </p>
      <table className="compact" aria-label="Counts per route">
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Sent</th>
            <th scope="col">Delivered</th>
            <th scope="col">Delivery rate</th>
            <th scope="col">Failed, by reason</th>
            <th scope="col">Engaged</th>
            <th scope="col">Converted</th>
            <th scope="col">Opted out</th>
            <th scope="col">Complaints</th>
            <th scope="col">Holdout (converted of members)</th>
          </tr>
        </thead>
        <tbody>
          {routes.map(([route, c]) => (
            <tr key={route} data-route={route}>
              <th scope="row">{route}</th>
              <td>{formatCount(c.sent)}</td>
              <td>{formatCount(c.delivered)}</td>
              <td>{c.sent > 0 ? formatPercent(c.delivered / c.sent) : '—'}</td>
              <td>
                {Object.entries(c.failed)
                  .sort((a, b) => b[1] - a[1])
                  .map(([k, n]) => `${k} ${formatCount(n)}`)
                  .join(', ') || '—'}
              </td>
              <td>{formatCount(c.engaged)}</td>
              <td>{formatCount(c.converted)}</td>
              <td>{formatCount(c.optedOut)}</td>
              <td>{formatCount(c.complained)}</td>
              <td>{c.holdout ? `${formatCount(c.holdout.converted)} of ${formatCount(c.holdout.members)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.keys(lifts).length > 0 && (
        <>
          <h4>Holdout lift: converted when sent the messages against converted when held out, with its 95% interval</h4>
          <table className="compact" aria-label="Holdout lift">
            <thead>
              <tr>
                <th scope="col">Route</th>
                <th scope="col">Exposed converted</th>
                <th scope="col">Holdout converted</th>
                <th scope="col">Lift</th>
                <th scope="col">95% interval</th>
                <th scope="col">p-value</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(lifts).map(([route, h]) => (
                <tr key={route} data-lift={route}>
                  <th scope="row">{route}</th>
                  <td>{formatPercent(h.p1, 2)}</td>
                  <td>{formatPercent(h.p0, 2)}</td>
                  <td>{formatPercent(h.absoluteLift, 2)}</td>
                  <td>
                    {formatPercent(h.ci95[0], 2)} to {formatPercent(h.ci95[1], 2)}
                  </td>
                  <td>{h.pValue < 0.0001 ? '< 0.0001' : h.pValue.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="empty">Any stream on these routes now carries this holdout as its evidence of lift.</p>
        </>
      )}
      <h4>Anomalies (reported, not fixed)</h4>
      {result.anomalies.length === 0 ? (
        <p className="empty">None: no engagement before delivery, no delivery after a failure, no events of unknown messages, no times in the future.</p>
      ) : (
        <>
          <p>{counted(result.anomalies.length, 'anomaly', 'anomalies')}. The counts take these events as the file gives them; check these lines with the vendor.</p>
          <table className="compact" aria-label="Anomalies">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">What</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {result.anomalies.slice(0, 200).map((a, i) => (
                <tr key={i}>
                  <td>{a.line}</td>
                  <td>{ANOMALY_LABELS[a.kind] ?? a.kind}</td>
                  <td>{a.messageId}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.anomalies.length > 200 && <p className="empty">…and {formatCount(result.anomalies.length - 200)} more (`tco import --json` lists them all).</p>}
        </>
      )}
    </section>
  );
}
