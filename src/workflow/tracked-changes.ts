/**
 * The redline counsel reads: the new draft as a Word document whose differences from the old draft
 * are real tracked changes (`w:ins` and `w:del`, by word, in paragraphs and table cells, with an
 * author and a date), so that Word's or LibreOffice's "accept all" gives the new draft's Word text.
 *
 * Both drafts are written by the Word writer; the new draft's `word/document.xml` is then marked
 * up paragraph by paragraph against the old one's, so the redline has the new draft's own layout.
 */
import { diffArrays } from "diff";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { ReleaseDocument } from "../model/document.js";
import { writeDocx } from "../writers/docx/index.js";

/** Who made the changes and when, as Word shows them. */
export interface TrackedChangesOptions {
  /** Default "earnings-release". */
  readonly author?: string;
  /** ISO 8601 date or date-time; default now. */
  readonly date?: string;
}

/** A run's piece of text: its run properties (`<w:rPr>...</w:rPr>` or ""), and the text. */
interface Piece {
  readonly rPr: string;
  readonly text: string;
}

/** A paragraph of document.xml: where it is, its properties, its runs, or opaque when it holds more than runs. */
interface WordParagraph {
  readonly start: number;
  readonly end: number;
  readonly xml: string;
  readonly pPr: string;
  readonly pieces: readonly Piece[] | undefined;
  readonly text: string;
}

const PARAGRAPH = /<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g;
const RUN = /<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g;

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The text of a run's content: `w:t` (or `w:delText`), tabs and breaks. */
function runText(content: string): string {
  let text = "";
  for (const match of content.matchAll(/<w:(t|delText)(?:\s[^>]*)?>([\s\S]*?)<\/w:\1>|<w:(t|delText)(?:\s[^>]*)?\/>|<w:tab\/>|<w:br\/>|<w:cr\/>/g)) {
    if (match[0] === "<w:tab/>") text += "\t";
    else if (match[0] === "<w:br/>" || match[0] === "<w:cr/>") text += "\n";
    else text += unescapeXml(match[2] ?? "");
  }
  return text;
}

/** Every paragraph of a document part, in order (tables' cells hold paragraphs too). */
export function readParagraphs(xml: string): WordParagraph[] {
  const paragraphs: WordParagraph[] = [];
  for (const match of xml.matchAll(PARAGRAPH)) {
    const whole = match[0];
    const inner = whole.endsWith("/>") && !whole.includes("</w:p>") ? "" : whole.replace(/^<w:p(?:\s[^>]*)?>/, "").replace(/<\/w:p>$/, "");
    const pPr = /^<w:pPr>[\s\S]*?<\/w:pPr>/.exec(inner)?.[0] ?? "";
    const body = inner.slice(pPr.length);
    const pieces: Piece[] = [];
    const rest = body.replace(RUN, (_run, content: string) => {
      const rPr = /^<w:rPr>[\s\S]*?<\/w:rPr>/.exec(content)?.[0] ?? "";
      pieces.push({ rPr, text: runText(content.slice(rPr.length)) });
      return "";
    });
    // Anything but runs (fields, bookmarks, changes already tracked) is kept as it is, not diffed.
    const opaque = rest.trim() !== "";
    const text = opaque ? runText(body.replace(/<w:del\s[\s\S]*?<\/w:del>/g, "")) : pieces.map((piece) => piece.text).join("");
    paragraphs.push({ start: match.index, end: match.index + whole.length, xml: whole, pPr, pieces: opaque ? undefined : pieces, text });
  }
  return paragraphs;
}

