import { describe, expect, it } from "vitest";
import { writeDocx } from "../../../src/writers/docx/index.js";
import { buildSampleDocument } from "../../fixtures/sample-document.js";
import { findElements, parsePart, readParagraphText, readParts, readValue } from "./docx-package.js";

const parts = readParts(await writeDocx(buildSampleDocument()));
const body = parsePart(parts, "word/document.xml");
const tables = findElements(body, "tbl");

/** The table whose text contains a phrase. */
function findTable(phrase: string) {
  const table = tables.find((candidate) => findElements(candidate, "p").some((p) => readParagraphText(p).includes(phrase)));
  if (!table) throw new Error(`no table with "${phrase}"`);
  return table;
}

/** The row of a table whose label cell reads `label`. */
function findRow(phrase: string, label: string) {
  const row = findElements(findTable(phrase), "tr").find((tr) => readParagraphText(findElements(tr, "tc")[0]!) === label);
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

describe("docx statement tables", () => {
  it("writes every table node as a native w:tbl", () => {
    expect(tables).toHaveLength(3);
    expect(findElements(findTable("Product license"), "gridCol")).toHaveLength(5);
  });

  it("marks every header row to repeat and no body row", () => {
    const rows = findElements(findTable("Product license"), "tr");
    const repeating = rows.filter((tr) => findElements(tr, "tblHeader").length > 0);
    expect(repeating).toHaveLength(3);
    expect(rows.slice(0, 3)).toEqual(repeating);
  });

  it("keeps every row from splitting across pages", () => {
    for (const tr of findElements(body, "tr")) expect(findElements(tr, "cantSplit")).toHaveLength(1);
  });

  it("spans the period headings over their columns", () => {
    const [first] = findElements(findTable("Product license"), "tr");
    const spans = findElements(first!, "tc").map((tc) => readValue(tc, "gridSpan") ?? "1");
    expect(spans).toEqual(["1", "2", "2"]);
  });

  it("right-aligns numeric cells and prints them as the wire text does", () => {
    const cells = findElements(findRow("Product license", "Net income/(loss)"), "tc");
    expect(cells.slice(1).map((tc) => readParagraphText(tc))).toEqual(["$(3,195)", "$(3,057)", "$101", "$(8,657)"]);
    for (const tc of cells.slice(1)) expect(readValue(tc, "jc")).toBe("right");
    expect(readValue(cells[0]!, "jc")).toBeUndefined();
  });

  it("hangs the closing parenthesis: a positive figure is indented by the width of ')'", () => {
    const indents = findElements(findRow("Product license", "Loss from Operations"), "tc")
      .slice(1)
      .map((tc) => Number(readValue(tc, "ind", "right")));
    const positive = findElements(findRow("Product license", "Services"), "tc")
      .slice(1)
      .map((tc) => Number(readValue(tc, "ind", "right")));
    expect(new Set(indents)).toEqual(new Set([indents[0]]));
    // The hang is one ")" at 10 pt: 333/1000 em = 67 twips, in columns without a wider mark.
    expect(positive[0]! - indents[0]!).toBe(67);
  });

  it("hangs a percent sign so that its digits align with the digits above", () => {
    const percent = findElements(findRow("Product license", "Gross profit %"), "tc")[1]!;
    const plain = findElements(findRow("Product license", "Services"), "tc")[1]!;
    expect(Number(readValue(plain, "ind", "right")) - Number(readValue(percent, "ind", "right"))).toBe(167);
  });

  it("rules totals above and double-rules the bottom line below, on figure cells only", () => {
    const total = findElements(findRow("Product license", "Total Revenues"), "tc");
    expect(readValue(total[1]!, "top")).toBe("single");
    expect(findElements(total[0]!, "tcBorders")).toHaveLength(0);
    const grand = findElements(findRow("Product license", "Net income/(loss)"), "tc")[1]!;
    expect(readValue(grand, "bottom")).toBe("double");
    expect(readValue(grand, "top")).toBe("single");
  });

  it("indents labels by level and centres centred labels", () => {
    const level0 = findElements(findRow("Product license", "Loss from Operations"), "tc")[0]!;
    const level1 = findElements(findRow("Product license", "Services"), "tc")[0]!;
    expect(Number(readValue(level1, "ind", "left"))).toBeGreaterThan(Number(readValue(level0, "ind", "left")));
    expect(readValue(findElements(findRow("Total assets", "Assets"), "tc")[0]!, "jc")).toBe("center");
  });

  it("gives heading and blank rows no figures", () => {
    const heading = findElements(findRow("Product license", "Revenues:"), "tc");
    expect(heading).toHaveLength(2);
    expect(readValue(heading[1]!, "gridSpan")).toBe("4");
    expect(readParagraphText(heading[1]!)).toBe("");
  });

  it("centres statement titles, left-aligns highlight titles, starts statements on a new page", () => {
    const paragraphs = findElements(body, "p");
    const titled = (text: string) => paragraphs.find((p) => readParagraphText(p) === text)!;
    expect(readValue(titled("Condensed Consolidated Statements of Operations"), "jc")).toBe("center");
    expect(readValue(titled("THIRD-QUARTER FINANCIAL HIGHLIGHTS"), "jc")).toBe("left");
    const operationsFirstLine = paragraphs.filter((p) => readParagraphText(p) === "Art Technology Group, Inc.")[0]!;
    expect(findElements(operationsFirstLine, "pageBreakBefore")).toHaveLength(1);
    expect(findElements(titled("THIRD-QUARTER FINANCIAL HIGHLIGHTS"), "pageBreakBefore")).toHaveLength(0);
  });

  it("prints the notes under their table", () => {
    const xml = parts["word/document.xml"]!;
    const note = xml.indexOf("(a) Includes the settlement");
    expect(note).toBeGreaterThan(xml.indexOf("$(0.12)"));
    expect(note).toBeLessThan(xml.indexOf("Condensed Consolidated Balance Sheets"));
  });
});
