/**
 * Routes (MODEL.md section 3): (channel, country, class), written `sms/US`, `whatsapp/IN/marketing`,
 * `chat//support`, or `email`. A priced route (a quote's route, or a pilot) serves a stream when the
 * channel is equal and its country and class are each equal or none; the most specific wins,
 * country first.
 */
import type { Channel } from './types.js';

export interface RouteRef {
  channel: Channel;
  country: string | null;
  class: string | null;
}

export { routeKey } from './types.js';

/** -1 when `priced` does not serve `stream`; otherwise its specificity (country 2, class 1). */
export function matchScore(priced: RouteRef, stream: RouteRef): number {
  if (priced.channel !== stream.channel) return -1;
  let score = 0;
  if (priced.country !== null) {
    if (priced.country !== stream.country) return -1;
    score += 2;
  }
  if (priced.class !== null) {
    if (priced.class !== stream.class) return -1;
    score += 1;
  }
  return score;
}

/** Index of the most specific candidate serving the stream's route, or -1. */
export function bestMatch<T extends RouteRef>(candidates: readonly T[], stream: RouteRef): number {
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < candidates.length; i++) {
    const s = matchScore(candidates[i]!, stream);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

/** Indexes of every candidate exactly on the same route (used to add pilots together). */
export function sameRoute(a: RouteRef, b: RouteRef): boolean {
  return a.channel === b.channel && a.country === b.country && a.class === b.class;
}
