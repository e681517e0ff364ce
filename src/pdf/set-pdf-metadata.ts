/**
 * PDF document properties (title, author, subject, keywords, dates) written as an incremental
 * update of Chromium's file: a new document-information dictionary and trailer appended, the
 * printed bytes left where they are. A PDF this cannot update so goes through pdf-lib instead.
 */
import { createHash } from "node:crypto";
import type { PDFDocument } from "pdf-lib";
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
const producer = "earnings-release (Chromium)";

/** The trailer's /ID before the file is hashed: replaced in place by the hash (same length). */
const placeholderId = `<${"0".repeat(32)}>`;

/**
 * Sets a PDF's document properties: Title, Author, Subject, Keywords, fixed Creator and Producer,
 * CreationDate and ModDate from the release date (never the clock), the document language, the
 * title shown in the window's title bar, and a file identifier derived from the content. The
 * outline and the structure tree (tagging) that Chromium wrote are kept as printed.
 *
 * A PDF with a classic cross-reference table (Chromium's) gets an incremental update: the new
 * information dictionary (and the catalog, when its language or viewer preferences differ), a
 * cross-reference section for them and a trailer, appended; the old information dictionary, with
 * Chromium's clock dates and version, is blanked in place so no offset moves. Any other PDF is
 * parsed and saved again with pdf-lib.
 *
 * @throws {PdfError} `renderFailed` when the bytes are not a PDF that can be read.
 */
export async function setPdfMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const date = parseReleaseDate(metadata.date);
  return appendMetadataUpdate(pdf, metadata, date) ?? rewriteWithPdfLib(pdf, metadata, date);
}

/** The PDF with the update appended; undefined when its layout is not the simple one handled here. */
function appendMetadataUpdate(pdf: Uint8Array, metadata: PdfMetadata, date: Date): Uint8Array | undefined {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const tail = bytes.toString("latin1", Math.max(0, bytes.length - 1024));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (startxref === null) return undefined;
  const xrefOffset = Number(startxref[1]);
  if (!(xrefOffset < bytes.length)) return undefined;
  const section = readXrefSection(bytes.toString("latin1", xrefOffset));
  if (section === undefined) return undefined;
  const { offsets, trailer } = section;
  // Earlier sections, hybrid files and encryption would need more than one table read: pdf-lib.
  if (trailer.has("Prev") || trailer.has("XRefStm") || trailer.has("Encrypt")) return undefined;
  const size = Number(trailer.get("Size"));
  const root = parseReference(trailer.get("Root"));
  const oldInfo = trailer.has("Info") ? parseReference(trailer.get("Info")) : undefined;
  if (!Number.isInteger(size) || root === undefined || root === null || oldInfo === null) return undefined;

  const catalog = readIndirectDictionary(bytes, offsets.get(root.number), root);
  if (catalog === undefined) return undefined;
  const language = metadata.language ?? "en";
  const newCatalog = updateCatalog(catalog.text, catalog.entries, language);
  if (newCatalog === null) return undefined;

  // The old information dictionary: blanked in place (Chromium's clock dates and version string
  // would make every print differ), its object number reused for the new one.
  const updates: { number: number; generation: number; body: string }[] = [];
  let info: { number: number; generation: number } = { number: size, generation: 0 };
  let blank: { start: number; end: number } | undefined;
  if (oldInfo !== undefined) {
    blank = readIndirectDictionary(bytes, offsets.get(oldInfo.number), oldInfo);
    if (blank === undefined) return undefined;
    info = oldInfo;
  }
  const pdfDate = `D:${date.toISOString().slice(0, 19).replace(/[-:T]/g, "")}Z`;
  const infoEntries: [string, string][] = [
    ["Title", pdfString(metadata.title)],
    ["Author", pdfString(metadata.author)],
    ["Subject", pdfString(metadata.subject)],
    ["Keywords", pdfString(metadata.keywords.join(" "))],
    ["Creator", pdfString(creator)],
    ["Producer", pdfString(producer)],
    ["CreationDate", pdfString(pdfDate)],
    ["ModDate", pdfString(pdfDate)],
  ];
  updates.push({ ...info, body: formatDictionary(infoEntries) });
  if (newCatalog !== undefined) updates.push({ ...root, body: newCatalog });
  updates.sort((a, b) => a.number - b.number);

  const parts: string[] = [bytes[bytes.length - 1] === 0x0a ? "" : "\n"];
  let position = bytes.length + parts[0]!.length;
  const entries: string[] = [];
  for (const update of updates) {
    const object = `${update.number} ${update.generation} obj\n${update.body}\nendobj\n`;
    entries.push(`${update.number} 1\n${String(position).padStart(10, "0")} ${String(update.generation).padStart(5, "0")} n \n`);
    parts.push(object);
    position += Buffer.byteLength(object, "latin1");
  }
  const newSize = Math.max(size, info.number + 1);
  parts.push(
    `xref\n${entries.join("")}trailer\n<</Size ${newSize}\n/Root ${root.number} ${root.generation} R\n/Info ${info.number} ${info.generation} R\n/ID [${placeholderId} ${placeholderId}]\n/Prev ${xrefOffset}>>\nstartxref\n${position}\n%%EOF\n`,
  );
  // One copy: the printed bytes, then the update; the caller's array stays as printed.
  const appended = parts.join("");
  const output = Buffer.allocUnsafe(bytes.length + Buffer.byteLength(appended, "latin1"));
  bytes.copy(output);
  output.write(appended, bytes.length, "latin1");
  if (blank !== undefined) output.fill(" ", blank.start + 2, blank.end - 2, "latin1");
  return patchFileId(new Uint8Array(output.buffer, output.byteOffset, output.byteLength));
}

