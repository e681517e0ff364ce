/**
 * Figures carry their values: every number cell and every prose figure of every example holds its
 * exact value and how it was printed, and its printed digits are that value rounded as it says.
 */
import { describe, expect, it } from "vitest";
import { findQuarterFiles } from "../../src/cli/inputs.js";
import { Decimal } from "../../src/finance/decimal.js";
import { composeRelease, loadRelease } from "../../src/index.js";
import type { Inline, ReleaseDocument } from "../../src/model/document.js";

function proseFigures(document: ReleaseDocument): Extract<Inline, { type: "figure" }>[] {
  const figures: Extract<Inline, { type: "figure" }>[] = [];
  for (const block of document.blocks) {
    if (block.type !== "section") continue;
    for (const part of block.blocks)
      for (const paragraph of part.type === "paragraph" ? [part] : part.items) for (const inline of paragraph.content) if (inline.type === "figure") figures.push(inline);
  }
  return figures;
}

/** True when `digits` (as printed, separators and all) is `value` rounded at `decimals` places of 10^scale. */
function printsAs(digits: string, value: string, display: { scale: number; decimals: number }): boolean {
  const printed = new Decimal(digits.replace(/,/g, "")).times(new Decimal(10).pow(display.scale));
  const half = new Decimal(10).pow(display.scale - display.decimals).div(2);
  return printed.minus(new Decimal(value).abs()).abs().lte(half);
}

describe.each(findQuarterFiles(["data"]))("%s", (file) => {
  const document = composeRelease(loadRelease(file));

  it("every prose figure from the data carries its value, printed as its display says", () => {
    const figures = proseFigures(document).filter((figure) => /\d/.test(figure.text));
    const unvalued = figures.filter((figure) => figure.value === undefined || figure.display === undefined);
    expect(unvalued.map((figure) => figure.text)).toEqual([]);
    for (const figure of figures) {
      const digits = figure.text.match(/\d[\d,]*(?:\.\d+)?/)![0];
      expect(printsAs(digits, figure.value!, figure.display!), `${figure.text} = ${figure.value} at ${JSON.stringify(figure.display)}`).toBe(true);
    }
  });

  it("every number cell carries its value, printed as its display says", () => {
    let cells = 0;
    for (const block of document.blocks) {
      if (block.type !== "table") continue;
      for (const row of block.rows) {
        for (const cell of row.cells) {
          if (cell.type !== "number" || cell.value === undefined || cell.display === undefined || !/\d/.test(cell.digits)) continue;
          cells++;
          expect(printsAs(cell.digits, cell.value, cell.display), `${block.id} ${row.label}: ${cell.digits} = ${cell.value} at ${JSON.stringify(cell.display)}`).toBe(true);
        }
      }
    }
    expect(cells).toBeGreaterThan(0);
  });
});
