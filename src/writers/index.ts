/**
 * The writer registry: one entry per output format, each with its file name, media type and one
 * `write(document, options)` shape. PDF is not a writer of its own: it is the html writer's page
 * printed by an engine (Chromium), as pandoc's makePDF takes a writer and an engine. The CLI,
 * the preview and the library render through this table; a new format is one folder and one entry.
 */
import type { ReleaseDocument } from "../model/document.js";
import type { DocumentPrinter, PaperSize } from "../pdf/pdf-printer.js";
import { edgarFileName } from "./formats.js";

/** What a writer may need beyond the document. */
export interface WriteOptions {
  /** The PDF engine (one printer shared by every release of a command). */
  readonly printer?: DocumentPrinter;
  readonly paper?: PaperSize;
  /** A house style other than the one the document was composed in (HTML, PDF). */
  readonly style?: string;
}

/** One output format. */
export interface Writer {
  /** The format's name on the command line: `--format txt,docx`. */
  readonly name: string;
  /** File name inside `<out>/<company>/<period>/`. */
  readonly fileName: string;
  readonly mediaType: string;
  write(document: ReleaseDocument, options: WriteOptions): Uint8Array | Promise<Uint8Array>;
}

const encoder = new TextEncoder();

/**
 * The HTML page of a document, written once: the html writer's file and the page the PDF is
 * printed from are the same string (a build writes both). Kept only as long as the document is.
 */
const pages = new WeakMap<ReleaseDocument, string>();
async function htmlPage(document: ReleaseDocument, style: string | undefined): Promise<string> {
  const { writeHtml } = await import("./html/index.js");
  if (style !== undefined) return writeHtml(document, { style });
  let page = pages.get(document);
  if (page === undefined) {
    page = writeHtml(document, {});
    pages.set(document, page);
  }
  return page;
}

/** The shipped formats, in the order a build writes them; each loads its module only when it writes. */
const builtIn: readonly Writer[] = [
  { name: "txt", fileName: "release.txt", mediaType: "text/plain; charset=utf-8", write: async (document) => encoder.encode((await import("./text/index.js")).writeText(document)) },
  { name: "html", fileName: "release.html", mediaType: "text/html; charset=utf-8", write: async (document, options) => encoder.encode(await htmlPage(document, options.style)) },
  {
    name: "edgar",
    fileName: edgarFileName,
    mediaType: "text/html; charset=us-ascii",
    write: async (document) => encoder.encode((await import("./edgar/index.js")).writeEdgarHtml(document)),
  },
  {
    name: "docx",
    fileName: "release.docx",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    write: async (document) => (await import("./docx/index.js")).writeDocx(document),
  },
  {
    name: "pdf",
    fileName: "release.pdf",
    mediaType: "application/pdf",
    write: async (document, options) => {
      if (!options.printer) throw new Error("the pdf format needs a printer (WriteOptions.printer)");
      return options.printer.print(await htmlPage(document, options.style), { document: document.meta, paper: options.paper });
    },
  },
];

const registry = new Map<string, Writer>(builtIn.map((writer) => [writer.name, writer]));

/** Adds (or replaces) a format; the CLI's `--format` and `renderRelease` then know it. */
export function registerWriter(writer: Writer): void {
  if (!/^[a-z][a-z0-9-]*$/.test(writer.name)) throw new Error(`a format name is lower-case letters, digits and -, got "${writer.name}"`);
  registry.set(writer.name, writer);
}

/** The writer of a format, or undefined. */
export function writerFor(name: string): Writer | undefined {
  return registry.get(name);
}

/** Every format's name, shipped ones first. */
export function writerNames(): string[] {
  return [...registry.keys()];
}
