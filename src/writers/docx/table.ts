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
import { measureColumnHang, measureRightIndent, measureText } from "./figure-hang.js";
import { createPreparedCell } from "./prepared-cell.js";
import { StyleId, TABLE_FONT_SIZE } from "./styles.js";

/** Text width of a Letter page with one-inch margins, upright and turned. */
const TEXT_WIDTH = 9360;
const LANDSCAPE_TEXT_WIDTH = 12960;

/** Font sizes a table steps down through, in points: the Table Text style's 10 to the 7 pt floor. */
const FONT_STEPS = [TABLE_FONT_SIZE, 9.5, 9, 8.5, 8, 7.5, 7] as const;

/** Twips a label keeps at least before it wraps, at 10 pt (about 1.4 inches, 25 characters). */
const MIN_LABEL_WIDTH = 2000;

/** Twips per character of the text layout's label indents. */
const INDENT_PER_CHARACTER = 100;

/** Hanging indent of a wrapped label's second line, as the wire text's one space. */
const WRAP_HANG = 100;

const CELL_MARGIN = 60;
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const DOUBLE_RULE: IBorderOptions = { style: BorderStyle.DOUBLE, size: 4, color: "000000" };

/** How a table is set in Word: its font size, its page's orientation, the label's and each figure column's width. */
export interface DocxTableFit {
  readonly fontSize: number;
  readonly landscape: boolean;
  /** Twips: the label column, then each figure column. */
  readonly widths: readonly number[];
}

/**
 * Fits a table to the page from its measured figures (not the wire text's layout): each figure
 * column as wide as its widest figure with its hang, or its heading's longest word, plus the cell
 * margins and a gap; the label takes the rest. The font steps down to 7 pt until a label of
 * reasonable width fits beside the figures, on an upright page, else on a landscape one. A
 * figure never wraps: its column is never narrower than the figure.
 */
export function fitDocxTable(table: TableNode): DocxTableFit {
  // Asked twice per table (sections by orientation, then the table itself): measured once.
  let fit = fits.get(table);
  if (fit !== undefined) return fit;
  fit = measureFit(table);
  fits.set(table, fit);
  return fit;
}

const fits = new WeakMap<TableNode, DocxTableFit>();

function measureFit(table: TableNode): DocxTableFit {
  let fit: DocxTableFit | undefined;
  for (const landscape of [false, true]) {
    const textWidth = landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
    for (const fontSize of FONT_STEPS) {
      const figures = measureFigureColumns(table, fontSize);
      const label = textWidth - figures.reduce((sum, width) => sum + width, 0);
      fit = { fontSize, landscape, widths: [Math.max(label, Math.round((MIN_LABEL_WIDTH * fontSize) / TABLE_FONT_SIZE)), ...figures] };
      if (label >= (MIN_LABEL_WIDTH * fontSize) / TABLE_FONT_SIZE) return fit;
    }
  }
  return fit!;
}

function measureFigureColumns(table: TableNode, fontSize: number): number[] {
  const gap = Math.round(fontSize * 20 * 0.6); // about half an em between columns
  const widths = Array.from({ length: table.columnCount }, (_, column) => {
    const cells = table.rows.map((row) => row.cells[column]);
    const hang = measureColumnHang(cells, fontSize);
    const figure = Math.max(0, ...cells.map((cell) => (cell ? measureText(cellBody(cell), fontSize) : 0)));
    const heading = Math.max(
      0,
      ...table.headerRows.map((header) => {
        let end = 0;
        const cell = header.find((candidate) => (end += candidate.span) > column);
        return cell && cell.span === 1 ? measureLongestWord(cell.text, fontSize) : 0;
      }),
    );
    return Math.max(figure + hang, heading) + 2 * CELL_MARGIN + gap;
  });
  // A spanning heading's longest word fits across its columns.
  for (const header of table.headerRows) {
    let column = 0;
    for (const cell of header) {
      const spanned = widths.slice(column, column + cell.span).reduce((sum, width) => sum + width, 0);
      const short = measureLongestWord(cell.text, fontSize) + 2 * CELL_MARGIN - spanned;
      for (let i = 0; short > 0 && i < cell.span; i++) widths[column + i]! += Math.ceil(short / cell.span);
      column += cell.span;
    }
  }
  return widths;
}

/** Headings are bold: a tenth wider than the regular measure. */
function measureLongestWord(text: string, fontSize: number): number {
  return Math.max(0, ...text.split(" ").map((word) => Math.ceil(measureText(word, fontSize) * 1.1)));
}

