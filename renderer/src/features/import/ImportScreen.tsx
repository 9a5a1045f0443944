import { useEffect, useId, useMemo, useState, type DragEvent } from 'react';
import { IMPORT_EVENTS, REQUIRED_IMPORT_FIELDS, type FieldNode, type ImportEvent, type ImportField, type ImportMapping, type TrialLine } from '../../../../electron/api/import-model.js';
import type { ApiError } from '../../../../electron/api/errors.js';
import type { ImportResultJson } from '../../../../electron/api/operations.js';
import { count as formatCount, counted, percent as formatPercent } from '../../format';
import { CUSTOM, classProblem, useImport, type Channel, type Cohort, type RouteMode } from '../../state/import';
import { useStore } from '../../state/store';

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

/**
 * An error of the importer as a person reads it: the file by its name (an uploaded copy's folder
 * means nothing to them), the line, the field as the file names it, and what to do, without the
 * mapping's keys or the command line's options.
 */
function errorWords(e: ApiError): string {
  let m = e.message;
  const name = e.file ? (e.file.split(/[\\/]/).pop() ?? e.file) : null;
  if (e.file && m.startsWith(`${e.file}: `)) {
    const rest = m.slice(e.file.length + 2);
    m = /^line \d+: /.test(rest) ? `${name}, ${rest}` : `${name}: ${rest}`;
  }
  return m
    .replace(/set the time zone of the format \(timeZone, [^)]*\) to say which zone the file's times are in/, 'choose the time zone of its times (Adjust this mapping, then Time)')
    .replace(/set the time format of the format \(timeFormat, [^)]*\)/, 'choose how it writes them (Adjust this mapping, then Time)');
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Import a pilot's event log: the file, its preview, the format or mapping, progress, result. */
export function ImportScreen() {
  const doc = useStore((s) => s.workspace?.document);
  const readOnly = useStore((s) => s.workspace?.readOnly ?? false);
  const go = useStore((s) => s.go);
  // An import always goes to the base workspace, even while the editing screens are in a scenario.
  const inScenario = useStore((s) => s.scenario?.name ?? null);
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
        A vendor's message log, webhook dump or delivery report becomes pilot results: sent, delivered, failed by reason, engaged, converted, and the holdout's members. The file is read whole and
        checked first; any error, or Cancel, leaves the workspace as it was.
      </p>
      {inScenario !== null && (
        <p role="note" className="notice" data-import-to-base>
          You are editing scenario {inScenario}: an import goes into the base workspace, not into the scenario, and every scenario sees it too.
        </p>
      )}
      {readOnly && (
        <p role="alert" className="error">
          This workspace is read-only: save a copy (Save As) to import into it.
        </p>
      )}
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
              {errorWords(st.error)}
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
              <Trial />
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

          {st.result && st.phase === 'done' && (
            <Result result={st.result} vendor={vendors.find((v) => v.id === st.importedInto)?.name ?? st.importedInto ?? ''} toBase={inScenario !== null} onShow={() => go('vendors')} />
          )}
        </>
      )}
    </section>
  );
}

