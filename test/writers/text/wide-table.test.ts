/**
 * Wide tables in the wire text: columns that do not fit beside a readable label are split into
 * stacked panels, each repeating the labels and its part of the header rows; no line is wider
 * than the text, no figure is cut, and neighbouring headings never run together.
 */
import { describe, expect, it } from "vitest";
import { cellText, type HeaderCell, type TableNode } from "../../../src/model/document.js";
import { planPanels, renderTextTable } from "../../../src/writers/text/table.js";
import { row } from "../../fixtures/sample-document.js";

const quarterHeadings = ["2023", "2022", "Inc/(Decr.)", "% Change", "Currency Neutral % Change"];
const headerRows: HeaderCell[][] = [
  [
    { text: "Quarters Ended June 30,", span: 5 },
    { text: "Six Months Ended June 30,", span: 5 },
  ],
  [...quarterHeadings, ...quarterHeadings].map((text) => ({ text, span: 1 })),
];

/** A McDonald's-like statement: ten figure columns, long labels. */
const wide: TableNode = {
  type: "table",
  id: "income",
  titleLines: ["McDONALD'S CORPORATION", "CONDENSED CONSOLIDATED STATEMENT OF INCOME (UNAUDITED) FOR THE QUARTER AND SIX MONTHS"],
  caption: "Statement of Income",
  headerRows,
  columnCount: 10,
  rows: [
    row("heading", "Revenues", 0),
    row("item", "Sales by Company-operated restaurants", 1, ["$2,487.0", "$2,112.8", "$374.2", "18%", "17%", "$4,711.3", "$4,415.2", "$296.1", "7%", "9%"]),
    row("item", "Revenues from franchised restaurants", 1, ["3,933.3", "3,526.8", "406.5", "12", "13", "7,520.8", "6,789.6", "731.2", "11", "13"]),
    row("item", "Other revenues", 1, ["77.2", "78.8", "(1.6)", "(2)", "(1)", "163.2", "179.2", "(16.0)", "(9)", "n/m"]),
    row("total", "TOTAL REVENUES", 0, ["6,497.5", "5,718.4", "779.1", "14", "14", "12,395.3", "11,384.0", "1,011.3", "9", "11"]),
    row("blank", "", 0),
    row("grandTotal", "NET INCOME", 0, ["$2,310.4", "$1,188.0", "$1,122.4", "94%", "93%", "$4,112.9", "$2,285.1", "$1,827.8", "80%", "82%"]),
  ],
  notes: ["n/m Not meaningful."],
  pageBreakBefore: true,
  // As compose fits it: columns to their figures, the label squeezed to its floor.
  textLayout: { labelWidth: 16, columnWidth: 11, indents: [0, 2, 4], titleAlign: "center" },
};

describe("a table too wide for the wire text", () => {
  const lines = renderTextTable(wide, 70);

  it("keeps every line within the width", () => {
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(70);
  });

  it("splits the columns into panels at the spanning headings", () => {
    const panels = planPanels(wide, 70);
    expect(panels.length).toBeGreaterThan(1);
    expect(panels.map((panel) => panel.columnCount).reduce((a, b) => a + b)).toBe(10);
    for (const panel of panels) expect(panel.textLayout.labelWidth).toBeGreaterThanOrEqual(20);
    // Cut where the spanning headings meet: the quarter's columns, then the six months'.
    expect(panels.map((panel) => panel.headerRows[0]!.map((cell) => cell.text))).toEqual([["Quarters Ended June 30,"], ["Six Months Ended June 30,"]]);
  });

  it("prints every figure whole, once per cell", () => {
    const text = lines.join("\n");
    for (const tableRow of wide.rows) {
      for (const cell of tableRow.cells) expect(text).toMatch(new RegExp(`(^|\\s)${cellText(cell).replace(/[$().]/g, "\\$&")}(\\s|$)`, "m"));
    }
    const tokens = lines.flatMap((line) => line.trim().split(/\s+/));
    expect(tokens.filter((token) => token === "$1,827.8")).toHaveLength(1);
  });

  it("repeats the labels in every panel", () => {
    const panels = planPanels(wide, 70).length;
    expect(lines.filter((line) => line.startsWith("NET INCOME"))).toHaveLength(panels);
    expect(lines.filter((line) => line.trim() === "Revenues")).toHaveLength(panels);
  });

  it("never runs neighbouring headings together", () => {
    const headingWords = new Set(headerRows.flatMap((header) => header.flatMap((cell) => cell.text.split(" "))));
    const headerLines = lines.filter((line) => /Quarters|Six|20\d\d|Change|Neutral|Inc\//.test(line) && !/\d,\d/.test(line));
    for (const token of headerLines.flatMap((line) => line.trim().split(/\s+/))) expect(headingWords).toContain(token);
  });

  it("wraps a long title to the width, centred", () => {
    const title = lines.slice(0, 4).filter((line) => line.includes("STATEMENT") || line.includes("SIX MONTHS"));
    expect(title.length).toBe(2);
  });
});

describe("a table that fits", () => {
  it("is printed as one panel, as compose laid it out", () => {
    const narrow: TableNode = {
      ...wide,
      columnCount: 2,
      headerRows: [
        [
          { text: "2023", span: 1 },
          { text: "2022", span: 1 },
        ],
      ],
      rows: wide.rows.map((r) => ({ ...r, cells: r.cells.slice(0, 2) })),
      textLayout: { ...wide.textLayout, labelWidth: 48 },
    };
    expect(planPanels(narrow, 70)).toEqual([narrow]);
  });
});
