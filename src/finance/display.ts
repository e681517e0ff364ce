/**
 * The one display rule: how a figure is scaled and rounded for printing, decided per cell from
 * the cell, its column, its row and its table. The fact book, compose, the checks and the prose
 * helpers all read figures through it.
 */
import type { CellEntry, FigureFormatName, FiguresModeName, LineRowData, TableData, UnitName } from "../data/schema.js";
import { unitScale } from "../data/schema.js";
import { Decimal, powerOfTen } from "./decimal.js";
import type { ResolvedColumn } from "./columns.js";

/** How one figure is printed: what it measures, the power of ten from printed to base units, its decimals. */
export interface Display {
  readonly kind: FigureFormatName;
  /** Printed figure x 10^scale = value in base units (dollars, shares, ratios): 3 for thousands, -2 for a percentage. */
  readonly scale: number;
  readonly decimals: number;
}

/** The power of ten of a kind of figure in a unit: percentages are hundredths, basis points ten-thousandths. */
export function scaleOf(kind: FigureFormatName, unit: UnitName): number {
  switch (kind) {
    case "amount":
    case "shares":
      return unitScale[unit];
    case "percent":
      return -2;
    case "basisPoints":
      return -4;
    default:
      return 0; // per share (dollars), counts and ratios are printed as they are
  }
}

/** Decimals a kind of figure has unless the data says: amounts 0 in thousands, 1 in millions; per share 2; ratios 2. */
export function defaultDecimals(kind: FigureFormatName, unit: UnitName, tableDecimals?: number): number {
  switch (kind) {
    case "amount":
      return tableDecimals ?? (unitScale[unit] <= 3 ? 0 : 1);
    case "shares":
      return tableDecimals ?? 0;
    case "perShare":
    case "ratio":
      return 2;
    default:
      return 0;
  }
}

/** A `values` entry's own overrides (a cell object), if it is one. */
export function cellOverrides(entry: CellEntry | undefined): { format?: FigureFormatName; decimals?: number } {
  return entry !== null && typeof entry === "object" ? entry : {};
}

/**
 * The display of a row's figure in a column. Precedence: the cell, then a column that declares
 * a format (or computes a percentage), then the row, then the column, then the table.
 */
export function resolveDisplay(
  table: TableData,
  column: ResolvedColumn | undefined,
  row: Pick<LineRowData, "format" | "decimals" | "unit">,
  entry?: CellEntry,
  inferredKind?: FigureFormatName,
): Display {
  const cell = cellOverrides(entry);
  const percentRule = column?.rule?.kind === "percentChange" || column?.rule?.kind === "percentOf";
  const columnFormat = column?.format ?? (percentRule ? "percent" : undefined);
  const kind = cell.format ?? columnFormat ?? row.format ?? inferredKind ?? "amount";
  const unit = row.unit ?? table.unit;
  const columnOwns = cell.format === undefined && columnFormat !== undefined;
  const decimals =
    cell.decimals ?? (columnOwns ? column?.decimals : (row.decimals ?? column?.decimals)) ?? defaultDecimals(kind, unit, kind === "amount" || kind === "shares" ? table.decimals : undefined);
  return { kind, scale: scaleOf(kind, unit), decimals };
}

/** Base-unit value of a figure as written: 5001 in thousands -> 5,001,000; 68 (%) -> 0.68. */
export function toBase(written: number, display: Display): Decimal {
  return new Decimal(String(written)).times(powerOfTen(display.scale));
}

/** The printed figure (in display units) of a base-unit value, unrounded. */
export function toDisplayUnits(value: Decimal, display: Display): Decimal {
  return value.times(powerOfTen(-display.scale));
}

/** Half a unit of the last printed digit, in base units: what a rounded figure may hide. */
export function halfUnit(display: Pick<Display, "scale" | "decimals">): Decimal {
  return powerOfTen(display.scale - display.decimals).div(2);
}

/** Decimals a written figure has (`13.25` -> 2). */
export function writtenDecimals(written: number): number {
  const text = String(written);
  if (/e/i.test(text)) return 0;
  return text.split(".")[1]?.length ?? 0;
}

/** How the printed figures of a table relate to the unrounded amounts (see README "Rounding model"). */
export function figuresModeOf(table: TableData, companyDefault?: FiguresModeName): FiguresModeName {
  return table.figures ?? companyDefault ?? (unitScale[table.unit] <= 3 ? "footed" : "rounded");
}

/** Marks that mean nil (zero) to the checks. */
export const dashMarks: ReadonlySet<string> = new Set(["—", "–", "-", "--"]);
