/** The cost engine of MODEL.md: pure functions, no I/O, no clock, seeded randomness only. */
export * from './types.js';
export { Decimal, dec } from './decimal.js';
export { ModelError } from './errors.js';
export { compute, prepare, DEFAULT_DRAWS, DEFAULT_SEED } from './compute.js';
export type { ComputeOptions, ComputeResult, VendorResult, BreakEvenPair, RouteRates, ScenarioInput, ScenarioResult } from './compute.js';
export { cheapestPerEffective } from './decision.js';
export { EngineCache } from './compute.js';
export { computeJson } from './result-json.js';
export type { ComputeJson, VendorJson, MonthJson, StreamJson, SensitivityJson, RatesJson, ScenarioJson, WhyJson } from './result-json.js';
export { GAP_EFFECTS, type GapEffect, type Why } from './gap.js';
export { countSegments, type SegmentCount } from './segments.js';
export { holdoutStats, sampleSize, newcombeInterval, wilsonInterval, targetWithinOne } from './stats.js';
export { routeKey } from './routes.js';
export { SENSITIVITY_INPUTS } from './sensitivity.js';
export { roundMoney, roundUnitCost, minorUnitDigits } from './round.js';
