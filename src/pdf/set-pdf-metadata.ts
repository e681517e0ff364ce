/** PDF document properties (title, author, subject, keywords, dates) written with pdf-lib. */
import { PDFDocument, PDFHexString, ParseSpeeds } from "pdf-lib";
import { createHash } from "node:crypto";
import { PdfError } from "./pdf-error.js";

/** The document properties of a printed release. */
export interface PdfMetadata {
  readonly title: string;
  /** The company: the Author property. */
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** ISO `YYYY-MM-DD`: creation and modification date, so the same data gives the same file. */
  readonly date: string;
  /** BCP 47 language of the text, for screen readers; "en" when absent. */
  readonly language?: string;
}

/** Fixed Creator and Producer, so output does not depend on the Chromium or pdf-lib version. */
const creator = "earnings-release";
const producer = "earnings-release (Chromium, pdf-lib)";

/**
 * Rewrites a PDF's document properties: Title, Author, Subject, Keywords, fixed Creator and
 * Producer, CreationDate and ModDate from the release date (never the clock), the document
 * language, and a file identifier derived from the content. The outline and the structure tree
 * (tagging) that Chromium wrote are kept: pdf-lib copies every object of the catalog.
 *
 * @throws {PdfError} `renderFailed` when the bytes are not a PDF pdf-lib can read.
 */
export async function setPdfMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (cause) {
    throw new PdfError("renderFailed", `Chromium's PDF for "${metadata.title}" could not be read back to set its properties.`, { cause });
  }
  const date = parseReleaseDate(metadata.date);
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords([...metadata.keywords]);
  document.setCreator(creator);
  document.setProducer(producer);
  document.setCreationDate(date);
  document.setModificationDate(date);
  document.setLanguage(metadata.language ?? "en");

  // Chromium's /ID changes with every print. The file identifier becomes a hash of the rewritten
  // file instead: saved with a placeholder, hashed, then patched in place (same length).
  const placeholder = PDFHexString.of("0".repeat(32));
  document.context.trailerInfo.ID = document.context.obj([placeholder, placeholder]);
  // Without pauses for the event loop (pdf-lib's default, every 50 to 100 objects): about 60 ms
  // of wall time a document down to about 25, while the print page waits for it.
  const saved = await document.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return patchFileId(saved);
}

/** Replaces the trailer's placeholder /ID with the MD5 of the file (as PDF readers expect 16 bytes). */
function patchFileId(pdf: Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const zeros = `<${"0".repeat(32)}>`;
  const at = bytes.lastIndexOf(`[ ${zeros} ${zeros} ]`, undefined, "latin1");
  if (at < 0) return pdf;
  const digest = createHash("md5").update(bytes).digest("hex");
  bytes.write(`[ <${digest}> <${digest}> ]`, at, "latin1");
  return pdf;
}

/** Midnight UTC of an ISO date; an invalid date is a bug upstream (the loader validates it). */
function parseReleaseDate(iso: string): Date {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    throw new PdfError("renderFailed", `The release date "${iso}" is not an ISO date (YYYY-MM-DD).`);
  }
  return date;
}
