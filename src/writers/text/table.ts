/**
 * Fixed-width tables for the wire text: labels wrap inside their column, digits align on the
 * right, and a closing parenthesis or percent sign hangs one column to the right of the digits.
 */
import { type Cell, type HeaderCell, type TableNode, type TableRow } from "../../model/document.js";
import { widenForSpanningHeadings } from "../../model/header-widths.js";
import { wrapText } from "./wrap.js";

/** A line being laid out: text placed at columns. */
class LineBuffer {
  private chars: string[] = [];
  place(column: number, text: string): void {
    while (this.chars.length < column + text.length) this.chars.push(" ");
    for (let i = 0; i < text.length; i++) this.chars[column + i] = text[i]!;
  }
  get length(): number {
    return this.chars.join("").trimEnd().length;
  }
  toString(): string {
    return this.chars.join("").trimEnd();
  }
}

/** Column geometry of a table in a text of `width` characters: columns flush right. */
interface Geometry {
  /** Exclusive end of column i (its hang column is end - 1). */
  end(column: number): number;
  /** Exclusive end of column i's digits. */
  digitEnd(column: number): number;
  start(column: number): number;
}

function columnWidthsOf(table: TableNode): number[] {
  return [...(table.textLayout.columnWidths ?? Array.from({ length: table.columnCount }, () => table.textLayout.columnWidth))];
}

function geometry(table: TableNode, width: number): Geometry {
  const widths = columnWidthsOf(table);
  // Each column keeps room right of its digits for its widest closing run: ")", ")%", "(a)".
  const hangs = widths.map((_, column) => Math.max(1, ...table.rows.map((row) => (row.cells[column] ? cellHang(row.cells[column]).length : 0))));
  const end = (column: number) => width - widths.slice(column + 1).reduce((sum, w) => sum + w, 0);
  return { end, digitEnd: (column) => end(column) - hangs[column]!, start: (column) => end(column) - widths[column]! };
}

/** Renders a table as lines of text, in stacked panels when its columns do not fit beside the labels. */
export function renderTextTable(table: TableNode, width: number): string[] {
  const layout = table.textLayout;
  const lines: string[] = [];
  for (const title of table.titleLines) {
    for (const line of wrapText(title, width)) {
      lines.push(layout.titleAlign === "center" ? `${" ".repeat(Math.max(0, Math.ceil((width - line.length) / 2)))}${line}` : line);
    }
  }
  planPanels(table, Math.min(width, layout.width ?? width)).forEach((panel, index) => {
    lines.push(...(index > 0 ? ["", ""] : [""]), ...renderPanel(panel, width));
  });
  if (table.notes.length > 0) {
    lines.push("");
    for (const note of table.notes) lines.push(...wrapText(note, width, 0, 4));
  }
  return lines;
}

/** A label is kept at least this wide (or as wide as the widest label, when narrower). */
const minimumLabelWidth = 20;

/**
 * The panels a table is printed in: the table itself when its columns fit beside a label of
 * reasonable width, else runs of its columns, each a table with the labels and its part of the
 * header rows (spanning headings cut at the panel's edges).
 */
export function planPanels(table: TableNode, width: number): TableNode[] {
  const given = columnWidthsOf(table);
  const needed = neededColumnWidths(table);
  const preferred = given.map((w, column) => Math.max(w, needed[column]!));
  // Compose's measure: a label may run two characters into the first column's leading space.
  const labelRoom = Math.min(minimumLabelWidth, Math.max(1, ...table.rows.map((row) => labelLength(table, row)))) - 2;
  const capacity = width - labelRoom;
  const total = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w, 0);
  if (total(preferred) <= capacity || table.columnCount <= 1) {
    // As compose laid it out, unless its label is wider than the text (laid out for another width).
    if (preferred.every((w, column) => w === given[column]) && table.textLayout.labelWidth <= width) return [table];
    return [sliceTable(table, 0, table.columnCount, preferred, width)];
  }
  if (total(needed) <= capacity) return [sliceTable(table, 0, table.columnCount, shrinkToFit(preferred, needed, capacity), width)];
  // Else panels: the fewest at the tightest widths, cutting the fewest spanning headings, as even as can be.
  const spans = table.headerRows
    .flatMap((header) => header.map((cell, index) => ({ from: cellColumn(header, index), to: cellColumn(header, index) + cell.span })))
    .filter((span) => span.to - span.from > 1);
  let best: { edges: number[]; score: number[] } | undefined;
  const n = table.columnCount;
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const cuts = Array.from({ length: n - 1 }, (_, i) => i + 1).filter((_, i) => mask & (1 << i));
    const edges = [0, ...cuts, n];
    const panelWidths = edges.slice(1).map((to, i) => total(needed.slice(edges[i], to)));
    // A panel of one column always stands (a figure is never cut), however wide.
    if (panelWidths.some((w, i) => w > capacity && edges[i + 1]! - edges[i]! > 1)) continue;
    const cutHeadings = cuts.reduce((count, cut) => count + spans.filter((span) => span.from < cut && cut < span.to).length, 0);
    const score = [edges.length - 1, cutHeadings, Math.max(...panelWidths) - Math.min(...panelWidths)];
    if (!best || compareScores(score, best.score) < 0) best = { edges, score };
  }
  const edges = best!.edges;
  // Panels take their columns at the tightest widths: what room is left goes to the labels.
  return edges.slice(1).map((to, i) => sliceTable(table, edges[i]!, to, needed, width));
}

