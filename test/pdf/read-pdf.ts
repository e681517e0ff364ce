/** Test helpers that read a printed PDF the way a reviewer would: its text, page by page. */
import { describe } from "vitest";
import { getDocumentProxy } from "unpdf";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
import { findBrowser, PdfError, type BrowserLocation } from "../../src/pdf/index.js";

/** A printed PDF as text: one string per page (whitespace collapsed) and the rotated runs. */
export interface PdfText {
  readonly pages: readonly string[];
  /** Per page, the text of runs drawn at an angle (the watermark). */
  readonly rotated: readonly string[];
}

/** Extracts each page's text with pdf.js (unpdf). */
export async function readPdfText(pdf: Uint8Array): Promise<PdfText> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const pages: string[] = [];
  const rotated: string[] = [];
  for (let n = 1; n <= proxy.numPages; n += 1) {
    const content = await (await proxy.getPage(n)).getTextContent();
    const items = content.items.flatMap((item) => ("str" in item ? [item] : []));
    pages.push(collapse(items.map((item) => item.str + (item.hasEOL ? " " : "")).join("")));
    rotated.push(
      collapse(
        items
          .filter((item) => Math.abs((item.transform as number[])[1] ?? 0) > 0.01)
          .map((i) => i.str)
          .join(" "),
      ),
    );
  }
  await proxy.destroy();
  return { pages, rotated };
}

/** Collapses runs of whitespace, so a wrapped line reads as one. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Names of the fonts a PDF uses, and whether each has its font program embedded. */
export async function listFonts(pdf: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  const document = await PDFDocument.load(pdf);
  const fonts: { name: string; embedded: boolean }[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined;
    if (dict?.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor")) continue;
    const name = String(dict.get(PDFName.of("FontName")) ?? "").replace(/^\//, "");
    const embedded = ["FontFile", "FontFile2", "FontFile3"].some((key) => dict.get(PDFName.of(key)) instanceof PDFRef);
    fonts.push({ name, embedded });
  }
  return fonts;
}

/** The browser the tests print with, or why there is none. */
export function locateTestBrowser(): { browser?: BrowserLocation; reason: string } {
  try {
    const browser = findBrowser();
    return { browser, reason: `using ${browser.executablePath}` };
  } catch (error) {
    return { reason: error instanceof PdfError ? error.message : String(error) };
  }
}

const located = locateTestBrowser();

/** Whether a browser to print with was found (for `it.runIf`). */
export const hasTestBrowser = located.browser !== undefined;

/** `describe` for tests that print: skipped, saying why, when no browser can be found. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (located.browser === undefined) describe.skip(`${name} (skipped: ${located.reason})`, body);
  else describe(name, body);
}
