/**
 * Tables (statements, highlights) as document nodes: header rows from the periods, and every
 * cell's figure scaled, rounded and formatted once, here.
 */
import type { LoadedRelease } from "../data/load.js";
import type { DataPath } from "../data/issues.js";
import type { CellEntry, FigureFormatName, LineRowData, TableData } from "../data/schema.js";
import { Decimal, type RoundingPolicy } from "../finance/decimal.js";
import { type ResolvedColumn, resolveColumns, statedColumns } from "../finance/columns.js";
import { type CellFigure, type ColumnRule, computeRule, ruleEntry } from "../finance/column-rules.js";
import { type Display, dashMarks, resolveDisplay } from "../finance/display.js";
import { type FactValue, readRowCells } from "../finance/facts.js";
import { formatFigure } from "../finance/format.js";
import { type Formula, formulaReferences, parseFormula } from "../finance/formula.js";
import type { Cell, FactRef, HeaderCell, SourcePlace, TableNode, TableRow, TextTableLayout } from "../model/document.js";
import { widenForSpanningHeadings } from "../model/header-widths.js";
import { durationHeading, formatColumnDate, periodEnd } from "./dates.js";

/** A cell or narrative that could not be composed, and its place in the data. */
export interface ComposeIssue {
  readonly code: string;
  readonly place: SourcePlace;
  readonly message: string;
}

const defaultLayout: Omit<TextTableLayout, "labelWidth" | "columnWidth"> = { indents: [0, 2, 4, 6], titleAlign: "center" };

/**
 * Column widths that fit the figures and headings: the widest figure with its hanging marks and a
 * space before it, a heading with one, and spanning headings spread over their columns.
 */
function fitColumnWidths(rows: readonly TableRow[], headerRows: readonly (readonly HeaderCell[])[], count: number, available = Infinity): number[] {
  const full = fitWidths(rows, headerRows, count, (text) => text.length);
  if (full.reduce((sum, w) => sum + w, 0) <= available) return full;
  // Too wide with headings on one line: fit their longest words; the text writer wraps them.
  return fitWidths(rows, headerRows, count, (text) => Math.max(0, ...text.split(" ").map((word) => word.length)));
}

function fitWidths(rows: readonly TableRow[], headerRows: readonly (readonly HeaderCell[])[], count: number, headingLength: (text: string) => number): number[] {
  const widths = Array.from({ length: count }, () => 6);
  for (const row of rows) {
    row.cells.forEach((cell, column) => {
      const body = cell.type === "text" ? cell.text.length : (cell.currency?.length ?? 0) + (cell.negative ? 1 : 0) + cell.digits.length;
      const hang = cell.type === "text" ? 0 : (cell.negative ? 1 : 0) + (cell.suffix?.length ?? 0) + (cell.marks?.join("").length ?? 0);
      widths[column] = Math.max(widths[column]!, body + Math.max(hang, 1) + 1);
    });
  }
  for (const header of headerRows) {
    let column = 0;
    for (const cell of header) {
      if (cell.span === 1) widths[column] = Math.max(widths[column]!, headingLength(cell.text) + 1);
      column += cell.span;
    }
  }
  widenForSpanningHeadings(widths, headerRows, headingLength);
  return widths;
}

/** Builds the node of table `index` of the quarter. */
export function composeTable(release: LoadedRelease, index: number, issues: ComposeIssue[], placedInBody = false, textWidth = 70): TableNode {
  const table = release.quarter.tables[index]!;
  const rounding = release.company.rounding ?? "half-up";
  const path: DataPath = ["tables", index];
  const columns = resolveColumns(table, release.quarter.periods, path);
  const firstFigureRow = table.rows.findIndex((row) => typeof row !== "string" && !("heading" in row));
  const rows = table.rows.map((row, rowIndex): TableRow => {
    const rowPath: DataPath = [...path, "rows", rowIndex];
    if (row === "blank") return { kind: "blank", label: "", level: 0, cells: [], place: { file: "quarter", path: rowPath } };
    if ("heading" in row) return { kind: "heading", label: row.heading, level: row.level ?? 0, centered: row.centered, cells: [], place: { file: "quarter", path: rowPath } };
    return composeLine(readLine(release, table, columns, row, rowIndex === firstFigureRow, rounding, rowPath), issues);
  });
  const text = table.text ?? {};
  const headerRows = composeHeader(release, table, columns);
  // Declared widths are kept where the figures fit; a column whose figures would not is widened.
  const available = Math.min(text.width ?? textWidth, textWidth) - 16; // leave a label at least 16 characters
  const fitted = fitColumnWidths(rows, headerRows, columns.length, available).map((width) => Math.max(width, text.columnWidth ?? 0));
  const uniform = fitted.every((width) => width === text.columnWidth);
  const columnWidth = Math.max(...fitted);
  const figureWidth = fitted.reduce((sum, w) => sum + w, 0);
  return {
    type: "table",
    id: table.id,
    titleLines: table.title,
    caption: table.caption ?? table.title.find((line) => !line.startsWith("(") && line !== release.company.name) ?? table.title[0]!,
    headerRows,
    columnCount: columns.length,
    rows,
    notes: table.notes ?? [],
    // Statements (tables after the prose) start on a new page unless the data says otherwise.
    pageBreakBefore: table.pageBreakBefore ?? !placedInBody,
    textLayout: {
      // By default a label may run to two characters short of the first figure column's digits.
      labelWidth: text.labelWidth ?? Math.max(16, Math.min(text.width ?? textWidth, textWidth) - figureWidth + 2),
      columnWidth,
      ...(uniform ? {} : { columnWidths: fitted }),
      indents: text.indents ?? defaultLayout.indents,
      titleAlign: text.titleAlign ?? defaultLayout.titleAlign,
      ...(text.width !== undefined ? { width: text.width } : {}),
    },
    place: { file: "quarter", path },
  };
}

