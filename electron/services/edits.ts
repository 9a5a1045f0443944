/**
 * The edits of the contract as pure functions of the canonical document: each returns the next
 * document (the caller checks it against FORMAT.md and commits it) and the label undo shows.
 * A missing id or index is a NOT_FOUND error naming it.
 */
import type { WorkspaceDocument } from '../api/document.js';
import { OperationError } from '../api/errors.js';
import type { OpInput } from '../api/operations.js';

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

function scenarioIndex(doc: Doc, id: string): number {
  const i = (doc.scenarios ?? []).findIndex((sc) => sc.id === id);
  if (i < 0) throw new OperationError('NOT_FOUND', `no scenario with id ${JSON.stringify(id)} (it was removed, or undone)`, { path: '$.id', field: 'id' });
  return i;
}

/** A scenario's id made from its name: lower-case letters, digits and dashes, unique in the document. */
export function scenarioId(doc: Doc, name: string): string {
  const stem = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'scenario';
  const taken = new Set((doc.scenarios ?? []).map((sc) => sc.id));
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  return id;
}

const replaceAt = <T>(list: T[], index: number, value: T): T[] => list.map((x, i) => (i === index ? value : x));
const removeAt = <T>(list: T[], index: number): T[] => list.filter((_, i) => i !== index);

export const edits = {
  'settings.update': (doc: Doc, i: OpInput<'settings.update'>): Edit => ({
    label: `Change ${Object.keys(i.patch).join(', ')}`,
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
    label: `Set assumed ${i.channel} rates`,
    next: { ...doc, defaults: { ...(doc.defaults ?? {}), [i.channel]: i.rates } },
  }),

  'defaults.remove': (doc: Doc, i: OpInput<'defaults.remove'>): Edit => {
    const defaults = { ...(doc.defaults ?? {}) };
    if (!(i.channel in defaults)) throw new OperationError('NOT_FOUND', `no assumed rates for ${i.channel}`, { path: '$.channel', field: 'channel' });
    delete defaults[i.channel];
    return { label: `Remove assumed ${i.channel} rates`, next: { ...doc, defaults } };
  },

  'streams.add': (doc: Doc, i: OpInput<'streams.add'>): Edit => ({
    label: `Add stream ${i.stream.name ?? i.stream.id}`,
    next: { ...doc, streams: [...doc.streams, i.stream as StreamDoc] },
  }),

  'streams.update': (doc: Doc, i: OpInput<'streams.update'>): Edit => {
    const j = streamIndex(doc, i.id);
    const s = doc.streams[j]!;
    return { label: `Change ${Object.keys(i.patch).join(', ')} of ${s.name ?? s.id}`, next: { ...doc, streams: replaceAt(doc.streams, j, { ...s, ...i.patch } as StreamDoc) } };
  },

  'streams.remove': (doc: Doc, i: OpInput<'streams.remove'>): Edit => {
    const j = streamIndex(doc, i.id);
    return { label: `Remove stream ${doc.streams[j]!.name ?? i.id}`, next: { ...doc, streams: removeAt(doc.streams, j) } };
  },

  'vendors.add': (doc: Doc, i: OpInput<'vendors.add'>): Edit => ({
    label: `Add vendor ${i.vendor.name ?? i.vendor.id}`,
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
    return { label: i.patch.id !== undefined ? `Rename vendor ${i.id} to ${i.patch.id}` : `Rename vendor ${i.id}`, next };
  },

  'vendors.remove': (doc: Doc, i: OpInput<'vendors.remove'>): Edit => {
    const j = vendorIndex(doc, i.id, 'id');
    const named = doc.streams.find((s) => s.benefits?.holdout?.vendor === i.id);
    if (named) {
      throw new OperationError('INVALID_INPUT', `vendor ${i.id} measured the holdout of stream ${JSON.stringify(named.id)}; change that holdout first`, { path: '$.id', field: 'id' });
    }
    return { label: `Remove vendor ${doc.vendors[j]!.name ?? i.id}`, next: { ...doc, vendors: removeAt(doc.vendors, j) } };
  },

  'quote.update': (doc: Doc, i: OpInput<'quote.update'>): Edit => ({
    label: `Change ${Object.keys(i.patch).join(', ')} of ${i.vendorId}'s quote`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, quote: { ...v.quote, ...i.patch } })),
  }),

  'routes.add': (doc: Doc, i: OpInput<'routes.add'>): Edit => ({
    label: `Add a route to ${i.vendorId}'s quote`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, quote: { ...v.quote, routes: [...v.quote.routes, i.route] } })),
  }),

  'routes.update': (doc: Doc, i: OpInput<'routes.update'>): Edit => ({
    label: `Change ${Object.keys(i.patch).join(', ')} of a route of ${i.vendorId}`,
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
    label: `Remove a route from ${i.vendorId}'s quote`,
    next: withVendor(doc, i.vendorId, (v) => {
      at(v.quote.routes, i.index, 'route');
      return { ...v, quote: { ...v.quote, routes: removeAt(v.quote.routes, i.index) } };
    }),
  }),

  'fees.add': (doc: Doc, i: OpInput<'fees.add'>): Edit => ({
    label: `Add fee ${i.fee.name}`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, quote: { ...v.quote, fees: [...(v.quote.fees ?? []), i.fee] } })),
  }),

  'fees.update': (doc: Doc, i: OpInput<'fees.update'>): Edit => ({
    label: `Change ${Object.keys(i.patch).join(', ')} of a fee of ${i.vendorId}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const fees = v.quote.fees ?? [];
      const f = at(fees, i.index, 'fee');
      return { ...v, quote: { ...v.quote, fees: replaceAt(fees, i.index, { ...f, ...i.patch }) } };
    }),
  }),

  'fees.remove': (doc: Doc, i: OpInput<'fees.remove'>): Edit => ({
    label: `Remove a fee of ${i.vendorId}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const fees = v.quote.fees ?? [];
      at(fees, i.index, 'fee');
      return { ...v, quote: { ...v.quote, fees: removeAt(fees, i.index) } };
    }),
  }),

  'internal.update': (doc: Doc, i: OpInput<'internal.update'>): Edit => ({
    label: `Change ${Object.keys(i.patch).join(', ')} of ${i.vendorId}'s internal costs`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, internal: { ...(v.internal ?? {}), ...i.patch } })),
  }),

  'pilots.add': (doc: Doc, i: OpInput<'pilots.add'>): Edit => ({
    label: `Add pilot results for ${i.vendorId}`,
    next: withVendor(doc, i.vendorId, (v) => ({ ...v, pilots: [...(v.pilots ?? []), i.pilot] })),
  }),

  'pilots.update': (doc: Doc, i: OpInput<'pilots.update'>): Edit => ({
    label: `Change ${Object.keys(i.patch).join(', ')} of a pilot of ${i.vendorId}`,
    next: withVendor(doc, i.vendorId, (v) => {
      const pilots = v.pilots ?? [];
      const p = at(pilots, i.index, 'pilot');
      return { ...v, pilots: replaceAt(pilots, i.index, { ...p, ...i.patch }) };
    }),
  }),

  'pilots.remove': (doc: Doc, i: OpInput<'pilots.remove'>): Edit => ({
    label: `Remove a pilot of ${i.vendorId}`,
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
    return { label: `Remove a change from scenario "${sc.name ?? sc.id}"`, next: { ...doc, scenarios: replaceAt(list, j, { ...sc, patch: removeAt(sc.patch, i.index) }) } };
  },
} as const;

export type EditName = keyof typeof edits;
