/**
 * Intervals of exact values: a printed figure stands for every value that rounds to it
 * (16.0 million stands for [15.95, 16.05) million); a relation holds "within rounding" when some
 * values inside its inputs' intervals make it hold.
 */
import { Decimal } from "./decimal.js";

/** A closed interval of base-unit values. */
export interface Interval {
  readonly low: Decimal;
  readonly high: Decimal;
}

/** The interval of a figure with `half` units of rounding on either side. */
export function around(value: Decimal, half: Decimal): Interval {
  return { low: value.minus(half), high: value.plus(half) };
}

export function point(value: Decimal): Interval {
  return { low: value, high: value };
}

export function addIntervals(a: Interval, b: Interval): Interval {
  return { low: a.low.plus(b.low), high: a.high.plus(b.high) };
}

export function subtractIntervals(a: Interval, b: Interval): Interval {
  return { low: a.low.minus(b.high), high: a.high.minus(b.low) };
}

export function negateInterval(a: Interval): Interval {
  return { low: a.high.neg(), high: a.low.neg() };
}

export function multiplyIntervals(a: Interval, b: Interval): Interval {
  const products = [a.low.times(b.low), a.low.times(b.high), a.high.times(b.low), a.high.times(b.high)];
  return spanOf(products);
}

/** a / b; undefined when b's interval holds zero (any quotient is possible). */
export function divideIntervals(a: Interval, b: Interval): Interval | undefined {
  if (b.low.lte(0) && b.high.gte(0)) return undefined;
  // b keeps one sign, so a / b is monotonic in each: the ends are two of the four corners, found by
  // the signs (two divisions, not four; a division is the checks' costliest step).
  if (b.low.gt(0)) {
    return { low: a.low.div(a.low.gte(0) ? b.high : b.low), high: a.high.div(a.high.gte(0) ? b.low : b.high) };
  }
  return { low: a.high.div(a.high.gte(0) ? b.high : b.low), high: a.low.div(a.low.gte(0) ? b.low : b.high) };
}

/** The sizes |x| of the values of an interval. */
export function absInterval(a: Interval): Interval {
  if (a.low.gte(0)) return a;
  if (a.high.lte(0)) return negateInterval(a);
  return { low: new Decimal(0), high: a.low.abs().gt(a.high.abs()) ? a.low.abs() : a.high.abs() };
}

/**
 * Whether two intervals share a value. A printed figure stands for a half-open interval
 * ([15.95, 16.05) for 16.0), so touching ends do not meet: 16.0 and 16.1 never stand for one value.
 */
export function intersects(a: Interval, b: Interval): boolean {
  if (a.low.eq(b.low)) return true;
  return a.low.lt(b.high) && b.low.lt(a.high);
}

export function contains(a: Interval, value: Decimal): boolean {
  return a.low.lte(value) && value.lte(a.high);
}

function spanOf(values: readonly Decimal[]): Interval {
  let low = values[0]!;
  let high = values[0]!;
  for (const value of values) {
    if (value.lt(low)) low = value;
    if (value.gt(high)) high = value;
  }
  return { low, high };
}