/** What every cell of a line row reads: the row, its table and columns, and the settings of the whole row. */
interface LineContext {
  readonly release: LoadedRelease;
  readonly table: TableData;
  readonly columns: readonly ResolvedColumn[];
  readonly row: LineRowData;
  /** The row's path in the quarter file, `tables[i].rows[j]`. */
  readonly path: DataPath;
  readonly rounding: RoundingPolicy;
  /** The formula a row without an id computes its figures by (a repetition, a reconciliation row). */
  readonly formula: Formula | undefined;
  /** What the row's figures measure (amount, perShare, percent ...), declared or inferred. */
  readonly kind: FigureFormatName;
  /** The row's money figures print the currency symbol (by default the first figure row and grand totals). */
  readonly dollar: boolean;
  readonly symbol: string;
  /** The figures and cell formulas a row without an id states itself. */
  readonly own: ReturnType<typeof readRowCells> | undefined;
}

/** Builds a line row (its settings read by `readLine`): each column's exact figure, each figure printed as a cell. */
function composeLine(line: LineContext, issues: ComposeIssue[]): TableRow {
  const { row, path } = line;
  const figureAt = lineFigures(line, issues);
  const cells = line.columns.map((column) => composeCell(line, column, figureAt(column)));
  return {
    kind: row.style ?? "item",
    label: row.label,
    level: row.level ?? 0,
    cells,
    ...(row.marks ? { marks: row.marks } : {}),
    ...(row.id ? { line: row.id } : {}),
    place: { file: "quarter", path },
  };
}

/** The settings of a line row that every cell shares. */
function readLine(
  release: LoadedRelease,
  table: TableData,
  columns: readonly ResolvedColumn[],
  row: LineRowData,
  isFirstFigureRow: boolean,
  rounding: RoundingPolicy,
  path: DataPath,
): LineContext {
  const formula = row.formula !== undefined && !row.id ? parseFormula(row.formula) : undefined;
  return {
    release,
    table,
    columns,
    row,
    path,
    rounding,
    formula,
    kind: row.format ?? inferFormat(release, row.id, formula),
    dollar: row.dollar ?? (isFirstFigureRow || row.style === "grandTotal"),
    symbol: table.currency ?? release.company.currency ?? "$",
    // A row without an id states its own figures (a repetition in another unit, a reconciliation row).
    own: row.id ? undefined : readRowCells(table, statedColumns(columns), row, path, [], safeParse),
  };
}

/** The entry the row's `values` hold for a column (undefined for a computed column or a short list). */
function entryAt(line: LineContext, column: ResolvedColumn): CellEntry | undefined {
  return column.statedIndex === undefined ? undefined : line.row.values?.[column.statedIndex];
}

/** The row's exact figure in a column, or a word for the cell ("n/m", a blank); each column computed once, as computed columns read others. */
function lineFigures(line: LineContext, issues: ComposeIssue[]): (column: ResolvedColumn) => CellFigure {
  const figures = new Map<string, CellFigure>();
  const figureAt = (column: ResolvedColumn): CellFigure => {
    const known = figures.get(column.key);
    if (known !== undefined) return known;
    const result = column.rule && !column.printed ? derivedFigure(line, column.rule, figureAt) : statedFigure(line, column, issues);
    figures.set(column.key, result);
    return result;
  };
  return figureAt;
}

