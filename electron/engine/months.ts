/** Months of the horizon (MODEL.md section 2). Month m is 1..H; y(m) = ceil(m/12). */

export interface YearMonth {
  year: number;
  month: number;
} // month 1..12

const YM = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseYearMonth(s: string): YearMonth | null {
  const m = YM.exec(s);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export function contractYear(m: number): number {
  return Math.ceil(m / 12);
}

/** Calendar month index 0..11 (January = 0) of horizon month m. */
export function calendarIndex(start: YearMonth, m: number): number {
  return (start.month - 1 + m - 1) % 12;
}

/** A sortable number for the calendar month of horizon month m (year*12 + month0). */
export function calendarOrdinal(start: YearMonth, m: number): number {
  return start.year * 12 + (start.month - 1) + (m - 1);
}

export function ordinalOf(ym: YearMonth): number {
  return ym.year * 12 + ym.month - 1;
}

/** "YYYY-MM" of horizon month m. */
export function monthLabel(start: YearMonth, m: number): string {
  const o = calendarOrdinal(start, m);
  const y = Math.floor(o / 12);
  const mo = (o % 12) + 1;
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/** Last horizon month of each contract year, with the number of months the year has in the horizon. */
export function contractYears(h: number): { year: number; lastMonth: number; months: number }[] {
  const out: { year: number; lastMonth: number; months: number }[] = [];
  for (let y = 1; (y - 1) * 12 < h; y++) {
    const last = Math.min(12 * y, h);
    out.push({ year: y, lastMonth: last, months: last - 12 * (y - 1) });
  }
  return out;
}
