/**
 * A quote route's v1.2 price rules (MODEL.md section 4): the free share, the markup on pass-through,
 * the carrier mix with its blended rate, and the table of dated changes (month, then each field the
 * change sets). Every list (the carriers, the changes) is rewritten from the document when the edit
 * is sent, after the edits queued before it, never from the list as drawn.
 */
import { Decimal } from 'decimal.js';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import type { ApiError } from '../../../../electron/api/errors.js';
import type { EditPatch } from '../../state/edit';
import { useStore } from '../../state/store';
import { CheckedField } from './CheckedField';
import { amount, asPercent, markup, month, optionalAmount, share, tiers, tiersShown, type Parsed } from './inputs';
import './rules.css';

type Route = WorkspaceDocument['vendors'][number]['quote']['routes'][number];
type Change = NonNullable<Route['priceChanges']>[number];
type Carrier = NonNullable<Route['carrierMix']>[number];
type Patch = EditPatch<'routes.update'>;

const edit = () => useStore.getState().edit;

/** Edit a route with a patch made from the route as the document holds it when the edit is sent. */
function routeEdit(vendorId: string, index: number, drawn: Route, make: (current: Route) => Patch): Promise<ApiError | null> {
  return edit()('routes.update', (doc: WorkspaceDocument) => ({ vendorId, index, patch: make(doc.vendors.find((v) => v.id === vendorId)?.quote.routes[index] ?? drawn) }));
}

const str = (x: string | number | null | undefined) => (x === null || x === undefined ? '' : String(x));

/** Σ share · fee of a carrier mix, exact. */
export function blendedRate(mix: readonly Carrier[], field: 'passThrough' | 'inboundPassThrough'): string {
  return mix.reduce((a, c) => a.plus(new Decimal(c.share || 0).times(c[field] || 0)), new Decimal(0)).toString();
}

/** 1 − the shares of every carrier but the last: the last carrier's share, which keeps the sum at 1. */
function rest(mix: readonly Carrier[]): Decimal {
  return mix.slice(0, -1).reduce((a, c) => a.minus(c.share), new Decimal(1));
}

/** The mix with the last carrier's share set to what the others leave. */
function balanced(mix: Carrier[]): Carrier[] {
  if (mix.length === 0) return mix;
  return mix.map((c, k) => (k === mix.length - 1 ? { ...c, share: rest(mix).toString() } : c));
}

interface MixProps {
  mix: Carrier[];
  currency: string;
  unit: string;
  /** Sends the mix made from the one the document holds when sent (null: the mix ends). */
  set: (make: (current: Carrier[]) => Carrier[] | null) => Promise<ApiError | null>;
}

/**
 * Carrier rows: name, share, pass-through, inbound pass-through. The last carrier's share is what
 * the others leave, so the shares always add up to 100% and each row is saved alone.
 */
