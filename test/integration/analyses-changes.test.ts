/**
 * What the main thread posts to the analyses thread (electron/services/analyses.ts): a workspace's
 * document whole the first time, then its changes from the one posted before (one vendor after a
 * keystroke), which the thread applies to its copy; the answers are the engine's on the whole
 * document. A document the thread cannot take leaves it holding none, and the next is posted whole.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import { EngineCache, computeJson } from '../../electron/engine/index.js';
import { createAnalyses, type AnalysesRequest } from '../../electron/services/analyses.js';
import { computeWithScenarios } from '../../electron/services/scenarios.js';

const sample = JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')) as WorkspaceDocument;
const OPTIONS = { draws: 500, seed: 7, priceToWin: true };
// As an open workspace is computed: its scenarios with it, one failing alone.
const engine = (doc: WorkspaceDocument) => computeJson(computeWithScenarios(readDocument(doc), OPTIONS, new EngineCache(), 'alone'), { monthly: false });

/** The document with vendor `vi`'s first route at `price`, sharing every other part with `doc` (as the app's next document does). */
const priced = (doc: WorkspaceDocument, vi: number, price: string): WorkspaceDocument => ({
  ...doc,
  vendors: doc.vendors.map((v, i) => (i === vi ? { ...v, quote: { ...v.quote, routes: v.quote.routes.map((r, k) => (k === 0 ? { ...r, price, tiers: null } : r)) } } : v)),
});

const posted = vi.spyOn(Worker.prototype, 'postMessage');
const analyses = createAnalyses();
afterAll(() => analyses.close());

/** What the last computation posted: whole, changes (and which vendors), or nothing. */
const lastPost = () => {
  const m = posted.mock.calls.at(-1)![0] as AnalysesRequest & { type: 'compute' };
  if (m.document) return { whole: true };
  if (m.changes) return { changes: Object.keys(m.changes.set), vendors: m.changes.lists.vendors?.map((v) => (v === null ? null : v.id)) ?? null };
  return { nothing: true };
};

describe('the documents posted to the analyses thread', () => {
  it('whole the first time, then the changed vendor only; each answer is the engine’s on the whole document', async () => {
    expect(await analyses.run('w', sample, OPTIONS, false)).toEqual(engine(sample));
    expect(lastPost()).toEqual({ whole: true });
    // Vendor B's first route: its price typed. A, C and everything else are the same objects.
    const b = priced(sample, 1, '0.0099');
    const result = await analyses.run('w', b, OPTIONS, false);
    expect(lastPost()).toEqual({ changes: [], vendors: [null, 'B', null] });
    expect(result).toEqual(engine(b));
    // A unchanged: its TCO as README's `tco compute` prints it.
    expect(result.vendors[0]!.tco!.nominal.startsWith('226844.57')).toBe(true);
    expect(result.vendors[1]!.tco!.nominal).not.toBe(engine(sample).vendors[1]!.tco!.nominal);
    // The same document again: nothing posted but the request.
    expect(await analyses.run('w', b, OPTIONS, false)).toEqual(engine(b));
    expect(lastPost()).toEqual({ nothing: true });
    // A setting changed (a top-level field): posted as that field.
    const rate = { ...b, discountRate: '0.12' };
    expect(await analyses.run('w', rate, OPTIONS, false)).toEqual(engine(rate));
    expect(lastPost()).toEqual({ changes: ['discountRate'], vendors: null });
  }, 60_000);

  it('a document the thread cannot read is refused as the reader refuses it, and the next one is posted whole', async () => {
    expect(await analyses.run('v', sample, OPTIONS, false)).toEqual(engine(sample));
    expect(lastPost()).toEqual({ whole: true });
    const broken = priced(sample, 2, 'cheap');
    await expect(analyses.run('v', broken, OPTIONS, false)).rejects.toMatchObject({ code: 'INVALID_DOCUMENT', extra: { path: '$.vendors[2].quote.routes[0].price', field: 'price' } });
    expect(lastPost()).toEqual({ changes: [], vendors: [null, null, 'C'] });
    const fixed = priced(sample, 2, '0.02');
    expect(await analyses.run('v', fixed, OPTIONS, false)).toEqual(engine(fixed));
    expect(lastPost()).toEqual({ whole: true });
  }, 60_000);
});
