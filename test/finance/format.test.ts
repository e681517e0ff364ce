import { describe, expect, it } from "vitest";
import { Decimal, divide, roundTo } from "../../src/finance/decimal.js";
import { figureText, formatFigure } from "../../src/finance/format.js";

const halfUp = "half-up" as const;
const figure = (value: string, scale: number, decimals: number, rounding: "half-up" | "half-even" = halfUp) => figureText(formatFigure(new Decimal(value), { scale, decimals, rounding }));

describe("rounding is exact, from decimals", () => {
  it("rounds half-up away from zero on the exact value", () => {
    expect(roundTo(new Decimal("0.045"), 2, halfUp).toFixed(2)).toBe("0.05");
    expect(roundTo(new Decimal("-0.005"), 2, halfUp).toFixed(2)).toBe("-0.01");
    expect(roundTo(new Decimal("1.005"), 2, halfUp).toFixed(2)).toBe("1.01"); // 1.005 in binary is 1.00499...
  });

  it("rounds half-even when the company says so", () => {
    expect(roundTo(new Decimal("0.045"), 2, "half-even").toFixed(2)).toBe("0.04");
    expect(roundTo(new Decimal("0.055"), 2, "half-even").toFixed(2)).toBe("0.06");
  });

  it("treats a truncated quotient that lands on a tie as past the tie", () => {
    // 1/3 truncated is 0.333...; a constructed case: 0.125000...0001 truncated to 0.125 must round up under half-even.
    const { quotient, exact } = divide(new Decimal("125000000000000000000000000000000000000000001"), new Decimal("1e45"));
    expect(exact).toBe(false);
    expect(roundTo(quotient, 2, "half-even", exact).toFixed(2)).toBe("0.13");
  });
});

describe("figures as printed", () => {
  it("scales thousands to millions by rounding the exact figure", () => {
    expect(figure("16009000", 6, 1)).toBe("16.0");
    expect(figure("101000", 6, 1)).toBe("0.1");
    expect(figure("-3195000", 6, 1)).toBe("(3.2)");
    expect(figure("24502000", 6, 1)).toBe("24.5");
  });

  it("prints thousands with separators and negatives in parentheses", () => {
    expect(figure("76977000", 3, 0)).toBe("76,977");
    expect(figure("-10506000", 3, 0)).toBe("(10,506)");
  });

  it("prints nil as a dash but a value that rounds to zero as zero", () => {
    expect(figure("0", 3, 0)).toBe("-");
    const eps = divide(new Decimal(101), new Decimal(71503));
    expect(figureText(formatFigure(eps.quotient, { scale: 0, decimals: 2, rounding: halfUp }, eps.exact))).toBe("0.00");
    expect(figure("-0.001", 0, 2)).toBe("0.00"); // never "(0.00)"
  });

  it("per-share amounts round to the cent from the exact quotient", () => {
    const eps = divide(new Decimal(-3195), new Decimal(72052));
    expect(figureText(formatFigure(eps.quotient, { scale: 0, decimals: 2, rounding: halfUp }, eps.exact))).toBe("(0.04)");
    const nonGaap = divide(new Decimal(101 - 5273), new Decimal(71503));
    expect(figureText(formatFigure(nonGaap.quotient, { scale: 0, decimals: 2, rounding: halfUp }, nonGaap.exact))).toBe("(0.07)");
  });

  it("keeps every digit of huge values", () => {
    expect(figure("123456789012345678901234", 3, 0)).toBe("123,456,789,012,345,678,901");
    expect(figure("-999999999999999.5", 0, 0)).toBe("(1,000,000,000,000,000)");
  });
});
