/** Computation (totals on this thread, the analyses on their own), and the small calculators: segments, holdout, sample size. */
import { canonicalDocument } from '../../api/document.js';
import { OperationError } from '../../api/errors.js';
import { EngineCache, compute } from '../../engine/compute.js';
import { computeJson } from '../../engine/result-json.js';
import { countSegments } from '../../engine/segments.js';
import { holdoutStats, sampleSize, targetWithinOne } from '../../engine/stats.js';
import { computeWithScenarios, scenarioFor } from '../scenarios.js';
import { WorkerUnavailable } from '../analyses.js';
import { readDocumentAt, type Context, type HandlerTable } from './context.js';

export function analysesHandlers(ctx: Context): HandlerTable<'compute' | 'segments' | 'holdout' | 'sampleSize'> {
  const { analyses, session } = ctx;
  return {
    compute: (i) => {
      const opts = { draws: i.draws, seed: i.seed, sensitivity: i.sensitivity, breakEven: i.breakEven, priceToWin: i.priceToWin };
      if (i.handle !== undefined && i.scenario !== undefined) {
        // A scenario computed as if it were the base: what the screens show while editing in it.
        const s = session(i.handle);
        const sc = scenarioFor(s.ws, i.scenario, s.cache);
        if (!sc) throw new OperationError('NOT_FOUND', `no scenario with id ${JSON.stringify(i.scenario)} (it was removed, or undone)`, { path: '$.scenario', field: 'scenario' });
        const here = () => computeJson(compute(sc.workspace, opts, sc.cache), { monthly: i.monthly });
        if (analyses && (i.draws !== 0 || i.sensitivity !== false || i.breakEven !== false)) {
          const key = `${s.handle}\u0000${sc.id}`;
          s.scenarioKeys.add(key);
          return analyses.run(key, canonicalDocument({ ...sc.workspace, scenarios: [] }), opts, i.monthly).catch((e: unknown) => {
            if (e instanceof WorkerUnavailable) return here();
            throw e;
          });
        }
        return here();
      }
      if (i.handle !== undefined) {
        const s = session(i.handle);
        // An open workspace is the app's: a scenario that does not apply fails alone, in its place in
        // the answer (`tco compute` refuses the file with that scenario's error: cli/run.ts).
        const here = () => computeJson(computeWithScenarios(s.ws, opts, s.cache, 'alone'), { monthly: i.monthly });
        // The analyses go to their thread; the totals alone (a few ms) are computed here.
        if (analyses && (i.draws !== 0 || i.sensitivity !== false || i.breakEven !== false)) {
          return analyses.run(s.handle, s.store.document(), opts, i.monthly).catch((e: unknown) => {
            if (e instanceof WorkerUnavailable) return here();
            throw e;
          });
        }
        return here();
      }
      // A cache of its own, so a scenario that keeps the base's streams and settings reuses the
      // vendors it does not change (computed once for the base and it) as an open workspace does.
      return computeJson(computeWithScenarios(readDocumentAt(i.document, '$.document'), opts, new EngineCache()), { monthly: i.monthly });
    },
    segments: (i) => countSegments(i.text),
    holdout: (i) => holdoutStats(i.exposed[0], i.exposed[1], i.holdout[0], i.holdout[1]),
    sampleSize: (i) => {
      if (!targetWithinOne(i.p0, i.lift))
        throw new OperationError('INVALID_INPUT', `The baseline rate plus the lift to detect is the target rate and must be at most 1 (100%), got ${i.p0} + ${i.lift}`, {
          path: '$.lift',
          field: 'lift',
        });
      return sampleSize(i.p0, i.lift, i.alpha, i.power);
    },
  };
}
