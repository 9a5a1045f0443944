/**
 * The workspace's own evidence, for the Evidence screen: each vendor's pilots added up per route
 * (as MODEL.md section 6 adds them: pilots on the same route count together), with the Wilson 95%
 * interval of each rate. Pure functions of the document.
 */
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { routeKey } from '../../../../electron/api/shared.js';

type Pilot = NonNullable<WorkspaceDocument['vendors'][number]['pilots']>[number];
/** What the evidence reads of a pilot: its route and its counts. */
type PilotCounts = Pick<Pilot, 'channel' | 'country' | 'class' | 'sent' | 'delivered' | 'engaged'>;

/** The two-sided 95% critical value of the normal distribution. */
const Z975 = 1.959963984540054;

/**
 * Wilson's score interval for x successes of n (Wilson 1927; no continuity correction), the
 * interval the report and the engine give: centre (x + z²/2)/(n + z²), half-width
 * z·sqrt(x(n−x)/n + z²/4)/(n + z²); exactly 0 below when x = 0 and 1 above when x = n.
 */
export function wilson(x: number, n: number, z = Z975): [number, number] | null {
  if (!(n > 0) || x < 0 || x > n) return null;
  const z2 = z * z;
  const denom = n + z2;
  const centre = (x + z2 / 2) / denom;
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denom;
  return [x === 0 ? 0 : Math.max(0, centre - half), x === n ? 1 : Math.min(1, centre + half)];
}

export interface RouteEvidence {
  /** The route as written in the document: sms/US, whatsapp/IN/marketing, email. */
  route: string;
  pilots: number;
  sent: number;
  delivered: number;
  /** Engaged messages of the pilots that counted them, and the delivered messages they came from. */
  engaged: number | null;
  engagedOf: number;
  deliveryRate: number | null;
  deliveryCi: [number, number] | null;
  engagementRate: number | null;
  engagementCi: [number, number] | null;
}

/** A vendor's pilots, added up per route in the order the routes first appear. */
export function pilotsByRoute(pilots: readonly PilotCounts[]): RouteEvidence[] {
  const out = new Map<string, RouteEvidence>();
  for (const p of pilots) {
    const key = routeKey(p);
    let r = out.get(key);
    if (!r) {
      r = { route: key, pilots: 0, sent: 0, delivered: 0, engaged: null, engagedOf: 0, deliveryRate: null, deliveryCi: null, engagementRate: null, engagementCi: null };
      out.set(key, r);
    }
    r.pilots++;
    r.sent += Number(p.sent);
    r.delivered += Number(p.delivered);
    if (p.engaged !== null && p.engaged !== undefined) {
      r.engaged = (r.engaged ?? 0) + Number(p.engaged);
      r.engagedOf += Number(p.delivered);
    }
  }
  for (const r of out.values()) {
    if (r.sent > 0) {
      r.deliveryRate = r.delivered / r.sent;
      r.deliveryCi = wilson(r.delivered, r.sent);
    }
    if (r.engaged !== null && r.engagedOf > 0) {
      r.engagementRate = r.engaged / r.engagedOf;
      r.engagementCi = wilson(r.engaged, r.engagedOf);
    }
  }
  return [...out.values()];
}
