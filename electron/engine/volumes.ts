/**
 * Volumes (MODEL.md section 3): every stream's outbound, billing and inbound units per month, with
 * growth and seasonality, the active contacts, the contract years and discount factors: the
 * workspace's plan, shared by every vendor.
 */
import { newRouteMemo, type RouteMemo } from './route-memo.js';
import { Decimal, ONE, ZERO } from './decimal.js';
import { discountFactors } from './discount-factors.js';
import { ModelError } from './errors.js';
import { nonNegative, parseDec, streamPath } from './input-checks.js';
import { routeKey, type RouteRef } from './routes.js';
import { countSegments, type SegmentCount } from './segments.js';
import { calendarIndex, contractYear, contractYears, parseYearMonth, type YearMonth } from './months.js';
import type { Stream, Workspace } from './types.js';

export interface StreamPlan {
  index: number;
  stream: Stream;
  route: RouteRef;
  key: string;
  /** Outbound messages per month (index m-1). */
  out: Decimal[];
  /** Billing units per month: segments for SMS, messages otherwise. */
  units: Decimal[];
  inbound: Decimal[];
  hasInbound: boolean;
  outTotal: Decimal;
  segmentsPerMessage: Decimal | null;
  segments: SegmentCount | null;
}

export interface WorkspacePlan {
  ws: Workspace;
  start: YearMonth;
  h: number;
  base: string;
  fx: Map<string, Decimal>;
  hourlyRate: Decimal;
  discountRate: Decimal;
  riskAdjustment: Decimal;
  streams: StreamPlan[];
  /** Outbound messages per month, all streams, and over the horizon. */
  sent: Decimal[];
  sentTotal: Decimal;
  /** Active contacts per month, all streams. */
  contacts: Decimal[];
  /** Contract year (1-based) of each month index. */
  yearOf: number[];
  years: { year: number; lastMonth: number; months: number }[];
  /** DF(m) at the workspace's discount rate. */
  df: Decimal[];
  /** Month-by-month sums over a set of streams, memoised: vendors with the same pooling share them. */
  sums: Map<string, Decimal[]>;
  /**
   * Memos that let a keystroke in one route's price meter that route alone (route-memo.ts): each
   * route's schedule by its content, and each route's metering by its series and rates.
   */
  memo: RouteMemo;
}

export type SeriesKind = 'out' | 'units' | 'inbound';

/** Σ over the given streams of one of their monthly series; one stream's own array when alone. */
export function sumSeries(plan: Pick<WorkspacePlan, 'streams' | 'h' | 'sums'>, kind: SeriesKind, indices: readonly number[]): Decimal[] {
  if (indices.length === 1) return plan.streams[indices[0]!]![kind];
  const key = `${kind}:${indices.join(',')}`;
  let got = plan.sums.get(key);
  if (!got) {
    got = new Array<Decimal>(plan.h).fill(ZERO);
    for (const i of indices) {
      const series = plan.streams[i]![kind];
      for (let m = 0; m < plan.h; m++) got[m] = got[m]!.plus(series[m]!);
    }
    plan.sums.set(key, got);
  }
  return got;
}

export function streamSegments(s: Stream, path: string): { perMessage: Decimal | null; info: SegmentCount | null } {
  const info = s.template !== null ? countSegments(s.template) : null;
  if (s.channel !== 'sms') return { perMessage: null, info };
  if (s.segmentsPerMessage !== null) {
    const seg = nonNegative(parseDec(s.segmentsPerMessage, `${path}.segmentsPerMessage`), `${path}.segmentsPerMessage`);
    return { perMessage: seg, info };
  }
  if (info) return { perMessage: new Decimal(info.segments), info };
  throw new ModelError(`${path}.segmentsPerMessage`, 'an SMS stream needs segmentsPerMessage or a template to count segments from');
}

