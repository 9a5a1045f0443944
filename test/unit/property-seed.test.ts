/** The property tests' seed is fixed for every run unless PROPERTY_RANDOM asks for new draws (test/setup/property-seed.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPERTY_SEED } from '../setup/property-seed.js';

describe("the property tests' seed", () => {
  it('is 20261123 (or PROPERTY_SEED) for every fc.assert, so every run draws the same inputs', () => {
    if (process.env.PROPERTY_RANDOM !== undefined) {
      expect(fc.readConfigureGlobal().seed).toBeUndefined();
      return;
    }
    const seed = Number(process.env.PROPERTY_SEED ?? DEFAULT_PROPERTY_SEED);
    expect(DEFAULT_PROPERTY_SEED).toBe(20261123);
    expect(fc.readConfigureGlobal().seed).toBe(seed);
  });
});
