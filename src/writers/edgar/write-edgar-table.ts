/**
 * Statement tables in EDGAR HTML: one flat table each (no thead/tbody, no nesting), four cells per
 * figure column as financial printers lay them out: a gap, the currency sign, the digits (with an
 * opening parenthesis), and a narrow hang cell for the closing parenthesis, "%" and footnote marks.
 */
import type { Cell, HeaderCell, TableNode, TableRow } from "../../model/document.js";
import { escapeEdgar } from "./escape-edgar.js";

/** Cells each figure column takes: gap, currency, digits, hang. */
const cellsPerColumn = 4;
const rule = "1px solid #000";
const doubleRule = "3px double #000";
const fontStyle = "font-family:'Times New Roman',Times,serif;font-size:0.9em;line-height:1.3";

function td(content: string, style: string, colspan = 1): string {
  const span = colspan > 1 ? ` colspan="${colspan}"` : "";
  return `<td${span} style="${style}">${content}</td>`;
}

/** A header cell whose text may stand on several lines (a period's date over its year). */
interface EdgarHeaderCell {
  readonly lines: readonly string[];
  readonly span: number;
}

/**
 * Header rows as filers' parsers read them, at most two where the data allows: consecutive rows
 * of single-column headings (month and day, then year) become one row, each period's date and
 * year in one cell with a line break.
 */
export function mergeHeaderRows(rows: readonly (readonly HeaderCell[])[]): EdgarHeaderCell[][] {
  const merged: EdgarHeaderCell[][] = [];
  const single = (row: readonly { span: number }[]) => row.every((cell) => cell.span === 1);
  for (const row of rows) {
    const previous = merged[merged.length - 1];
    if (previous && single(previous) && single(row) && previous.length === row.length) {
      merged[merged.length - 1] = previous.map((cell, index) => ({ lines: [...cell.lines, row[index]!.text].filter((line) => line !== ""), span: 1 }));
    } else {
      merged.push(row.map((cell) => ({ lines: cell.text === "" ? [] : [cell.text], span: cell.span })));
    }
  }
  return merged;
}

function headerRowHtml(row: readonly EdgarHeaderCell[], last: boolean): string {
  const cells = row.map((cell) => {
    // The heading spans its period's currency, digits and hang cells (all of them, over a group).
    const colspan = cell.span * cellsPerColumn - 1;
    // A single column's heading ends where its digits end, as on the HTML page; a span centres.
    const align = cell.span > 1 ? "text-align:center" : "text-align:right;padding-right:0.85em;white-space:nowrap";
    const border = cell.span > 1 || last ? `;border-bottom:${rule}` : "";
    return `<td></td><th colspan="${colspan}" style="${align};font-weight:bold;vertical-align:bottom${border}">${cell.lines.map(escapeEdgar).join("<br>")}</th>`;
  });
  return `<tr style="vertical-align:bottom"><td></td>${cells.join("")}</tr>`;
}

/** A cell's printed parts; a cell type without a case here is a compile error. */
function cellParts(cell: Cell): { readonly currency: string; readonly body: string; readonly hang: string } {
  switch (cell.type) {
    case "number":
      return {
        currency: cell.currency ?? "",
        body: `${cell.negative ? "(" : ""}${cell.digits}`,
        hang: `${cell.negative ? ")" : ""}${cell.suffix ?? ""}${cell.marks?.join("") ?? ""}`,
      };
    case "text":
      return { currency: "", body: cell.text, hang: "" };
    default:
      return cell satisfies never;
  }
}

/** The four cells of one figure: gap, currency, digits, hang; totals ruled above, grand totals double-ruled below. */
function figureCellsHtml(cell: Cell, kind: TableRow["kind"], digitsWidth: string): string {
  const borders = (kind === "total" || kind === "grandTotal" ? `;border-top:${rule}` : "") + (kind === "grandTotal" ? `;border-bottom:${doubleRule}` : "");
  const { currency, body, hang } = cellParts(cell);
  return (
    td("", "width:0.6em") +
    td(escapeEdgar(currency), `text-align:left${borders}`) +
    td(escapeEdgar(body), `text-align:right;white-space:nowrap;width:${digitsWidth}${borders}`) +
    td(escapeEdgar(hang), `text-align:left;white-space:nowrap;width:0.85em${borders}`)
  );
}

/** Width of the digits cells: the widest figure's, so the "$" at the column's left stays near its digits. */
function digitsWidthOf(table: TableNode): string {
  // A loop, not Math.max(...cells): a table of 20,000 rows has more cells than a call takes arguments.
  let widest = 1;
  for (const row of table.rows) for (const cell of row.cells) widest = Math.max(widest, cellParts(cell).body.length);
  // Times figures are half an em wide; a little more keeps a wide figure on one line in any font.
  return `${(widest * 0.5).toFixed(2)}em`;
}

function labelHtml(row: TableRow): string {
  const marks = row.marks?.length ? `<sup>${escapeEdgar(row.marks.join(""))}</sup>` : "";
  return `${escapeEdgar(row.label)}${marks}`;
}

function rowHtml(row: TableRow, columns: number, digitsWidth: string): string {
  const span = columns * cellsPerColumn;
  if (row.kind === "blank") return `<tr>${td("&#160;", "font-size:0.5em;line-height:1", span + 1)}</tr>`;
  // A wrapped label hangs under its first word: indent by level plus 1em, first line 1em back.
  const indent = `padding-left:${row.level + 1}em;text-indent:-1em`;
  if (row.kind === "heading") {
    const style = row.centered ? "text-align:center;font-weight:bold" : `text-align:left;font-style:italic;${indent}`;
    return `<tr style="vertical-align:bottom">${td(labelHtml(row), style)}${td("", "", span)}</tr>`;
  }
  const label = td(labelHtml(row), row.centered ? "text-align:center;font-weight:bold" : `text-align:left;${indent}`);
  const cells = Array.from({ length: columns }, (_, index) => row.cells[index]);
  return `<tr style="vertical-align:bottom">${label}${cells.map((cell) => (cell ? figureCellsHtml(cell, row.kind, digitsWidth) : td("", "", cellsPerColumn))).join("")}</tr>`;
}

/** Writes a table node: title lines (starting a new page when the table asks), the table, its notes. */
export function writeEdgarTable(table: TableNode): string {
  const breakStyle = table.pageBreakBefore ? "page-break-before:always;" : "";
  const align = table.textLayout.titleAlign === "center" ? "center" : "left";
  const titles = table.titleLines.map((line, index) => (index === 0 ? `<b>${escapeEdgar(line)}</b>` : escapeEdgar(line))).join("<br>");
  const title = `<p style="${breakStyle}text-align:${align};margin:0 0 8pt;${fontStyle}">${titles}</p>`;
  const headerRows = mergeHeaderRows(table.headerRows);
  const head = headerRows.map((row, index) => headerRowHtml(row, index === headerRows.length - 1)).join("\n");
  // The digits width is the table's, measured once (once per row made the writer quadratic).
  const digitsWidth = digitsWidthOf(table);
  const body = table.rows.map((row) => rowHtml(row, table.columnCount, digitsWidth)).join("\n");
  const notes = table.notes.map((note) => `<p style="font-size:0.8em;color:#444;margin:4pt 0">${escapeEdgar(note)}</p>`).join("\n");
  return [
    `<div style="margin:24pt 0 18pt">`,
    title,
    `<table id="table-${escapeEdgar(table.id)}" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;${fontStyle}">`,
    head,
    body,
    "</table>",
    ...(notes ? [notes] : []),
    "</div>",
  ].join("\n");
}
