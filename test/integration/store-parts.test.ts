/**
 * An edit rewrites only the parts of the workspace file it changed (document-rows.ts changedParts): a price
 * typed in one vendor's route rewrites that vendor's rows and leaves every other vendor's rows as
 * they were. And whatever was written, the document in memory is exactly what the file holds: after
 * every edit, undo and redo of a random sequence, a second connection reading the whole file gives
 * the store's document.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import { diff } from '../../electron/store/history.js';
import { ALL_PARTS, changedParts, readDocumentRows } from '../../electron/store/document-rows.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';
import { workspaceDocArb } from '../fixtures/arbitraries.js';
import { threeVendorDoc } from '../fixtures/docs.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `w${++n}.tcows`);
const AT = '2026-12-06T08:00:00.000Z';
const canonical = (raw: unknown): WorkspaceDocument => canonicalDocument(readDocument(raw));

type Doc = WorkspaceDocument;
const withVendor = (doc: Doc, i: number, f: (v: Doc['vendors'][number]) => Doc['vendors'][number]): Doc => ({ ...doc, vendors: doc.vendors.map((v, j) => (j === i ? f(v) : v)) });
const routePrice = (doc: Doc, i: number, price: string): Doc =>
  withVendor(doc, i, (v) => ({ ...v, quote: { ...v.quote, routes: v.quote.routes.map((r, k) => (k === 0 ? { ...r, price, tiers: null } : r)) } }));
const partsOf = (a: Doc, b: Doc) =>
  changedParts(
    a,
    b,
    diff(a, b).map((c) => c.p),
  );

/** Each route row's rowid by vendor: a row deleted and written again gets a new one. */
function routeRowids(path: string): Map<string, number[]> {
  const db = new Database(path, { readonly: true });
  try {
    const out = new Map<string, number[]>();
    for (const r of db.prepare('SELECT vendor_id, rowid AS id FROM routes ORDER BY vendor_id, position').all() as { vendor_id: string; id: number }[]) {
      out.set(r.vendor_id, [...(out.get(r.vendor_id) ?? []), r.id]);
    }
    return out;
  } finally {
    db.close();
  }
}

/** The whole document as a second connection reads it from the file. */
function fileDocument(path: string): Doc {
  const db = new Database(path, { readonly: true });
  try {
    return readDocumentRows(db);
  } finally {
    db.close();
  }
}

describe('the parts an edit changed', () => {
  const doc = canonical(threeVendorDoc());

  it('a route price of the second vendor: that vendor only', () => {
    expect(partsOf(doc, routePrice(doc, 1, '0.0123'))).toEqual({ settings: false, fx: false, defaults: false, streams: false, scenarios: false, vendors: [1] });
  });

  it('the workspace name: the settings row only; a stream: the streams only', () => {
    expect(partsOf(doc, { ...doc, name: 'Renamed' })).toEqual({ settings: true, fx: false, defaults: false, streams: false, scenarios: false, vendors: [] });
    const streams = doc.streams.map((s, i) => (i === 0 ? { ...s, monthlyVolume: '12345' } : s));
    expect(partsOf(doc, { ...doc, streams })).toEqual({ settings: false, fx: false, defaults: false, streams: true, scenarios: false, vendors: [] });
  });

  it('a vendor added, removed or given another id: every vendor (their rows go by id and position)', () => {
    expect(partsOf(doc, { ...doc, vendors: doc.vendors.slice(1) }).vendors).toBe('all');
    expect(partsOf(doc, { ...doc, vendors: [...doc.vendors, { ...doc.vendors[0]!, id: 'NEW' }] }).vendors).toBe('all');
    expect(
      partsOf(
        doc,
        withVendor(doc, 2, (v) => ({ ...v, id: 'C2' })),
      ).vendors,
    ).toBe('all');
  });

  it('a key the table does not know: everything', () => {
    expect(changedParts(doc, doc, [['somethingNew']])).toEqual(ALL_PARTS);
  });
});