/** An indirect reference `12 0 R`; undefined when `raw` is absent, null when it is not one. */
function parseReference(raw: string | undefined): { number: number; generation: number } | null | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+)\s+(\d+)\s+R$/.exec(raw);
  return match === null ? null : { number: Number(match[1]), generation: Number(match[2]) };
}

/** A classic cross-reference section (`xref` ... `trailer <<...>>`): in-use objects' offsets and the trailer's entries. */
function readXrefSection(text: string): { offsets: Map<number, number>; trailer: Map<string, string> } | undefined {
  if (!text.startsWith("xref")) return undefined;
  const offsets = new Map<number, number>();
  const subsection = /\s*(\d+)\s+(\d+)[ \t]*\r?\n?/y;
  const entry = /(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)/y;
  let position = 4;
  for (;;) {
    subsection.lastIndex = position;
    const head = subsection.exec(text);
    if (head === null) break;
    const first = Number(head[1]);
    const count = Number(head[2]);
    position = subsection.lastIndex;
    for (let index = 0; index < count; index++) {
      entry.lastIndex = position;
      const row = entry.exec(text);
      if (row === null) return undefined;
      if (row[3] === "n") offsets.set(first + index, Number(row[1]));
      position = entry.lastIndex;
    }
  }
  const trailer = /\s*trailer\s*/y;
  trailer.lastIndex = position;
  if (trailer.exec(text) === null) return undefined;
  const dictionary = readDictionary(text, trailer.lastIndex);
  return dictionary === undefined ? undefined : { offsets, trailer: dictionary.entries };
}

/** The dictionary of object `reference` at `offset` (`12 0 obj <<...>>`), with its span in the file. */
function readIndirectDictionary(bytes: Buffer, offset: number | undefined, reference: { number: number; generation: number }) {
  if (offset === undefined || offset >= bytes.length) return undefined;
  // A dictionary object of a printed PDF is small; a 64 KB window holds it.
  const text = bytes.toString("latin1", offset, Math.min(bytes.length, offset + 65536));
  const head = /^(\d+)\s+(\d+)\s+obj\s*/.exec(text);
  if (head === null || Number(head[1]) !== reference.number || Number(head[2]) !== reference.generation) return undefined;
  const dictionary = readDictionary(text, head[0].length);
  if (dictionary === undefined) return undefined;
  return { entries: dictionary.entries, text: text.slice(dictionary.start, dictionary.end), start: offset + dictionary.start, end: offset + dictionary.end };
}

/**
 * The catalog with `/Lang` and `/ViewerPreferences /DisplayDocTitle true` set: undefined when it
 * has them already (Chromium writes both for a page with `lang`), null when it cannot be edited here.
 */
function updateCatalog(text: string, entries: Map<string, string>, language: string): string | undefined | null {
  const lang = entries.get("Lang");
  const preferences = entries.get("ViewerPreferences");
  const preferenceEntries = preferences === undefined ? new Map<string, string>() : preferences.startsWith("<<") ? readDictionary(preferences, 0)?.entries : undefined;
  if (preferenceEntries === undefined) return null; // an indirect ViewerPreferences: pdf-lib
  const hasLanguage = lang !== undefined && decodeLiteral(lang) === language;
  if (hasLanguage && preferenceEntries.get("DisplayDocTitle") === "true") return undefined;
  if (!text.startsWith("<<")) return null;
  preferenceEntries.set("DisplayDocTitle", "true");
  const updated = new Map(entries);
  updated.set("ViewerPreferences", formatDictionary([...preferenceEntries]));
  updated.set("Lang", pdfString(language));
  return formatDictionary([...updated]);
}

function formatDictionary(entries: readonly (readonly [string, string])[]): string {
  return `<<${entries.map(([key, value]) => `/${key} ${value}`).join("\n")}>>`;
}

