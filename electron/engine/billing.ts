/**
 * The billing rule, written once over an arithmetic (calc.ts): what turns the metered charge into
 * the vendor's bill month by month (MODEL.md sections 2, 4, 5). Escalation per contract year; the
 * usage multiplier (escalation, discount, FX); the commits and their true-ups; every kind of fee;
 * labour. evaluate.ts composes them in decimals into the monthly rows; float.ts composes them in
 * binary floats into totals for the draws and the break-even scan.
 */
import type { Calc } from './calc.js';
import type { Writable } from './metering.js';
import type { FeeKind } from './types.js';

/** The escalator per contract year: esc(y) = (1 + e)^(y − 1), y = 1..nYears (index y − 1). */
export function escalation<N>(c: Calc<N>, escalator: N, nYears: number): N[] {
  const onePlusE = c.add(c.one, escalator);
  const esc: N[] = [];
  for (let y = 0; y < nYears; y++) esc.push(y === 0 ? c.one : c.mul(esc[y - 1]!, onePlusE));
  return esc;
}

/** Per contract year: what one unit of metered charge bills, esc(y) · (1 − discount) · fx · a price factor. */
export function usageMultipliers<N>(c: Calc<N>, esc: readonly N[], discount: N, fx: N, prices: N): N[] {
  const kept = c.sub(c.one, discount);
  return esc.map((e) => c.mul(c.mul(c.mul(e, kept), fx), prices));
}

export interface ContractYear {
  /** The horizon month (1-based) that closes the contract year. */
  lastMonth: number;
  /** Months of the year inside the horizon (12 but for a year cut short). */
  months: number;
}

/**
 * Commit true-ups per month (MODEL.md section 4): only usage counts toward the commits; a monthly
 * commit K bills max(usage, K); in the last month of each contract year the annual commit bills
 * max(0, K_y − Σ the year's bills) more, each month's bill taken after its monthly true-up, and a
 * year cut short by the horizon owes K_y · months / 12. `yearOf[m]` is month m's contract year
 * (1-based); `trueUp[m]` is written for m = 0..h-1.
 */
export function commitTrueUps<N>(c: Calc<N>, usage: ArrayLike<N>, h: number, monthly: N, annual: N, yearOf: ArrayLike<number>, years: readonly ContractYear[], trueUp: Writable<N>): void {
  const hasAnnual = c.gt(annual, c.zero);
  let yearBill = c.zero;
  for (let m = 0; m < h; m++) {
    const u = usage[m]!;
    let t = c.zero;
    let billed: N = u;
    if (c.gt(monthly, u)) {
      t = c.sub(monthly, u);
      billed = monthly;
    }
    if (m === 0 || yearOf[m - 1] !== yearOf[m]) yearBill = c.zero;
    if (hasAnnual) {
      yearBill = c.add(yearBill, billed);
      const yr = years[yearOf[m]! - 1]!;
      if (m + 1 === yr.lastMonth) {
        const due = yr.months === 12 ? annual : c.div(c.mul(annual, c.from(yr.months)), c.from(12));
        if (c.gt(due, yearBill)) t = c.add(t, c.sub(due, yearBill));
      }
    }
    trueUp[m] = t;
  }
}

/** A fee as billing needs it: its amount in the base currency, times its quantity for seats. */
export interface FeeTerms<N> {
  kind: FeeKind;
  /** amount · fx (· quantity for a seat-month fee) · any fee factor. */
  base: N;
  /** A one-time fee's month (1-based). */
  month: number;
  /** Contacts a contact-month fee does not charge for. */
  included: N;
}

/**
 * A fee's amount in month m (0-based; contract year index yi, escalation esc): null when it bills
 * nothing that month (a one-time fee outside its month). Recurring, seat, per-contact and
 * per-failed-message fees are escalated; a one-time fee is not.
 */
export function feeAmount<N>(c: Calc<N>, fee: FeeTerms<N>, m: number, yi: number, esc: N, contacts: N, failed: N): N | null {
  switch (fee.kind) {
    case 'once':
      return fee.month === m + 1 ? fee.base : null;
    case 'contact-month': {
      // The allowance: contacts up to `included` are not charged.
      const charged = c.isZero(fee.included) ? contacts : c.max(c.zero, c.sub(contacts, fee.included));
      return c.mul(c.mul(fee.base, charged), esc);
    }
    case 'failed-message':
      // A processing fee on the vendor's failed outbound messages: Σ out(m)·(1 − DR).
      return c.mul(c.mul(fee.base, failed), esc);
    default:
      return yi === 0 ? fee.base : c.mul(fee.base, esc);
  }
}

/** Labour and other internal cost of month m (0-based): setup in month 1, the monthly part every month. */
export function labourOf<N>(c: Calc<N>, m: number, setup: N, monthly: N): N {
  return m === 0 ? c.add(setup, monthly) : monthly;
}
