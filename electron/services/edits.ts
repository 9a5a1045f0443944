/**
 * The edits of the contract as pure functions of the canonical document: each returns the next
 * document (the caller checks it against FORMAT.md and commits it) and the label undo shows.
 * A missing id or index is a NOT_FOUND error naming it.
 */
import type { WorkspaceDocument } from '../api/document.js';
import { OperationError } from '../api/errors.js';
import type { PatchOperation } from '../engine/types.js';
import { withoutChange } from './scenario-checks.js';
import type { OpInput } from '../api/operations.js';
import { channelWords, fieldsWords } from '../api/words.js';

type Doc = WorkspaceDocument;
type VendorDoc = Doc['vendors'][number];
type StreamDoc = Doc['streams'][number];

export interface Edit {
  label: string;
  next: Doc;
}

function streamIndex(doc: Doc, id: string): number {
  const i = doc.streams.findIndex((s) => s.id === id);
  if (i < 0) throw new OperationError('NOT_FOUND', `no stream with id ${JSON.stringify(id)}`, { path: '$.id', field: 'id' });
  return i;
}

function vendorIndex(doc: Doc, id: string, field = 'vendorId'): number {
  const i = doc.vendors.findIndex((v) => v.id === id);
  if (i < 0) throw new OperationError('NOT_FOUND', `no vendor with id ${JSON.stringify(id)}`, { path: `$.${field}`, field });
  return i;
}

function withVendor(doc: Doc, id: string, f: (v: VendorDoc) => VendorDoc, field = 'vendorId'): Doc {
  const i = vendorIndex(doc, id, field);
  return { ...doc, vendors: doc.vendors.map((v, j) => (j === i ? f(v) : v)) };
}

function at<T>(list: T[], index: number, what: string): T {
  if (index >= list.length) throw new OperationError('NOT_FOUND', `no ${what} at index ${index} (there ${list.length === 1 ? 'is 1' : `are ${list.length}`})`, { path: '$.index', field: 'index' });
  return list[index]!;
}

/** A vendor as a person knows it: its name (its id only when it has none). */
const vendorName = (doc: Doc, id: string): string => doc.vendors.find((v) => v.id === id)?.name ?? `vendor ${id}`;
/** The fields a patch changes, in words: "the minimum monthly commit". */
const changed = (patch: object): string => fieldsWords(Object.keys(patch));

function scenarioIndex(doc: Doc, id: string): number {
  const i = (doc.scenarios ?? []).findIndex((sc) => sc.id === id);
  if (i < 0) throw new OperationError('NOT_FOUND', `no scenario with id ${JSON.stringify(id)} (it was removed, or undone)`, { path: '$.id', field: 'id' });
  return i;
}

/** A scenario's id made from its name: lower-case letters, digits and dashes, unique in the document. */
export function scenarioId(doc: Doc, name: string): string {
  const stem =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'scenario';
  const taken = new Set((doc.scenarios ?? []).map((sc) => sc.id));
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  return id;
}

const replaceAt = <T>(list: T[], index: number, value: T): T[] => list.map((x, i) => (i === index ? value : x));
const removeAt = <T>(list: T[], index: number): T[] => list.filter((_, i) => i !== index);

