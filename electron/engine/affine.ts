/**
 * Lines: the arithmetic that derives the draws' and the break-even scan's fast forms from the rule
 * mechanically (issue 15 item 1). The rule (metering.ts, tiers.ts) is run once on values that are
 * lines in one variable x (a + b·x, the rate of a pilot group or the volume multiplier), at a point
 * x0: every comparison it makes (is there any usage, which tier holds the units) is decided at x0
 * as numberCalc would decide it, and the range of x over which it would be decided the same way is
 * recorded. Over that range the rule takes the same branches, so what it returned, a line, is its
 * result at every x there: nothing is solved by hand.
 *
 * A constant is a plain number, so a route's float series (float.ts) are lines already. The rule
 * never multiplies two values that both move with x (units × price, units × rate); a product or a
 * quotient of two lines is refused.
 */
import { Decimal } from './decimal.js';
import type { Calc } from './calc.js';

/** a + b·x. */
export class Line {
  constructor(
    readonly a: number,
    readonly b: number,
  ) {}
}

/** A value of the rule over lines: a constant (number) or a line. */
export type Lin = number | Line;

export const constantPart = (v: Lin): number => (typeof v === 'number' ? v : v.a);
export const slope = (v: Lin): number => (typeof v === 'number' ? 0 : v.b);

const line = (a: number, b: number): Lin => (b === 0 ? a : new Line(a, b));

/**
 * The rule's arithmetic over lines in x, deciding at x (x > 0) and recording the range lo < x ≤ hi
 * over which its decisions hold. `reset` moves it to another x and forgets the range.
 */
export class LineCalc implements Calc<Lin> {
  readonly zero = 0;
  readonly one = 1;
  lo = -Infinity;
  hi = Infinity;
  constructor(public x: number) {}

  reset(x: number): this {
    this.x = x;
    this.lo = -Infinity;
    this.hi = Infinity;
    return this;
  }

  private at(v: Lin): number {
    return typeof v === 'number' ? v : v.a + v.b * this.x;
  }

  add(p: Lin, q: Lin): Lin {
    return typeof p === 'number' && typeof q === 'number' ? p + q : line(constantPart(p) + constantPart(q), slope(p) + slope(q));
  }

  sub(p: Lin, q: Lin): Lin {
    return typeof p === 'number' && typeof q === 'number' ? p - q : line(constantPart(p) - constantPart(q), slope(p) - slope(q));
  }

  mul(p: Lin, q: Lin): Lin {
    if (typeof p === 'number' && typeof q === 'number') return p * q;
    if (typeof p === 'number') return line(p * constantPart(q), p * slope(q));
    if (typeof q === 'number') return line(p.a * q, p.b * q);
    throw new Error('the rule multiplied two values that both move with x');
  }

  div(p: Lin, q: Lin): Lin {
    if (typeof q !== 'number') throw new Error('the rule divided by a value that moves with x');
    return typeof p === 'number' ? p / q : line(p.a / q, p.b / q);
  }

  min(p: Lin, q: Lin): Lin {
    return this.gt(p, q) ? q : p;
  }

  max(p: Lin, q: Lin): Lin {
    return this.gt(q, p) ? q : p;
  }

  /** p > q at x, as numberCalc decides it; the range where the answer stays is narrowed to it. */
  gt(p: Lin, q: Lin): boolean {
    const x = this.x;
    const result = this.at(p) > this.at(q);
    // p − q = da + db·x changes sign only at x* = −da / db.
    const db = slope(p) - slope(q);
    if (db !== 0) {
      const root = (constantPart(q) - constantPart(p)) / db;
      // The answer holds above the root when p − q rises with x and it is yes, or falls and it is
      // no; below it otherwise. A root that rounding put on x's wrong side keeps x in the range.
      if (db > 0 === result) this.lo = Math.max(this.lo, root < x ? root : x - Math.abs(x) * 1e-15);
      else this.hi = Math.min(this.hi, root >= x ? root : x);
    }
    return result;
  }

  /** Zero or one for every x: what the rule's shortcuts may skip. */
  isZero(v: Lin): boolean {
    return typeof v === 'number' ? v === 0 : v.a === 0 && v.b === 0;
  }

  isOne(v: Lin): boolean {
    return v === 1;
  }

  from(v: Decimal | number): Lin {
    return v instanceof Decimal ? v.toNumber() : v;
  }

  /** As calc.ts floatTierIndex: the last i with from_i < u·(1 − 1e-12) (u > 0), each comparison recorded. */
  tierIndex(from: ArrayLike<Lin>, u: Lin): number {
    const v = this.mul(u, 1 - 1e-12);
    let i = from.length - 1;
    while (i > 0 && !this.gt(v, from[i]!)) i--;
    return i;
  }
}
