/**
 * Rendering a composed release in the output formats; the PDF is Chromium printing the HTML page.
 */
import type { ReleaseDocument } from "./model/document.js";
import type { DocumentPrinter, PaperSize } from "./pdf/index.js";
import { outputFormats } from "./writers/formats.js";
import { writerFor } from "./writers/index.js";

/** Every shipped output format, in the order a build writes them (others may be registered: `registerWriter`). */
export { outputFormats };
export type OutputFormat = (typeof outputFormats)[number] | (string & {});

/** File name of each shipped format inside `<out>/<company>/<period>/`, as the registry gives it. */
export const outputFileNames = Object.fromEntries(outputFormats.map((format) => [format, writerFor(format)!.fileName])) as Record<(typeof outputFormats)[number], string>;

/** Options of `renderRelease`. */
export interface RenderOptions {
  /** Needed for `pdf`: one printer shared by every release of a command. */
  readonly printer?: DocumentPrinter;
  readonly paper?: PaperSize;
  readonly style?: string;
}

/** Renders `formats` of a document through the writer registry; the PDF's printing overlaps the other writers' work. */
export async function renderRelease(document: ReleaseDocument, formats: readonly OutputFormat[], options: RenderOptions = {}): Promise<Map<OutputFormat, Uint8Array>> {
  const writers = formats.map((format) => {
    const writer = writerFor(format);
    if (!writer) throw new Error(`no writer for the format "${format}"`);
    return writer;
  });
  // Start the print first, so that Chromium works while node writes the other formats.
  const started = new Map<string, Promise<Uint8Array>>();
  const pdf = writers.find((writer) => writer.name === "pdf");
  if (pdf) {
    const printing = Promise.resolve().then(() => pdf.write(document, options));
    printing.catch(() => undefined); // awaited below; a failure elsewhere first must not leave it unhandled
    started.set("pdf", printing);
  }
  const results = new Map<OutputFormat, Uint8Array>();
  for (const writer of writers) results.set(writer.name, await (started.get(writer.name) ?? writer.write(document, options)));
  return results;
}
