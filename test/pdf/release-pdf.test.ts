import { afterAll, beforeAll, expect, it } from "vitest";
import { composeRelease, loadRelease, writeText } from "../../src/index.js";
import { PdfPrinter, runningHeadStatus } from "../../src/pdf/index.js";
import { writeHtml } from "../../src/writers/html/index.js";
import type { ReleaseDocument } from "../../src/model/document.js";
import { describeWithBrowser, listFonts, readPdfText } from "./read-pdf.js";
import { hasPdftotext, redPixelsPerPage } from "./word-boxes.js";

/**
 * Words of a rendition, for comparing reading order: bullet marks are drawn, not text, in print,
 * and a line broken after a hyphen ("(non-" / "GAAP)") is one word.
 */
function splitWords(text: string): string[] {
  const words = text
    .replace(/^[ \t]*--[ \t]+/gm, "")
    .split(/\s+/)
    .filter((word) => word !== "" && word !== "\u2022");
  const joined: string[] = [];
  for (const word of words) {
    const last = joined.at(-1);
    if (last !== undefined && /[A-Za-z]-$/.test(last)) joined[joined.length - 1] = last + word;
    else joined.push(word);
  }
  return joined;
}

describeWithBrowser("the default release as PDF", () => {
  let printer: PdfPrinter;
  let document: ReleaseDocument;
  let pdf: Uint8Array;

  beforeAll(async () => {
    printer = new PdfPrinter();
    document = composeRelease(loadRelease("data/atg/2003-q3.yaml"));
    pdf = await printer.print(writeHtml(document), { document: document.meta });
  });

  afterAll(async () => {
    await printer.close();
  });

  it("is final: Page X of Y on every page and no DRAFT mark", async () => {
    const { pages, rotated } = await readPdfText(pdf);
    expect(document.meta.status.final).toBe(true);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(pages.join(" ")).not.toMatch(/DRAFT/);
    rotated.forEach((text) => expect(text).toBe(""));
  });

  it("carries the words of the wire text, in the same order, between its running heads", async () => {
    const { pages } = await readPdfText(pdf);
    const { company, periodLabel, status } = document.meta;
    const head = `${[company, periodLabel, runningHeadStatus(status)].filter((part) => part !== "").join(" ")} `;
    const pdfWords = splitWords(
      pages
        .map((text, i) => {
          expect(text.startsWith(head), `page ${i + 1} starts with its running head`).toBe(true);
          return text.slice(head.length).replace(`Page ${i + 1} of ${pages.length}`, " ");
        })
        .join(" "),
    );
    const textWords = splitWords(writeText(document));
    expect(textWords.length).toBeGreaterThan(1500);
    expect(pdfWords.join("\n")).toBe(textWords.join("\n"));
  });

  it("embeds only the shipped fonts", async () => {
    for (const font of await listFonts(pdf)) {
      expect(font.embedded).toBe(true);
      expect(font.name).toMatch(/^[A-Z]{6}\+(Tinos|Arimo)-/);
    }
  });

  it.runIf(hasPdftotext)("puts a draft's mark on every page, as a picture: its text is only the running head's", async () => {
    const draft: ReleaseDocument = { ...document, meta: { ...document.meta, status: { final: false, draft: 2, date: "2003-10-20" } } };
    const printed = await printer.print(writeHtml(draft), { document: draft.meta });
    const { pages, rotated } = await readPdfText(printed);
    rotated.forEach((text) => expect(text).toBe(""));
    pages.forEach((text) => expect(text.match(/DRAFT 2 \u2014 2003-10-20/g)).toHaveLength(1));
    redPixelsPerPage(printed).forEach((red) => expect(red).toBeGreaterThan(50));
  });
});