/** A stated column's figure: a word typed in the data, the fact book's value, or the row's own figure or formula. */
function statedFigure(line: LineContext, column: ResolvedColumn, issues: ComposeIssue[]): CellFigure {
  const { row, formula } = line;
  const written = entryAt(line, column);
  if (typeof written === "string") return written;
  // `~` is a blank, unless the row's formula computes the cell (a reconciliation's GAAP column).
  if (written === null && (column.printed || (!row.id && !formula))) return "";
  const key = factKeyOf(line, column);
  const value = key === undefined ? undefined : statedValue(line, column, key);
  if (value) return value;
  if (written === null || written === undefined) return "";
  issues.push({ code: "no_value", place: { file: "quarter", path: line.path }, message: noValueMessage(line, column, key) });
  return "";
}

/** The fact key a stated cell reads: the column's, or for a balance row (`at: end|start`) the instant at that end of the column's period. */
function factKeyOf(line: LineContext, column: ResolvedColumn): string | undefined {
  const { row } = line;
  const book = line.release.facts;
  if (row.id) return column.key;
  if (row.at === "end") return book.instantAtEnd(column.key);
  if (row.at === "start") return book.instantAtStart(column.key);
  return column.key;
}

function statedValue(line: LineContext, column: ResolvedColumn, key: string): FactValue | undefined {
  const { row, own, formula } = line;
  const book = line.release.facts;
  if (row.id) return book.value(row.id, key);
  if (own?.stated.has(column.key)) return { value: own.stated.get(column.key)!, exact: true };
  if (own?.cellFormulas.has(column.key)) return book.evaluate(own.cellFormulas.get(column.key)!.formula, column.key, true);
  if (formula) return book.evaluate(formula, key);
  return undefined;
}

/** `"Net loss" has no value for q3_2003: otherIncome has none for q3_2003`. */
function noValueMessage(line: LineContext, column: ResolvedColumn, key: string | undefined): string {
  const { row, formula } = line;
  const book = line.release.facts;
  if (key === undefined) return `"${row.label}" has no value for ${column.key}: no instant period at the ${row.at} of ${column.period}; declare one in periods`;
  const missing = formula ? formulaReferences(formula).filter((id) => !book.value(id, key)) : [];
  return `"${row.label}" has no value for ${column.key}${missing.length ? `: ${missing.join(", ")} ${missing.length > 1 ? "have" : "has"} none for ${key}` : ""}`;
}

/** A computed column's figure by its rule; blank where the rule does not apply or a column it reads holds a word. */
function derivedFigure(line: LineContext, rule: ColumnRule, figureAt: (column: ResolvedColumn) => CellFigure): CellFigure {
  const entry = ruleEntry(rule);
  if (entry.percent && line.kind === "percent") return ""; // no percentage of a percentage
  if (rule.kind === "percentOf" && line.kind !== "amount") return ""; // a share count or per-share amount is no share of revenue
  const book = line.release.facts;
  let marked = false;
  const cell = (key: string): FactValue | undefined => {
    const column = line.columns.find((candidate) => candidate.key === key);
    const figure = column ? figureAt(column) : "";
    if (typeof figure !== "string") return figure;
    if (figure !== "" && !dashMarks.has(figure)) marked = true;
    return dashMarks.has(figure) ? { value: new Decimal(0), exact: true } : undefined;
  };
  const result = computeRule(rule, { cell, line: (id, key) => book.value(id, key) });
  return marked ? "" : result;
}

/** A figure printed as a cell (scaled, rounded, signed, marked), or a word as a text cell. */
function composeCell(line: LineContext, column: ResolvedColumn, figure: CellFigure): Cell {
  const { row, table } = line;
  if (typeof figure === "string") {
    // A word cell keeps its footnote mark ("n/m(1)").
    const mark = row.cellMarks?.[column.key];
    return { type: "text", text: figure !== "" && mark ? `${figure}${mark}` : figure };
  }
  const entry = entryAt(line, column);
  const display = resolveDisplay(table, column, row, entry, line.kind);
  const formatted = formatFigure(figure.value, { scale: display.scale, decimals: display.decimals, rounding: line.rounding }, figure.exact);
  if (table.smallMark && !formatted.nil && /^[0.,]+$/.test(formatted.digits)) return { type: "text", text: table.smallMark };
  const overrides = entry !== null && typeof entry === "object" ? entry : undefined;
  const marks = overrides?.mark ?? row.cellMarks?.[column.key];
  const fact = factOf(line, column);
  return {
    type: "number",
    digits: zeroDigits(line, entry, display, formatted.nil) ?? formatted.digits,
    negative: formatted.negative,
    ...(showsCurrency(line, column, overrides, display) && !formatted.nil ? { currency: line.symbol } : {}),
    ...(display.kind === "percent" && !formatted.nil ? { suffix: "%" } : {}),
    ...(marks ? { marks: [marks] } : {}),
    ...(fact ? { fact } : {}),
    value: figure.value.toString(),
    display,
    stated: !column.rule || column.printed,
    ...(entry !== undefined ? { place: { file: "quarter", path: [...line.path, "values", column.statedIndex!] } } : {}),
  };
}

