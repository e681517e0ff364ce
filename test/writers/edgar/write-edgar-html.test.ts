import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ReleaseDocument, TableNode } from "../../../src/model/document.js";
import { outputFileNames, renderRelease } from "../../../src/render.js";
import { edgarFileName, validateEdgarFileName, validateEdgarHtml, writeEdgarHtml } from "../../../src/writers/edgar/index.js";
import { writeText } from "../../../src/writers/text/index.js";
import { composeFile } from "../../helpers/release.js";
import { compareWordsApartFromHeadings, htmlBodyText, wireTextWords, wordsOf } from "./edgar-words.js";

const tablesOf = (document: ReleaseDocument) => document.blocks.filter((block): block is TableNode => block.type === "table");

const release = composeFile();
const edgar = writeEdgarHtml(release);

/** A hand-built document around some blocks. */
function documentOf(blocks: ReleaseDocument["blocks"], status: ReleaseDocument["meta"]["status"] = { final: true }, checkFailures: string[] = []): ReleaseDocument {
  return { meta: { ...release.meta, status, checkFailures }, blocks };
}

const table: TableNode = {
  type: "table",
  id: "ops",
  titleLines: ["Acme Corp.", "Statements of Operations"],
  caption: "Statements of Operations",
  headerRows: [
    [{ text: "Three Months Ended", span: 2 }],
    [
      { text: "2024", span: 1 },
      { text: "2023", span: 1 },
    ],
  ],
  columnCount: 2,
  rows: [
    { kind: "heading", label: "Revenues:", level: 0, cells: [] },
    {
      kind: "item",
      label: "Product",
      level: 1,
      marks: ["(a)"],
      cells: [
        { type: "number", digits: "5,001", negative: false, currency: "$" },
        { type: "number", digits: "3,212", negative: true, currency: "$", marks: ["(b)"] },
      ],
    },
    {
      kind: "total",
      label: "Total",
      level: 1,
      cells: [
        { type: "number", digits: "31", negative: false, suffix: "%" },
        { type: "text", text: "n/m" },
      ],
    },
    { kind: "blank", label: "", level: 0, cells: [] },
    {
      kind: "grandTotal",
      label: "Net loss",
      level: 0,
      cells: [
        { type: "number", digits: "-", negative: false },
        { type: "number", digits: "0.04", negative: true, currency: "$" },
      ],
    },
  ],
  notes: ["(a) Includes licences.", "(b) Restated."],
  pageBreakBefore: true,
  textLayout: { labelWidth: 28, columnWidth: 11, indents: [0, 2], titleAlign: "center" },
};

describe("writeEdgarHtml on the default release", () => {
  it("passes the EDGAR validator, and its file name passes the file-name rule", () => {
    expect(validateEdgarHtml(edgar)).toEqual([]);
    expect(validateEdgarFileName(edgarFileName)).toEqual([]);
    expect(outputFileNames.edgar).toBe(edgarFileName);
  });

  it("has the wire text's words, in order (a period's date and year in one heading)", () => {
    const htmlWords = wordsOf(htmlBodyText(edgar));
    const textWords = wireTextWords(writeText(release), release.meta.textStyle?.bullet);
    expect(htmlWords.length).toBeGreaterThan(1500);
    expect(compareWordsApartFromHeadings(htmlWords, textWords, tablesOf(release))).toEqual({ outOfOrder: [], sameWords: true });
  });

  it("is pure ASCII and has no named entity beyond &amp; &lt; &gt; &quot;", () => {
    expect(edgar).toMatch(/^[\x20-\x7e\n]*$/);
    expect(new Set(edgar.match(/&[a-z]+;/g))).toEqual(new Set(["&quot;", "&amp;"]));
  });

  it("starts each statement on a new page, with no watermark and no draft mark in a final release", () => {
    const statements = release.blocks.filter((block) => block.type === "table" && block.pageBreakBefore).length;
    expect(statements).toBeGreaterThan(0);
    expect(edgar.match(/page-break-before:always/g)).toHaveLength(statements);
    expect(edgar).not.toMatch(/DRAFT|watermark/i);
  });

  it("matches the golden file", async () => {
    await expect(edgar).toMatchFileSnapshot("../../golden/atg-2003-q3/release.edgar.htm");
  });

  it("is what renderRelease writes for the edgar format", async () => {
    const rendered = await renderRelease(release, ["edgar"]);
    expect(new TextDecoder().decode(rendered.get("edgar"))).toBe(edgar);
  });
});

