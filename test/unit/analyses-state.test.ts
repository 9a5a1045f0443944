/**
 * The analyses thread's next version of a workspace (electron/services/analyses-state.ts): from the
 * document whole or from its changes, the parts that did not change keep the held objects (so the
 * engine's per-vendor cache keeps their results), the changed ones are read, and the document is the
 * one posted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import { documentChanges } from '../../electron/api/document-changes.js';
import { EngineCache } from '../../electron/engine/index.js';
import { nextVersion, type HeldWorkspace } from '../../electron/services/analyses-state.js';

const sample = JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')) as WorkspaceDocument;
const held = (): HeldWorkspace => ({ doc: sample, ws: readDocument(sample), cache: new EngineCache() });

describe('the analyses thread’s next version of a workspace', () => {
  it('from changes naming one vendor: the others are the held objects, the changed one is read anew', () => {
    const h = held();
    const b = { ...sample.vendors[1]!, name: 'Vendor B, renamed' };
    const next = { ...sample, vendors: sample.vendors.map((v, i) => (i === 1 ? b : v)) };
    const v = nextVersion(h, { changes: documentChanges(sample, next, 0) })!;
    expect(v.doc).toEqual(next);
    expect(v.cache).toBe(h.cache);
    expect(v.ws.vendors[0]).toBe(h.ws.vendors[0]);
    expect(v.ws.vendors[2]).toBe(h.ws.vendors[2]);
    expect(v.ws.streams).toBe(h.ws.streams);
    expect(v.ws.vendors[1]!.name).toBe('Vendor B, renamed');
    expect(v.ws.vendors[1]).not.toBe(h.ws.vendors[1]);
  });

  it('from changes naming every part (a scenario’s document, made afresh): the equal ones are still the held objects', () => {
    const h = held();
    // A copy: equal everywhere, no object shared, as each scenario computation posts it.
    const fresh = structuredClone(sample);
    fresh.vendors[2] = { ...fresh.vendors[2]!, name: 'Vendor C, renamed' };
    const changes = documentChanges(sample, fresh, 0);
    expect(changes.lists.vendors!.every((x) => x !== null)).toBe(true);
    const v = nextVersion(h, { changes })!;
    expect(v.ws.vendors[0]).toBe(h.ws.vendors[0]);
    expect(v.ws.vendors[1]).toBe(h.ws.vendors[1]);
    expect(v.ws.streams).toBe(h.ws.streams);
    expect(v.ws.vendors[2]!.name).toBe('Vendor C, renamed');
  });

  it('whole: read, and reconciled with what is held; nothing posted: what is held; changes with nothing held: refused', () => {
    const h = held();
    const whole = nextVersion(h, { document: structuredClone(sample) })!;
    expect(whole.ws.vendors[0]).toBe(h.ws.vendors[0]);
    expect(whole.cache).toBe(h.cache);
    expect(nextVersion(h, {})).toBe(h);
    expect(nextVersion(undefined, {})).toBeUndefined();
    expect(() => nextVersion(undefined, { changes: documentChanges(sample, sample, 0) })).toThrow(/does not hold/);
  });
});
