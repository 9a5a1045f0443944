import { Fragment, useState } from 'react';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { CHANNELS } from '../../../../electron/api/shared.js';
import { EditField, OptionField } from '../../components/EditField';
import { focusFirstField } from '../../components/focus';
import { UndoRemoval } from '../../components/UndoRemoval';
import { useShallow } from 'zustand/react/shallow';
import type { NumberKind } from '../../numbers';
import type { EditPatch } from '../../state/edit';
import { useStore } from '../../state/store';
import { GrowthField } from './GrowthField';
import { channelName } from '../../words';

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The volume plan: one row a stream of messages. */
export function StreamsScreen() {
  const { workspace, result, edit } = useStore(useShallow((st) => ({ workspace: st.workspace, result: st.result, edit: st.edit })));
  const [removed, setRemoved] = useState<{ name: string; label: string; index: number } | null>(null);
  if (!workspace) return null;
  const streams = workspace.document.streams;
  const add = () => {
    let n = streams.length + 1;
    while (streams.some((s) => s.id === `stream-${n}`)) n++;
    void edit('streams.add', { stream: { id: `stream-${n}`, name: `Stream ${n}`, channel: 'sms', country: 'US', monthlyVolume: '0', segmentsPerMessage: '1' } }).then((err) => {
      if (!err) focusFirstField(`[data-stream="stream-${n}"]`);
    });
  };
  const remove = (s: (typeof streams)[number], index: number) =>
    void edit('streams.remove', { id: s.id }).then((err) => {
      if (!err) setRemoved({ name: s.name ?? s.id, label: `Remove the stream “${s.name ?? s.id}”`, index });
    });
  const undoHere = (i: number) => (offered && offered.index === i ? <UndoRemoval what={`The stream “${offered.name}”`} onDone={() => setRemoved(null)} /> : null);
  // Undo in place: offered while the removal is the last thing done.
  const offered = removed && workspace.history.undoLabel === removed.label ? removed : null;
  return (
    <section aria-labelledby="streams-h">
      <h1 id="streams-h">Volume plan</h1>
      {streams.length === 0 && <p className="empty">No streams yet. A stream is one program of messages (abandoned-cart SMS to the US, order alerts by email…): add one for each.</p>}
      {streams.map((s, i) => {
        const up = (patch: StreamPatch) => edit('streams.update', { id: s.id, patch });
        // Seasonality is sent whole: made from the stream as the edits before it left it (two months typed quickly both stay).
        type Stream = typeof s;
        const upList = (make: (current: Stream) => StreamPatch) => edit('streams.update', (doc) => ({ id: s.id, patch: make(doc.streams.find((x) => x.id === s.id) ?? s) }));
        const info = result?.streams[i]?.template;
        return (
          <Fragment key={s.id}>
            {undoHere(i)}
            <fieldset className="card row" data-stream={s.id}>
              <legend>{s.name ?? s.id}</legend>
              <EditField label="Name" value={s.name ?? ''} onSave={(v) => up({ name: v })} />
              <OptionField label="Channel" value={s.channel} options={CHANNELS} optionLabel={channelName} onSave={(v) => up({ channel: v })} />
              <EditField label="Country" value={s.country ?? ''} hint="ISO code, e.g. US" width="7rem" onSave={(v) => up({ country: orNull(v) })} />
              <EditField label="Class" value={s.class ?? ''} hint="e.g. marketing" width="9rem" onSave={(v) => up({ class: orNull(v) })} />
              <EditField label="Messages a month" value={String(s.monthlyVolume)} number="decimal" onSave={(v) => up({ monthlyVolume: v.trim() })} />
              <GrowthField annualGrowth={String(s.annualGrowth ?? '0')} monthlyGrowth={String(s.monthlyGrowth ?? '0')} send={(patch) => up(patch)} />
              <EditField label="Inbound per outbound" value={String(s.inboundPerOutbound ?? '0')} width="9rem" number="decimal" onSave={(v) => up({ inboundPerOutbound: v.trim() })} />
              {s.channel === 'sms' && (
                <>
                  <EditField
                    label="Segments per message"
                    value={String(s.segmentsPerMessage ?? '')}
                    hint="or leave empty and give a template"
                    width="10rem"
                    number="decimal"
                    optional
                    onSave={(v) => up({ segmentsPerMessage: orNull(v) })}
                  />
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
                  <input type="checkbox" checked={!!s.seasonality} onChange={(e) => void up({ seasonality: e.target.checked ? Array(12).fill('1') : null })} /> Seasonal (a factor for each calendar
                  month)
                </label>
                {s.seasonality && (
                  <div className="row">
                    {MONTHS.map((m, k) => (
                      <EditField
                        key={m}
                        label={m}
                        value={String(s.seasonality![k])}
                        width="4.5rem"
                        number="decimal"
                        onSave={(v) => upList((cur) => ({ seasonality: (cur.seasonality ?? s.seasonality!).map((x, j) => (j === k ? v.trim() : x)) }))}
                      />
                    ))}
                  </div>
                )}
              </div>
              <Benefits stream={s} vendors={workspace.document.vendors} />
              <button type="button" className="remove" onClick={() => remove(s, i)} aria-label={`Remove stream ${s.name ?? s.id}`}>
                Remove
              </button>
            </fieldset>
          </Fragment>
        );
      })}
      {offered && offered.index >= streams.length && undoHere(offered.index)}
      <button type="button" onClick={add}>
        Add stream
      </button>
    </section>
  );
}

type Doc = WorkspaceDocument;
type Stream = Doc['streams'][number];
type BenefitsDoc = NonNullable<Stream['benefits']>;
type Holdout = NonNullable<BenefitsDoc['holdout']>;
type StreamPatch = EditPatch<'streams.update'>;
const NO_BENEFITS: BenefitsDoc = { valuePerConversion: null, holdout: null, conversionRate: null, deflectedPerDelivered: null, costPerContact: null, riskReductionPerYear: null };
const text = (x: unknown) => (x === null || x === undefined ? '' : String(x));
const orNullNumber = (x: string) => (x.trim() === '' ? null : x.trim());

/** The benefit fields: a number each, empty for none. */
const BENEFIT_FIELDS: {
  key: 'valuePerConversion' | 'conversionRate' | 'deflectedPerDelivered' | 'costPerContact' | 'riskReductionPerYear';
  label: string;
  hint: string;
  /** The hint while the stream has a holdout test, where it differs. */
  hintWithHoldout?: string;
  width: string;
  number: NumberKind;
}[] = [
  { key: 'valuePerConversion', label: 'Value per conversion', hint: 'base currency; empty: none', width: '10rem', number: 'money' },
  { key: 'conversionRate', label: 'Conversions per delivered message', hint: 'e.g. 2%; or a holdout test', hintWithHoldout: 'a holdout test below wins over it', width: '13rem', number: 'rate' },
  { key: 'deflectedPerDelivered', label: 'Contacts deflected per delivered message', hint: 'e.g. 0.5%', width: '14rem', number: 'rate' },
  { key: 'costPerContact', label: 'Cost per contact', hint: 'what a support contact costs', width: '10rem', number: 'money' },
  { key: 'riskReductionPerYear', label: 'Risk reduction a year', hint: 'the same for every vendor', width: '10rem', number: 'money' },
];

/** The holdout test's counts, each group before its conversions (a count of conversions is checked against its group). */
const HOLDOUT_FIELDS: { label: string; width: string; group: 'exposed' | 'holdout'; at: 0 | 1 }[] = [
  { label: 'Sent the messages: group', width: '11rem', group: 'exposed', at: 1 },
  { label: 'Sent the messages: converted', width: '12rem', group: 'exposed', at: 0 },
  { label: 'Held out: group', width: '9rem', group: 'holdout', at: 1 },
  { label: 'Held out: converted', width: '10rem', group: 'holdout', at: 0 },
];

/** A [converted, group] pair with one of its two counts replaced. */
const withCount = ([converted, group]: Holdout['exposed'], at: 0 | 1, n: number): Holdout['exposed'] => (at === 0 ? [n, group] : [converted, n]);

/**
 * A stream's benefits, what ROI and payback are worked out from: conversions (an entered rate, or a
 * holdout test with the vendor that measured it) times their value, contacts deflected times their
 * cost, and a risk reduction a year. Each edit is made from the stream's benefits as the edits
 * before it left them, so two fields typed quickly both stay.
 */
function Benefits({ stream: s, vendors }: { stream: Stream; vendors: Doc['vendors'] }) {
  const edit = useStore.getState().edit;
  const b = s.benefits ?? NO_BENEFITS;
  const current = (doc: Doc) => doc.streams.find((x) => x.id === s.id)?.benefits ?? NO_BENEFITS;
  const set = (patch: Partial<BenefitsDoc>) => edit('streams.update', (doc) => ({ id: s.id, patch: { benefits: { ...current(doc), ...patch } } }));
  const setHoldout = (make: (h: Holdout) => Holdout) =>
    edit('streams.update', (doc) => {
      const cur = current(doc);
      return { id: s.id, patch: { benefits: { ...cur, holdout: cur.holdout ? make(cur.holdout) : cur.holdout } } };
    });
  const h = b.holdout;
  const count = (x: string) => (x.trim() === '' ? Number.NaN : Number(x));
  return (
    <fieldset className="benefits" data-benefits={s.id}>
      <legend>Benefits of {s.name ?? s.id}</legend>
      <div className="row">
        {BENEFIT_FIELDS.map((f) => (
          <EditField
            key={f.key}
            label={f.label}
            value={text(b[f.key])}
            hint={h && f.hintWithHoldout ? f.hintWithHoldout : f.hint}
            width={f.width}
            number={f.number}
            optional
            onSave={(x) => set({ [f.key]: orNullNumber(x) })}
          />
        ))}
      </div>
      {h ? (
        <div className="row" data-holdout-fields>
          {HOLDOUT_FIELDS.map((f) => (
            <EditField
              key={f.label}
              label={f.label}
              value={text(h[f.group][f.at])}
              width={f.width}
              number="integer"
              onSave={(x) => setHoldout((c) => ({ ...c, [f.group]: withCount(c[f.group], f.at, count(x)) }))}
            />
          ))}
          <div className="field">
            <label htmlFor={`measured-${s.id}`}>Measured by</label>
            <select
              id={`measured-${s.id}`}
              value={h.vendor ?? ''}
              onChange={(e) => {
                // Read now: the edit is made when it is sent, and by then the select shows the stored value again.
                const vendor = e.target.value === '' ? null : e.target.value;
                void setHoldout((c) => ({ ...c, vendor }));
              }}
            >
              <option value="">each vendor's own delivery rate</option>
              {vendors.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name ?? v.id}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="remove" onClick={() => void set({ holdout: null })}>
            Remove the holdout test
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void set({ holdout: { exposed: [0, 1], holdout: [0, 1], vendor: null } })}>
          Add a holdout test
        </button>
      )}
    </fieldset>
  );
}