describe('writing only what changed', () => {
  it("a price typed in vendor B's route rewrites B's route rows and no other vendor's", () => {
    const path = fresh();
    const doc = canonical(threeVendorDoc());
    const store = WorkspaceStore.create(path, doc);
    try {
      const before = routeRowids(path);
      const ids = doc.vendors.map((v) => v.id);
      expect(ids.length).toBe(3);
      store.update((d) => ({ label: 'price', next: routePrice(d, 1, '0.0123'), value: null }), AT);
      const after = routeRowids(path);
      expect(after.get(ids[0]!)).toEqual(before.get(ids[0]!));
      expect(after.get(ids[2]!)).toEqual(before.get(ids[2]!));
      // B's routes were written again: the same number of rows, each a new one.
      expect(after.get(ids[1]!)!.length).toBe(before.get(ids[1]!)!.length);
      for (const id of after.get(ids[1]!)!) expect(before.get(ids[1]!)).not.toContain(id);
      expect(store.document().vendors[1]!.quote.routes[0]!.price).toBe('0.0123');
      expect(fileDocument(path)).toEqual(store.document());
      // Undo writes B back the same way, and the other vendors are still untouched.
      expect(store.undo()).toBe('price');
      expect(routeRowids(path).get(ids[0]!)).toEqual(before.get(ids[0]!));
      expect(store.document()).toEqual(doc);
      expect(fileDocument(path)).toEqual(doc);
    } finally {
      store.close();
    }
  });

  it('after every edit, undo and redo of a random sequence, the document in memory is the file’s', () => {
    type Step =
      | { kind: 'price'; vendor: number; cents: number }
      | { kind: 'vendorName'; vendor: number; name: string }
      | { kind: 'streamVolume'; stream: number; volume: number }
      | { kind: 'settings'; name: string }
      | { kind: 'dropVendor'; vendor: number }
      | { kind: 'copyVendor'; vendor: number }
      | { kind: 'undo' }
      | { kind: 'redo' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('price' as const), vendor: fc.nat(5), cents: fc.integer({ min: 1, max: 9999 }) }),
      fc.record({ kind: fc.constant('vendorName' as const), vendor: fc.nat(5), name: fc.string({ minLength: 1, maxLength: 12 }) }),
      fc.record({ kind: fc.constant('streamVolume' as const), stream: fc.nat(5), volume: fc.integer({ min: 0, max: 10_000_000 }) }),
      fc.record({ kind: fc.constant('settings' as const), name: fc.string({ maxLength: 12 }) }),
      fc.record({ kind: fc.constant('dropVendor' as const), vendor: fc.nat(5) }),
      fc.record({ kind: fc.constant('copyVendor' as const), vendor: fc.nat(5) }),
      fc.constant({ kind: 'undo' as const }),
      fc.constant({ kind: 'redo' as const }),
    );
    let copies = 0;
    const edit = (d: Doc, s: Step): Doc => {
      const vi = 'vendor' in s ? s.vendor % d.vendors.length : 0;
      switch (s.kind) {
        case 'price':
          return d.vendors[vi]!.quote.routes.length === 0 ? d : routePrice(d, vi, `0.${String(s.cents).padStart(4, '0')}`);
        case 'vendorName':
          return withVendor(d, vi, (v) => ({ ...v, name: s.name }));
        case 'streamVolume':
          return { ...d, streams: d.streams.map((x, i) => (i === s.stream % d.streams.length ? { ...x, monthlyVolume: String(s.volume) } : x)) };
        case 'settings':
          return { ...d, name: s.name };
        case 'dropVendor': {
          // A vendor that a stream's holdout names stays (the document would not be valid without it).
          const id = d.vendors[vi]!.id;
          if (d.vendors.length === 1 || d.streams.some((x) => x.benefits?.holdout?.vendor === id)) return d;
          return { ...d, vendors: d.vendors.filter((_, j) => j !== vi) };
        }
        case 'copyVendor':
          return d.vendors.length >= 6 ? d : { ...d, vendors: [...d.vendors, { ...d.vendors[vi]!, id: `copy${++copies}` }] };
        default:
          return d;
      }
    };
    fc.assert(
      fc.property(workspaceDocArb({ maxVendors: 3, maxStreams: 3, maxHorizon: 13 }), fc.array(step, { minLength: 1, maxLength: 12 }), (raw, steps) => {
        const path = fresh();
        const store = WorkspaceStore.create(path, canonical(raw));
        // The expected states: every document committed, and the one the history is at.
        let states = [store.document()];
        let at = 0;
        try {
          for (const s of steps) {
            if (s.kind === 'undo') {
              store.undo();
              at = Math.max(0, at - 1);
            } else if (s.kind === 'redo') {
              store.redo();
              at = Math.min(states.length - 1, at + 1);
            } else {
              const next = edit(states[at]!, s);
              store.update(() => ({ label: s.kind, next, value: null }), AT);
              if (diff(states[at]!, next).length > 0) {
                states = [...states.slice(0, at + 1), next];
                at++;
              }
            }
            expect(store.document()).toEqual(states[at]);
            expect(fileDocument(path)).toEqual(states[at]);
          }
          // And opened again, the file gives the same document.
          store.close();
          const again = WorkspaceStore.open(path);
          expect(again.document()).toEqual(fileDocument(path));
          again.close();
        } finally {
          store.close();
        }
      }),
      { numRuns: 40, seed: 20261206 },
    );
  });
});