/** Whether a number cell prints the currency symbol: money by default, any other figure but a percentage where the data asks for it. */
function showsCurrency(line: LineContext, column: ResolvedColumn, overrides: Exclude<CellEntry, string | number | null> | undefined, display: Display): boolean {
  const dollar = overrides?.dollar ?? (column.dollar === false ? false : line.dollar);
  const asked = overrides?.dollar === true || line.row.dollar === true;
  const moneyLike = display.kind === "amount" || display.kind === "perShare" || (asked && display.kind !== "percent" && display.kind !== "basisPoints");
  return dollar && moneyLike;
}

/** The fact a stated cell shows: the row's line, or the one line its formula names. */
function factOf(line: LineContext, column: ResolvedColumn): FactRef | undefined {
  const { row, formula } = line;
  if (column.rule && !column.printed) return undefined;
  if (row.id) return { line: row.id, period: column.key };
  if (formula?.op === "ref" && formula.at === undefined) return { line: formula.id, period: column.key };
  return undefined;
}

/**
 * A nil printed as zero digits ("0", "0.00") instead of a dash: when the company (or table)
 * prints zeros so, and for a typed 0 in a percentage, basis-point or ratio cell, a rounded
 * figure ("0.0%"), not a nil.
 */
function zeroDigits(line: LineContext, entry: CellEntry | undefined, display: Display, nil: boolean): string | undefined {
  if (!nil) return undefined;
  const typed = typeof entry === "number" || (entry !== null && typeof entry === "object" && entry.value !== undefined);
  const typedRatioZero = (display.kind === "percent" || display.kind === "basisPoints" || display.kind === "ratio") && typed;
  return (line.table.zero ?? line.release.company.zero) === "digits" || typedRatioZero ? (0).toFixed(display.decimals) : undefined;
}

function safeParse(source: string): Formula | undefined {
  try {
    return parseFormula(source);
  } catch {
    return undefined; // the loader reports formulas that do not parse
  }
}

/** A formula of one line takes that line's format; a ratio of amounts is a percentage. */
function inferFormat(release: LoadedRelease, id: string | undefined, formula: Formula | undefined): FigureFormatName {
  const kindOf = (node: Formula): FigureFormatName | undefined => (node.op === "ref" ? release.facts.lines.get(node.id)?.kind : undefined);
  if (id) return release.facts.lines.get(id)?.kind ?? "amount";
  if (!formula) return "amount";
  if (formula.op === "ref") return kindOf(formula) ?? "amount";
  if (formula.op === "/") {
    const [top, bottom] = [kindOf(formula.left), kindOf(formula.right)];
    if (top === "amount" && bottom === "shares") return "perShare";
    if (top === bottom) return "percent";
  }
  return "amount";
}

/** Header rows: duration groups ("Three Months Ended"), then month and day, then year or label. */
function composeHeader(release: LoadedRelease, table: TableData, columns: readonly ResolvedColumn[]): HeaderCell[][] {
  if (table.header?.rows) {
    return table.header.rows.map((row) => row.map((cell) => (typeof cell === "string" ? { text: cell, span: 1 } : cell)));
  }
  const dateStyle = table.header?.dateStyle ?? "short";
  const periods = columns.map((column) => release.quarter.periods[column.period]);
  const rows: HeaderCell[][] = [];
  if (table.header?.over) rows.push([{ text: table.header.over, span: columns.length }]);
  const groups: HeaderCell[] = [];
  for (const period of periods) {
    const heading = (period && durationHeading(period)) ?? "";
    const last = groups[groups.length - 1];
    if (last && last.text === heading) groups[groups.length - 1] = { text: heading, span: last.span + 1 };
    else groups.push({ text: heading, span: 1 });
  }
  if (groups.some((group) => group.text !== "")) rows.push(groups);
  const dates = columns.map((column, index) => {
    const period = periods[index];
    if (column.rule || !period) return { monthDay: "", year: column.label ?? defaultLabel(column) };
    const date = formatColumnDate(periodEnd(period), dateStyle);
    return column.label ? { monthDay: `${date.monthDay} ${date.year}`, year: column.label } : date;
  });
  if (table.header?.dateLines === 1) {
    // Each date whole on one line, as some companies print it ("November 20, 2022").
    rows.push(dates.map((date) => ({ text: date.monthDay === "" ? date.year : `${date.monthDay} ${date.year}`, span: 1 })));
    return rows;
  }
  if (dates.some((date) => date.monthDay !== "")) rows.push(dates.map((date) => ({ text: date.monthDay, span: 1 })));
  rows.push(dates.map((date) => ({ text: date.year, span: 1 })));
  return rows;
}

function defaultLabel(column: ResolvedColumn): string {
  return column.rule ? ruleEntry(column.rule).label : "";
}
