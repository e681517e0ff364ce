import { describe, expect, it } from "vitest";
import type { NumberCell, TableNode, TableRow } from "../../../src/model/document.js";
import { renderTextTable } from "../../../src/writers/text/table.js";

const number = (digits: string, negative = false, extra: Partial<NumberCell> = {}): NumberCell => ({ type: "number", digits, negative, ...extra });
const row = (label: string, cells: NumberCell[], extra: Partial<TableRow> = {}): TableRow => ({ kind: "item", label, level: 0, cells, ...extra });

const table: TableNode = {
  type: "table",
  id: "sample",
  titleLines: ["Sample Company, Inc.", "(In thousands)"],
  caption: "Sample",
  headerRows: [
    [{ text: "Three Months Ended", span: 2 }],
    [
      { text: "Sept. 30,", span: 1 },
      { text: "Sept. 30,", span: 1 },
    ],
    [
      { text: "2003", span: 1 },
      { text: "2002", span: 1 },
    ],
  ],
  columnCount: 2,
  rows: [
    { kind: "heading", label: "Revenues:", level: 0, cells: [] },
    row("Product license", [number("5,001", false, { currency: "$" }), number("11,825", false, { currency: "$" })], { level: 1 }),
    row("Loss from operations before anything else happens", [number("3,212", true), number("-")], { kind: "total" }),
    row("Gross margin", [number("68", false, { suffix: "%" }), number("62", false, { suffix: "%" })], { level: 1 }),
    { kind: "blank", label: "", level: 0, cells: [] },
    row("Net loss", [number("3,195", true, { currency: "$" }), number("101", false, { currency: "$" })], { kind: "grandTotal" }),
  ],
  notes: ["(a) A note under the table."],
  pageBreakBefore: false,
  textLayout: { labelWidth: 28, columnWidth: 11, indents: [0, 2], titleAlign: "center" },
};

describe("fixed-width statement tables", () => {
  const lines = renderTextTable(table, 50);
  const find = (start: string) => lines.find((line) => line.startsWith(start))!;

  it("centres the title lines", () => {
    expect(lines[0]).toBe(`${" ".repeat(15)}Sample Company, Inc.`);
  });

  it("right-aligns digits on one column and hangs the closing parenthesis and percent", () => {
    const license = find("  Product license");
    const loss = lines.find((line) => line.includes("(3,212)"))!;
    const margin = find("  Gross margin");
    // Digits of column 1 end at 38 (exclusive), the hang column is 38, column 2 ends at 49.
    expect(license.indexOf("5,001") + 5).toBe(38);
    expect(loss.indexOf("3,212") + 5).toBe(38);
    expect(loss[38]).toBe(")");
    expect(margin.indexOf("68") + 2).toBe(38);
    expect(margin[38]).toBe("%");
    expect(loss.endsWith("-")).toBe(true);
    expect(loss.length).toBe(49);
  });

  it("puts the dollar sign before the parenthesis", () => {
    expect(find("Net loss")).toContain("$(3,195)");
    expect(find("Net loss")).toMatch(/\$101$/);
  });

  it("wraps a long label in its column with the figures on the last line", () => {
    const index = lines.indexOf("Loss from operations before");
    expect(index).toBeGreaterThan(0);
    expect(lines[index + 1]).toMatch(/^ anything else happens\s+\(3,212\)\s+-$/);
  });

  it("centres a spanning heading over its columns and years under their dates", () => {
    const span = lines.find((line) => line.includes("Three Months Ended"))!;
    const dates = lines.find((line) => line.includes("Sept. 30,"))!;
    expect(dates.trimEnd().length).toBe(50); // dates end at the column edge
    expect(span.indexOf("Three")).toBeGreaterThanOrEqual(dates.indexOf("Sept."));
    const years = lines.find((line) => line.includes("2003"))!;
    expect(years.indexOf("2003")).toBe(dates.indexOf("Sept.") + 3);
  });

  it("prints notes under the table", () => {
    expect(lines[lines.length - 1]).toBe("(a) A note under the table.");
  });
});