/** What stands left of the digits' end: "$(3,195", "n/m". */
function cellBody(cell: Cell): string {
  return cell.type === "text" ? cell.text : `${cell.currency ?? ""}${cell.negative ? "(" : ""}${cell.digits}`;
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
function createHeaderRows(table: TableNode, widths: readonly number[], size: number): TableRow[] {
  return table.headerRows.map((cells: readonly HeaderCell[], index) => {
    const last = index === table.headerRows.length - 1;
    let column = 0;
    return new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [
        createCell(new Paragraph({ style: StyleId.tableHeading }), widths[0] ?? 0),
        ...cells.map((cell) => {
          const text = cleanText(cell.text);
          const borders = last && text.trim() !== "" ? { bottom: RULE } : undefined;
          const paragraph = new Paragraph({ style: StyleId.tableHeading, keepNext: true, children: [new TextRun({ text, size })] });
          const width = widths.slice(column + 1, column + 1 + cell.span).reduce((sum, w) => sum + w, 0);
          column += cell.span;
          return createCell(paragraph, width, { span: cell.span, ...(borders ? { borders } : {}) });
        }),
      ],
    });
  });
}

/** The label cell: indented by level, wrapped lines hanging, or centred across the column. */
function createLabelCell(table: TableNode, row: RowNode, width: number, size: number, keepNext: boolean): TableCell {
  const marked = Boolean(row.marks?.length);
  const texts = [cleanText(row.label), ...(marked ? [cleanText(row.marks!.join(""))] : [])];
  const indent = measureIndent(table, row.level) + WRAP_HANG;
  const keep = row.centered ? keepNext : keepNext || row.kind === "heading";
  const build = ([label = "", marks = ""]: readonly string[]) => {
    // A footnote mark stays with its word: the space before it never breaks (it has none).
    const children = [new TextRun({ text: label, size }), ...(marked ? [new TextRun({ text: marks, size })] : [])];
    const paragraph = row.centered
      ? new Paragraph({ style: StyleId.tableText, alignment: AlignmentType.CENTER, keepNext: keep, children })
      : new Paragraph({ style: StyleId.tableText, indent: { left: indent, hanging: WRAP_HANG }, keepNext: keep, children });
    return createCell(paragraph, width);
  };
  return createPreparedCell(`label ${width} ${row.centered ? "centered" : indent} ${keep} ${size} ${marked}`, texts, build);
}

/** A figure cell: right-aligned, indented so that its digits end where the column's digits end. */
function createFigureCell(cell: Cell, hang: number, width: number, kind: RowNode["kind"], fontSize: number, keepNext: boolean): TableCell {
  const right = measureRightIndent(cell, hang, fontSize);
  const borders = createRowBorders(kind);
  const build = ([text = ""]: readonly string[]) => {
    const paragraph = new Paragraph({
      style: StyleId.tableText,
      alignment: AlignmentType.RIGHT,
      indent: { right },
      keepNext,
      children: [new TextRun({ text, size: fontSize * 2 })],
    });
    return createCell(paragraph, width, borders ? { borders } : {});
  };
  // The borders are named by the row kind they come from (createRowBorders).
  return createPreparedCell(`figure ${width} ${borders ? kind : "none"} ${right} ${keepNext} ${fontSize}`, [cleanText(cellText(cell))], build);
}

/** A body row; heading and blank rows carry one empty cell across the figure columns. */
function createBodyRow(table: TableNode, row: RowNode, fit: DocxTableFit, hangs: readonly number[], keepNext: boolean): TableRow {
  const { widths, fontSize } = fit;
  const label = createLabelCell(table, row, widths[0] ?? 0, fontSize * 2, keepNext);
  if (row.kind === "heading" || row.kind === "blank" || row.cells.length === 0) {
    const figuresWidth = widths.slice(1).reduce((sum, w) => sum + w, 0);
    const span = table.columnCount;
    const build = () => createCell(new Paragraph({ style: StyleId.tableText, keepNext }), figuresWidth, { span });
    const empty = createPreparedCell(`empty ${figuresWidth} ${span} ${keepNext}`, [], build, span > 1 ? span : undefined);
    return new TableRow({ cantSplit: true, children: [label, empty] });
  }
  const figures = row.cells.map((cell, index) => createFigureCell(cell, hangs[index] ?? 0, widths[index + 1] ?? 0, row.kind, fontSize, keepNext));
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
        keepNext: true,
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
  const fit = fitDocxTable(table);
  const hangs = Array.from({ length: table.columnCount }, (_, column) =>
    measureColumnHang(
      table.rows.map((row) => row.cells[column]),
      fit.fontSize,
    ),
  );
  // The title and header keep with the first rows; the last rows keep together (Word's
  // keep-with-next on the rows' paragraphs), so no page holds fewer than three rows of a table.
  const kept = 3;
  const keepNext = (index: number) => index < kept || (index >= table.rows.length - kept && index < table.rows.length - 1);
  const grid = new Table({
    width: { size: fit.widths.reduce((sum, w) => sum + w, 0), type: WidthType.DXA },
    columnWidths: [...fit.widths],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN },
    rows: [...createHeaderRows(table, fit.widths, fit.fontSize * 2), ...table.rows.map((row, index) => createBodyRow(table, row, fit, hangs, keepNext(index)))],
  });
  return [...createTitleLines(table), grid, ...createNotes(table)];
}
