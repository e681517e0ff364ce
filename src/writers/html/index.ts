/**
 * The HTML writer: one self-contained page (styles inline, no script, no external reference),
 * which is also the page Chromium prints to PDF.
 */
import { type Block, type Cell, cellText, type HeaderCell, type Inline, type Node, type ParagraphNode, type ReleaseDocument, type TableNode, type TableRow } from "../../model/document.js";
import { formatReleaseStatus } from "../../pdf/page-templates.js";
import { loadHouseStyle } from "../../templates/style.js";
import { watermarkImageUrl } from "./watermark.js";

/** Options of the HTML writer. */
export interface HtmlOptions {
  /** House style whose release.css and print.css are inlined (default: "default"). */
  readonly style?: string;
  /** Extra CSS appended to the page's styles (the PDF printer's fonts, a preview's chrome). */
  readonly extraCss?: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

type Handlers = { [K in Node["type"]]: (node: Extract<Node, { type: K }>) => string };

/** One handler per node type. */
const handlers: Handlers = {
  exhibitLabel: (node) => `<p class="exhibit-label">${escapeHtml(node.text)}</p>`,
  title: (node) => `<h1>${escapeHtml(node.text)}</h1>${(node.subheadlines ?? []).map((line) => `<p class="subheadline"><em>${escapeHtml(line)}</em></p>`).join("")}`,
  section: (node) =>
    `<section id="${escapeHtml(node.id)}" class="section-${escapeHtml(node.id)}">` +
    (node.heading ? `<h2>${escapeHtml(node.heading)}</h2>` : "") +
    node.blocks.map(render).join("") +
    `</section>`,
  paragraph: (node) => `<p${node.forwardLooking ? ' class="forward-looking"' : ""}>${paragraphHtml(node)}</p>`,
  bulletList: (node) => `<ul>${node.items.map((item) => `<li${item.forwardLooking ? ' class="forward-looking"' : ""}>${paragraphHtml(item)}</li>`).join("")}</ul>`,
  table: (node) => tableHtml(node),
  contacts: (node) => `<footer class="contacts"><p><span class="contacts-label">${escapeHtml(node.label)}:</span> ` + node.lines.map(escapeHtml).join("<br>") + `</p></footer>`,
};

function render(node: Node): string {
  return (handlers[node.type] as (node: Node) => string)(node);
}

function inlineHtml(inline: Inline): string {
  if (inline.type === "text") return escapeHtml(inline.text);
  const fact = inline.fact ? ` data-fact="${escapeHtml(`${inline.fact.line}@${inline.fact.period}`)}"` : "";
  return `<span class="figure"${fact}>${escapeHtml(inline.text)}</span>`;
}

function paragraphHtml(node: ParagraphNode): string {
  const dateline = node.dateline ? `<span class="dateline">${escapeHtml(node.dateline)}</span>` : "";
  return dateline + node.content.map(inlineHtml).join("");
}

function headerRowHtml(row: readonly HeaderCell[], last: boolean): string {
  const cells = row.map((cell) => {
    const span = cell.span > 1 ? ` colspan="${cell.span}" scope="colgroup"` : ` scope="col"`;
    return `<th${span} class="${cell.span > 1 ? "span" : "col"}">${escapeHtml(cell.text)}</th>`;
  });
  return `<tr${last ? ' class="header-last"' : ""}><th class="label" scope="col"></th>${cells.join("")}</tr>`;
}

/** A figure cell: digits right-aligned, the closing parenthesis or % hanging in its own box. */
function cellHtml(cell: Cell): string {
  // Words ("n/m") and blanks end where digits end, so they keep an empty hang box too.
  if (cell.type === "text") return `<td class="num text">${escapeHtml(cell.text)}<span class="hang"></span></td>`;
  const hang = `${cell.negative ? ")" : ""}${cell.suffix ?? ""}${cell.marks?.join("") ?? ""}`;
  const body = `${cell.currency ?? ""}${cell.negative ? "(" : ""}${cell.digits}`;
  return `<td class="num" title="${escapeHtml(cellText(cell))}">${escapeHtml(body)}<span class="hang">${escapeHtml(hang)}</span></td>`;
}

function rowHtml(row: TableRow, columns: number): string {
  const classes = [`row-${row.kind}`, `level-${row.level}`, ...(row.centered ? ["centered"] : [])].join(" ");
  if (row.kind === "blank") return `<tr class="${classes}"><td class="label" colspan="${columns + 1}"></td></tr>`;
  const marks = row.marks ? `<sup class="mark">${escapeHtml(row.marks.join(""))}</sup>` : "";
  const label = `<td class="label">${escapeHtml(row.label)}${marks}</td>`;
  if (row.kind === "heading") return `<tr class="${classes}">${label}${"<td></td>".repeat(columns)}</tr>`;
  const line = row.line ? ` data-line="${escapeHtml(row.line)}"` : "";
  return `<tr class="${classes}"${line}>${label}${row.cells.map(cellHtml).join("")}</tr>`;
}

/** Rows kept together at the top and at the foot of a table when it breaks across pages. */
const keptRows = 3;

/**
 * The table's rows in row groups: its first rows kept with the header (and the title above it),
 * its last rows kept together, so no page holds fewer than three rows of a table.
 */
function bodyHtml(table: TableNode): string {
  const rows = table.rows.map((row) => rowHtml(row, table.columnCount));
  if (rows.length <= 2 * keptRows) return `<tbody class="keep">${rows.join("")}</tbody>`;
  const first = rows.slice(0, keptRows);
  const middle = rows.slice(keptRows, -keptRows);
  const last = rows.slice(-keptRows);
  return [
    `<tbody class="keep keep-first">${first.join("")}</tbody>`,
    ...(middle.length ? [`<tbody>${middle.join("")}</tbody>`] : []),
    `<tbody class="keep keep-last">${last.join("")}</tbody>`,
  ].join("");
}

/** Approximate advance of a character in ems of the statement face (Tinos, Times' metrics). */
function charEms(char: string): number {
  if (/[0-9$]/.test(char)) return 0.5;
  if (/[.,:;' ]/.test(char)) return 0.25;
  if (/[()-]/.test(char)) return 0.333;
  if (char === "%") return 0.833;
  if (/[A-Z]/.test(char)) return 0.7;
  if (/[mw]/.test(char)) return 0.75;
  return 0.46;
}

function textEms(text: string, bold = false): number {
  return [...text].reduce((sum, char) => sum + charEms(char), 0) * (bold ? 1.06 : 1);
}

/** Width of the text area of a printed page in points, the narrower of letter and A4. */
const printArea = { portrait: 480, landscape: 676 } as const;
/** Font sizes a table steps down through, in points: the print stylesheet's 9.5 to the 7 pt floor. */
const fontSteps = [9.5, 9, 8.5, 8, 7.5, 7] as const;
/** Ems a label keeps at least before it wraps (about 30 characters). */
const labelEms = 13;

/**
 * How a table fits the printed page, from its measured text: the largest font size (stepping
 * down to 7 pt) at which its figures (never wrapped), its headings' longest words and a label of
 * reasonable width fit between the margins of a portrait page, else of a landscape page.
 */
export function fitPrintedTable(table: TableNode): { readonly fontSize: number; readonly landscape: boolean; readonly wrapHeadings: boolean } {
  const hang = hangEms(table);
  const widthEms = (headingEms: (text: string) => number) =>
    Array.from({ length: table.columnCount }, (_, column) => {
      const figures = Math.max(0, ...table.rows.map((row) => (row.cells[column] ? textEms(cellBodyText(row.cells[column])) : 0)));
      const heading = Math.max(
        0,
        ...table.headerRows.map((header) => {
          let at = 0;
          const cell = header.find((candidate) => (at += candidate.span) > column);
          return cell && cell.span === 1 ? headingEms(cell.text) : 0;
        }),
      );
      // Padding: 1.2em before the figure (td.num), 0.4em after.
      return Math.max(figures + hang, heading) + 1.6;
    }).reduce((sum, w) => sum + w, 0) + labelEms;
  const oneLine = widthEms((text) => textEms(text, true));
  const wrapped = widthEms((text) => Math.max(0, ...text.split(" ").map((word) => textEms(word, true))));
  // A step or two smaller keeps headings whole (a date split over lines reads badly); then
  // headings wrap before the type gets smaller still; the type gets smaller before the page turns.
  for (const fontSize of fontSteps.slice(0, 3)) if (oneLine * fontSize <= printArea.portrait) return { fontSize, landscape: false, wrapHeadings: false };
  for (const landscape of [false, true]) {
    const area = landscape ? printArea.landscape : printArea.portrait;
    for (const fontSize of fontSteps) {
      if (oneLine * fontSize <= area) return { fontSize, landscape, wrapHeadings: false };
      if (wrapped * fontSize <= area) return { fontSize, landscape, wrapHeadings: true };
    }
  }
  return { fontSize: fontSteps[fontSteps.length - 1]!, landscape: true, wrapHeadings: true };
}

function cellBodyText(cell: Cell): string {
  return cell.type === "text" ? cell.text : `${cell.currency ?? ""}${cell.negative ? "(" : ""}${cell.digits}`;
}

/** Ems of the hang box (release.css: --hang for the widest closing run). */
function hangEms(table: TableNode): number {
  const widest = widestHang(table);
  return widest <= 1 ? 0.85 : widest === 2 ? 1.3 : widest === 3 ? 1.7 : 2.1;
}

function widestHang(table: TableNode): number {
  const hangs = table.rows.flatMap((row) => row.cells.map((cell) => (cell.type === "number" ? `${cell.negative ? ")" : ""}${cell.suffix ?? ""}${cell.marks?.join("") ?? ""}`.length : 0)));
  return Math.max(1, ...hangs);
}

function tableHtml(table: TableNode): string {
  // The hang box fits the widest closing run of the table: ")", ")%", "(a)".
  const widest = widestHang(table);
  const fit = fitPrintedTable(table);
  const size = fit.fontSize === fontSteps[0] ? [] : [`size-${String(fit.fontSize * 10)}`];
  const classes = [
    "statement",
    ...(table.pageBreakBefore ? ["page-break"] : []),
    `title-${table.textLayout.titleAlign}`,
    ...(widest > 1 ? [`hang-${Math.min(widest, 4)}`] : []),
    ...size,
    ...(fit.wrapHeadings ? ["wrap-headings"] : []),
  ].join(" ");
  // The statement's name is a heading inside the caption, so the PDF outline has a bookmark for it.
  const named = table.titleLines.findIndex((line) => line.toLowerCase() === table.caption.toLowerCase());
  const headingLine = named >= 0 ? named : 0;
  const caption = `<caption>${table.titleLines
    .map((line, index) => (index === headingLine ? `<h2 class="statement-title title-line">${escapeHtml(line)}</h2>` : `<span class="title-line">${escapeHtml(line)}</span>`))
    .join("")}</caption>`;
  const head = `<thead>${table.headerRows.map((row, index) => headerRowHtml(row, index === table.headerRows.length - 1)).join("")}</thead>`;
  const notes = table.notes.length ? `<div class="table-notes">${table.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join("")}</div>` : "";
  const block = ["table-block", ...(table.pageBreakBefore ? ["page-break"] : []), ...(fit.landscape ? ["landscape"] : [])].join(" ");
  return `<div class="${block}" id="table-${escapeHtml(table.id)}"><table class="${classes}">${caption}${head}${bodyHtml(table)}</table>${notes}</div>`;
}

/** The status line for drafts: "DRAFT 3 — 2003-10-20" (the PDF header's wording). */
export function draftLabel(document: ReleaseDocument): string | undefined {
  const status = document.meta.status;
  return status.final ? undefined : formatReleaseStatus(status);
}

/** Writes the release as one HTML page. */
export function writeHtml(document: ReleaseDocument, options: HtmlOptions = {}): string {
  // The style the document was composed in (a company's own folder first), unless the caller names one.
  const style = loadHouseStyle(options.style ?? document.meta.style?.name ?? "default", document.meta.style?.dirs ?? []);
  const { meta } = document;
  const draft = draftLabel(document);
  const failures =
    !meta.status.final && meta.checkFailures.length > 0
      ? `<aside class="check-failures"><p><strong>Tie-out failures (${meta.checkFailures.length}):</strong></p><ul>${meta.checkFailures.map((failure) => `<li>${escapeHtml(failure)}</li>`).join("")}</ul></aside>`
      : "";
  const css = [style.readFile("release.css"), style.readFile("print.css"), options.extraCss ?? ""].join("\n");
  return [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(meta.title)}</title>`,
    `<meta name="author" content="${escapeHtml(meta.company)}">`,
    `<meta name="description" content="${escapeHtml(meta.subject)}">`,
    `<meta name="keywords" content="${escapeHtml(meta.keywords.join(", "))}">`,
    `<meta name="date" content="${escapeHtml(meta.releaseDate)}">`,
    `<style>\n${css}\n</style>`,
    "</head>",
    `<body class="${meta.status.final ? "final" : "draft"}">`,
    // The watermark is a picture (see watermark.ts): a draft's text is the final's plus its running head.
    !meta.status.final
      ? `<div class="watermark" aria-hidden="true" style="background-image: url('${watermarkImageUrl(`DRAFT ${meta.status.draft}`)}')"></div><p class="draft-banner">${escapeHtml(draft ?? "")} \u2014 not for release</p>`
      : "",
    failures,
    `<main class="release">`,
    ...document.blocks.map((block: Block) => render(block)),
    "</main>",
    "</body>",
    "</html>",
    "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}
