/**
 * The report's pure builders, on small inputs whose numbers are worked by hand: the payload's pilot
 * evidence (pilots added per route, 95% Wilson intervals), the recommendation and its confidence,
 * the assumed figures, the sensitivity rows, the break-even lines, the default export file names
 * and the PDF page count.
 */
import { describe, expect, it } from 'vitest';
import type { ComputeJson, RatesJson, VendorJson } from '../../electron/engine/result-json.js';
import { buildReportPayload, pilotEvidence } from '../../electron/export/report-payload.js';
import { countPdfPages } from '../../electron/export/pdf.js';
import { assumedFigures, breakEvenLines, recommend, sensitivityRows } from '../../renderer/src/features/report/model.js';
import { suggestedPath } from '../../renderer/src/features/export/paths.js';

const rate = (route: string, pilot: string | null, dr: number, er: number, drA = false, erA = false): RatesJson => ({
  route,
  pilot,
  deliveryRate: dr,
  engagementRate: er,
  deliveryAssumed: drA,
  engagementAssumed: erA,
});

function vendor(id: string, extra: Partial<VendorJson> = {}): VendorJson {
  return {
    id,
    name: `Vendor ${id}`,
    currency: 'USD',
    uncovered: [],
    assumed: [],
    rates: [],
    tco: {
      nominal: '100',
      npv: '100',
      byCategory: { usage: '100', passThrough: '0', commitTrueUp: '0', fees: '0', internal: '0', remediation: '0' },
      npvByCategory: { usage: '100', passThrough: '0', commitTrueUp: '0', fees: '0', internal: '0', remediation: '0' },
      feesByCategory: {},
    },
    sent: 1000,
    delivered: 900,
    effective: 90,
    costPerSent: '0.1',
    costPerDelivered: '0.1111',
    costPerEffective: '1',
    benefits: null,
    roi: null,
    paybackMonth: null,
    costPerIncremental: null,
    sensitivity: null,
    uncertainty: null,
    expectedRegret: null,
    priceToWin: null,
    monthly: null,
    ...extra,
  };
}

const uncovered = (id: string, routes: string[]): VendorJson =>
  vendor(id, { uncovered: routes, tco: null, sent: null, delivered: null, effective: null, costPerSent: null, costPerDelivered: null, costPerEffective: null });

const result = (vendors: VendorJson[], breakEven: ComputeJson['breakEven'] = [], recommendation: ComputeJson['recommendation'] = null): ComputeJson => ({
  name: 'Test',
  baseCurrency: 'USD',
  startMonth: '2027-01',
  horizonMonths: 12,
  streams: [],
  vendors,
  breakEven,
  // As the engine decides it (engine/decision.ts): the lowest cost per effective message, the first on a tie.
  cheapest:
    vendors.filter((v) => v.tco !== null && v.costPerEffective !== null).reduce<VendorJson | null>((a, v) => (a === null || Number(v.costPerEffective) < Number(a.costPerEffective) ? v : a), null)
      ?.id ?? null,
  recommendation,
  decisionRisk: null,
  scenarios: [],
  draws: 100,
  seed: 1,
});

