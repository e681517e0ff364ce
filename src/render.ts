/**
 * Rendering a composed release in the output formats; the PDF is Chromium printing the HTML page.
 */
import type { ReleaseDocument } from "./model/document.js";
import type { PaperSize, PdfPrinter } from "./pdf/index.js";
import { edgarFileName, writeEdgarHtml } from "./writers/edgar/index.js";
import { writeHtml } from "./writers/html/index.js";
import { writeText } from "./writers/text/index.js";

/** Every output format, in the order a build writes them. */
export const outputFormats = ["txt", "html", "edgar", "docx", "pdf"] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** File name of each format inside `<out>/<company>/<period>/`. */
export const outputFileNames: Record<OutputFormat, string> = {
  txt: "release.txt",
  html: "release.html",
  edgar: edgarFileName,
  docx: "release.docx",
  pdf: "release.pdf",
};

/** Options of `renderRelease`. */
export interface RenderOptions {
  /** Needed for `pdf`: one printer shared by every release of a command. */
  readonly printer?: PdfPrinter;
  readonly paper?: PaperSize;
  readonly style?: string;
}

/** Renders `formats` of a document; the PDF's printing overlaps the other writers' work. */
export async function renderRelease(
  document: ReleaseDocument,
  formats: readonly OutputFormat[],
  options: RenderOptions = {},
): Promise<Map<OutputFormat, Uint8Array>> {
  const encoder = new TextEncoder();
  const results = new Map<OutputFormat, Uint8Array>();
  const html = formats.includes("html") || formats.includes("pdf") ? writeHtml(document, { style: options.style }) : undefined;
  let pdf: Promise<Uint8Array> | undefined;
  if (formats.includes("pdf")) {
    if (!options.printer) throw new Error("renderRelease: the pdf format needs a printer");
    pdf = options.printer.print(html!, { document: document.meta, paper: options.paper });
  }
  if (formats.includes("txt")) results.set("txt", encoder.encode(writeText(document)));
  if (html !== undefined && formats.includes("html")) results.set("html", encoder.encode(html));
  if (formats.includes("edgar")) results.set("edgar", encoder.encode(writeEdgarHtml(document)));
  if (formats.includes("docx")) {
    // The docx package loads only when a Word file is written.
    const { writeDocx } = await import("./writers/docx/index.js");
    results.set("docx", await writeDocx(document));
  }
  if (pdf) results.set("pdf", await pdf);
  return results;
}
