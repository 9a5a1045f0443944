/**
 * Preparation: everything of a workspace that does not change between evaluations, split by
 * concern (issue 15 item 4): volumes.ts (streams, contacts, contract years), rates.ts (pilots and
 * defaults, rate groups), route-schedule.ts (a route's tiers, prices and pass-through month by
 * month), pass-through.ts (carrier mix), fx.ts, discount-factors.ts, input-checks.ts, and
 * vendor-plan.ts (route matching, pooling, fees and commits). Evaluations (evaluate.ts, float.ts)
 * only multiply and add what is prepared there. This module gathers them for importers.
 */
export { discountFactors } from './discount-factors.js';
export { fxOf } from './fx.js';
export { MAX_DECIMAL_MAGNITUDE } from './input-checks.js';
export { vendorRates, type PilotCounts, type RateGroup, type StreamRate } from './rates.js';
export { routeChanges, routeSchedule, type RoutePart, type RoutePlan, type RouteSchedule } from './route-schedule.js';
export { planVendor, type FeePlan, type VendorPlan } from './vendor-plan.js';
export { planWorkspace, streamSegments, sumSeries, type SeriesKind, type StreamPlan, type WorkspacePlan } from './volumes.js';
