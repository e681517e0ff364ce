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
import { dashMarks, resolveDisplay } from "../finance/display.js";
import { type FactValue, readRowCells } from "../finance/facts.js";
import { formatFigure } from "../finance/format.js";
import { type Formula, formulaReferences, parseFormula } from "../finance/formula.js";
import type { Cell, HeaderCell, TableNode, TableRow, TextTableLayout } from "../model/document.js";
import { widenForSpanningHeadings } from "../model/header-widths.js";
import { durationHeading, formatColumnDate, periodEnd } from "./dates.js";

/** A cell that could not be filled, located in the quarter file. */
export interface ComposeIssue {
  readonly code: string;
  readonly path: DataPath;
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
    if (row === "blank") return { kind: "blank", label: "", level: 0, cells: [] };
    if ("heading" in row) return { kind: "heading", label: row.heading, level: row.level ?? 0, centered: row.centered, cells: [] };
    return composeLine(release, table, columns, row, rowIndex === firstFigureRow, rounding, [...path, "rows", rowIndex], issues);
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
  };
}

function composeLine(
  release: LoadedRelease,
  table: TableData,
  columns: readonly ResolvedColumn[],
  row: LineRowData,
  isFirstFigureRow: boolean,
  rounding: RoundingPolicy,
  path: DataPath,
  issues: ComposeIssue[],
): TableRow {
  const book = release.facts;
  const formula = row.formula !== undefined && !row.id ? parseFormula(row.formula) : undefined;
  const rowKind: FigureFormatName = row.format ?? inferFormat(release, row.id, formula);
  const rowDollar = row.dollar ?? (isFirstFigureRow || row.style === "grandTotal");
  const symbol = table.currency ?? release.company.currency ?? "$";
  // A row without an id states its own figures (a repetition in another unit, a reconciliation row).
  const own = row.id ? undefined : readRowCells(table, statedColumns(columns), row, path, [], safeParse);
  const entryAt = (column: ResolvedColumn): CellEntry | undefined => (column.statedIndex === undefined ? undefined : row.values?.[column.statedIndex]);

  /** The exact figure of this row in a column, or a word for the cell ("n/m", a blank). */
  const figures = new Map<string, CellFigure>();
  const figureAt = (column: ResolvedColumn): CellFigure => {
    const known = figures.get(column.key);
    if (known !== undefined) return known;
    const result = column.rule && !column.printed ? derive(column.rule) : stated(column);
    figures.set(column.key, result);
    return result;
  };
  const byKey = (key: string) => columns.find((column) => column.key === key);
  const stated = (column: ResolvedColumn): CellFigure => {
    const written = entryAt(column);
    if (typeof written === "string") return written;
    // `~` is a blank, unless the row's formula computes the cell (a reconciliation's GAAP column).
    if (written === null && (column.printed || (!row.id && !formula))) return "";
    const key = row.id ? column.key : row.at === "end" ? book.instantAtEnd(column.key) : row.at === "start" ? book.instantAtStart(column.key) : column.key;
    let value: FactValue | undefined;
    if (key === undefined) value = undefined;
    else if (row.id) value = book.value(row.id, key);
    else if (own?.stated.has(column.key)) value = { value: own.stated.get(column.key)!, exact: true };
    else if (own?.cellFormulas.has(column.key)) value = book.evaluate(own.cellFormulas.get(column.key)!.formula, column.key, true);
    else if (formula) value = book.evaluate(formula, key);
    if (value) return value;
    if (written === null || written === undefined) return "";
    const missing = formula && key !== undefined ? formulaReferences(formula).filter((id) => !book.value(id, key)) : [];
    issues.push({ code: "no_value", path, message: `"${row.label}" has no value for ${column.key}${key === undefined ? `: no instant period at the ${row.at} of ${column.period}; declare one in periods` : missing.length ? `: ${missing.join(", ")} ${missing.length > 1 ? "have" : "has"} none for ${key}` : ""}` });
    return "";
  };
  const derive = (rule: ColumnRule): CellFigure => {
    const entry = ruleEntry(rule);
    if (entry.percent && rowKind === "percent") return ""; // no percentage of a percentage
    if (rule.kind === "percentOf" && rowKind !== "amount") return ""; // a share count or per-share amount is no share of revenue
    let marked = false;
    const cell = (key: string): FactValue | undefined => {
      const column = byKey(key);
      const figure = column ? figureAt(column) : "";
      if (typeof figure !== "string") return figure;
      if (figure !== "" && !dashMarks.has(figure)) marked = true;
      return dashMarks.has(figure) ? { value: new Decimal(0), exact: true } : undefined;
    };
    const result = computeRule(rule, { cell, line: (id, key) => book.value(id, key) });
    return marked ? "" : result;
  };

  const cells = columns.map((column): Cell => {
    const figure = figureAt(column);
    const entry = entryAt(column);
    if (typeof figure === "string") {
      // A word cell keeps its footnote mark ("n/m(1)").
      const mark = row.cellMarks?.[column.key];
      return { type: "text", text: figure !== "" && mark ? `${figure}${mark}` : figure };
    }
    const display = resolveDisplay(table, column, row, entry, rowKind);
    const formatted = formatFigure(figure.value, { scale: display.scale, decimals: display.decimals, rounding }, figure.exact);
    const overrides = entry !== null && typeof entry === "object" ? entry : undefined;
    const marks = overrides?.mark ?? row.cellMarks?.[column.key];
    if (table.smallMark && !formatted.nil && /^[0.,]+$/.test(formatted.digits)) return { type: "text", text: table.smallMark };
    const dollar = overrides?.dollar ?? (column.dollar === false ? false : rowDollar);
    // The sign goes on money by default, and on any other figure but a percentage where the data asks for it.
    const asked = overrides?.dollar === true || row.dollar === true;
    const moneyLike = display.kind === "amount" || display.kind === "perShare" || (asked && display.kind !== "percent" && display.kind !== "basisPoints");
    const fact = column.rule && !column.printed ? undefined : row.id ? { line: row.id, period: column.key } : formula?.op === "ref" && formula.at === undefined ? { line: formula.id, period: column.key } : undefined;
    // A company that prints zero as digits ("0", "0.00") instead of a dash.
    // A typed 0 in a percentage, basis-point or ratio cell is a rounded figure ("0.0%"), not a nil.
    const typedRatioZero = formatted.nil && (display.kind === "percent" || display.kind === "basisPoints" || display.kind === "ratio") && (typeof entry === "number" || (entry !== null && typeof entry === "object" && entry.value !== undefined));
    const zeroDigits = formatted.nil && ((table.zero ?? release.company.zero) === "digits" || typedRatioZero) ? (0).toFixed(display.decimals) : undefined;
    return {
      type: "number",
      digits: zeroDigits ?? formatted.digits,
      negative: formatted.negative,
      ...(dollar && moneyLike && !formatted.nil ? { currency: symbol } : {}),
      ...(display.kind === "percent" && !formatted.nil ? { suffix: "%" } : {}),
      ...(marks ? { marks: [marks] } : {}),
      ...(fact ? { fact } : {}),
      value: figure.value.toString(),
      display,
      stated: !column.rule || column.printed,
    };
  });
  return {
    kind: row.style ?? "item",
    label: row.label,
    level: row.level ?? 0,
    cells,
    ...(row.marks ? { marks: row.marks } : {}),
    ...(row.id ? { line: row.id } : {}),
  };
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