export function CarrierMix({ mix, currency, unit, set }: MixProps) {
  const last = mix.length - 1;
  const row = (k: number, patch: Partial<Carrier>) => set((cur) => balanced(cur.map((c, j) => (j === k ? { ...c, ...patch } : c))));
  return (
    <div className="carrier-mix" data-carrier-mix>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">Carrier</th>
            <th scope="col">Share</th>
            <th scope="col">Pass-through</th>
            <th scope="col">Inbound pass-through</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {mix.map((c, k) => (
            <tr key={k} data-carrier={k}>
              <td>
                <CheckedField
                  bare
                  label="Carrier"
                  value={c.carrier}
                  width="8rem"
                  parse={(raw): Parsed<string> => (raw.trim() ? { ok: true, value: raw.trim() } : { ok: false, error: 'Type the carrier’s name, such as T-Mobile.' })}
                  send={(v) => row(k, { carrier: v })}
                />
              </td>
              <td>
                {k === last ? (
                  <span className="rest" data-share>
                    {asPercent(c.share)} <span className="hint">{mix.length > 1 ? '(the rest)' : ''}</span>
                  </span>
                ) : (
                  <CheckedField
                    bare
                    label="Share"
                    value={str(c.share)}
                    width="5rem"
                    hint={asPercent(c.share)}
                    parse={(raw) => {
                      const read = share(raw, 'the carrier’s share', { aboveZero: true });
                      if (!read.ok) return read;
                      const others = mix.reduce((a, x, j) => (j === k || j === last ? a : a.plus(x.share)), new Decimal(0));
                      const left = new Decimal(1).minus(others).minus(read.value);
                      return left.gt(0)
                        ? read
                        : { ok: false, error: `With this share the carriers above the last one take ${asPercent(others.plus(read.value).toString())}; leave the last carrier more than 0%.` };
                    }}
                    send={(v) => row(k, { share: v })}
                  />
                )}
              </td>
              <td>
                <CheckedField
                  bare
                  label="Carrier pass-through"
                  value={str(c.passThrough)}
                  width="6rem"
                  parse={(raw) => amount(raw, 'the carrier’s pass-through')}
                  send={(v) => row(k, { passThrough: v })}
                />
              </td>
              <td>
                <CheckedField
                  bare
                  label="Carrier inbound pass-through"
                  value={str(c.inboundPassThrough)}
                  width="6rem"
                  parse={(raw) => amount(raw, 'the carrier’s inbound pass-through', '0.0025')}
                  send={(v) => row(k, { inboundPassThrough: v })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="remove"
                  aria-label={`Remove carrier ${c.carrier}`}
                  onClick={() => void set((cur) => (cur.length <= 1 ? null : balanced(cur.filter((_, j) => j !== k))))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="blended" data-blended>
        Blended: {blendedRate(mix, 'passThrough')} {currency} a {unit}, inbound {blendedRate(mix, 'inboundPassThrough')} {currency} a message (prices in {currency})
      </p>
      <button
        type="button"
        onClick={() =>
          void set((cur) => {
            // The new carrier takes half of the last one's share; the shares still add up to 100%.
            const half = new Decimal(cur.at(-1)?.share ?? 1).div(2).toString();
            const kept = cur.map((c, j) => (j === cur.length - 1 ? { ...c, share: half } : c));
            return balanced([...kept, { carrier: `Carrier ${cur.length + 1}`, share: half, passThrough: '0', inboundPassThrough: '0' }]);
          })
        }
      >
        Add carrier
      </button>
    </div>
  );
}

const optional = (raw: string, read: (raw: string) => Parsed<string>): Parsed<string | undefined> => (raw.trim() === '' ? { ok: true, value: undefined } : read(raw));

type ChangeField = Exclude<keyof Change, 'from'>;

/** A change without one of its fields (the field then stays as the change before it left it). */
function without(c: Change, key: ChangeField): Change {
  const { [key]: _gone, ...kept } = c;
  void _gone;
  return kept;
}

/** A row of the table of dated changes: its field, and what a cell's text makes of a change (the field set, or left out when empty). */
interface ChangeRow {
  key: ChangeField;
  label: string;
  read: (raw: string, c: Change) => Parsed<(c: Change) => Change>;
}

function changeRow<K extends ChangeField>(key: K, label: string, parse: (raw: string, c: Change) => Parsed<Change[K] | undefined>): ChangeRow {
  return {
    key,
    label,
    read: (raw, c) => {
      const r = parse(raw, c);
      return r.ok ? { ok: true, value: (x) => (r.value === undefined ? without(x, key) : { ...x, [key]: r.value }) } : r;
    },
  };
}

/** The rows of the table of dated changes, in MODEL.md's order: what each cell reads. */
const CHANGE_ROWS: ChangeRow[] = [
  changeRow('price', 'Price', (raw, c) =>
    raw.trim() !== '' && c.tiers ? { ok: false, error: 'A change sets a price or tiers, not both: clear the tiers of this change first.' } : optionalAmount(raw, 'the new price'),
  ),
  changeRow('tiers', 'Tiers (from: price; …)', (raw, c) =>
    raw.trim() !== '' && c.price !== undefined ? { ok: false, error: 'A change sets a price or tiers, not both: clear the price of this change first.' } : tiers(raw),
  ),
  changeRow('inboundPrice', 'Inbound price', (raw) => optionalAmount(raw, 'the new inbound price')),
  changeRow('passThrough', 'Pass-through', (raw) => optionalAmount(raw, 'the new pass-through')),
  changeRow('inboundPassThrough', 'Inbound pass-through', (raw) => optionalAmount(raw, 'the new inbound pass-through')),
  changeRow('passThroughMarkup', 'Markup', (raw) => optional(raw, (x) => markup(x, 'the new markup'))),
  // Drawn as a select of its own (unchanged, a new mix, ends), never read from text.
  changeRow('carrierMix', 'Carrier mix', () => ({ ok: true, value: undefined })),
  changeRow('freeShare', 'Free share', (raw) => optional(raw, (x) => share(x, 'the new free share'))),
];

/** The month after `ym` ("2027-12" → "2028-01"). */
function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

interface RulesProps {
  vendorId: string;
  index: number;
  route: Route;
  currency: string;
}

/** Free share, markup, carrier mix and the dated changes of one route. */
export function RouteRules({ vendorId, index, route: r, currency }: RulesProps) {
  const startMonth = useStore((st) => st.workspace?.document.startMonth ?? '2027-01');
  const set = (make: (current: Route) => Patch) => routeEdit(vendorId, index, r, make);
  const unit = r.channel === 'sms' ? 'segment' : 'message';
  const changes = r.priceChanges ?? [];
  const change = (k: number, make: (c: Change) => Change) => set((cur) => ({ priceChanges: (cur.priceChanges ?? []).map((c, j) => (j === k ? make(c) : c)) }));
  return (
    <div className="route-rules">
      <div className="row">
        <CheckedField
          label="Free share"
          value={str(r.freeShare ?? '0')}
          width="8rem"
          hint={`${asPercent(r.freeShare ?? 0)} of billed ${unit}s free`}
          parse={(raw) => share(raw, 'the free share')}
          send={(v) => set(() => ({ freeShare: v }))}
        />
        <CheckedField
          label="Markup on pass-through"
          value={str(r.passThroughMarkup ?? '0')}
          width="12.5rem"
          hint={`pass-through billed at +${asPercent(r.passThroughMarkup ?? 0)}`}
          parse={(raw) => markup(raw, 'the markup')}
          send={(v) => set(() => ({ passThroughMarkup: v }))}
        />
      </div>
      {r.carrierMix ? (
        <div className="rule-block" data-route-mix>
          <h4>Carrier mix (sets the pass-through)</h4>
          <CarrierMix mix={r.carrierMix} currency={currency} unit={unit} set={(make) => set((cur) => ({ carrierMix: make(cur.carrierMix ?? []) }))} />
          <button type="button" onClick={() => void set(() => ({ carrierMix: null }))}>
            Use one pass-through instead
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => void set((cur) => ({ carrierMix: [{ carrier: 'Carrier 1', share: '1', passThrough: str(cur.passThrough ?? '0'), inboundPassThrough: str(cur.inboundPassThrough ?? '0') }] }))}
        >
          Use a carrier mix
        </button>
      )}

      <div className="rule-block" data-changes>
        <h4>Dated changes</h4>
        {changes.length > 0 && (
          <div className="table-scroll">
            {/* One column a change (its month on top, then each field it may set), so a few changes fit the card. */}
            <table className="compact changes">
              <thead>
                <tr>
                  <th scope="row">From month</th>
                  {changes.map((c, k) => (
                    <td key={k} data-change={k} data-field="from">
                      <CheckedField
                        bare
                        label={`Change ${k + 1}: from month`}
                        value={c.from}
                        width="7.5rem"
                        parse={(raw) => {
                          const read = month(raw);
                          if (read.ok && changes.some((x, j) => j !== k && x.from === read.value))
                            return { ok: false, error: `Another change of this route starts in ${read.value}: put both in one column.` };
                          return read;
                        }}
                        send={(v) => change(k, (x) => ({ ...x, from: v }))}
                      />
                    </td>
                  ))}
                </tr>
              </thead>
              <tbody>
                {CHANGE_ROWS.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {changes.map((c, k) => (
                      <td key={k} data-change={k} data-field={row.key}>
                        {row.key === 'carrierMix' ? (
                          <select
                            aria-label={`Change ${k + 1}: carrier mix`}
                            value={c.carrierMix === undefined ? 'same' : c.carrierMix === null ? 'end' : 'new'}
                            onChange={(e) => {
                              const to = e.target.value;
                              void change(k, (x) =>
                                to === 'same'
                                  ? without(x, 'carrierMix')
                                  : to === 'end'
                                    ? { ...x, carrierMix: null }
                                    : {
                                        ...x,
                                        carrierMix: [
                                          {
                                            carrier: 'Carrier 1',
                                            share: '1',
                                            passThrough: str(x.passThrough ?? r.passThrough ?? '0'),
                                            inboundPassThrough: str(x.inboundPassThrough ?? r.inboundPassThrough ?? '0'),
                                          },
                                        ],
                                      },
                              );
                            }}
                          >
                            <option value="same">unchanged</option>
                            <option value="new">a new mix (below)</option>
                            <option value="end">ends</option>
                          </select>
                        ) : (
                          <CheckedField
                            bare
                            label={`Change ${k + 1}: ${row.label.toLowerCase()}`}
                            value={row.key === 'tiers' ? tiersShown(c.tiers) : str(c[row.key])}
                            width={row.key === 'tiers' ? '10rem' : '7.5rem'}
                            parse={(raw) => row.read(raw, c)}
                            send={(make) => change(k, make)}
                          />
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">
                    <span className="sr-only">Remove</span>
                  </th>
                  {changes.map((_, k) => (
                    <td key={k}>
                      <button type="button" className="remove" onClick={() => void set((cur) => ({ priceChanges: (cur.priceChanges ?? []).filter((_, j) => j !== k) }))}>
                        Remove change {k + 1}
                      </button>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        )}
        {changes.map((c, k) =>
          c.carrierMix ? (
            <div className="rule-block" key={k} data-change-mix={k}>
              <h4>Carrier mix from {c.from}</h4>
              <CarrierMix mix={c.carrierMix} currency={currency} unit={unit} set={(make) => change(k, (x) => ({ ...x, carrierMix: make(x.carrierMix ?? []) }))} />
            </div>
          ) : null,
        )}
        <p className="hint">Empty cells keep the value in force; a change applies from its month on.</p>
        <button
          type="button"
          onClick={() =>
            void set((cur) => {
              const list = cur.priceChanges ?? [];
              const latest = list.reduce((a, c) => (c.from > a ? c.from : a), '');
              let from = latest ? nextMonth(latest) : startMonth;
              while (list.some((c) => c.from === from)) from = nextMonth(from);
              return { priceChanges: [...list, { from }] };
            })
          }
        >
          Add a dated change
        </button>
      </div>
    </div>
  );
}