/** Words and the whitespace between them: a figure is one word, so it changes as a whole. */
function tokenize(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

/** Writes tracked changes into the new draft's document part. */
class Redline {
  private id = 0;
  /** Separate changes: runs of deletions and insertions not parted by common words. */
  changes = 0;

  constructor(
    private readonly author: string,
    private readonly date: string,
  ) {}

  private attributes(): string {
    return `w:id="${++this.id}" w:author="${escapeXml(this.author).replace(/"/g, "&quot;")}" w:date="${this.date}"`;
  }

  /** The content of a run: text, tabs and breaks; `deleted` writes `w:delText`. */
  private runContent(text: string, deleted: boolean): string {
    const tag = deleted ? "w:delText" : "w:t";
    return text
      .split(/(\t|\n)/)
      .filter((part) => part !== "")
      .map((part) => (part === "\t" ? "<w:tab/>" : part === "\n" ? "<w:br/>" : `<${tag} xml:space="preserve">${escapeXml(part)}</${tag}>`))
      .join("");
  }

  run(piece: Piece, kind: "same" | "added" | "removed"): string {
    const run = `<w:r>${piece.rPr}${this.runContent(piece.text, kind === "removed")}</w:r>`;
    if (kind === "same") return run;
    return kind === "added" ? `<w:ins ${this.attributes()}>${run}</w:ins>` : `<w:del ${this.attributes()}>${run}</w:del>`;
  }

  /** A paragraph's properties with its mark inserted or deleted. */
  private markParagraph(pPr: string, kind: "ins" | "del"): string {
    const mark = `<w:${kind} ${this.attributes()}/>`;
    if (pPr === "") return `<w:pPr><w:rPr>${mark}</w:rPr></w:pPr>`;
    if (/<w:rPr>/.test(pPr)) return pPr.replace(/<w:rPr>/, `<w:rPr>${mark}`);
    return pPr.replace(/<\/w:pPr>$/, `<w:rPr>${mark}</w:rPr></w:pPr>`);
  }

  /** A row's revision mark. */
  rowMark(kind: "ins" | "del"): string {
    return `<w:${kind} ${this.attributes()}/>`;
  }

  /** A paragraph only in the new draft; `inRow`: part of an inserted row, counted with it. */
  inserted(paragraph: WordParagraph, inRow = false): string {
    if (!inRow) this.changes++;
    const pieces = paragraph.pieces ?? [{ rPr: "", text: paragraph.text }];
    return `<w:p>${this.markParagraph(paragraph.pPr, "ins")}${pieces
      .filter((piece) => piece.text !== "")
      .map((piece) => this.run(piece, "added"))
      .join("")}</w:p>`;
  }

  /** A paragraph only in the old draft, struck through where it was; `inRow`: part of a deleted row. */
  deleted(paragraph: WordParagraph, inRow = false): string {
    if (!inRow) this.changes++;
    const pieces = paragraph.pieces ?? [{ rPr: "", text: paragraph.text }];
    return `<w:p>${this.markParagraph(paragraph.pPr, "del")}${pieces
      .filter((piece) => piece.text !== "")
      .map((piece) => this.run(piece, "removed"))
      .join("")}</w:p>`;
  }

  /** The new paragraph with the words that differ from the old one marked, in the new runs' formatting. */
  changed(before: WordParagraph, after: WordParagraph): string {
    if (!after.pieces) return `${this.deleted(before)}${this.inserted(after)}`;
    // The run properties of each character of the new paragraph.
    const owners: string[] = [];
    for (const piece of after.pieces) for (let index = 0; index < piece.text.length; index++) owners.push(piece.rPr);
    const out: { kind: "same" | "added" | "removed"; piece: Piece }[] = [];
    let position = 0;
    const emit = (kind: "same" | "added" | "removed", text: string) => {
      if (text === "") return;
      if (kind === "removed") {
        out.push({ kind, piece: { rPr: owners[Math.min(position, owners.length - 1)] ?? "", text } });
        return;
      }
      // Split at the new runs' boundaries, so each piece keeps its run's formatting.
      let start = 0;
      for (let index = 1; index <= text.length; index++) {
        if (index === text.length || owners[position + index] !== owners[position + start]) {
          out.push({ kind, piece: { rPr: owners[position + start] ?? "", text: text.slice(start, index) } });
          start = index;
        }
      }
      position += text.length;
    };
    let removed = "";
    let added = "";
    const flush = () => {
      if (removed !== "" || added !== "") this.changes++;
      emit("removed", removed);
      emit("added", added);
      removed = added = "";
    };
    for (const part of diffArrays(tokenize(before.text), tokenize(after.text))) {
      const value = part.value.join("");
      if (part.removed) removed += value;
      else if (part.added) added += value;
      else if (value.trim() === "" && (removed !== "" || added !== "")) {
        // Spaces between a removed word and its added twin belong to both sides of one change.
        removed += value;
        added += value;
      } else {
        flush();
        emit("same", value);
      }
    }
    flush();
    // Adjacent pieces of one kind and formatting are one run.
    const merged: typeof out = [];
    for (const entry of out) {
      const last = merged[merged.length - 1];
      if (last && last.kind === entry.kind && last.piece.rPr === entry.piece.rPr)
        merged[merged.length - 1] = { kind: entry.kind, piece: { rPr: entry.piece.rPr, text: last.piece.text + entry.piece.text } };
      else merged.push(entry);
    }
    const open = /^<w:p(?:\s[^>]*)?>/.exec(after.xml)?.[0] ?? "<w:p>";
    return `${open}${after.pPr}${merged.map((entry) => this.run(entry.piece, entry.kind)).join("")}</w:p>`;
  }
}

/** Where each table row of a document part starts and ends (the Word writer does not nest tables). */
function readRows(xml: string): { start: number; end: number }[] {
  return [...xml.matchAll(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

function rowAt(rows: readonly { start: number; end: number }[], offset: number): number | undefined {
  const index = rows.findIndex((row) => row.start <= offset && offset < row.end);
  return index < 0 ? undefined : index;
}

/**
 * The new document part with tracked changes against the old one: paragraphs aligned by their
 * text, a changed paragraph diffed word by word, added paragraphs inserted, removed paragraphs
 * kept as deleted before the paragraph that follows them. A table row whose paragraphs are all
 * new is an inserted row; an old row whose paragraphs are all gone comes back as a deleted row.
 */
export function markTrackedChanges(oldXml: string, newXml: string, options: { author: string; date: string }): { xml: string; changes: number } {
  const before = readParagraphs(oldXml);
  const after = readParagraphs(newXml);
  const oldRows = readRows(oldXml);
  const newRows = readRows(newXml);
  const redline = new Redline(options.author, options.date);
  const patches: { start: number; end: number; text: string }[] = [];
  const bodyEnd = newXml.lastIndexOf("<w:sectPr") >= 0 ? newXml.lastIndexOf("<w:sectPr") : newXml.lastIndexOf("</w:body>");
  const inserted = new Set<number>();
  const removedLater: { paragraph: WordParagraph; newIndex: number }[] = [];
  const parts = diffArrays(before, after, { comparator: (a, b) => a.text === b.text });
  let newIndex = 0;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (!part.added && !part.removed) {
      newIndex += part.value.length;
      continue;
    }
    const removed = part.removed ? part.value : [];
    const added = part.removed && parts[index + 1]?.added ? parts[++index]!.value : part.added ? part.value : [];
    const paired = Math.min(removed.length, added.length);
    added.forEach((paragraph, i) => {
      if (i >= paired) inserted.add(paragraph.start);
      patches.push({ start: paragraph.start, end: paragraph.end, text: i < paired ? redline.changed(removed[i]!, paragraph) : "" });
    });
    newIndex += added.length;
    for (const paragraph of removed.slice(paired)) removedLater.push({ paragraph, newIndex });
  }

  // Rows all of whose paragraphs are new: the row is inserted, its paragraphs counted as one change.
  const rowOfNew = after.map((paragraph) => rowAt(newRows, paragraph.start));
  const insertedRows = new Set(
    newRows
      .map((_row, index) => index)
      .filter((index) => {
        const inside = after.filter((_paragraph, i) => rowOfNew[i] === index);
        return inside.length > 0 && inside.every((paragraph) => inserted.has(paragraph.start));
      }),
  );
  for (const patch of patches) {
    if (patch.text !== "") continue;
    const index = after.findIndex((paragraph) => paragraph.start === patch.start);
    const paragraph = after[index]!;
    patch.text = redline.inserted(paragraph, insertedRows.has(rowOfNew[index]!));
  }
  for (const index of insertedRows) {
    redline.changes++;
    patches.push(markRow(newXml, newRows[index]!, redline.rowMark("ins")));
  }

  // Old rows all of whose paragraphs are gone come back whole, as deleted rows.
  const rowOfOld = (paragraph: WordParagraph) => rowAt(oldRows, paragraph.start);
  const goneByRow = new Map<number, { paragraph: WordParagraph; newIndex: number }[]>();
  for (const entry of removedLater) {
    const row = rowOfOld(entry.paragraph);
    if (row !== undefined) goneByRow.set(row, [...(goneByRow.get(row) ?? []), entry]);
  }
  const deletedRows = new Set<number>();
  for (const [row, entries] of goneByRow) {
    const all = before.filter((paragraph) => rowOfOld(paragraph) === row);
    if (entries.length !== all.length) continue;
    // Before the row of the paragraph that follows, or after the row of the one before.
    const next = after[entries[0]!.newIndex];
    const previous = after[entries[0]!.newIndex - 1];
    const nextRow = next && rowAt(newRows, next.start);
    const previousRow = previous && rowAt(newRows, previous.start);
    const at = nextRow !== undefined ? newRows[nextRow]!.start : previousRow !== undefined ? newRows[previousRow]!.end : undefined;
    if (at === undefined) continue;
    const source = oldRows[row]!;
    let xml = oldXml.slice(source.start, source.end);
    for (const paragraph of [...all].reverse()) {
      const offset = paragraph.start - source.start;
      xml = xml.slice(0, offset) + redline.deleted(paragraph, true) + xml.slice(offset + paragraph.xml.length);
    }
    const mark = markRow(xml, { start: 0, end: xml.length }, redline.rowMark("del"));
    xml = xml.slice(0, mark.start) + mark.text + xml.slice(mark.end);
    redline.changes++;
    patches.push({ start: at, end: at, text: xml });
    deletedRows.add(row);
  }
  for (const entry of removedLater) {
    const row = rowOfOld(entry.paragraph);
    if (row !== undefined && deletedRows.has(row)) continue;
    const at = after[entry.newIndex]?.start ?? bodyEnd;
    patches.push({ start: at, end: at, text: redline.deleted(entry.paragraph) });
  }

  // Insertions before replacements at the same place; in the order they were made.
  const ordered = patches.map((patch, order) => ({ ...patch, order })).sort((a, b) => a.start - b.start || Number(a.end > a.start) - Number(b.end > b.start) || a.order - b.order);
  let xml = "";
  let cursor = 0;
  for (const patch of ordered) {
    xml += newXml.slice(cursor, patch.start) + patch.text;
    cursor = patch.end;
  }
  xml += newXml.slice(cursor);
  return { xml, changes: redline.changes };
}

/** The patch that puts a revision mark at the end of a row's properties (after its other properties, as the schema orders them). */
function markRow(xml: string, row: { start: number; end: number }, mark: string): { start: number; end: number; text: string } {
  const text = xml.slice(row.start, row.end);
  const open = /^<w:tr(?:\s[^>]*)?>/.exec(text)![0];
  const properties = /^<w:trPr>[\s\S]*?<\/w:trPr>/.exec(text.slice(open.length))?.[0];
  if (properties) {
    const start = row.start + open.length;
    return { start, end: start + properties.length, text: properties.replace(/<\/w:trPr>$/, `${mark}</w:trPr>`) };
  }
  const at = row.start + open.length;
  return { start: at, end: at, text: `<w:trPr>${mark}</w:trPr>` };
}

/** Turns on "track changes" in settings, so edits counsel makes are tracked too. */
function trackRevisions(settings: string): string {
  if (settings.includes("<w:trackRevisions")) return settings;
  return settings.replace(/(<w:settings[^>]*>)/, "$1<w:trackRevisions/>");
}

/**
 * Writes the new draft as a .docx with tracked changes against the old draft; `changes` counts
 * the separate changes (a changed figure is one).
 */
export async function writeTrackedChangesDocx(before: ReleaseDocument, after: ReleaseDocument, options: TrackedChangesOptions = {}): Promise<{ bytes: Uint8Array; changes: number }> {
  const [oldBytes, newBytes] = await Promise.all([writeDocx(before), writeDocx(after)]);
  const oldParts = unzipSync(oldBytes);
  const newParts = unzipSync(newBytes);
  const date = normalizeDate(options.date ?? new Date().toISOString());
  const { xml, changes } = markTrackedChanges(strFromU8(oldParts["word/document.xml"]!), strFromU8(newParts["word/document.xml"]!), { author: options.author ?? "earnings-release", date });
  const [year = 1980, month = 1, day = 1] = after.meta.releaseDate.split("-").map(Number);
  const mtime = new Date(year, month - 1, day, 12, 0, 0);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(newParts)) {
    const part = name === "word/document.xml" ? strToU8(xml) : name === "word/settings.xml" ? strToU8(trackRevisions(strFromU8(data))) : data;
    zippable[name] = [part, { mtime }];
  }
  return { bytes: zipSync(zippable, { level: 6 }), changes };
}

/** `2026-12-01` or a full ISO date-time -> `2026-12-01T00:00:00Z` (Word's form, seconds, no fraction). */
export function normalizeDate(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return `${date}T00:00:00Z`;
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`not a date: "${date}" (write 2026-12-01 or 2026-12-01T15:30:00Z)`);
  return `${parsed.toISOString().slice(0, 19)}Z`;
}

/** The document part as "accept all changes" leaves it: insertions kept, deletions and deleted paragraphs gone. */
export function acceptAllChanges(xml: string): string {
  return xml
    .replace(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g, (row) => (/^<w:tr(?:\s[^>]*)?><w:trPr>(?:(?!<\/w:trPr>)[\s\S])*<w:del\s/.test(row) ? "" : row))
    .replace(/(<w:trPr>(?:(?!<\/w:trPr>)[\s\S])*?)<w:ins\s[^>]*\/>/g, "$1")
    .replace(PARAGRAPH, (paragraph) => (/<w:pPr>[\s\S]*?<w:rPr><w:del\s[^>]*\/>/.test(paragraph) ? "" : paragraph))
    .replace(/<w:del\s[^>]*>[\s\S]*?<\/w:del>/g, "")
    .replace(/<w:ins\s[^>]*\/>/g, "")
    .replace(/<w:ins\s[^>]*>([\s\S]*?)<\/w:ins>/g, "$1");
}

/** The document part as "reject all changes" leaves it: the old draft's words back. */
export function rejectAllChanges(xml: string): string {
  return xml
    .replace(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g, (row) => (/^<w:tr(?:\s[^>]*)?><w:trPr>(?:(?!<\/w:trPr>)[\s\S])*<w:ins\s/.test(row) ? "" : row))
    .replace(/(<w:trPr>(?:(?!<\/w:trPr>)[\s\S])*?)<w:del\s[^>]*\/>/g, "$1")
    .replace(PARAGRAPH, (paragraph) => (/<w:pPr>[\s\S]*?<w:rPr><w:ins\s[^>]*\/>/.test(paragraph) ? "" : paragraph))
    .replace(/<w:ins\s[^>]*>[\s\S]*?<\/w:ins>/g, "")
    .replace(/<w:del\s[^>]*\/>/g, "")
    .replace(/<w:del\s[^>]*>([\s\S]*?)<\/w:del>/g, (_whole, inner: string) => inner.replace(/<w:delText/g, "<w:t").replace(/<\/w:delText>/g, "</w:t>"));
}

/** The Word text of a document part: one line per paragraph (table cells included), tabs as tabs. */
export function wordText(xml: string): string {
  return readParagraphs(xml)
    .map((paragraph) => paragraph.text)
    .join("\n");
}
