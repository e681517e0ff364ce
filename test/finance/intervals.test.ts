/** Interval division picks its ends by the signs; it must give the span of all four corner quotients. */
import { expect, it } from "vitest";
import { Decimal } from "../../src/finance/decimal.js";
import { divideIntervals, type Interval } from "../../src/finance/intervals.js";

/** The definition: the smallest and largest of the four corner quotients. */
function byCorners(a: Interval, b: Interval): Interval | undefined {
  if (b.low.lte(0) && b.high.gte(0)) return undefined;
  const quotients = [a.low.div(b.low), a.low.div(b.high), a.high.div(b.low), a.high.div(b.high)];
  return { low: quotients.reduce((x, y) => (y.lt(x) ? y : x)), high: quotients.reduce((x, y) => (y.gt(x) ? y : x)) };
}

it("gives the span of the four corner quotients for every sign of both intervals", () => {
  const values = ["-7.5", "-3", "-1", "-0.001", "0", "0.3", "1", "2.25", "9", "1000.5"].map((value) => new Decimal(value));
  let compared = 0;
  for (const aLow of values)
    for (const aHigh of values)
      for (const bLow of values)
        for (const bHigh of values) {
          if (aHigh.lt(aLow) || bHigh.lt(bLow)) continue;
          const a = { low: aLow, high: aHigh };
          const b = { low: bLow, high: bHigh };
          const [got, expected] = [divideIntervals(a, b), byCorners(a, b)];
          expect(got === undefined, `${String(aLow)}..${String(aHigh)} / ${String(bLow)}..${String(bHigh)}`).toBe(expected === undefined);
          if (got && expected) expect([String(got.low), String(got.high)]).toEqual([String(expected.low), String(expected.high)]);
          compared++;
        }
  expect(compared).toBe(3025);
});
