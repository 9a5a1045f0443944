/**
 * The report's year-by-year cost table (renderer/src/features/report/years.ts) and its routes in
 * words (route-words.ts). The small workspace is test/unit/months-grid.test.ts's, worked by hand
 * there: 13 months, so year 2 has one month; the sample checks the total row against the TCO.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/compute.js';
import { computeJson } from '../../electron/engine/result-json.js';
import { buildReportPayload } from '../../electron/export/report-payload.js';
import { money } from '../../renderer/src/format.js';
import { routeInWords, routesInWords } from '../../renderer/src/features/report/route-words.js';
import { YEAR_CATEGORIES, yearCosts } from '../../renderer/src/features/report/years.js';
import { thirteenMonthsDoc } from '../fixtures/docs.js';

const small = thirteenMonthsDoc({ name: 'Years' });

describe('cost by contract year', () => {
  it('sums the months of each year by category; the 13th month is a year 2 of one month; the total is the TCO', () => {
    const r = computeJson(compute(readDocument(small), { draws: 0 }), { monthly: true });
    const y = yearCosts(r.vendors[0]!)!;
    // Year 1: usage 12 · 1,000 · 0.01 = 120; pass-through 12 · 2 = 24; fees 5 (once); internal
    // 12 · 0.5 h · 100 = 600; remediation 12 · 100 failed · 0.10 = 120; total 869.
    expect(y.years[0]).toMatchObject({ year: 1, months: 12 });
    expect(Object.fromEntries(YEAR_CATEGORIES.map((k) => [k, Number(y.years[0]!.byCategory[k])]))).toEqual({ usage: 120, passThrough: 24, commitTrueUp: 0, fees: 5, internal: 600, remediation: 120 });
    expect(Number(y.years[0]!.total)).toBe(869);
    // Year 2, month 13: usage 10 · 1.1 = 11, pass-through 2 (never escalated), internal 50, remediation 10: 73.
    expect(y.years[1]).toMatchObject({ year: 2, months: 1 });
    expect(Number(y.years[1]!.byCategory.usage)).toBeCloseTo(11, 12);
    expect(Number(y.years[1]!.total)).toBeCloseTo(73, 12);
    // 869 + 73 = 942: the TCO, to the cent, as the report prints both.
    expect(money(y.total.total, 'USD')).toBe('$942.00');
    expect(money(r.vendors[0]!.tco!.nominal, 'USD')).toBe('$942.00');
  });

  it("on the sample: each vendor's total row prints its TCO and its TCO by category, to the cent", () => {
    const doc = JSON.parse(readFileSync(new URL('../../resources/sample-workspace.json', import.meta.url), 'utf8')) as unknown;
    const r = computeJson(compute(readDocument(doc), { draws: 0 }), { monthly: true });
    const covered = r.vendors.filter((v) => v.tco);
    expect(covered.map((v) => v.id)).toEqual(['A', 'B']);
    for (const v of covered) {
      const y = yearCosts(v)!;
      // 36 months: three years of 12.
      expect(y.years.map((x) => x.months)).toEqual([12, 12, 12]);
      expect(money(y.total.total, 'USD')).toBe(money(v.tco!.nominal, 'USD'));
      for (const k of YEAR_CATEGORIES) expect(money(y.total.byCategory[k], 'USD'), `${v.id} ${k}`).toBe(money(v.tco!.byCategory[k], 'USD'));
    }
    // README: A's TCO 226,844.57, B's 302,282.21.
    expect(money(yearCosts(covered[0]!)!.total.total, 'USD')).toBe('$226,844.57');
    expect(money(yearCosts(covered[1]!)!.total.total, 'USD')).toBe('$302,282.21');
    // C covers neither Kenya nor WhatsApp: no years.
    expect(yearCosts(r.vendors[2]!)).toBeNull();
  });
});

describe('routes in words', () => {
  it('names the channel, the class and the country as a buyer writes them', () => {
    expect(routeInWords('sms/KE')).toBe('SMS to Kenya');
    expect(routeInWords('sms/US')).toBe('SMS to the US');
    expect(routeInWords('whatsapp/US/utility')).toBe('WhatsApp utility to the US');
    expect(routeInWords('email')).toBe('email');
    expect(routesInWords(['sms/KE', 'whatsapp/US/utility'])).toBe('SMS to Kenya and WhatsApp utility to the US');
    expect(routesInWords(['sms/KE', 'email', 'push'])).toBe('SMS to Kenya, email and push');
  });
});

describe('the report payload', () => {
  it('carries prepared for and by as given, and empty ones without settings (a document, not a workspace file)', () => {
    const r = computeJson(compute(readDocument(small), { draws: 0 }), { monthly: true });
    const doc = canonicalDocument(readDocument(small));
    const at = new Date(Date.UTC(2026, 10, 23));
    expect(buildReportPayload(doc, r, at, { preparedFor: 'Acme Retail', preparedBy: 'Jo Rivera' }).prepared).toEqual({ preparedFor: 'Acme Retail', preparedBy: 'Jo Rivera' });
    expect(buildReportPayload(doc, r, at).prepared).toEqual({ preparedFor: '', preparedBy: '' });
  });
});