/** Every embedded quarter file (data/<company>/<quarter>.yaml), so a new example is checked too. */
const embeddedQuarters = readdirSync("data", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(join("data", entry.name))
      .filter((name) => /^\d{4}-.*\.yaml$/.test(name))
      .map((name) => join("data", entry.name, name)),
  );

describe.each(embeddedQuarters)("writeEdgarHtml on %s", (file) => {
  const document = composeFile(file);
  const html = writeEdgarHtml(document);

  it("passes the EDGAR validator", () => {
    expect(validateEdgarHtml(html)).toEqual([]);
  });

  it("has the wire text's words, in order (its tables unstacked, a period's date and year in one heading)", () => {
    // A table too wide for the wire text is stacked there in panels; at a width that takes every
    // table whole, the wire text reads in the order of the EDGAR table.
    const unstacked = writeText({ ...document, meta: { ...document.meta, textWidth: 1000 } });
    const comparison = compareWordsApartFromHeadings(wordsOf(htmlBodyText(html)), wireTextWords(unstacked, document.meta.textStyle?.bullet), tablesOf(document));
    expect(comparison).toEqual({ outOfOrder: [], sameWords: true });
  });
});

describe("writeEdgarHtml handlers", () => {
  const html = writeEdgarHtml(documentOf([table]));
  const rows = html.match(/<tr[^>]*>.*<\/tr>/g) ?? [];
  const cellsOf = (row: string) => [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((match) => match[1]);

  it("writes a figure as gap, currency, digits and hang cells, the hang holding ) % and marks", () => {
    const product = rows.find((row) => row.includes("Product"))!;
    expect(cellsOf(product)).toEqual(["Product<sup>(a)</sup>", "", "$", "5,001", "", "", "$", "(3,212", ")(b)"]);
    const total = rows.find((row) => row.includes("Total"))!;
    expect(cellsOf(total)).toEqual(["Total", "", "", "31", "%", "", "", "n/m", ""]);
  });

  it("rules totals above and grand totals above and below, on the figure cells only", () => {
    const ruled = (row: string) => [...row.matchAll(/<td[^>]*style="([^"]*)"/g)].map((match) => /border-top/.test(match[1]!) + "" + /border-bottom:3px double/.test(match[1]!));
    expect(ruled(rows.find((row) => row.includes("Total"))!)).toEqual([
      "falsefalse",
      "falsefalse",
      "truefalse",
      "truefalse",
      "truefalse",
      "falsefalse",
      "truefalse",
      "truefalse",
      "truefalse",
    ]);
    expect(ruled(rows.find((row) => row.includes("Net loss"))!).filter((flags) => flags === "truetrue")).toHaveLength(6);
  });

  it("spans header cells over their columns' four cells (less the leading gap)", () => {
    expect(rows[0]).toContain(`<th colspan="7"`);
    expect(rows[1]!.match(/<th colspan="3"/g)).toHaveLength(2);
  });

  it("gives heading and blank rows one cell across the figure columns", () => {
    expect(cellsOf(rows.find((row) => row.includes("Revenues:"))!)).toEqual(["Revenues:", ""]);
    expect(rows.filter((row) => row.includes(`colspan="9"`))).toHaveLength(1);
  });

  it("writes titles before the table with the page break, and notes after it", () => {
    expect(html).toMatch(/<p style="page-break-before:always;text-align:center[^"]*"><b>Acme Corp\.<\/b><br>Statements of Operations<\/p>\n<table/);
    expect(html).toMatch(/<\/table>\n<p[^>]*>\(a\) Includes licences\.<\/p>\n<p[^>]*>\(b\) Restated\.<\/p>/);
    expect(validateEdgarHtml(html)).toEqual([]);
  });

  it("escapes hostile text in labels, headings, ids and paragraphs", () => {
    const hostile = "<script>alert(1)</script>";
    const doc = documentOf([
      { type: "title", text: hostile },
      { type: "section", id: `x" onclick="y`, heading: hostile, blocks: [{ type: "paragraph", content: [{ type: "text", text: `<img src=x onerror=alert(1)> & "quoted"` }] }] },
      {
        ...table,
        titleLines: [hostile],
        rows: [
          {
            kind: "item",
            label: hostile,
            level: 0,
            cells: [
              { type: "text", text: hostile },
              { type: "number", digits: "1", negative: false },
            ],
          },
        ],
        notes: [hostile],
      },
      { type: "contacts", label: hostile, lines: [hostile] },
    ]);
    const out = writeEdgarHtml(doc);
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain(`id="x&quot; onclick=&quot;y"`);
    expect(validateEdgarHtml(out)).toEqual([]);
    expect(htmlBodyText(out).split(hostile).length - 1).toBe(8);
  });

  it("writes every non-ASCII character as a numeric entity, astral ones whole", () => {
    const out = writeEdgarHtml(documentOf([{ type: "title", text: "Caf\u00e9 \u2014 \u201cSmart\u201d \u2122 \u{1F600}" }]));
    expect(out).toContain("Caf&#233; &#8212; &#8220;Smart&#8221; &#8482; &#128512;");
    expect(validateEdgarHtml(out)).toEqual([]);
    expect(htmlBodyText(out)).toContain("Caf\u00e9 \u2014 \u201cSmart\u201d \u2122 \u{1F600}");
  });

  it("puts the draft mark and tie-out failures on top of a draft, worded as the wire text", () => {
    const draft = documentOf([{ type: "title", text: "Results" }], { final: false, draft: 3, date: "2003-10-20" }, ["Footing: 1 + 1 = 3"]);
    const out = writeEdgarHtml(draft);
    expect(wordsOf(htmlBodyText(out))).toEqual(wordsOf(writeText(draft)));
    expect(out.indexOf("DRAFT 3 -- 2003-10-20 -- NOT FOR RELEASE")).toBeLessThan(out.indexOf("<h1"));
    expect(validateEdgarHtml(out)).toEqual([]);
  });

  it("writes bullets as a list, a dateline in bold, contacts one per line", () => {
    const out = writeEdgarHtml(
      documentOf([
        {
          type: "section",
          id: "lead",
          blocks: [
            {
              type: "paragraph",
              dateline: "BOSTON--",
              content: [
                { type: "text", text: "Acme " },
                { type: "figure", text: "$16.0 million", fact: { line: "totalRevenues", period: "q3" } },
              ],
            },
          ],
        },
        {
          type: "section",
          id: "highlights",
          heading: "HIGHLIGHTS",
          blocks: [
            {
              type: "bulletList",
              items: [
                { type: "paragraph", content: [{ type: "text", text: "One" }] },
                { type: "paragraph", content: [{ type: "text", text: "Two" }] },
              ],
            },
          ],
        },
        { type: "contacts", label: "CONTACT", lines: ["Ed", "ed@example.com"] },
      ]),
    );
    expect(out).toContain("<b>BOSTON--</b>Acme $16.0 million</p>");
    expect(out).toMatch(/<ul[^>]*>\n<li[^>]*>One<\/li>\n<li[^>]*>Two<\/li>\n<\/ul>/);
    expect(out).toContain("<b>CONTACT:</b> Ed<br>\ned@example.com</p>");
    expect(out).not.toContain("<a ");
  });
});
