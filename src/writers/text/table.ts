/**
 * Fixed-width tables for the wire text: labels wrap inside their column, digits align on the
 * right, and a closing parenthesis or percent sign hangs one column to the right of the digits.
 */
import { type Cell, type HeaderCell, type TableNode, type TableRow } from "../../model/document.js";
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
  const hangs = widths.map((_, column) => Math.max(1, ...table.rows.map((row) => (row.cells[column] ? cellHang(row.cells[column]!).length : 0))));
  const end = (column: number) => width - widths.slice(column + 1).reduce((sum, w) => sum + w, 0);
  return { end, digitEnd: (column) => end(column) - hangs[column]!, start: (column) => end(column) - widths[column]! };
}

/** Renders a table as lines of text. */
export function renderTextTable(table: TableNode, width: number): string[] {
  const layout = table.textLayout;
  const widths = columnWidthsOf(table);
  // Figures wider than the page push the table past it rather than lose a digit.
  const figuresWidth = widths.reduce((sum, w) => sum + w, 0) + 1;
  const columns = geometry(table, Math.max(Math.min(width, layout.width ?? width), figuresWidth));
  const lines: string[] = [];
  for (const title of table.titleLines) {
    lines.push(layout.titleAlign === "center" ? `${" ".repeat(Math.max(0, Math.ceil((width - title.length) / 2)))}${title}` : title);
  }
  lines.push("");
  lines.push(...renderHeader(wrapHeaderRows(table.headerRows, widths), columns));
  lines.push("");
  for (const row of table.rows) lines.push(...renderRow(row, table, columns));
  if (table.notes.length > 0) {
    lines.push("");
    for (const note of table.notes) lines.push(...wrapText(note, width, 0, 4));
  }
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
        const start = Math.max(columns.start(column), Math.min(centred, columns.end(column + cell.span - 1) - cell.text.length));
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
