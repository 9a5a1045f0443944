/** The evidence calculators' slice: holdout statistics and the sample-size planner (MODEL.md section 10). */
import type { StateCreator } from 'zustand';
import type { ApiError } from '../../../../electron/api/errors.js';
import type { HoldoutResult, SampleSize } from '../../../../electron/engine/stats.js';
import { call } from '../../api/client';
import type { Store } from '../store';

export interface EvidenceSlice {
  holdout: HoldoutResult | null;
  holdoutError: ApiError | null;
  sample: SampleSize | null;
  sampleError: ApiError | null;
  computeHoldout(exposed: [number, number], holdout: [number, number]): Promise<void>;
  computeSample(p0: number, lift: number, alpha: number, power: number): Promise<void>;
}

export const createEvidenceSlice: StateCreator<Store, [], [], EvidenceSlice> = (set) => ({
  holdout: null,
  holdoutError: null,
  sample: null,
  sampleError: null,
  computeHoldout: async (exposed, holdout) => {
    const r = await call('holdout', { exposed, holdout });
    set(r.ok ? { holdout: r.value, holdoutError: null } : { holdout: null, holdoutError: r.error });
  },
  computeSample: async (p0, lift, alpha, power) => {
    const r = await call('sampleSize', { p0, lift, alpha, power });
    set(r.ok ? { sample: r.value, sampleError: null } : { sample: null, sampleError: r.error });
  },
});
