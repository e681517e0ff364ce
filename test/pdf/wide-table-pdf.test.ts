/**
 * The PDF as a reader's tools see it (`pdftotext -bbox`): every word of every example between
 * the page margins, wide tables included (smaller type, then a landscape page); each statement
 * row's label and figures on one baseline; and a draft's words those of its final plus the draft
 * label, the watermark being a picture.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../../src/data/issues.js";
import type { ReleaseDocument, TableNode } from "../../src/model/document.js";
import { PdfPrinter, pageMargins, runningHeadStatus } from "../../src/pdf/index.js";
import { writeHtml } from "../../src/writers/html/index.js";
import { buildSampleDocument } from "../fixtures/sample-document.js";
import { buildWideTable } from "../fixtures/wide-table.js";
import { composeFile } from "../helpers/release.js";
import { hasTestBrowser } from "./read-pdf.js";
import { hasPdftotext, lineOf, type PageWords, readWordBoxes } from "./word-boxes.js";

const inches = (length: string) => Number(length.replace("in", "")) * 72;

/**
 * Words outside the left and right margins, as "page 3: word"; a point of slack (Chromium lays
 * the page out in CSS pixels: its text area ends 0.6 pt past the exact margin).
 */
function wordsOutsideMargins(pages: readonly PageWords[]): string[] {
  const [left, right] = [inches(pageMargins.left), inches(pageMargins.right)];
  return pages.flatMap((page) => page.words.filter((word) => word.xMin < left - 1 || word.xMax > page.width - right + 1).map((word) => `page ${word.page}: ${word.text}`));
}

const digitsOf = (text: string) => text.replace(/\D/g, "");
const lettersOf = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, "");

/**
 * Rows whose label does not stand on the baseline of its figures: for each row with a figure,
 * a word with the figure's digits must share its line with the label's last word, left of it.
 */
function rowsOffTheirBaseline(document: ReleaseDocument, pages: readonly PageWords[]): string[] {
  const tables = document.blocks.filter((block): block is TableNode => block.type === "table");
  return tables.flatMap((table) =>
    table.rows.flatMap((row) => {
      const figure = row.cells.find((cell) => cell.type === "number" && digitsOf(cell.digits) !== "");
      if (!figure || figure.type !== "number" || row.label.trim() === "") return [];
      const lastWord = lettersOf(row.label.split(" ").at(-1)!);
      const onBaseline = pages.some((page) =>
        page.words
          .filter((word) => digitsOf(word.text) === digitsOf(figure.digits))
          .some((word) => lineOf(page, word).some((other) => other.xMax < word.xMin && lettersOf(other.text).startsWith(lastWord))),
      );
      return onBaseline ? [] : [`${table.id}: ${row.label}`];
    }),
  );
}