describe('the payload: pilot evidence with Wilson intervals', () => {
  it('9,500 delivered of 10,000 sent and 950 engaged (MODEL.md section 11): 95.0% [94.555%, 95.410%], 10.0% [9.413%, 10.620%]', () => {
    const [p] = pilotEvidence([{ channel: 'sms', country: 'US', sent: 10000, delivered: 9500, engaged: 950 }], [rate('sms/US', 'sms/US', 0.95, 0.1)]);
    expect(p!.route).toBe('sms/US');
    expect(p!.deliveryRate!.value).toBe(0.95);
    // Wilson: ((x + z²/2) ± z·sqrt(x(n−x)/n + z²/4)) / (n + z²), z = 1.959964: worked out by hand.
    expect(p!.deliveryRate!.ci95[0]).toBeCloseTo(0.9455529, 6);
    expect(p!.deliveryRate!.ci95[1]).toBeCloseTo(0.9541015, 6);
    expect(p!.engagementRate!.value).toBe(0.1);
    expect(p!.engagementRate!.ci95[0]).toBeCloseTo(0.0941281, 6);
    expect(p!.engagementRate!.ci95[1]).toBeCloseTo(0.1061953, 6);
    expect(p!.serves).toEqual(['sms/US']);
  });

  it('adds the pilots of one route; engagement from the pilots that counted it, over their own delivered', () => {
    const pilots = [
      { channel: 'sms' as const, country: 'US', sent: 600, delivered: 570, engaged: 57, optedOut: 3 },
      { channel: 'sms' as const, country: 'US', sent: 400, delivered: 380, engaged: null, optedOut: 2, complained: 1 },
      { channel: 'email' as const, sent: 0, delivered: 0 },
    ];
    const rates = [rate('sms/US', 'sms/US', 0.95, 0.1), rate('sms/US/10dlc', 'sms/US', 0.95, 0.1), rate('email', null, 0.98, 0.03, true, true)];
    const [sms, email] = pilotEvidence(pilots, rates);
    expect(sms).toMatchObject({ route: 'sms/US', pilots: 2, sent: 1000, delivered: 950, engaged: 57, engagedOf: 570, optedOut: 5, complained: 1, converted: null, serves: ['sms/US', 'sms/US/10dlc'] });
    expect(sms!.deliveryRate!.value).toBe(0.95);
    expect(sms!.deliveryRate!.ci95[0]).toBeCloseTo(0.9346862, 6);
    expect(sms!.deliveryRate!.ci95[1]).toBeCloseTo(0.9618697, 6);
    // 57 of 570 = 10%, Wilson [7.799%, 12.737%]
    expect(sms!.engagementRate!.value).toBe(0.1);
    expect(sms!.engagementRate!.ci95[0]).toBeCloseTo(0.0779865, 6);
    expect(sms!.engagementRate!.ci95[1]).toBeCloseTo(0.1273689, 6);
    // Nothing sent: no rate; it serves no stream (email runs on its default).
    expect(email).toMatchObject({ route: 'email', sent: 0, deliveryRate: null, engagementRate: null, serves: [] });
  });

  it('0 of 10 and 10 of 10: the textbook Wilson ends [0, 0.2775] and [0.7225, 1]', () => {
    const [none, all] = pilotEvidence(
      [
        { channel: 'push', sent: 10, delivered: 0, engaged: 0 },
        { channel: 'email', sent: 10, delivered: 10, engaged: 10 },
      ],
      [],
    );
    expect(none!.deliveryRate!.ci95[0]).toBe(0);
    expect(none!.deliveryRate!.ci95[1]).toBeCloseTo(0.2775328, 6);
    expect(none!.engagementRate).toBeNull(); // nothing delivered: no engagement rate
    expect(all!.deliveryRate!.ci95[0]).toBeCloseTo(0.7224672, 6);
    expect(all!.deliveryRate!.ci95[1]).toBe(1);
  });

  it('carries the document, the result and the time it was made', () => {
    const doc = { format: 'tco-workspace' as const, version: 1, baseCurrency: 'USD', startMonth: '2027-01', streams: [], vendors: [{ id: 'A', quote: { currency: 'USD', routes: [] }, pilots: [] }] };
    const r = result([vendor('A')]);
    const p = buildReportPayload(doc, r, new Date(Date.UTC(2026, 10, 2, 9, 30)));
    expect(p).toMatchObject({ format: 'tco-report', version: 1, generatedAt: '2026-11-02T09:30:00.000Z', document: doc, result: r, evidence: [{ vendorId: 'A', pilots: [] }] });
  });
});

describe('the recommendation', () => {
  // The engine decides it (engine/decision.ts, test/unit/decision-recommendation.test.ts); the
  // report shows it with the vendors it names.
  const a = vendor('A', { costPerEffective: '0.30', uncertainty: { costPerEffective: { p5: 0.25, p50: 0.3, p95: 0.35 }, pCheapest: 0.2 } });
  const b = vendor('B', { costPerEffective: '0.25', uncertainty: { costPerEffective: { p5: 0.22, p50: 0.25, p95: 0.28 }, pCheapest: 0.8 } });
  const c = uncovered('C', ['sms/KE']);

  it("is the engine's: its vendor, P(cheapest), confidence, runner-up and margin, with the vendors left out", () => {
    const rec = recommend(result([a, b, c], [], { vendor: 'B', runnerUp: 'A', margin: '0.2', pCheapest: 0.8, confidence: 'moderate', rangesOverlap: true }))!;
    expect(rec.vendor).toBe(b);
    expect(rec.runnerUp).toBe(a);
    expect(rec).toMatchObject({ pCheapest: 0.8, confidence: 'moderate', margin: 0.2, rangesOverlap: true });
    expect(rec.uncovered.map((v) => v.id)).toEqual(['C']);
  });

  it('a lone vendor has no runner-up; without the engine’s recommendation there is none', () => {
    const lone = recommend(result([b, c], [], { vendor: 'B', runnerUp: null, margin: null, pCheapest: 0.8, confidence: 'moderate', rangesOverlap: null }))!;
    expect(lone).toMatchObject({ runnerUp: null, margin: null, rangesOverlap: null });
    expect(recommend(result([c]))).toBeNull();
  });
});