/**
 * Widths within `capacity`: a character at a time off the column with the most room above its
 * narrowest width (headings wrap before labels are squeezed), never below that width.
 */
function shrinkToFit(preferred: readonly number[], needed: readonly number[], capacity: number): number[] {
  const widths = [...preferred];
  let sum = widths.reduce((total, w) => total + w, 0);
  while (sum > capacity) {
    let widest = -1;
    widths.forEach((w, column) => {
      if (w > needed[column]! && (widest < 0 || w - needed[column]! > widths[widest]! - needed[widest]!)) widest = column;
    });
    if (widest < 0) break;
    widths[widest]!--;
    sum--;
  }
  return widths;
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Characters a row's label takes on one line, with its indent and marks. */
function labelLength(table: TableNode, row: TableRow): number {
  if (row.kind === "blank") return 0;
  const indent = table.textLayout.indents[Math.min(row.level, table.textLayout.indents.length - 1)] ?? 0;
  return indent + row.label.length + (row.marks?.join("").length ?? 0);
}

/**
 * The narrowest width of each column: its widest figure, its widest hang (")", "%", marks) and a
 * space before; a single-column heading's longest word and a space before it.
 */
function neededColumnWidths(table: TableNode): number[] {
  return Array.from({ length: table.columnCount }, (_, column) => {
    const cells = table.rows.map((row) => row.cells[column]).filter((cell): cell is Cell => cell !== undefined);
    const body = Math.max(0, ...cells.map((cell) => cellBody(cell).length));
    const hang = Math.max(1, ...cells.map((cell) => cellHang(cell).length));
    const heading = Math.max(
      0,
      ...table.headerRows.map((header) => {
        const cell = header.find((_, index) => cellColumn(header, index) === column);
        return cell && cell.span === 1 ? longestWord(cell.text) : 0;
      }),
    );
    return Math.max(body + hang + 1, heading + 1);
  });
}

function longestWord(text: string): number {
  return Math.max(0, ...text.split(" ").map((word) => word.length));
}

/**
 * Columns `from` to `to` of a table at the given widths, with its labels and the header cells
 * over those columns; a spanning heading too narrow for its longest word widens its columns.
 */
function sliceTable(table: TableNode, from: number, to: number, widths: readonly number[], width: number): TableNode {
  const headerRows = table.headerRows.map((header) => {
    const cut: HeaderCell[] = [];
    let column = 0;
    for (const cell of header) {
      const span = Math.min(to, column + cell.span) - Math.max(from, column);
      if (span > 0) cut.push({ text: cell.text, span });
      column += cell.span;
    }
    return cut;
  });
  const panelWidths = widths.slice(from, to);
  widenForSpanningHeadings(panelWidths, headerRows, longestWord);
  const figureWidth = panelWidths.reduce((sum, w) => sum + w, 0);
  const whole = from === 0 && to === table.columnCount;
  return {
    ...table,
    headerRows,
    columnCount: to - from,
    rows: table.rows.map((row) => ({ ...row, cells: row.cells.slice(from, to) })),
    textLayout: {
      ...table.textLayout,
      columnWidth: Math.max(...panelWidths),
      columnWidths: panelWidths,
      // A label may run to two characters short of the first column's digits (as compose sets it).
      labelWidth: whole ? Math.min(table.textLayout.labelWidth, width - figureWidth + 2) : Math.max(1, width - figureWidth + 2),
    },
  };
}

/** Header rows and rows of one panel (no title, no notes). */
function renderPanel(table: TableNode, width: number): string[] {
  const layout = table.textLayout;
  const widths = columnWidthsOf(table);
  // Figures wider than the page push the table past it rather than lose a digit.
  const figuresWidth = widths.reduce((sum, w) => sum + w, 0) + 1;
  const columns = geometry(table, Math.max(Math.min(width, layout.width ?? width), figuresWidth));
  const lines: string[] = [];
  lines.push(...renderHeader(wrapHeaderRows(table.headerRows, widths), columns));
  lines.push("");
  for (const row of table.rows) lines.push(...renderRow(row, table, columns));
  return lines;
}

/**
 * Header rows whose cells fit their columns: a heading wider than its column(s) is wrapped into
 * lines, and the row becomes as many rows, each cell standing on the bottom ones.
 */
function wrapHeaderRows(rows: readonly (readonly HeaderCell[])[], widths: readonly number[]): HeaderCell[][] {
  return rows.flatMap((row) => {
    let column = 0;
    const wrapped = row.map((cell) => {
      const room = widths.slice(column, column + cell.span).reduce((sum, w) => sum + w, 0) - (cell.span > 1 ? 2 : 1);
      column += cell.span;
      return cell.text.length > room ? wrapText(cell.text, room) : [cell.text];
    });
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, line) =>
      row.map((cell, index) => {
        const lines = wrapped[index]!;
        return { text: lines[line - (height - lines.length)] ?? "", span: cell.span };
      }),
    );
  });
}