/** Every quarter file under data/ (the company files aside). */
const quarterFiles = readdirSync("data", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((company) =>
    readdirSync(join("data", company.name))
      .filter((file) => /^\d{4}-[a-z0-9-]+\.yaml$/.test(file))
      .map((file) => join("data", company.name, file)),
  );

describe.runIf(hasTestBrowser && hasPdftotext)("PDF layout read back with pdftotext -bbox", () => {
  let printer: PdfPrinter;
  const print = async (document: ReleaseDocument) => readWordBoxes(await printer.print(writeHtml(document), { document: document.meta }));

  beforeAll(() => {
    printer = new PdfPrinter();
  });

  afterAll(async () => {
    await printer.close();
  });

  it.for(quarterFiles)("%s: every word inside the margins, every row's label on its figures' baseline", { timeout: 60_000 }, async (file, context) => {
    let document: ReleaseDocument;
    try {
      document = composeFile(file);
    } catch (error) {
      if (error instanceof DataError) return context.skip(`${file} does not load yet`);
      throw error;
    }
    const pages = await print(document);
    expect(wordsOutsideMargins(pages)).toEqual([]);
    expect(rowsOffTheirBaseline(document, pages)).toEqual([]);
  });

  it("prints a table of twelve figure columns on a landscape page, in type of 7 pt or more", async () => {
    const table = buildWideTable(2);
    const document = buildSampleDocument({ status: { final: true }, blocks: [{ type: "title", text: "A wide statement" }, table] });
    const pages = await print(document);
    const landscape = pages.filter((page) => page.width > page.height);
    expect(landscape.length).toBeGreaterThan(0);
    expect(pages[0]!.width).toBeLessThan(pages[0]!.height); // the first page stays portrait
    expect(wordsOutsideMargins(pages)).toEqual([]);
    expect(rowsOffTheirBaseline(document, pages)).toEqual([]);
    // Every figure whole, as one word: "$12,487.0", never "$12,48" and "7.0".
    const words = landscape.flatMap((page) => page.words.map((word) => word.text));
    for (const figure of ["$12,487.0", "13,933.3", "(5,067.5)", "$1,122.4"]) expect(words.some((word) => word.startsWith(figure))).toBe(true);
    // Type height of a figure: about 1.1 times its size.
    const figureWord = landscape[0]!.words.find((word) => word.text.startsWith("13,933.3"))!;
    expect(figureWord.yMax - figureWord.yMin).toBeGreaterThanOrEqual(7 * 1.05);
  }, 60_000);

  it("keeps a six-column table on a portrait page, in smaller type", async () => {
    const document = buildSampleDocument({ status: { final: true }, blocks: [buildWideTable(1)] });
    const pages = await print(document);
    expect(pages.every((page) => page.width < page.height)).toBe(true);
    expect(wordsOutsideMargins(pages)).toEqual([]);
  }, 60_000);

  it("gives a draft the words of its final plus the draft label, and no status word to the final", async () => {
    const final = composeFile("data/atg/2003-q3.yaml");
    const status = { final: false, draft: 3, date: "2003-10-20" } as const;
    const draft: ReleaseDocument = { ...final, meta: { ...final.meta, status, checkFailures: [] } };
    const [finalPages, draftPages] = [await print(final), await print(draft)];
    expect(draftPages.length).toBe(finalPages.length);
    const count = (pages: readonly PageWords[]) => {
      const counts = new Map<string, number>();
      for (const word of pages.flatMap((page) => page.words)) counts.set(word.text, (counts.get(word.text) ?? 0) + 1);
      return counts;
    };
    const [finalWords, draftWords] = [count(finalPages), count(draftPages)];
    const label = runningHeadStatus(status).split(" ");
    const expected = new Map(finalWords);
    for (const word of label) expected.set(word, (expected.get(word) ?? 0) + draftPages.length);
    expect(Object.fromEntries(draftWords)).toEqual(Object.fromEntries(expected));
    expect(finalWords.has("FINAL")).toBe(false);
  }, 90_000);
});

describe.runIf(hasTestBrowser && hasPdftotext)("PDF pagination of a long table", () => {
  let printer: PdfPrinter;

  beforeAll(() => {
    printer = new PdfPrinter();
  });

  afterAll(async () => {
    await printer.close();
  });

  /** A statement of `count` rows whose first figures are 1,001, 1,002 ... */
  const longTable = (count: number): TableNode => ({
    ...buildWideTable(1),
    id: "long",
    titleLines: ["Long Statement Of Figures"],
    caption: "Long Statement Of Figures",
    pageBreakBefore: false,
    notes: [],
    rows: Array.from({ length: count }, (_, i) => ({
      kind: "item" as const,
      label: `Line ${i + 1}`,
      level: 0,
      cells: Array.from({ length: 6 }, (_, column) => ({ type: "number" as const, digits: `${column + 1},${String(i + 1).padStart(3, "0")}`, negative: false })),
    })),
  });
  const filler = (n: number) => ({
    type: "section" as const,
    id: `filler-${n}`,
    blocks: [{ type: "paragraph" as const, content: [{ type: "text" as const, text: "Words of the release before the statement. ".repeat(12) }] }],
  });

  it("keeps the title with at least three rows, and never leaves fewer than three rows on a page", async () => {
    // Lead-ins of different lengths put the table's start and its breaks at different places on the page.
    for (const lead of [3, 5, 7, 9, 11]) {
      const document = buildSampleDocument({ status: { final: true }, blocks: [...Array.from({ length: lead }, (_, n) => filler(n)), longTable(60)] });
      const pages = readWordBoxes(await printer.print(writeHtml(document), { document: document.meta }));
      const rowsOn = pages.map((page) => page.words.filter((word) => /^1,\d{3}$/.test(word.text)).length);
      const titlePage = pages.findIndex((page) => page.words.some((word) => word.text === "Long"));
      expect(rowsOn[titlePage], `lead ${lead}: rows with the title`).toBeGreaterThanOrEqual(3);
      for (const [index, rows] of rowsOn.entries()) if (rows > 0) expect(rows, `lead ${lead}: rows on page ${index + 1}`).toBeGreaterThanOrEqual(3);
      expect(rowsOn.reduce((a, b) => a + b)).toBe(60);
    }
  }, 120_000);
});
