/**
 * ComputeOptions.stop (compute.ts): the analyses thread stops a computation whose workspace was
 * edited meanwhile. The engine asks between pieces of work, throws Stopped when told to, and keeps
 * in its cache only what it finished whole: the next computation with the same cache is the one a
 * fresh cache gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { EngineCache, compute, computeJson } from '../../electron/engine/index.js';
import { Stopped } from '../../electron/engine/errors.js';
import { computeWithScenarios } from '../../electron/services/scenarios.js';
import { workedExampleDoc } from '../fixtures/docs.js';

const sample = () => readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')));
const OPTIONS = { draws: 2000, seed: 1 };

/** A stop that counts the asks and answers true at the `at`-th (never when `at` is 0). */
const stopAt = (at: number) => {
  const s = { asks: 0, stop: () => ++s.asks === at };
  return s;
};

describe('a computation told to stop', () => {
  it('is asked between pieces of work: 39 times for the sample RFP with 2,000 draws', () => {
    // By hand: A and B are covered (C is not): 2 vendors; 9 sensitivity inputs each: 18; a price to
    // win each: 2; draws 0, 256, …, 1,792: 8 (A's P(cheapest) is 100%, so decision risk runs no
    // draws); break-even: 2 curves and 1 pair: 3. That is 33; the two scenarios add one ask each and
    // their own 2 vendors each: 6 more.
    const alone = stopAt(0);
    compute(sample(), { ...OPTIONS, stop: alone.stop });
    expect(alone.asks).toBe(2 + 18 + 2 + 8 + 3);
    const withScenarios = stopAt(0);
    computeWithScenarios(sample(), { ...OPTIONS, stop: withScenarios.stop }, new EngineCache(), 'alone');
    expect(withScenarios.asks).toBe(33 + 2 + 2 * 2);
  });

  it('stopped at any of its 39 asks, ends with Stopped; its cache then gives what a fresh one does', () => {
    const fresh = computeJson(computeWithScenarios(sample(), OPTIONS, new EngineCache(), 'alone'));
    // Vendor A's nominal TCO on the sample, as the README's `tco compute` shows it.
    expect(fresh.vendors[0]!.tco!.nominal.startsWith('226844.57')).toBe(true);
    for (let at = 1; at <= 39; at++) {
      const ws = sample();
      const cache = new EngineCache();
      const s = stopAt(at);
      expect(() => computeWithScenarios(ws, { ...OPTIONS, stop: s.stop }, cache, 'alone'), `stopped at ask ${at}`).toThrow(Stopped);
      expect(s.asks).toBe(at);
      expect(computeJson(computeWithScenarios(ws, OPTIONS, cache, 'alone')), `after a stop at ask ${at}`).toEqual(fresh);
    }
  });

  it('the worked example of MODEL.md section 11 keeps its TCO of 19,124 after a stop at each ask', () => {
    const ws = readDocument(workedExampleDoc());
    // One vendor: 1 vendor ask, 9 sensitivity inputs, draws 0, 256, …, 1,792: 8; no price to win or break-even (one vendor).
    const count = stopAt(0);
    compute(ws, { ...OPTIONS, stop: count.stop });
    expect(count.asks).toBe(1 + 9 + 8);
    for (let at = 1; at <= 18; at++) {
      const cache = new EngineCache();
      expect(() => compute(ws, { ...OPTIONS, stop: stopAt(at).stop }, cache)).toThrow(Stopped);
      const r = compute(ws, OPTIONS, cache);
      // 12·(700 usage + 300 pass-through + 10 fee + 500 remediation) + 4 + 1,000 setup hours.
      expect(r.vendors[0]!.evaluation!.tcoNominal.toString()).toBe('19124');
      expect(r.vendors[0]!.sensitivity).toHaveLength(9);
      expect(r.vendors[0]!.uncertainty!.pCheapest).toBe(1);
    }
  });
});
