/**
 * Tables (statements, highlights) as document nodes: header rows from the periods, and every
 * cell's figure scaled, rounded and formatted once, here.
 */
import type { LoadedRelease } from "../data/load.js";
import type { DataPath } from "../data/issues.js";
import { type FigureFormatName, type LineRowData, type TableData, unitScale } from "../data/schema.js";
import type { RoundingPolicy } from "../finance/decimal.js";
import { type FactValue, toBaseUnits } from "../finance/facts.js";
import { type FigureStyle, formatFigure } from "../finance/format.js";
import { type Formula, formulaReferences, parseFormula } from "../finance/formula.js";
import type { Cell, HeaderCell, TableNode, TableRow, TextTableLayout } from "../model/document.js";
import { durationHeading, formatColumnDate, periodEnd } from "./dates.js";

/** A cell that could not be filled, located in the quarter file. */
export interface ComposeIssue {
  readonly code: string;
  readonly path: DataPath;
  readonly message: string;
}

const defaultLayout: TextTableLayout = { labelWidth: 28, columnWidth: 11, indents: [0, 2, 4, 6], titleAlign: "center" };

/** Builds the node of table `index` of the quarter. */
export function composeTable(release: LoadedRelease, index: number, issues: ComposeIssue[], placedInBody = false): TableNode {
  const table = release.quarter.tables[index]!;
  const rounding = release.company.rounding ?? "half-up";
  const path: DataPath = ["tables", index];
  const firstFigureRow = table.rows.findIndex((row) => typeof row !== "string" && !("heading" in row));
  const rows = table.rows.map((row, rowIndex): TableRow => {
    if (row === "blank") return { kind: "blank", label: "", level: 0, cells: [] };
    if ("heading" in row) return { kind: "heading", label: row.heading, level: row.level ?? 0, centered: row.centered, cells: [] };
    return composeLine(release, table, row, rowIndex === firstFigureRow, rounding, [...path, "rows", rowIndex], issues);
  });
  const text = table.text ?? {};
  return {
    type: "table",
    id: table.id,
    titleLines: table.title,
    caption: table.caption ?? table.title.find((line) => !line.startsWith("(") && line !== release.company.name) ?? table.title[0]!,
    headerRows: composeHeader(release, table),
    columnCount: table.columns.length,
    rows,
    notes: table.notes ?? [],
    // Statements (tables after the prose) start on a new page unless the data says otherwise.
    pageBreakBefore: table.pageBreakBefore ?? !placedInBody,
    textLayout: {
      labelWidth: text.labelWidth ?? defaultLayout.labelWidth,
      columnWidth: text.columnWidth ?? defaultLayout.columnWidth,
      indents: text.indents ?? defaultLayout.indents,
      titleAlign: text.titleAlign ?? defaultLayout.titleAlign,
      ...(text.width !== undefined ? { width: text.width } : {}),
    },
  };
}

function composeLine(
  release: LoadedRelease,
  table: TableData,
  row: LineRowData,
  isFirstFigureRow: boolean,
  rounding: RoundingPolicy,
  path: DataPath,
  issues: ComposeIssue[],
): TableRow {
  const book = release.facts;
  const formula = row.formula !== undefined && !row.id ? parseFormula(row.formula) : undefined;
  const kind: FigureFormatName = row.format ?? inferFormat(release, row.id, formula);
  const style = figureStyle(table, kind, rounding);
  const dollar = row.dollar ?? (isFirstFigureRow || row.style === "grandTotal");
  const currency = dollar && (kind === "amount" || kind === "perShare") ? "$" : undefined;
  const cells = table.columns.map((column, columnIndex): Cell => {
    const period = row.at === "end" ? (book.instantAtEnd(column) ?? column) : column;
    const written = row.values?.[columnIndex];
    if (written === null) return { type: "text", text: "" };
    let value: FactValue | undefined;
    if (row.id) value = book.value(row.id, period);
    else if (written !== undefined) value = { value: toBaseUnits(written, kind, unitScale[table.unit]), exact: true };
    else if (formula) value = book.evaluate(formula, period);
    if (!value) {
      const missing = formula ? formulaReferences(formula).filter((id) => !book.value(id, period)) : [];
      issues.push({ code: "no_value", path, message: `"${row.label}" has no value for ${column}${missing.length ? `: ${missing.join(", ")} ${missing.length > 1 ? "have" : "has"} none for ${period}` : ""}` });
      return { type: "text", text: "" };
    }
    const figure = formatFigure(kind === "percent" ? value.value.times(100) : value.value, style, value.exact);
    const fact = row.id ? { line: row.id, period } : formula?.op === "ref" ? { line: formula.id, period } : undefined;
    return {
      type: "number",
      digits: figure.digits,
      negative: figure.negative,
      ...(currency && !figure.nil ? { currency } : {}),
      ...(kind === "percent" && !figure.nil ? { suffix: "%" } : {}),
      ...(fact ? { fact } : {}),
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

function figureStyle(table: TableData, kind: FigureFormatName, rounding: RoundingPolicy): FigureStyle {
  if (kind === "perShare") return { scale: 0, decimals: 2, rounding };
  if (kind === "percent") return { scale: 0, decimals: 0, rounding };
  const scale = unitScale[table.unit];
  const decimals = table.decimals ?? (kind === "shares" || scale <= 3 ? 0 : 1);
  return { scale, decimals, rounding };
}

/** Header rows: duration groups ("Three Months Ended"), then month and day, then year. */
function composeHeader(release: LoadedRelease, table: TableData): HeaderCell[][] {
  if (table.header?.rows) {
    return table.header.rows.map((row) => row.map((cell) => (typeof cell === "string" ? { text: cell, span: 1 } : cell)));
  }
  const dateStyle = table.header?.dateStyle ?? "short";
  const periods = table.columns.map((column) => release.quarter.periods[column]!);
  const rows: HeaderCell[][] = [];
  if (table.header?.over) rows.push([{ text: table.header.over, span: table.columns.length }]);
  const groups: HeaderCell[] = [];
  for (const period of periods) {
    const heading = durationHeading(period) ?? "";
    const last = groups[groups.length - 1];
    if (last && last.text === heading) groups[groups.length - 1] = { text: heading, span: last.span + 1 };
    else groups.push({ text: heading, span: 1 });
  }
  if (groups.some((group) => group.text !== "")) rows.push(groups);
  const dates = periods.map((period) => formatColumnDate(periodEnd(period), dateStyle));
  rows.push(dates.map((date) => ({ text: date.monthDay, span: 1 })));
  rows.push(dates.map((date) => ({ text: date.year, span: 1 })));
  return rows;
}

export { parseFormula };