export const edits = {
  'settings.update': (doc: Doc, i: OpInput<'settings.update'>): Edit => ({
    label: `Change ${changed(i.patch)}`,
    next: { ...doc, ...i.patch } as Doc,
  }),

  'fx.set': (doc: Doc, i: OpInput<'fx.set'>): Edit => {
    const fx = doc.fx ?? [];
    const j = fx.findIndex((f) => f.currency === i.rate.currency);
    return { label: `Set the ${i.rate.currency} rate`, next: { ...doc, fx: j >= 0 ? replaceAt(fx, j, i.rate) : [...fx, i.rate] } };
  },

  'fx.remove': (doc: Doc, i: OpInput<'fx.remove'>): Edit => {
    const fx = doc.fx ?? [];
    if (!fx.some((f) => f.currency === i.currency)) throw new OperationError('NOT_FOUND', `no FX rate for ${i.currency}`, { path: '$.currency', field: 'currency' });
    return { label: `Remove the ${i.currency} rate`, next: { ...doc, fx: fx.filter((f) => f.currency !== i.currency) } };
  },

  'defaults.set': (doc: Doc, i: OpInput<'defaults.set'>): Edit => ({
    label: `Set the assumed ${channelWords(i.channel)} rates`,
    next: { ...doc, defaults: { ...(doc.defaults ?? {}), [i.channel]: i.rates } },
  }),

  'defaults.remove': (doc: Doc, i: OpInput<'defaults.remove'>): Edit => {
    const defaults = { ...(doc.defaults ?? {}) };
    if (!(i.channel in defaults)) throw new OperationError('NOT_FOUND', `no assumed rates for ${i.channel}`, { path: '$.channel', field: 'channel' });
    delete defaults[i.channel];
    return { label: `Remove the assumed ${channelWords(i.channel)} rates`, next: { ...doc, defaults } };
  },

  'streams.add': (doc: Doc, i: OpInput<'streams.add'>): Edit => ({
    label: `Add the stream “${i.stream.name ?? i.stream.id}”`,
    next: { ...doc, streams: [...doc.streams, i.stream as StreamDoc] },
  }),

  'streams.update': (doc: Doc, i: OpInput<'streams.update'>): Edit => {
    const j = streamIndex(doc, i.id);
    const s = doc.streams[j]!;
    // A rename is labelled by the stream's place, not its name: the label stays the same while the name is typed (one undo step).
    const label = 'name' in i.patch ? `Rename stream ${j + 1}` : `Change ${changed(i.patch)} of “${s.name ?? s.id}”`;
    return { label, next: { ...doc, streams: replaceAt(doc.streams, j, { ...s, ...i.patch } as StreamDoc) } };
  },

  'streams.remove': (doc: Doc, i: OpInput<'streams.remove'>): Edit => {
    const j = streamIndex(doc, i.id);
    return { label: `Remove the stream “${doc.streams[j]!.name ?? i.id}”`, next: { ...doc, streams: removeAt(doc.streams, j) } };
  },

  'vendors.add': (doc: Doc, i: OpInput<'vendors.add'>): Edit => ({
    label: `Add ${i.vendor.name ?? `vendor ${i.vendor.id}`}`,
    next: { ...doc, vendors: [...doc.vendors, i.vendor as VendorDoc] },
  }),

  'vendors.update': (doc: Doc, i: OpInput<'vendors.update'>): Edit => {
    let next = withVendor(doc, i.id, (v) => ({ ...v, ...i.patch }), 'id');
    if (i.patch.id !== undefined && i.patch.id !== i.id) {
      // A holdout that names the vendor follows its new id.
      next = {
        ...next,
        streams: next.streams.map((s) => (s.benefits?.holdout?.vendor === i.id ? { ...s, benefits: { ...s.benefits, holdout: { ...s.benefits.holdout, vendor: i.patch.id } } } : s)),
      };
    }
    const j = vendorIndex(doc, i.id, 'id');
    // By place, not by name: the label stays the same while the name is typed (one undo step).
    return {
      label: i.patch.id !== undefined ? `Change the id of ${vendorName(doc, i.id)}` : 'name' in i.patch ? `Rename vendor ${j + 1}` : `Change ${changed(i.patch)} of ${vendorName(doc, i.id)}`,
      next,
    };
  },

  'vendors.remove': (doc: Doc, i: OpInput<'vendors.remove'>): Edit => {
    const j = vendorIndex(doc, i.id, 'id');
    const named = doc.streams.find((s) => s.benefits?.holdout?.vendor === i.id);
    if (named) {
      throw new OperationError('INVALID_INPUT', `${vendorName(doc, i.id)} measured the holdout of the stream “${named.name ?? named.id}”: change that holdout first`, { path: '$.id', field: 'id' });
    }
    return { label: `Remove ${vendorName(doc, i.id)}`, next: { ...doc, vendors: removeAt(doc.vendors, j) } };
  },

  'quote.update': (doc: Doc, i: OpInput<'quote.update'>): Edit => ({
    label: `Change ${changed(i.patch)} of ${vendorName(doc, i.vendorId)}'s quote`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, quote: { ...v.quote, ...i.patch } })),
  }),

  'routes.add': (doc: Doc, i: OpInput<'routes.add'>): Edit => ({
    label: `Add a route to ${vendorName(doc, i.vendorId)}'s quote`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, quote: { ...v.quote, routes: [...v.quote.routes, i.route] } })),
  }),

  'routes.update': (doc: Doc, i: OpInput<'routes.update'>): Edit => ({
    label: `Change ${changed(i.patch)} of ${vendorName(doc, i.vendorId)}'s route ${i.index + 1}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const r = at(v.quote.routes, i.index, 'route');
      const merged = { ...r, ...i.patch };
      // Price and tiers exclude each other: setting one clears the other.
      if (i.patch.tiers && i.patch.price === undefined) merged.price = null;
      if (i.patch.price !== undefined && i.patch.price !== null && i.patch.tiers === undefined) merged.tiers = null;
      return { ...v, quote: { ...v.quote, routes: replaceAt(v.quote.routes, i.index, merged) } };
    }),
  }),

  'routes.remove': (doc: Doc, i: OpInput<'routes.remove'>): Edit => ({
    label: `Remove route ${i.index + 1} from ${vendorName(doc, i.vendorId)}'s quote`,
    next: withVendor(doc, i.vendorId, (v) => {
      at(v.quote.routes, i.index, 'route');
      return { ...v, quote: { ...v.quote, routes: removeAt(v.quote.routes, i.index) } };
    }),
  }),

  'fees.add': (doc: Doc, i: OpInput<'fees.add'>): Edit => ({
    label: `Add the fee “${i.fee.name}” to ${vendorName(doc, i.vendorId)}'s quote`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, quote: { ...v.quote, fees: [...(v.quote.fees ?? []), i.fee] } })),
  }),

  'fees.update': (doc: Doc, i: OpInput<'fees.update'>): Edit => ({
    label: `Change ${changed(i.patch)} of ${vendorName(doc, i.vendorId)}'s fee ${i.index + 1}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const fees = v.quote.fees ?? [];
      const f = at(fees, i.index, 'fee');
      return { ...v, quote: { ...v.quote, fees: replaceAt(fees, i.index, { ...f, ...i.patch }) } };
    }),
  }),

  'fees.remove': (doc: Doc, i: OpInput<'fees.remove'>): Edit => ({
    label: `Remove fee ${i.index + 1} of ${vendorName(doc, i.vendorId)}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const fees = v.quote.fees ?? [];
      at(fees, i.index, 'fee');
      return { ...v, quote: { ...v.quote, fees: removeAt(fees, i.index) } };
    }),
  }),

  'internal.update': (doc: Doc, i: OpInput<'internal.update'>): Edit => ({
    label: `Change ${changed(i.patch)} of ${vendorName(doc, i.vendorId)}'s internal costs`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, internal: { ...(v.internal ?? {}), ...i.patch } })),
  }),

  'pilots.add': (doc: Doc, i: OpInput<'pilots.add'>): Edit => ({
    label: `Add pilot results for ${vendorName(doc, i.vendorId)}`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, pilots: [...(v.pilots ?? []), i.pilot] })),
  }),

  'pilots.update': (doc: Doc, i: OpInput<'pilots.update'>): Edit => ({
    label: `Change ${changed(i.patch)} of ${vendorName(doc, i.vendorId)}'s pilot ${i.index + 1}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const pilots = v.pilots ?? [];
      const p = at(pilots, i.index, 'pilot');
      return { ...v, pilots: replaceAt(pilots, i.index, { ...p, ...i.patch }) };
    }),
  }),

  'pilots.remove': (doc: Doc, i: OpInput<'pilots.remove'>): Edit => ({
    label: `Remove pilot ${i.index + 1} of ${vendorName(doc, i.vendorId)}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const pilots = v.pilots ?? [];
      at(pilots, i.index, 'pilot');
      return { ...v, pilots: removeAt(pilots, i.index) };
    }),
  }),

  'scenarios.add': (doc: Doc, i: OpInput<'scenarios.add'>): Edit => {
    const name = i.name.trim();
    return { label: `Add scenario "${name}"`, next: { ...doc, scenarios: [...(doc.scenarios ?? []), { id: scenarioId(doc, name), name, patch: [] }] } };
  },

  'scenarios.rename': (doc: Doc, i: OpInput<'scenarios.rename'>): Edit => {
    const list = doc.scenarios ?? [];
    const j = scenarioIndex(doc, i.id);
    return { label: `Rename scenario "${list[j]!.name ?? i.id}"`, next: { ...doc, scenarios: replaceAt(list, j, { ...list[j]!, name: i.name.trim() }) } };
  },

  'scenarios.remove': (doc: Doc, i: OpInput<'scenarios.remove'>): Edit => {
    const list = doc.scenarios ?? [];
    const j = scenarioIndex(doc, i.id);
    return { label: `Remove scenario "${list[j]!.name ?? i.id}"`, next: { ...doc, scenarios: removeAt(list, j) } };
  },

  'scenarios.removeOperation': (doc: Doc, i: OpInput<'scenarios.removeOperation'>): Edit => {
    const list = doc.scenarios ?? [];
    const j = scenarioIndex(doc, i.id);
    const sc = list[j]!;
    at(sc.patch, i.index, `change in scenario "${sc.name ?? sc.id}"`);
    return { label: `Remove a change from scenario "${sc.name ?? sc.id}"`, next: { ...doc, scenarios: replaceAt(list, j, { ...sc, patch: withoutChange(sc.patch as PatchOperation[], i.index) }) } };
  },
} as const;

export type EditName = keyof typeof edits;
