/**
 * The report's payload: the canonical document, the full `compute --json` object, and the evidence
 * statistics the page shows but, being a page, does not compute (the renderer imports engine types
 * only): each vendor's pilots added together per route as the engine adds them (MODEL.md section 6,
 * engine README choice 8), with 95% Wilson intervals for the delivery and engagement rates.
 */
import type { WorkspaceDocument } from '../api/document.js';
import type { PilotEvidence, RateInterval, ReportPayload, ReportPrepared, VendorEvidence } from '../api/report.js';
import type { ComputeJson } from '../engine/result-json.js';
import { routeKey } from '../engine/routes.js';
import { wilsonInterval } from '../engine/stats.js';
import type { Channel } from '../engine/types.js';

type DocPilot = NonNullable<WorkspaceDocument['vendors'][number]['pilots']>[number];

function rate(x: number, n: number): RateInterval | null {
  if (n <= 0 || x < 0 || x > n) return null;
  return { value: x / n, ci95: wilsonInterval(x, n) };
}

const addNullable = (a: number | null, b: number | null | undefined): number | null => (b === null || b === undefined ? a : (a ?? 0) + b);

/** A vendor's pilots, one entry per route in the order first met, counts added together. */
export function pilotEvidence(pilots: readonly DocPilot[], rates: ComputeJson['vendors'][number]['rates']): PilotEvidence[] {
  const byRoute = new Map<string, Omit<PilotEvidence, 'deliveryRate' | 'engagementRate' | 'serves'>>();
  for (const p of pilots) {
    const route = routeKey({ channel: p.channel as Channel, country: p.country ?? null, class: p.class ?? null });
    const e = byRoute.get(route) ?? { route, pilots: 0, sent: 0, delivered: 0, engaged: null, engagedOf: 0, converted: null, optedOut: null, complained: null };
    e.pilots += 1;
    e.sent += p.sent;
    e.delivered += p.delivered;
    // Engagement comes from the pilots that counted it, over their own delivered messages.
    if (p.engaged !== null && p.engaged !== undefined) {
      e.engaged = (e.engaged ?? 0) + p.engaged;
      e.engagedOf += p.delivered;
    }
    e.converted = addNullable(e.converted, p.converted);
    e.optedOut = addNullable(e.optedOut, p.optedOut);
    e.complained = addNullable(e.complained, p.complained);
    byRoute.set(route, e);
  }
  return [...byRoute.values()].map((e) => ({
    ...e,
    deliveryRate: rate(e.delivered, e.sent),
    engagementRate: e.engaged === null ? null : rate(e.engaged, e.engagedOf),
    serves: rates.filter((r) => r.pilot === e.route).map((r) => r.route),
  }));
}

export function buildReportPayload(document: WorkspaceDocument, result: ComputeJson, generatedAt: Date, prepared: ReportPrepared = { preparedFor: '', preparedBy: '' }): ReportPayload {
  const evidence: VendorEvidence[] = document.vendors.map((v) => ({
    vendorId: v.id,
    pilots: pilotEvidence(v.pilots ?? [], result.vendors.find((r) => r.id === v.id)?.rates ?? []),
  }));
  return { format: 'tco-report', version: 1, generatedAt: generatedAt.toISOString(), document, result, evidence, prepared: { preparedFor: prepared.preparedFor, preparedBy: prepared.preparedBy } };
}