/** A text as a PDF string: a literal for printable ASCII, else UTF-16BE hex with its byte-order mark. */
function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (character) => `\\${character}`)})`;
  let hex = "FEFF";
  for (let index = 0; index < text.length; index++) hex += text.charCodeAt(index).toString(16).toUpperCase().padStart(4, "0");
  return `<${hex}>`;
}

/** The text of a literal string `(...)` with its escapes undone (enough to compare a language tag); undefined for others. */
function decodeLiteral(raw: string): string | undefined {
  if (!raw.startsWith("(") || !raw.endsWith(")")) return undefined;
  return raw.slice(1, -1).replace(/\\([\\()])/g, "$1");
}

const whitespace = /[\0\t\n\f\r ]/;
const delimiter = /[\0\t\n\f\r ()<>[\]{}/%]/;

/** The dictionary starting at `start` (at `<<`): each key (without its slash) to its value's source text. */
function readDictionary(text: string, start: number): { entries: Map<string, string>; start: number; end: number } | undefined {
  if (!text.startsWith("<<", start)) return undefined;
  const entries = new Map<string, string>();
  let position = start + 2;
  for (;;) {
    position = skipSpace(text, position);
    if (text.startsWith(">>", position)) return { entries, start, end: position + 2 };
    if (text[position] !== "/") return undefined;
    const keyEnd = skipName(text, position);
    const key = text.slice(position + 1, keyEnd);
    const valueStart = skipSpace(text, keyEnd);
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd === undefined) return undefined;
    entries.set(key, text.slice(valueStart, valueEnd));
    position = valueEnd;
  }
}

function skipSpace(text: string, position: number): number {
  while (position < text.length) {
    if (whitespace.test(text[position]!)) position++;
    else if (text[position] === "%") while (position < text.length && text[position] !== "\n" && text[position] !== "\r") position++;
    else break;
  }
  return position;
}

function skipName(text: string, position: number): number {
  position++;
  while (position < text.length && !delimiter.test(text[position]!)) position++;
  return position;
}

/** The end of the PDF value at `position`; undefined when it is not one or the text ends first. */
function skipValue(text: string, position: number): number | undefined {
  const character = text[position];
  if (character === undefined) return undefined;
  if (text.startsWith("<<", position)) return readDictionary(text, position)?.end;
  if (character === "<") {
    const end = text.indexOf(">", position);
    return end < 0 ? undefined : end + 1;
  }
  if (character === "(") {
    let depth = 0;
    for (let index = position; index < text.length; index++) {
      const current = text[index];
      if (current === "\\") index++;
      else if (current === "(") depth++;
      else if (current === ")" && --depth === 0) return index + 1;
    }
    return undefined;
  }
  if (character === "[") {
    let index = skipSpace(text, position + 1);
    while (text[index] !== "]") {
      const end = skipValue(text, index);
      if (end === undefined) return undefined;
      index = skipSpace(text, end);
    }
    return index + 1;
  }
  if (character === "/") return skipName(text, position);
  // A number, or a reference `12 0 R`; true, false, null.
  const reference = /\d+\s+\d+\s+R(?![^\0\t\n\f\r ()<>[\]{}/%])/y;
  reference.lastIndex = position;
  if (reference.exec(text) !== null) return reference.lastIndex;
  const token = /[^\0\t\n\f\r ()<>[\]{}/%]+/y;
  token.lastIndex = position;
  return token.exec(text) === null ? undefined : token.lastIndex;
}

/** The general way, for a PDF the incremental update does not handle: pdf-lib parses and saves it. */
async function rewriteWithPdfLib(pdf: Uint8Array, metadata: PdfMetadata, date: Date): Promise<Uint8Array> {
  const pdfLib = await import("pdf-lib");
  let document: PDFDocument;
  try {
    document = await pdfLib.PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: pdfLib.ParseSpeeds.Fastest });
  } catch (cause) {
    throw new PdfError("renderFailed", `Chromium's PDF for "${metadata.title}" could not be read back to set its properties.`, { cause });
  }
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords([...metadata.keywords]);
  document.setCreator(creator);
  document.setProducer(producer);
  document.setCreationDate(date);
  document.setModificationDate(date);
  document.setLanguage(metadata.language ?? "en");
  const placeholder = pdfLib.PDFHexString.of("0".repeat(32));
  document.context.trailerInfo.ID = document.context.obj([placeholder, placeholder]);
  // Without pauses for the event loop (pdf-lib's default, every 50 to 100 objects).
  const saved = await document.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return patchFileId(saved);
}

/** Replaces the trailer's placeholder /ID with the MD5 of the file (as PDF readers expect 16 bytes). */
function patchFileId(pdf: Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const pair = [`[${placeholderId} ${placeholderId}]`, `[ ${placeholderId} ${placeholderId} ]`];
  for (const text of pair) {
    const at = bytes.lastIndexOf(text, undefined, "latin1");
    if (at < 0) continue;
    const digest = createHash("md5").update(bytes).digest("hex");
    bytes.write(text.replaceAll("0".repeat(32), digest), at, "latin1");
    return pdf;
  }
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
