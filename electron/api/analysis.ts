/**
 * The uncertainty analysis the app shows: the compare screen's draws and seed. The report takes the
 * same by default, so the percentiles and P(cheapest) it prints are the ones on the screen (the same
 * seeded draws give the same figures). `tco compute` keeps its own default (FORMAT.md: 10,000).
 */
export const ANALYSIS_DRAWS = 2000;
export const ANALYSIS_SEED = 1;
