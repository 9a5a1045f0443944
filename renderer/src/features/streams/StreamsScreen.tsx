import { EditField } from '../../components/EditField';
import { useWorkspace } from '../../state/workspace';
import { GrowthField } from './GrowthField';

const CHANNELS = ['sms', 'mms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'voice'] as const;
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The volume plan: one row a stream of messages. */
export function StreamsScreen() {
  const { workspace, result, edit } = useWorkspace();
  if (!workspace) return null;
  const streams = workspace.document.streams;
  const add = () => {
    let n = streams.length + 1;
    while (streams.some((s) => s.id === `stream-${n}`)) n++;
    void edit('streams.add', { stream: { id: `stream-${n}`, name: `Stream ${n}`, channel: 'sms', country: 'US', monthlyVolume: '0', segmentsPerMessage: '1' } });
  };
  return (
    <section aria-labelledby="streams-h">
      <h1 id="streams-h">Volume plan</h1>
      {streams.length === 0 && <p className="empty">No streams yet. A stream is one program of messages (abandoned-cart SMS to the US, order alerts by email…): add one for each.</p>}
      {streams.map((s, i) => {
        const up = (patch: Record<string, unknown>) => edit('streams.update', { id: s.id, patch } as never);
        // Seasonality is sent whole: made from the stream as the edits before it left it (two months typed quickly both stay).
        type Stream = typeof s;
        const upList = (make: (current: Stream) => Record<string, unknown>) =>
          edit('streams.update', ((doc: typeof workspace.document) => ({ id: s.id, patch: make(doc.streams.find((x) => x.id === s.id) ?? s) })) as never);
        const info = result?.streams[i]?.template;
        return (
          <fieldset key={s.id} className="card row" data-stream={s.id}>
            <legend>{s.name ?? s.id}</legend>
            <EditField label="Name" value={s.name ?? ''} onSave={(v) => up({ name: v })} />
            <EditField label="Channel" value={s.channel} options={CHANNELS} onSave={(v) => up({ channel: v })} />
            <EditField label="Country" value={s.country ?? ''} hint="ISO code, e.g. US" width="7rem" onSave={(v) => up({ country: orNull(v) })} />
            <EditField label="Class" value={s.class ?? ''} hint="e.g. marketing" width="9rem" onSave={(v) => up({ class: orNull(v) })} />
            <EditField label="Messages a month" value={String(s.monthlyVolume)} onSave={(v) => up({ monthlyVolume: v.trim() })} />
            <GrowthField annualGrowth={String(s.annualGrowth ?? '0')} monthlyGrowth={String(s.monthlyGrowth ?? '0')} send={(patch) => up(patch)} />
            <EditField label="Inbound per outbound" value={String(s.inboundPerOutbound ?? '0')} width="9rem" onSave={(v) => up({ inboundPerOutbound: v.trim() })} />
            {s.channel === 'sms' && (
              <>
                <EditField label="Segments per message" value={String(s.segmentsPerMessage ?? '')} hint="or leave empty and give a template" width="10rem" onSave={(v) => up({ segmentsPerMessage: orNull(v) })} />
                <div className="field grow">
                  <EditField label="Template" value={s.template ?? ''} onSave={(v) => up({ template: v === '' ? null : v })} />
                  {info && (
                    <span className="hint" data-segments>
                      {info.encoding}, {info.segments} segment{info.segments === 1 ? '' : 's'} ({info.units} {info.encoding === 'GSM-7' ? 'septets' : 'units'})
                      {info.ucs2Chars.length > 0 && (
                        <>
                          {' '}
                          — UCS-2 because of <mark>{info.ucs2Chars.join(' ')}</mark>
                        </>
                      )}
                    </span>
                  )}
                </div>
              </>
            )}
            <div className="field grow">
              <label>
                <input type="checkbox" checked={!!s.seasonality} onChange={(e) => void up({ seasonality: e.target.checked ? Array(12).fill('1') : null })} /> Seasonal (a factor for each calendar month)
              </label>
              {s.seasonality && (
                <div className="row">
                  {MONTHS.map((m, k) => (
                    <EditField key={m} label={m} value={String(s.seasonality![k])} width="4.5rem" onSave={(v) => upList((cur) => ({ seasonality: (cur.seasonality ?? s.seasonality!).map((x, j) => (j === k ? v.trim() : x)) }))} />
                  ))}
                </div>
              )}
            </div>
            <button type="button" className="remove" onClick={() => void edit('streams.remove', { id: s.id })} aria-label={`Remove stream ${s.name ?? s.id}`}>
              Remove
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={add}>
        Add stream
      </button>
    </section>
  );
}