function renderHeader(rows: readonly (readonly HeaderCell[])[], columns: Geometry): string[] {
  // Where each column's single-column heading text starts, for centring what sits above or below.
  const textStart: number[] = [];
  const lines: string[] = [];
  const placed = rows.map(() => new LineBuffer());
  // Single-column cells first (they fix the text extent), bottom row centred under the row above.
  rows.forEach((row, rowIndex) => {
    let column = 0;
    for (const cell of row) {
      if (cell.span === 1 && cell.text !== "") {
        const isLast = rowIndex === rows.length - 1;
        const above = textStart[column];
        let start: number;
        const aboveText = rows[rowIndex - 1]?.find((_, i) => cellColumn(rows[rowIndex - 1]!, i) === column)?.text ?? "";
        if (isLast && above !== undefined && aboveText !== "") {
          start = above + Math.ceil((aboveText.length - cell.text.length) / 2);
        } else {
          start = columns.end(column) - cell.text.length;
        }
        // Inside its column, a space clear of the column to its left.
        start = Math.max(columns.start(column) + 1, Math.min(start, columns.end(column) - cell.text.length));
        if (!isLast) textStart[column] = Math.min(textStart[column] ?? start, start);
        placed[rowIndex]!.place(start, cell.text);
      }
      column += cell.span;
    }
  });
  rows.forEach((row, rowIndex) => {
    let column = 0;
    for (const cell of row) {
      if (cell.span > 1) {
        const left = textStart[column] ?? columns.start(column);
        const right = columns.digitEnd(column + cell.span - 1);
        const centred = left + Math.ceil((right - left - cell.text.length) / 2);
        // Never past the table's right edge, never left of the first spanned column.
        const start = Math.max(columns.start(column) + 1, Math.min(centred, columns.end(column + cell.span - 1) - cell.text.length));
        placed[rowIndex]!.place(start, cell.text);
      }
      column += cell.span;
    }
    lines.push(placed[rowIndex]!.toString());
  });
  return lines;
}

function cellColumn(row: readonly HeaderCell[], index: number): number {
  return row.slice(0, index).reduce((sum, cell) => sum + cell.span, 0);
}

function renderRow(row: TableRow, table: TableNode, columns: Geometry): string[] {
  const layout = table.textLayout;
  if (row.kind === "blank") return [""];
  const indent = layout.indents[Math.min(row.level, layout.indents.length - 1)] ?? 0;
  const label = row.marks ? `${row.label}${row.marks.join("")}` : row.label;
  if (row.kind === "heading") {
    if (row.centered) return [`${" ".repeat(Math.max(0, Math.ceil((columns.start(0) - label.length) / 2)))}${label}`];
    return wrapText(label, layout.labelWidth, indent, indent + 1);
  }
  const labelLines = wrapText(label, layout.labelWidth, indent, indent + 1);
  const figures = new LineBuffer();
  row.cells.forEach((cell, column) => placeCell(figures, cell, columns.digitEnd(column)));
  const last = new LineBuffer();
  last.place(0, labelLines[labelLines.length - 1]!);
  const firstFigure = figureStart(row.cells, columns);
  if (firstFigure !== undefined && last.length >= firstFigure) {
    return [...labelLines, figures.toString()];
  }
  row.cells.forEach((cell, column) => placeCell(last, cell, columns.digitEnd(column)));
  return [...labelLines.slice(0, -1), last.toString()];
}

/** Leftmost character a row's figures occupy. */
function figureStart(cells: readonly Cell[], columns: Geometry): number | undefined {
  const starts = cells.map((cell, column) => columns.digitEnd(column) - cellBody(cell).length).filter((_, i) => cellBody(cells[i]!).length > 0);
  return starts.length ? Math.min(...starts) : undefined;
}

/** What stands left of the digit end: "$(3,195", "31", "-". */
function cellBody(cell: Cell): string {
  if (cell.type === "text") return cell.text;
  return `${cell.currency ?? ""}${cell.negative ? "(" : ""}${cell.digits}`;
}

/** What hangs right of the digit end: ")", "%", footnote marks. */
function cellHang(cell: Cell): string {
  if (cell.type === "text") return "";
  return `${cell.negative ? ")" : ""}${cell.suffix ?? ""}${cell.marks?.join("") ?? ""}`;
}

function placeCell(line: LineBuffer, cell: Cell, digitEnd: number): void {
  const body = cellBody(cell);
  line.place(digitEnd - body.length, body);
  const hang = cellHang(cell);
  if (hang) line.place(digitEnd, hang);
}
