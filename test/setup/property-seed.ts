/**
 * Property tests (fast-check) are reproducible by default: every run of `npm test`, CI's included,
 * draws the same inputs, so main cannot turn red on a new draw. `PROPERTY_SEED=n` replays the seed a
 * failure printed; `PROPERTY_RANDOM=1` draws new inputs each run, to hunt for bugs.
 */
import fc from 'fast-check';

export const DEFAULT_PROPERTY_SEED = 20261123;

if (process.env.PROPERTY_RANDOM === undefined) {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.PROPERTY_SEED ?? DEFAULT_PROPERTY_SEED) });
}