export function planWorkspace(ws: Workspace): WorkspacePlan {
  const start = parseYearMonth(ws.startMonth);
  if (!start) throw new ModelError('$.startMonth', `must be YYYY-MM, got ${JSON.stringify(ws.startMonth)}`);
  const h = ws.horizonMonths;
  if (!Number.isInteger(h) || h < 1 || h > 600) throw new ModelError('$.horizonMonths', `must be a whole number of months from 1 to 600, got ${h}`);
  const fx = new Map<string, Decimal>();
  fx.set(ws.baseCurrency, ONE);
  ws.fx.forEach((f, i) => {
    const rate = parseDec(f.rate, `$.fx[${i}].rate`);
    if (!rate.gt(0)) throw new ModelError(`$.fx[${i}].rate`, `must be > 0, got ${rate.toString()}`);
    if (f.currency !== ws.baseCurrency) fx.set(f.currency, rate);
  });
  const yearOf: number[] = [];
  for (let m = 1; m <= h; m++) yearOf.push(contractYear(m));
  const nYears = contractYear(h);
  const discountRate = parseDec(ws.discountRate, '$.discountRate');
  if (discountRate.lte(-1)) throw new ModelError('$.discountRate', 'must be greater than -1');

  const streams = ws.streams.map((s, i): StreamPlan => {
    const path = streamPath(i);
    const v = nonNegative(parseDec(s.monthlyVolume, `${path}.monthlyVolume`), `${path}.monthlyVolume`);
    const g = parseDec(s.annualGrowth, `${path}.annualGrowth`);
    if (g.lte(-1)) throw new ModelError(`${path}.annualGrowth`, 'must be greater than -1');
    const gm = parseDec(s.monthlyGrowth ?? 0, `${path}.monthlyGrowth`);
    if (gm.lte(-1)) throw new ModelError(`${path}.monthlyGrowth`, 'must be greater than -1');
    if (!gm.isZero() && !g.isZero()) {
      throw new ModelError(`${path}.monthlyGrowth`, `stream ${s.id} grows both per year and per month; give one growth rate and set the other to 0`);
    }
    const monthlyStep = ONE.plus(gm);
    const season = s.seasonality?.map((x, j) => nonNegative(parseDec(x, `${path}.seasonality[${j}]`), `${path}.seasonality[${j}]`)) ?? null;
    if (season && season.length !== 12) throw new ModelError(`${path}.seasonality`, `needs 12 factors (January first), got ${season.length}`);
    const ipo = nonNegative(parseDec(s.inboundPerOutbound, `${path}.inboundPerOutbound`), `${path}.inboundPerOutbound`);
    const seg = streamSegments(s, path);
    const yearly: Decimal[] = [];
    const growth = ONE.plus(g);
    for (let y = 1; y <= nYears; y++) yearly.push(y === 1 ? v : yearly[y - 2]!.times(growth));
    const out: Decimal[] = [];
    const units: Decimal[] = [];
    const inbound: Decimal[] = [];
    let outTotal = ZERO;
    let monthBase = v; // v · (1+gm)^(m-1), exact: one multiplication a month
    for (let m = 1; m <= h; m++) {
      if (m > 1 && !gm.isZero()) monthBase = monthBase.times(monthlyStep);
      const base = gm.isZero() ? yearly[yearOf[m - 1]! - 1]! : monthBase;
      const o = season ? base.times(season[calendarIndex(start, m)]!) : base;
      out.push(o);
      units.push(seg.perMessage && !seg.perMessage.eq(1) ? o.times(seg.perMessage) : o);
      inbound.push(ipo.isZero() ? ZERO : o.times(ipo));
      outTotal = outTotal.plus(o);
    }
    return {
      index: i,
      stream: s,
      route: { channel: s.channel, country: s.country, class: s.class },
      key: routeKey(s),
      out,
      units,
      inbound,
      hasInbound: !ipo.isZero(),
      outTotal,
      segmentsPerMessage: seg.perMessage,
      segments: seg.info,
    };
  });

  const contacts: Decimal[] = new Array<Decimal>(h).fill(ZERO);
  ws.streams.forEach((s, i) => {
    if (s.monthlyActive === null) return;
    const a = nonNegative(parseDec(s.monthlyActive, `${streamPath(i)}.monthlyActive`), `${streamPath(i)}.monthlyActive`);
    const gc = ONE.plus(parseDec(s.contactGrowth, `${streamPath(i)}.contactGrowth`));
    let yearVal = a;
    for (let m = 1; m <= h; m++) {
      if (m > 1 && yearOf[m - 1] !== yearOf[m - 2]) yearVal = yearVal.times(gc);
      contacts[m - 1] = contacts[m - 1]!.plus(yearVal);
    }
  });

  const sent = sumSeries({ streams, h, sums: new Map() }, 'out', streams.length ? streams.map((s) => s.index) : []);
  return {
    ws,
    start,
    sent: streams.length ? sent : new Array<Decimal>(h).fill(ZERO),
    sentTotal: streams.reduce((a, s) => a.plus(s.outTotal), ZERO),
    h,
    base: ws.baseCurrency,
    fx,
    hourlyRate: nonNegative(parseDec(ws.hourlyRate, '$.hourlyRate'), '$.hourlyRate'),
    discountRate,
    riskAdjustment: parseDec(ws.riskAdjustment, '$.riskAdjustment'),
    streams,
    contacts,
    yearOf,
    years: contractYears(h),
    df: discountFactors(discountRate, h),
    sums: new Map(),
    memo: newRouteMemo(),
  };
}
