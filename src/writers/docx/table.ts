/** The table handler: a statement as a native Word table, digits aligned and closing marks hanging. */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IBorderOptions,
  type ITableCellBorders,
} from "docx";
import { cellText, type Cell, type HeaderCell, type TableNode, type TableRow as RowNode } from "../../model/document.js";
import { cleanText } from "./clean-text.js";
import { measureColumnHang, measureRightIndent } from "./figure-hang.js";
import { StyleId, TABLE_FONT_SIZE } from "./styles.js";

/** Text width of a Letter page with one-inch margins. */
const TEXT_WIDTH = 9360;

/** Twips per character of the text layout's label indents. */
const INDENT_PER_CHARACTER = 100;

/** Hanging indent of a wrapped label's second line, as the wire text's one space. */
const WRAP_HANG = 100;

const CELL_MARGIN = 60;
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const DOUBLE_RULE: IBorderOptions = { style: BorderStyle.DOUBLE, size: 4, color: "000000" };

/** Column widths in the proportions of the text layout, filling the text width. */
function measureColumns(table: TableNode): number[] {
  const { labelWidth, columnWidth } = table.textLayout;
  const characters = labelWidth + table.columnCount * columnWidth;
  const figure = Math.floor((TEXT_WIDTH * columnWidth) / characters);
  return [TEXT_WIDTH - figure * table.columnCount, ...Array<number>(table.columnCount).fill(figure)];
}

/** Label indent of a nesting level; levels deeper than the layout's list step on by two. */
function measureIndent(table: TableNode, level: number): number {
  const { indents } = table.textLayout;
  const last = indents.length - 1;
  const characters = level <= last ? (indents[level] ?? 0) : (indents[last] ?? 0) + 2 * (level - last);
  return characters * INDENT_PER_CHARACTER;
}

/** Figure borders of a row kind: a rule above totals, a double rule under a bottom line. */
function createRowBorders(kind: RowNode["kind"]): ITableCellBorders | undefined {
  if (kind === "total") return { top: RULE };
  if (kind === "grandTotal") return { top: RULE, bottom: DOUBLE_RULE };
  return undefined;
}

/** A cell of table text; `span` figure columns wide. */
function createCell(paragraph: Paragraph, width: number, options: { span?: number; borders?: ITableCellBorders } = {}): TableCell {
  return new TableCell({
    children: [paragraph],
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.BOTTOM,
    ...(options.span && options.span > 1 ? { columnSpan: options.span } : {}),
    ...(options.borders ? { borders: options.borders } : {}),
  });
}

/** Header rows: an empty label cell, then each heading centred over its span, ruled under the last row. */
function createHeaderRows(table: TableNode, widths: readonly number[]): TableRow[] {
  const figureWidth = widths[1] ?? 0;
  return table.headerRows.map((cells: readonly HeaderCell[], index) => {
    const last = index === table.headerRows.length - 1;
    return new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [
        createCell(new Paragraph({ style: StyleId.tableHeading }), widths[0] ?? 0),
        ...cells.map((cell) => {
          const text = cleanText(cell.text);
          const borders = last && text.trim() !== "" ? { bottom: RULE } : undefined;
          const paragraph = new Paragraph({ style: StyleId.tableHeading, text });
          return createCell(paragraph, figureWidth * cell.span, { span: cell.span, ...(borders ? { borders } : {}) });
        }),
      ],
    });
  });
}

/** The label cell: indented by level, wrapped lines hanging, or centred across the column. */
function createLabelCell(table: TableNode, row: RowNode, width: number): TableCell {
  const text = cleanText(`${row.label}${row.marks?.join("") ?? ""}`);
  const paragraph = row.centered
    ? new Paragraph({ style: StyleId.tableText, alignment: AlignmentType.CENTER, text })
    : new Paragraph({
        style: StyleId.tableText,
        indent: { left: measureIndent(table, row.level) + WRAP_HANG, hanging: WRAP_HANG },
        keepNext: row.kind === "heading",
        text,
      });
  return createCell(paragraph, width);
}

/** A figure cell: right-aligned, indented so that its digits end where the column's digits end. */
function createFigureCell(cell: Cell, hang: number, width: number, borders: ITableCellBorders | undefined): TableCell {
  const paragraph = new Paragraph({
    style: StyleId.tableText,
    alignment: AlignmentType.RIGHT,
    indent: { right: measureRightIndent(cell, hang, TABLE_FONT_SIZE) },
    children: [new TextRun(cleanText(cellText(cell)))],
  });
  return createCell(paragraph, width, borders ? { borders } : {});
}

/** A body row; heading and blank rows carry one empty cell across the figure columns. */
function createBodyRow(table: TableNode, row: RowNode, widths: readonly number[], hangs: readonly number[]): TableRow {
  const label = createLabelCell(table, row, widths[0] ?? 0);
  const figureWidth = widths[1] ?? 0;
  if (row.kind === "heading" || row.kind === "blank" || row.cells.length === 0) {
    const empty = createCell(new Paragraph({ style: StyleId.tableText }), figureWidth * table.columnCount, { span: table.columnCount });
    return new TableRow({ cantSplit: true, children: [label, empty] });
  }
  const borders = createRowBorders(row.kind);
  const figures = row.cells.map((cell, index) => createFigureCell(cell, hangs[index] ?? 0, figureWidth, borders));
  return new TableRow({ cantSplit: true, children: [label, ...figures] });
}

/** Title lines above the table: the one naming it (its caption) a Heading 2, the rest Table Title. */
function createTitleLines(table: TableNode): Paragraph[] {
  const alignment = table.textLayout.titleAlign === "center" ? AlignmentType.CENTER : AlignmentType.LEFT;
  const caption = table.caption.trim().toLowerCase();
  const named = table.titleLines.findIndex((line) => line.trim().toLowerCase() === caption);
  const headingIndex = named === -1 ? 0 : named;
  if (table.titleLines.length === 0 && !table.pageBreakBefore) return [];
  const lines = table.titleLines.length > 0 ? table.titleLines : [""];
  return lines.map(
    (line, index) =>
      new Paragraph({
        style: index === headingIndex && line !== "" ? StyleId.heading2 : StyleId.tableTitle,
        alignment,
        pageBreakBefore: table.pageBreakBefore && index === 0,
        spacing: { before: index === 0 ? 240 : 0, after: index === lines.length - 1 ? 120 : 0 },
        text: cleanText(line),
      }),
  );
}

/**
 * Notes under the table, the last one spaced from what follows; without notes an empty spacer,
 * which also keeps Word from merging the table with a table that follows.
 */
function createNotes(table: TableNode): Paragraph[] {
  const notes = table.notes.length > 0 ? table.notes : [""];
  return notes.map(
    (note, index) =>
      new Paragraph({
        style: StyleId.tableNote,
        spacing: { after: index === notes.length - 1 ? 240 : 0 },
        text: cleanText(note),
      }),
  );
}

/** A table node: its title lines, a native table, and its notes under it. */
export function handleTable(table: TableNode): FileChild[] {
  const widths = measureColumns(table);
  const hangs = Array.from({ length: table.columnCount }, (_, column) =>
    measureColumnHang(table.rows.map((row) => row.cells[column]), TABLE_FONT_SIZE),
  );
  const grid = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN },
    rows: [...createHeaderRows(table, widths), ...table.rows.map((row) => createBodyRow(table, row, widths, hangs))],
  });
  return [...createTitleLines(table), grid, ...createNotes(table)];
}