function Preview() {
  const p = useImport((s) => s.preview)!;
  const shown = p.rows.slice(0, 8);
  if (p.kind === 'jsonl') {
    const tree = p.tree.slice(0, 120);
    return (
      <div className="preview">
        <p>JSON, {bytes(p.totalBytes)}; the fields of its first records, as the file nests them, with the first value of each (a name ending in [] is a list):</p>
        <ul className="field-tree" aria-label="The fields of the file's first records" tabIndex={0}>
          {tree.map((n) => (
            <li key={n.path} style={{ paddingLeft: `${n.depth * 1.2}rem` }} data-field={n.path}>
              <span className="name">{n.path.split(/\.(?![^[]*\])/).at(-1)}</span>
              {n.kind === 'records' && <span className="hint"> list of records</span>}
              {n.sample !== null && <span className="sample"> {n.sample}</span>}
            </li>
          ))}
        </ul>
        {p.tree.length > tree.length && <p className="empty">…and {formatCount(p.tree.length - tree.length)} more fields.</p>}
      </div>
    );
  }
  return (
    <div className="preview">
      <p>
        CSV, “{p.delimiter === '\t' ? 'tab' : p.delimiter}” between fields, {bytes(p.totalBytes)}, {counted(p.columns.length, 'column', 'columns')}; the first {counted(shown.length, 'row', 'rows')}:
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

/** A format's route rule in words. */
function routeWords(r: NonNullable<ImportMapping['routeFrom']>): string {
  const channel = CHANNELS.find((c) => c.value === r.channel)?.label ?? r.channel;
  const number = r.number === undefined ? 'the recipient' : Array.isArray(r.number) ? r.number[0] : r.number;
  const parts = [r.prefixes ? `${channel}, or the channel the number's prefix names (${Object.keys(r.prefixes).join(', ')})` : channel];
  if (r.country === 'number') parts.push(`the country of ${number}'s number`);
  else if (r.country) parts.push(`the country ${r.country}`);
  if (r.classFrom !== undefined) parts.push(`the class from ${Array.isArray(r.classFrom) ? r.classFrom.join(' or ') : r.classFrom}`);
  else if (r.class) parts.push(`the class ${r.class}`);
  return parts.join('; ');
}

/** How a format tells a message, in words. */
function messageWords(msg: NonNullable<ImportMapping['message']>): string {
  const parts = [msg.withRecipient ? 'message id and recipient together' : 'the message id alone'];
  if (msg.partsOf !== undefined) parts.push(`the parts of one SMS share ${Array.isArray(msg.partsOf) ? msg.partsOf.join(' or ') : msg.partsOf}, and count as one message`);
  return parts.join('; ');
}

const COHORT_LABELS: Record<Cohort, string> = {
  exposed: 'Exposed (sent the campaign)',
  holdout: 'Holdout (withheld from the campaign)',
};

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
      {f.mapping.routeFrom && <p>Route: {routeWords(f.mapping.routeFrom)}.</p>}
      {f.mapping.defaults?.route && <p>Route when the file does not say: {f.mapping.defaults.route}.</p>}
      {f.mapping.routeFrom?.classes && (
        <p>
          Classes:{' '}
          {Object.entries(f.mapping.routeFrom.classes)
            .map(([k, v]) => `${k} → ${v}`)
            .join('; ')}
          .
        </p>
      )}
      {f.mapping.message && <p>A message: {messageWords(f.mapping.message)}.</p>}
      {(f.mapping.cohorts || f.mapping.defaults?.cohort) && (
        <p>
          Cohorts:{' '}
          {[
            ...Object.entries(f.mapping.cohorts ?? {}).map(([k, v]) => `${k} → ${COHORT_LABELS[v].toLowerCase()}`),
            `no cohort → ${COHORT_LABELS[f.mapping.defaults?.cohort ?? 'exposed'].toLowerCase()}`,
          ].join('; ')}
          .
        </p>
      )}
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

const ROLE_FIELDS: ImportField[] = ['messageId', 'recipient', 'timestamp', 'event', 'failureReason', 'eventId'];
const CHANNELS: { value: Channel; label: string }[] = [
  { value: 'sms', label: 'SMS' },
  { value: 'mms', label: 'MMS' },
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'rcs', label: 'RCS' },
  { value: 'voice', label: 'Voice' },
];
const TIME_FORMATS: { value: string; label: string }[] = [
  { value: '', label: 'As the file writes them: ISO 8601, seconds or milliseconds since 1970' },
  { value: 'M/D/YYYY H:mm', label: '3/25/2026 14:05 (month first)' },
  { value: 'D/M/YYYY H:mm', label: '25/3/2026 14:05 (day first)' },
  { value: 'YYYY-MM-DD HH:mm:ss', label: '2026-03-25 14:05:09' },
  { value: 'D.M.YYYY HH:mm', label: '25.3.2026 14:05' },
  { value: 'M/D/YYYY h:mm A', label: '3/25/2026 2:05 PM' },
];
const SKIP = '__skip';

/** A field of the file, picked from its tree: each option indented as deep as the field lies, with the first value seen. */
function FieldSelect({
  id,
  value,
  fields,
  onChange,
  invalid = false,
  none = '— none —',
  describedBy,
}: {
  id: string;
  value: string;
  fields: FieldNode[];
  onChange: (v: string | null) => void;
  invalid?: boolean;
  none?: string;
  /** The id of the words that say what is wrong with it, or what it is for. */
  describedBy?: string;
}) {
  const picks = fields.filter((f) => f.kind === 'value' || f.kind === 'list');
  const listed = picks.some((f) => f.path === value);
  return (
    <select id={id} value={value} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">{none}</option>
      {value !== '' && !listed && <option value={value}>{value} (not in the first records)</option>}
      {picks.map((f) => (
        <option key={f.path} value={f.path}>
          {'\u2003'.repeat(Math.max(0, f.depth))}
          {f.path}
          {f.sample !== null ? ` — ${f.sample}` : ''}
        </option>
      ))}
    </select>
  );
}

const first = (c: string | string[] | undefined): string => (c === undefined ? '' : Array.isArray(c) ? (c[0] ?? '') : c);

function MappingEditor() {
  const st = useImport();
  const p = st.preview!;
  const m = st.mapping;
  const [name, setName] = useState('');
  /** Statuses the user said a second field decides, before the field is picked. */
  const [opening, setOpening] = useState<string[]>([]);
  const baseId = useId();
  const json = p.kind === 'jsonl';
  const records = m.records === undefined ? '' : typeof (Array.isArray(m.records) ? m.records[0] : m.records) === 'string' ? first(m.records as string | string[]) : '';
  const recordLists = p.tree.filter((n) => n.kind === 'records');
  const fields = p.fields;
  // The statuses seen under the status field, and those the mapping already names.
  const statuses = useMemo(() => {
    const rows = p.statuses.map((x) => ({ ...x }));
    for (const k of Object.keys(m.events ?? {})) if (!rows.some((r) => r.value.toLowerCase() === k.toLowerCase())) rows.push({ value: k, count: 0, known: true });
    return rows;
  }, [p.statuses, m.events]);
  const eventOf = (v: string) => {
    const k = Object.keys(m.events ?? {}).find((x) => x.toLowerCase() === v.toLowerCase());
    return k === undefined ? undefined : m.events![k];
  };
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !m.columns[f]);
  const mode = st.routeMode;
  const noRoute = (mode === 'fixed' && !m.defaults?.route) || (mode === 'field' && !m.columns.route);
  const zone = m.timeZone ?? (m.naiveTimestampsAreUtc ? 'UTC' : '');
  return (
    <div className="mapping">
      {json && (
        <p>
          <label htmlFor={`${baseId}-records`}>Where the records are</label>{' '}
          <select id={`${baseId}-records`} value={records} onChange={(e) => st.setRecords(e.target.value)}>
            <option value="">Each JSON value of the file is one record</option>
            {recordLists.map((n) => (
              <option key={n.path} value={n.path}>
                {n.path} (a list, in {counted(n.count, 'place', 'places')} of the first values)
              </option>
            ))}
          </select>
        </p>
      )}
      <h3>The file's field for each part of an event</h3>
      <table className="compact" aria-label="Fields for each part of an event">
        <tbody>
          {ROLE_FIELDS.map((f) => {
            const required = REQUIRED_IMPORT_FIELDS.includes(f);
            const value = first(m.columns[f]);
            return (
              <tr key={f}>
                <th scope="row">
                  <label htmlFor={`${baseId}-${f}`}>
                    {FIELD_LABELS[f]}
                    {required ? ' *' : ''}
                  </label>
                </th>
                <td>
                  <FieldSelect id={`${baseId}-${f}`} value={value} fields={fields} invalid={required && !value} onChange={(v) => st.setColumn(f, v)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <MessageIdentity fields={fields} />

      <h3>The route of each message</h3>
      <div className="route-rule">
        <p>
          <label htmlFor={`${baseId}-route-mode`}>How the route is told</label>{' '}
          <select id={`${baseId}-route-mode`} value={mode} onChange={(e) => st.setRouteMode(e.target.value as RouteMode)}>
            <option value="number">From the recipient's number: its country, and a channel</option>
            <option value="field">From a field of the file that holds it (sms/US, whatsapp/IN/marketing)</option>
            <option value="fixed">One route for every record</option>
          </select>
        </p>
        {mode === 'number' && (
          <table className="compact" aria-label="The route from the number">
            <tbody>
              <tr>
                <th scope="row">
                  <label htmlFor={`${baseId}-channel`}>Channel</label>
                </th>
                <td>
                  <select id={`${baseId}-channel`} value={m.routeFrom?.channel ?? 'sms'} onChange={(e) => st.setRouteRule({ channel: e.target.value as Channel })}>
                    {CHANNELS.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>{' '}
                  <input id={`${baseId}-prefix`} type="checkbox" checked={m.routeFrom?.prefixes !== undefined} onChange={(e) => st.setRouteRule({ prefix: e.target.checked })} />{' '}
                  <label htmlFor={`${baseId}-prefix`}>but a number written whatsapp:+… is WhatsApp</label>
                </td>
              </tr>
              <tr>
                <th scope="row">
                  <label htmlFor={`${baseId}-number`}>The number's field</label>
                </th>
                <td>
                  <FieldSelect id={`${baseId}-number`} value={first(m.routeFrom?.number)} fields={fields} none="the recipient's" onChange={(v) => st.setRouteRule({ number: v })} />
                </td>
              </tr>
              <tr>
                <th scope="row">
                  <label htmlFor={`${baseId}-class`}>Category field (the route's class, optional)</label>
                </th>
                <td>
                  <FieldSelect id={`${baseId}-class`} value={first(m.routeFrom?.classFrom)} fields={fields} none="— no category —" onChange={(v) => st.setRouteRule({ classFrom: v })} />
                </td>
              </tr>
            </tbody>
          </table>
        )}
        {mode === 'number' && m.routeFrom?.classFrom !== undefined && <ClassTable field={first(m.routeFrom.classFrom)} />}
        {mode === 'field' && (
          <p>
            <label htmlFor={`${baseId}-route`}>Route field</label>{' '}
            <FieldSelect id={`${baseId}-route`} value={first(m.columns.route)} fields={fields} invalid={!m.columns.route} onChange={(v) => st.setColumn('route', v)} />
          </p>
        )}
        {mode === 'fixed' && (
          <p>
            <label htmlFor={`${baseId}-default-route`}>Route of every record</label>{' '}
            <input id={`${baseId}-default-route`} type="text" value={m.defaults?.route ?? ''} placeholder="sms/US" aria-invalid={noRoute} onChange={(e) => st.setDefaultRoute(e.target.value)} />{' '}
            <span className="hint">a channel, and a country of two letters: sms/US, whatsapp/IN, email</span>
          </p>
        )}
        <p className="hint">A message whose route cannot be told stops the import at its line: the route is never guessed.</p>
      </div>

      <Cohorts fields={fields} />

      <h3>Time</h3>
      <p>
        <label htmlFor={`${baseId}-time-format`}>Times are written</label>{' '}
        <select id={`${baseId}-time-format`} value={m.timeFormat ?? ''} onChange={(e) => st.setTimeFormat(e.target.value)}>
          {TIME_FORMATS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
          {m.timeFormat !== undefined && !TIME_FORMATS.some((t) => t.value === m.timeFormat) && <option value={m.timeFormat}>{m.timeFormat}</option>}
        </select>{' '}
        <label htmlFor={`${baseId}-time-zone`}>in the time zone</label>{' '}
        <input id={`${baseId}-time-zone`} type="text" list={`${baseId}-zones`} value={zone} placeholder="UTC" onChange={(e) => st.setTimeZone(e.target.value)} />
        <datalist id={`${baseId}-zones`}>
          {['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Singapore'].map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </p>
      <p className="hint">The time zone is used only for times written without one; a time with no zone is refused when none is chosen.</p>

      {(missing.length > 0 || noRoute) && (
        <p className="error" role="status">
          Still needed: {[...missing.map((f) => FIELD_LABELS[f].split(' (')[0]!.toLowerCase()), ...(noRoute ? [mode === 'field' ? 'the route field' : 'the route of every record'] : [])].join(', ')}.
        </p>
      )}

      <h3>The file's statuses</h3>
      {statuses.length === 0 ? (
        <p className="empty">Choose the status field to see the values the file holds.</p>
      ) : (
        <table className="compact" aria-label="The file's statuses">
          <thead>
            <tr>
              <th scope="col">The file's status</th>
              <th scope="col">Records</th>
              <th scope="col">Is this event</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {statuses.map((v) => {
              const cur = eventOf(v.value);
              const unknown = cur === undefined && !v.known;
              const decided = opening.includes(v.value) || Object.keys(m.qualifiers ?? {}).some((k) => k.toLowerCase() === v.value.toLowerCase());
              return [
                <tr key={v.value} data-status={v.value}>
                  <th scope="row">
                    <label htmlFor={`${baseId}-st-${v.value}`}>{v.value}</label>
                  </th>
                  <td>{formatCount(v.count)}</td>
                  <td>
                    <select
                      id={`${baseId}-st-${v.value}`}
                      value={cur === undefined ? '' : cur === null ? SKIP : cur}
                      aria-invalid={unknown}
                      onChange={(e) => st.setStatus(v.value, e.target.value === '' ? undefined : e.target.value === SKIP ? null : (e.target.value as ImportEvent))}
                    >
                      <option value="">{v.known ? 'its own name (an event of the model)' : '— choose —'}</option>
                      {IMPORT_EVENTS.map((ev) => (
                        <option key={ev} value={ev}>
                          {EVENT_LABELS[ev]}
                        </option>
                      ))}
                      <option value={SKIP}>ignored: read past, counted apart</option>
                    </select>
                  </td>
                  <td>
                    {unknown && (
                      <>
                        <span className="error" data-unknown>
                          Not in the table yet: the import would stop at it.
                        </span>{' '}
                      </>
                    )}
                    {!decided && (
                      <button type="button" className="link" aria-label={`Is “${v.value}” decided by a second field?`} onClick={() => setOpening([...opening, v.value])}>
                        Decided by a second field?
                      </button>
                    )}
                  </td>
                </tr>,
                decided && (
                  <tr key={`${v.value} second field`}>
                    <td colSpan={4}>
                      <SecondField status={v.value} fields={fields} onNone={() => setOpening(opening.filter((x) => x !== v.value))} />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
      <p className="empty">A status found later in the file and not in this table stops the import at its line: add it here and import again.</p>
      <div className="row">
        <label htmlFor={`${baseId}-preset-name`}>Save this mapping as</label>{' '}
        <input id={`${baseId}-preset-name`} type="text" value={name} placeholder="Acme SMS log" onChange={(e) => setName(e.target.value)} />{' '}
        <button
          type="button"
          disabled={name.trim() === ''}
          onClick={() =>
            void st.savePreset(name.trim()).then((ok) => {
              if (ok) setName('');
            })
          }
        >
          Save as my format
        </button>
      </div>
    </div>
  );
}

/** Which records are one message: the message id alone or with the recipient, and the reference the parts of one SMS share. */
function MessageIdentity({ fields }: { fields: FieldNode[] }) {
  const st = useImport();
  const id = useId();
  const m = st.mapping;
  const withRecipient = m.message?.withRecipient === true;
  const parts = first(m.message?.partsOf);
  // Both compose the message with its recipient: without a recipient field every record would stop the import.
  const noRecipient = (withRecipient || parts !== '') && !m.columns.recipient;
  return (
    <>
      <h3>Which records are one message</h3>
      <table className="compact" aria-label="Which records are one message">
        <tbody>
          <tr>
            <th scope="row">
              <label htmlFor={`${id}-identity`}>A message is told by</label>
            </th>
            <td>
              <select
                id={`${id}-identity`}
                value={withRecipient ? 'recipient' : 'id'}
                aria-invalid={noRecipient && withRecipient}
                aria-describedby={`${id}-identity-hint${noRecipient ? ` ${id}-no-recipient` : ''}`}
                onChange={(e) => st.setIdentity(e.target.value === 'recipient')}
              >
                <option value="id">The message id alone</option>
                <option value="recipient">Message id and recipient together</option>
              </select>
              <p className="hint" id={`${id}-identity-hint`}>
                Together: a batch sent to many recipients under one message id counts as one message for each recipient.
              </p>
            </td>
          </tr>
          <tr>
            <th scope="row">
              <label htmlFor={`${id}-parts`}>Parts of one SMS share this reference</label>
            </th>
            <td>
              <FieldSelect
                id={`${id}-parts`}
                value={parts}
                fields={fields}
                none="— none: each receipt is its own message —"
                invalid={noRecipient && parts !== ''}
                describedBy={`${id}-parts-hint${noRecipient ? ` ${id}-no-recipient` : ''}`}
                onChange={(v) => st.setPartsOf(v)}
              />
              <p className="hint" id={`${id}-parts-hint`}>
                A long SMS goes out in parts, each with its own id and its own delivery receipt. The reference every part carries makes them one message to each recipient: delivered when every part
                was, failed when any part failed.
              </p>
            </td>
          </tr>
        </tbody>
      </table>
      {noRecipient && (
        <p className="error" id={`${id}-no-recipient`} data-identity-error>
          Choose the recipient field above: a message is told here by {withRecipient ? 'its message id' : 'its parts’ reference'} and its recipient together, and a record without a recipient would
          stop the import.
        </p>
      )}
    </>
  );
}

/** The cohort field, each of its values exposed or holdout, and the cohort of records that say none. */
function Cohorts({ fields }: { fields: FieldNode[] }) {
  const st = useImport();
  const id = useId();
  const m = st.mapping;
  const field = first(m.columns.cohort);
  const seen = st.preview?.cohortValues ?? [];
  const listed = Object.keys(m.cohorts ?? {});
  const rows = [...seen, ...listed.filter((v) => !seen.some((x) => x.value.toLowerCase() === v.toLowerCase())).map((value) => ({ value, count: 0, known: true }))];
  /** A value's cohort: the table's, else (no table) exposed and holdout as themselves. */
  const cohortOf = (v: string): Cohort | undefined => {
    if (!m.cohorts) return /^(exposed|holdout)$/i.test(v) ? (v.toLowerCase() as Cohort) : undefined;
    const k = listed.find((x) => x.toLowerCase() === v.toLowerCase());
    return k === undefined ? undefined : m.cohorts[k];
  };
  return (
    <>
      <h3>Cohorts: who was sent the campaign, who was held out</h3>
      <p>
        <label htmlFor={`${id}-field`}>The file's cohort field</label>{' '}
        <FieldSelect id={`${id}-field`} value={field} fields={fields} none="— none: the file does not say —" onChange={(v) => st.setColumn('cohort', v)} />{' '}
        <label htmlFor={`${id}-default`}>Records with no cohort are</label>{' '}
        <select id={`${id}-default`} value={m.defaults?.cohort ?? 'exposed'} onChange={(e) => st.setDefaultCohort(e.target.value as Cohort)}>
          <option value="exposed">{COHORT_LABELS.exposed}</option>
          <option value="holdout">{COHORT_LABELS.holdout}</option>
        </select>
      </p>
      {field !== '' && rows.length === 0 && <p className="empty">The first records leave the cohort field empty: they take the cohort chosen for records with no cohort.</p>}
      {field !== '' && rows.length > 0 && (
        <table className="compact" aria-label="The file's cohorts">
          <thead>
            <tr>
              <th scope="col">The file's cohort</th>
              <th scope="col">Records</th>
              <th scope="col">Is</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => {
              const cur = cohortOf(x.value);
              return (
                <tr key={x.value} data-cohort={x.value}>
                  <th scope="row">
                    <label htmlFor={`${id}-c-${x.value}`}>{x.value}</label>
                  </th>
                  <td>{formatCount(x.count)}</td>
                  <td>
                    <select
                      id={`${id}-c-${x.value}`}
                      value={cur ?? ''}
                      aria-invalid={cur === undefined}
                      onChange={(e) => st.setCohortValue(x.value, e.target.value === '' ? undefined : (e.target.value as Cohort))}
                    >
                      <option value="">— choose —</option>
                      <option value="exposed">{COHORT_LABELS.exposed}</option>
                      <option value="holdout">{COHORT_LABELS.holdout}</option>
                    </select>
                  </td>
                  <td>
                    {cur === undefined && (
                      <span className="error" data-unknown>
                        Not in the table yet: the import would stop at it.
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="hint">
        A holdout member counts by its record of being held out. A message marked holdout that was sent anyway counts nowhere: it is neither evidence of the campaign nor of the holdout.
      </p>
    </>
  );
}

/** Each value of the route's class field and the class it gives (as the price lists name classes). */
function ClassTable({ field }: { field: string }) {
  const st = useImport();
  const id = useId();
  const classes = st.mapping.routeFrom?.classes;
  const drafts = st.classDrafts;
  const seen = st.preview?.classValues ?? [];
  // And the values the table lists that the first records do not hold (a name listed in lower case covers the file's value in any case, as the import reads it).
  const rows = [
    ...seen,
    ...Object.keys(classes ?? {})
      .filter((v) => !seen.some((x) => x.value === v || x.value.toLowerCase() === v))
      .map((value) => ({ value, count: 0, known: true })),
  ];
  const classOf = (v: string): string | undefined => (classes ? (Object.prototype.hasOwnProperty.call(classes, v) ? classes[v] : classes[v.toLowerCase()]) : v.toLowerCase());
  if (rows.length === 0) return <p className="empty">The first records leave {field} empty: their routes have no class.</p>;
  return (
    <div className="class-table">
      <h4>Classes</h4>
      <p className="hint">Each value of {field} and the class of the route it gives, as the price lists name it (marketing, utility, authentication). As written in lower case unless changed here.</p>
      <table className="compact" aria-label={`The classes of ${field}'s values`}>
        <thead>
          <tr>
            <th scope="col">The file's value</th>
            <th scope="col">Records</th>
            <th scope="col">Class</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => {
            const draft = drafts[x.value];
            const cur = classOf(x.value);
            const shown = draft ?? cur ?? '';
            const problem = draft !== undefined ? classProblem(x.value, draft.trim()) : cur !== undefined ? classProblem(x.value, cur) : null;
            const unknown = draft === undefined && cur === undefined;
            const errId = `${id}-e-${x.value}`;
            return (
              <tr key={x.value} data-class-value={x.value}>
                <th scope="row">
                  <label htmlFor={`${id}-v-${x.value}`}>{x.value}</label>
                </th>
                <td>{formatCount(x.count)}</td>
                <td>
                  <input
                    id={`${id}-v-${x.value}`}
                    type="text"
                    value={shown}
                    placeholder="marketing"
                    aria-invalid={problem !== null || unknown}
                    aria-describedby={problem !== null || unknown ? errId : undefined}
                    onChange={(e) => st.setClassValue(x.value, e.target.value)}
                  />{' '}
                  {problem !== null && (
                    <span className="error field-error" id={errId} data-class-error>
                      {problem}
                    </span>
                  )}
                  {problem === null && unknown && (
                    <span className="error field-error" id={errId} data-unknown>
                      Not in the table yet: the import would stop at it. Write its class.
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A status whose event a second field decides (a temporary failure is no failure; a status is final
 * only when a field says so): the field, and each value seen there with its event. The event chosen
 * for the status itself is the one when the field is empty.
 */
function SecondField({ status, fields, onNone }: { status: string; fields: FieldNode[]; onNone: () => void }) {
  const st = useImport();
  const id = useId();
  const m = st.mapping;
  const key = Object.keys(m.qualifiers ?? {}).find((k) => k.toLowerCase() === status.toLowerCase());
  const q = key === undefined ? undefined : m.qualifiers![key]!;
  const field = q ? (Array.isArray(q.field) ? q.field[0]! : q.field) : '';
  const seen = st.preview?.qualifierValues.find((x) => x.status.toLowerCase() === status.toLowerCase())?.values ?? [];
  const listed = Object.keys(q?.values ?? {});
  const rows = [...seen.filter((x) => x.value !== ''), ...listed.filter((v) => !seen.some((x) => x.value.toLowerCase() === v.toLowerCase())).map((value) => ({ value, count: 0, known: true }))].slice(
    0,
    12,
  );
  const eventOf = (v: string) => {
    const k = listed.find((x) => x.toLowerCase() === v.toLowerCase());
    return k === undefined ? undefined : q!.values[k];
  };
  return (
    <div className="second-field">
      <label htmlFor={`${id}-field`}>“{status}” is decided by the field</label>{' '}
      <FieldSelect
        id={`${id}-field`}
        value={field}
        fields={fields}
        none="— not decided by a second field —"
        onChange={(v) => {
          st.setQualifier(status, v);
          if (v === null) onNone();
        }}
      />
      {q && (
        <table className="compact" aria-label={`Values of ${field} when the status is ${status}`}>
          <tbody>
            {rows.map((x) => {
              const cur = eventOf(x.value);
              return (
                <tr key={x.value} data-qualifier-value={x.value}>
                  <th scope="row">
                    <label htmlFor={`${id}-v-${x.value}`}>{x.value === '*' ? 'any other value' : x.value}</label>
                  </th>
                  <td>{formatCount(x.count)}</td>
                  <td>
                    <select
                      id={`${id}-v-${x.value}`}
                      value={cur === undefined ? '' : cur === null ? SKIP : cur}
                      aria-invalid={cur === undefined && !x.known}
                      onChange={(e) => st.setQualifierValue(status, x.value, e.target.value === '' ? undefined : e.target.value === SKIP ? null : (e.target.value as ImportEvent))}
                    >
                      <option value="">— choose —</option>
                      {IMPORT_EVENTS.map((ev) => (
                        <option key={ev} value={ev}>
                          {EVENT_LABELS[ev]}
                        </option>
                      ))}
                      <option value={SKIP}>ignored: read past, counted apart</option>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {q && <p className="hint">When the field is empty, the status is what is chosen for it in the table.</p>}
    </div>
  );
}

/** How an event of the preview reads: what it is, its failure reason, its route. */
function becomes(b: TrialLine['becomes'][number]): string {
  if (b.event === null) return b.status === '(no records)' ? 'no records here: read past' : `ignored: “${b.status}” is read past`;
  const what = `${EVENT_LABELS[b.event as ImportEvent] ?? b.event}${b.reason !== null ? ` (${b.reason})` : ''}`;
  const where = b.route ? ` on ${b.route}` : ' (its route from the message’s other records)';
  return `${what}${where}${b.untimed ? ', no time' : ''}${b.duplicate ? ': a retried duplicate, dropped' : ''}`;
}

const lineList = (lines: number[], total: number) => `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}${total > lines.length ? ', …' : ''}`;

/** What the chosen format or mapping makes of the first records of the file, before the import. */
function Trial() {
  const p = useImport((s) => s.preview)!;
  const trialError = useImport((s) => s.trialError);
  const t = p.trial;
  if (trialError)
    return (
      <p className="error" role="status">
        {errorWords(trialError)}
      </p>
    );
  if (!t) return null;
  const r = t.result;
  const ignored = Object.entries(r?.ignored ?? {});
  const ignoredTotal = ignored.reduce((a, [, n]) => a + n, 0);
  const untimed = r?.untimed ?? 0;
  return (
    <section className="trial" aria-labelledby="trial-title" data-trial>
      <h3 id="trial-title">{t.complete ? `What the file's ${counted(t.records, 'record', 'records')} become` : `What the first ${counted(t.records, 'record', 'records')} of the file become`}</h3>
      {t.problem && (
        <p className="error" role="status">
          {t.problem}
        </p>
      )}
      {r && (
        <>
          <p>
            {counted(r.events, 'event', 'events')} ({counted(r.duplicates, 'retried duplicate', 'retried duplicates')} dropped), {counted(r.messages, 'message', 'messages')}
            {t.complete ? '.' : ' so far: the import reads the whole file.'}
          </p>
          <table className="compact" aria-label="Counts per route before importing">
            <thead>
              <tr>
                <th scope="col">Route</th>
                <th scope="col">Sent</th>
                <th scope="col">Delivered</th>
                <th scope="col">Failed, by reason</th>
                <th scope="col">Engaged</th>
                <th scope="col">Holdout members</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.counts).map(([route, c]) => (
                <tr key={route} data-trial-route={route}>
                  <th scope="row">{route}</th>
                  <td>{formatCount(c.sent)}</td>
                  <td>{formatCount(c.delivered)}</td>
                  <td>
                    {Object.entries(c.failed)
                      .map(([k, n]) => `${k} ${formatCount(n)}`)
                      .join(', ') || '—'}
                  </td>
                  <td>{formatCount(c.engaged)}</td>
                  <td>{c.holdout ? formatCount(c.holdout.members) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <ul className="trial-notes">
        {t.refused.count > 0 && (
          <li className="error" data-trial-refused>
            {counted(t.refused.count, 'record stops', 'records stop')} the import ({lineList(t.refused.lines, t.refused.count)}): see why below, then change the mapping or fix the file.
          </li>
        )}
        {ignoredTotal > 0 && (
          <li data-trial-ignored>
            Ignored (read past, counted apart): {ignored.map(([k, n]) => `${k === '(no records)' ? 'values with no records' : k} ${formatCount(n)}`).join(', ')} (
            {lineList(t.ignoredLines, ignoredTotal)}).
          </li>
        )}
        {untimed > 0 && (
          <li data-trial-untimed>
            Without a time: {counted(untimed, 'record', 'records')} ({lineList(t.untimedLines, untimed)}), kept and taken as the earliest of their message.
          </li>
        )}
        {r && r.anomalies.length > 0 && (
          <li data-trial-anomalies>
            {counted(r.anomalies.length, 'anomaly', 'anomalies')}, reported and not fixed:{' '}
            {r.anomalies
              .slice(0, 5)
              .map((a) => `${ANOMALY_LABELS[a.kind] ?? a.kind} on line ${a.line}`)
              .join('; ')}
            {r.anomalies.length > 5 ? '; …' : ''}.
          </li>
        )}
      </ul>
      <div className="scroll">
        <table className="compact lines" aria-label="Each record and what it becomes">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">In the file</th>
              <th scope="col">Becomes</th>
              <th scope="col">Counted as the message</th>
            </tr>
          </thead>
          <tbody>
            {t.lines.map((l, i) => (
              <tr key={i} data-line={l.line}>
                <td>{l.line}</td>
                <td className="source">{l.source}</td>
                <td className="becomes">
                  {l.refused !== null ? <span className="error">Stops the import: {l.refused}</span> : l.becomes.length === 0 ? '—' : l.becomes.map((b, j) => <div key={j}>{becomes(b)}</div>)}
                </td>
                <td className="message">
                  {[...new Set(l.becomes.filter((b) => b.event !== null).map((b) => b.messageId))].map((x) => (
                    <div key={x}>{x}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {t.records > t.lines.length && <p className="empty">The first {formatCount(t.lines.length)} records are shown.</p>}
    </section>
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
      {(result.ignored || result.untimed) && (
        <p data-result-apart>
          {result.ignored
            ? `Ignored (read past, counted apart): ${Object.entries(result.ignored)
                .map(([k, n]) => `${k === '(no records)' ? 'values with no records' : k} ${formatCount(n)}`)
                .join(', ')}. `
            : ''}
          {result.untimed ? `${counted(result.untimed, 'record', 'records')} without a time, kept as the earliest of their message.` : ''}
        </p>
      )}
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
