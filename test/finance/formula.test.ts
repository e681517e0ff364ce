import { describe, expect, it } from "vitest";
import { FormulaSyntaxError, formulaReferences, parseFormula, sumTerms } from "../../src/finance/formula.js";

describe("formulas of line ids", () => {
  it("parses sums and differences into signed terms", () => {
    expect(sumTerms(parseFormula("a + b - c"))).toEqual([
      { id: "a", sign: 1 },
      { id: "b", sign: 1 },
      { id: "c", sign: -1 },
    ]);
    expect(sumTerms(parseFormula("a - (b - c)"))).toEqual([
      { id: "a", sign: 1 },
      { id: "b", sign: -1 },
      { id: "c", sign: 1 },
    ]);
  });

  it("is not a sum when it divides", () => {
    const ratio = parseFormula("grossProfit / totalRevenues");
    expect(sumTerms(ratio)).toBeNull();
    expect(formulaReferences(ratio)).toEqual(["grossProfit", "totalRevenues"]);
  });

  it("says where a formula goes wrong", () => {
    expect(() => parseFormula("a + + ")).toThrow(FormulaSyntaxError);
    expect(() => parseFormula("a b")).toThrow(/expected an operator \(\+ - \* \/\) but found "b"/);
    expect(() => parseFormula("(a + b")).toThrow(/expected "\)"/);
    expect(() => parseFormula("a $ b")).toThrow(/unexpected "\$"/);
  });
});