describe('assumed figures, sensitivity rows, break-even lines', () => {
  it('lists every rate that is assumed (not measured by a pilot), and why, in words', () => {
    const v = vendor('B', {
      rates: [rate('sms/US', 'sms/US', 0.91, 0.04), rate('sms/KE', 'sms/KE', 0.96, 0.04, false, true), rate('email', null, 0.98, 0.03, true, true)],
    });
    expect(assumedFigures(result([v]))).toEqual([
      { vendorId: 'B', vendorName: 'Vendor B', route: 'sms/KE', figure: 'Engagement rate', value: 0.04, source: 'an assumed rate for SMS', reason: 'the pilot on SMS to Kenya counted no engagement' },
      { vendorId: 'B', vendorName: 'Vendor B', route: 'email', figure: 'Delivery rate', value: 0.98, source: 'an assumed rate for email', reason: 'no pilot on this route' },
      { vendorId: 'B', vendorName: 'Vendor B', route: 'email', figure: 'Engagement rate', value: 0.03, source: 'an assumed rate for email', reason: 'no pilot on this route' },
    ]);
  });

  it('gives each input its TCO at ×0.8 and ×1.2 as a change from the TCO: 180 and 220 of 200 are −10% and +10%', () => {
    const v = vendor('A', {
      tco: { ...vendor('A').tco!, nominal: '200' },
      sensitivity: [
        { input: 'prices', tco: ['180', '220'], npv: ['180', '220'], costPerEffective: ['0.9', '1.1'] },
        { input: 'discountRate', tco: ['200', '200'], npv: ['210', '190'], costPerEffective: ['1', '1'] },
      ],
    });
    const rows = sensitivityRows(v);
    expect(rows.map((r) => r.label)).toEqual(['Prices', 'Discount rate']);
    expect(rows[0]!.change[0]).toBeCloseTo(-0.1, 12);
    expect(rows[0]!.change[1]).toBeCloseTo(0.1, 12);
    expect(rows[1]!.change).toEqual([0, 0]);
    expect(rows[0]!.tco).toEqual(['180', '220']);
  });

  it('break-even at ×2.5: A (TCO 100) cheaper from ×0.1 to ×2.5, B (120) from ×2.5 to ×10', () => {
    const r = result(
      [vendor('A'), vendor('B', { tco: { ...vendor('B').tco!, nominal: '120' } })],
      [
        {
          a: 'A',
          b: 'B',
          multipliers: [2.5],
          stretches: [
            { from: 0.1, to: 2.5, cheaper: 'A' },
            { from: 2.5, to: 10, cheaper: 'B' },
          ],
        },
      ],
    );
    const [line] = breakEvenLines(r);
    expect(line!.multipliers).toEqual([2.5]);
    expect(line!.stretches.map((s) => [s.from, s.to, s.cheaper.id])).toEqual([
      [0.1, 2.5, 'A'],
      [2.5, 10, 'B'],
    ]);
  });
});

describe('export file names and PDF pages', () => {
  it('suggests a file beside the workspace, named after it', () => {
    expect(suggestedPath('/w/rfp.tcows', 'Retail RFP', 'pdf')).toBe('/w/Retail RFP business case.pdf');
    expect(suggestedPath('/w/rfp.tcows', '', 'xlsx')).toBe('/w/rfp TCO.xlsx');
    expect(suggestedPath('C:\\w\\rfp.tcows', 'A/B: test', 'csv-monthly')).toBe('C:\\w\\A-B- test monthly.csv');
  });

  it('counts the page objects of a PDF, not the page tree', () => {
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n2 0 obj << /Type /Page >> endobj\n3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n%%EOF';
    expect(countPdfPages(Buffer.from(pdf, 'latin1'))).toBe(2);
    expect(() => countPdfPages(Buffer.from('<html>', 'latin1'))).toThrow(/not a PDF/);
  });
});
