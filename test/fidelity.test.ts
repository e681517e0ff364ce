/**
 * Fidelity report: every figure of each embedded example (every table cell and every figure in
 * the prose, as composed) appears in every rendition, in the same order.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type Block, cellText, type ReleaseDocument } from "../src/model/document.js";
import { PdfPrinter } from "../src/pdf/index.js";
import { writeDocx } from "../src/writers/docx/index.js";
import { writeHtml } from "../src/writers/html/index.js";
import { writeText } from "../src/writers/text/index.js";
import { readPdfText } from "./pdf/read-pdf.js";
import { extractDocxWords } from "./writers/docx/docx-package.js";
import { composeFile, numbersIn } from "./helpers/release.js";

/** The numbers of the document's figures, in reading order. */
function figuresOf(document: ReleaseDocument): string[] {
  const texts: string[] = [];
  const visit = (block: Block) => {
    if (block.type === "table") {
      for (const row of block.rows) for (const cell of row.cells) texts.push(cellText(cell));
    } else if (block.type === "section") {
      for (const child of block.blocks) {
        const paragraphs = child.type === "paragraph" ? [child] : child.items;
        for (const paragraph of paragraphs) for (const inline of paragraph.content) if (inline.type === "figure") texts.push(inline.text);
      }
    }
  };
  document.blocks.forEach(visit);
  return texts.flatMap((text) => numbersIn(text));
}

/** Where the first figure is missing from `numbers`, in order; undefined when all are there. */
function firstMissing(figures: readonly string[], numbers: readonly string[]): string | undefined {
  let at = 0;
  for (const [index, figure] of figures.entries()) {
    while (at < numbers.length && numbers[at] !== figure) at++;
    if (at === numbers.length) return `figure ${index + 1} of ${figures.length} ("${figure}") not found after the previous ones`;
    at++;
  }
  return undefined;
}

const decode = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

const printer = new PdfPrinter();
afterAll(() => printer.close());

describe.each(["data/atg/2003-q3.yaml", "data/northwind/2025-q2.yaml"])("every figure of %s in every rendition", (file) => {
  const document = composeFile(file);
  const figures = figuresOf(document);

  it("has figures to look for", () => {
    expect(figures.length).toBeGreaterThan(100);
    expect(firstMissing(["1", "2"], ["2", "1"])).toBe('figure 2 of 2 ("2") not found after the previous ones');
  });

  it("wire text", () => {
    expect(firstMissing(figures, numbersIn(writeText(document)))).toBeUndefined();
  });

  it("html", () => {
    expect(firstMissing(figures, numbersIn(decode(writeHtml(document))))).toBeUndefined();
  });

  it("docx", async () => {
    expect(firstMissing(figures, numbersIn(extractDocxWords(await writeDocx(document)).join(" ")))).toBeUndefined();
  });

  it("pdf", async () => {
    const pdf = await printer.print(writeHtml(document), { document: document.meta });
    const text = (await readPdfText(pdf)).pages.join(" ");
    expect(firstMissing(figures, numbersIn(text))).toBeUndefined();
  });
});
