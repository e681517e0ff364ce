/**
 * The HTML writer: one self-contained page (styles inline, no script, no external reference),
 * which is also the page Chromium prints to PDF.
 */
import {
  type Block,
  type Cell,
  cellText,
  type HeaderCell,
  type Inline,
  type Node,
  type ParagraphNode,
  type ReleaseDocument,
  type TableNode,
  type TableRow,
} from "../../model/document.js";
import { formatReleaseStatus } from "../../pdf/page-templates.js";
import { loadHouseStyle } from "../../templates/style.js";

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
  title: (node) => `<h1>${escapeHtml(node.text)}</h1>`,
  section: (node) =>
    `<section id="${escapeHtml(node.id)}" class="section-${escapeHtml(node.id)}">` +
    (node.heading ? `<h2>${escapeHtml(node.heading)}</h2>` : "") +
    node.blocks.map(render).join("") +
    `</section>`,
  paragraph: (node) => `<p${node.forwardLooking ? ' class="forward-looking"' : ""}>${paragraphHtml(node)}</p>`,
  bulletList: (node) => `<ul>${node.items.map((item) => `<li${item.forwardLooking ? ' class="forward-looking"' : ""}>${paragraphHtml(item)}</li>`).join("")}</ul>`,
  table: (node) => tableHtml(node),
  contacts: (node) =>
    `<footer class="contacts"><p><span class="contacts-label">${escapeHtml(node.label)}:</span> ` +
    node.lines.map(escapeHtml).join("<br>") +
    `</p></footer>`,
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

function tableHtml(table: TableNode): string {
  // The hang box fits the widest closing run of the table: ")", ")%", "(a)".
  const hangs = table.rows.flatMap((row) => row.cells.map((cell) => (cell.type === "number" ? `${cell.negative ? ")" : ""}${cell.suffix ?? ""}${cell.marks?.join("") ?? ""}`.length : 0)));
  const widest = Math.max(1, ...hangs);
  const classes = ["statement", ...(table.pageBreakBefore ? ["page-break"] : []), `title-${table.textLayout.titleAlign}`, ...(widest > 1 ? [`hang-${Math.min(widest, 4)}`] : [])].join(" ");
  // The statement's name is a heading inside the caption, so the PDF outline has a bookmark for it.
  const named = table.titleLines.findIndex((line) => line.toLowerCase() === table.caption.toLowerCase());
  const headingLine = named >= 0 ? named : 0;
  const caption = `<caption>${table.titleLines
    .map((line, index) => (index === headingLine ? `<h2 class="statement-title title-line">${escapeHtml(line)}</h2>` : `<span class="title-line">${escapeHtml(line)}</span>`))
    .join("")}</caption>`;
  const head = `<thead>${table.headerRows.map((row, index) => headerRowHtml(row, index === table.headerRows.length - 1)).join("")}</thead>`;
  const body = `<tbody>${table.rows.map((row) => rowHtml(row, table.columnCount)).join("")}</tbody>`;
  const notes = table.notes.length ? `<div class="table-notes">${table.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join("")}</div>` : "";
  return `<div class="table-block${table.pageBreakBefore ? " page-break" : ""}" id="table-${escapeHtml(table.id)}"><table class="${classes}">${caption}${head}${body}</table>${notes}</div>`;
}

/** The status line for drafts: "DRAFT 3 — 2003-10-20" (the PDF header's wording). */
export function draftLabel(document: ReleaseDocument): string | undefined {
  const status = document.meta.status;
  return status.final ? undefined : formatReleaseStatus(status);
}

/** Writes the release as one HTML page. */
export function writeHtml(document: ReleaseDocument, options: HtmlOptions = {}): string {
  const style = loadHouseStyle(options.style ?? "default");
  const { meta } = document;
  const draft = draftLabel(document);
  const failures = !meta.status.final && meta.checkFailures.length > 0
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
    draft ? `<div class="watermark" aria-hidden="true">${escapeHtml(draft)}</div><p class="draft-banner">${escapeHtml(draft)} \u2014 not for release</p>` : "",
    failures,
    `<main class="release">`,
    ...document.blocks.map((block: Block) => render(block)),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].filter((line) => line !== "").join("\n");
}
