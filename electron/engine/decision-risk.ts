/**
 * Decision risk (issue 17; the method is the product's own, electron/engine/README.md "Decision
 * risk"): how many more pilot messages per vendor would bring the leader's P(cheapest) to 90%.
 *
 * Method. The pilots go on as they went: n more messages of a vendor are shared among its piloted
 * rate groups in proportion to what each has sent, and each group's counts grow at its observed
 * rates (delivered += share · DR, engaged += share · DR · ER when it counts engagement). That keeps
 * every rate's posterior mean and narrows its Beta distribution as a bigger pilot would. For each
 * n of a fixed ladder (1,000 … 1,000,000 messages per vendor), the same seeded draws as the
 * uncertainty analysis are run again, and the first n at which the leader's P(cheapest) reaches
 * 90% is the answer. 0 when it already does; null when even 1,000,000 more would not (the
 * vendors are too close to tell apart by piloting, or the leader's lead rests on assumed rates).
 */
import type { RateGroup } from './plan.js';
import { uncertainty, type UncertaintyInput } from './uncertainty.js';

export const DECISION_TARGET = 0.9;
/** The ladder's runs use at most this many draws each (the same seed as the analysis). */
export const DECISION_DRAWS_MAX = 2_000;
export const DECISION_LADDER = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000] as const;

/** The rate groups of a vendor as if its pilots had sent `more` messages more. */
export function grownGroups(groups: readonly RateGroup[], more: number): RateGroup[] {
  const piloted = groups.filter((g) => g.pilot && g.pilot.sent > 0);
  const total = piloted.reduce((a, g) => a + g.pilot!.sent, 0);
  if (more === 0 || total === 0) return [...groups];
  return groups.map((g) => {
    const p = g.pilot;
    if (!p || p.sent === 0) return g;
    const share = (more * p.sent) / total;
    const dr = p.delivered / p.sent;
    const addDelivered = share * dr;
    const er = p.engaged !== null && p.engagedOf > 0 ? p.engaged / p.engagedOf : null;
    return {
      ...g,
      pilot: {
        sent: p.sent + share,
        delivered: p.delivered + addDelivered,
        engaged: er === null ? p.engaged : p.engaged! + addDelivered * er,
        engagedOf: p.engagedOf + addDelivered,
      },
    };
  });
}

export interface DecisionRisk {
  /** Index (in `vendors`) of the leader whose P(cheapest) is measured. */
  leader: number;
  /** More pilot messages per vendor that bring the leader's P(cheapest) to 90%: 0 if it is there, null if out of reach. */
  moreMessages: number | null;
  /** The leader's P(cheapest) at that point (or at the end of the ladder when out of reach). */
  pCheapest: number;
}

export function decisionRisk(vendors: UncertaintyInput[], leader: number, current: number, draws: number, seed: number, stop?: () => boolean): DecisionRisk {
  if (current >= DECISION_TARGET) return { leader, moreMessages: 0, pCheapest: current };
  const anyPilot = vendors.some((v) => v.groups.some((g) => g.pilot && g.pilot.sent > 0));
  if (!anyPilot) return { leader, moreMessages: null, pCheapest: current };
  const at = (more: number) =>
    uncertainty(
      vendors.map((v) => ({ plan: v.plan, groups: grownGroups(v.groups, more) })),
      draws,
      seed,
      stop,
    )[leader]!.pCheapest;
  // P(cheapest) grows with the pilots (the same draws, narrower distributions): a binary search of
  // the ladder needs four runs, not ten.
  const last = DECISION_LADDER.length - 1;
  const top = at(DECISION_LADDER[last]!);
  if (top < DECISION_TARGET) return { leader, moreMessages: null, pCheapest: top };
  let lo = -1;
  let hi = last;
  let pHi = top;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const p = at(DECISION_LADDER[mid]!);
    if (p >= DECISION_TARGET) {
      hi = mid;
      pHi = p;
    } else lo = mid;
  }
  return { leader, moreMessages: DECISION_LADDER[hi]!, pCheapest: pHi };
}
