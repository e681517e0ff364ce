/**
 * The rows whose printed values a check can recompute: declared totals, and rows that state
 * values beside a formula (a margin, a figure repeated from another statement).
 */
import type { DataPath } from "../data/issues.js";
import { type FigureFormatName } from "../data/schema.js";
import { type Decimal } from "../finance/decimal.js";
import { type FactValue, readRowCells } from "../finance/facts.js";
import { resolveColumns, statedColumns } from "../finance/columns.js";
import { ruleEntry } from "../finance/column-rules.js";
import { type Display as FullDisplay, figuresModeOf, resolveDisplay } from "../finance/display.js";
import { type Formula, parseFormula, sumTerms } from "../finance/formula.js";
import type { Interval } from "../finance/intervals.js";
import { type CheckContext, type Display } from "./context.js";

/** A table row with a formula and stated values. */
export interface ComputedRow {
  readonly id?: string;
  readonly label: string;
  readonly formula: Formula;
  readonly formulaSource: string;
  readonly formulaKey: "total" | "formula";
  readonly kind: FigureFormatName;
  /** How the row's first stated figure is printed (see `displayAt` for each key). */
  readonly display: Display;
  /** A declared tolerance override in display units (0 when none). */
  readonly tolerance: number;
  /** The table's printed figures are force-footed: sums must hold exactly. */
  readonly footed: boolean;
  /** Stated values in base units by fact key, where the row's formula applies to the column. */
  readonly stated: ReadonlyMap<string, Decimal>;
  /** Path of the row; `values[i]` of a period is `valuePath(period)`. */
  readonly path: DataPath;
  valuePath(period: string): DataPath;
  displayAt(key: string): FullDisplay;
  /** Evaluates the formula at a key, at the instant a row's `at` names (cash at the start of a period). */
  compute(key: string): FactValue | undefined;
  /** The values the formula may take when its inputs are anywhere in their rounding intervals. */
  range(key: string, rounded: boolean): Interval | "any" | undefined;
}

const listed = new WeakMap<CheckContext, ComputedRow[]>();

/** Every row of every table that has a formula (or total) and at least one stated value (once per run). */
export function listComputedRows(context: CheckContext): ComputedRow[] {
  const known = listed.get(context);
  if (known) return known;
  const rows = collectComputedRows(context);
  listed.set(context, rows);
  return rows;
}

function collectComputedRows(context: CheckContext): ComputedRow[] {
  const { quarter, facts, company } = context.release;
  const rows: ComputedRow[] = [];
  quarter.tables.forEach((table, tableIndex) => {
    const columns = statedColumns(facts.tableColumns.get(table.id) ?? resolveColumns(table, quarter.periods, ["tables", tableIndex]));
    const keys = columns.map((column) => column.key);
    const footed = figuresModeOf(table, company.figures) === "footed";
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row || !row.values) return;
      const source = row.total ?? row.formula;
      if (source === undefined) return;
      let formula: Formula;
      try {
        formula = parseFormula(source);
      } catch {
        return; // the loader reports formulas that do not parse
      }
      const kind: FigureFormatName = row.format ?? (formula.op === "ref" ? (facts.lines.get(formula.id)?.kind ?? "amount") : "amount");
      const path: DataPath = ["tables", tableIndex, "rows", rowIndex];
      const cells = readRowCells(table, columns, { ...row, format: kind }, path, [], () => undefined);
      // A sum holds in every additive column (stated, change, sum); any other formula only in stated columns.
      const linear = sumTerms(formula) !== null || formula.op === "ref";
      // ...and only where the cell measures what the row does (a % column beside amounts does not foot).
      // A sum also holds in a column of another additive measure (an EPS column of a reconciliation);
      // a ratio only where the cell is the row's own kind.
      const additiveKinds = new Set(["amount", "shares", "perShare", "count"]);
      const applies = (key: string) => {
        const rule = columns.find((column) => column.key === key)?.rule;
        const cellKind = cells.displays.get(key)?.kind ?? kind;
        if (cellKind !== kind && !(linear && additiveKinds.has(cellKind) && additiveKinds.has(kind))) return false;
        return rule === undefined || (linear && ruleEntry(rule).additive);
      };
      const stated = new Map([...cells.stated].filter(([key]) => applies(key) && !cells.small.has(key)));
      const displays = cells.displays;
      const first = displays.get([...stated.keys()][0] ?? "") ?? resolveDisplay(table, columns[0], { ...row, format: kind });
      const tolerance = kind === "perShare" || kind === "percent" ? 0 : (table.tolerance ?? company.tolerance ?? 0);
      const atKey = (key: string) => (row.at === "end" ? facts.instantAtEnd(key) : row.at === "start" ? facts.instantAtStart(key) : key);
      rows.push({
        ...(row.id ? { id: row.id } : {}),
        label: row.label,
        formula,
        formulaSource: source,
        formulaKey: row.total !== undefined ? "total" : "formula",
        kind,
        display: first,
        tolerance,
        footed,
        stated,
        path,
        valuePath: (key) => [...path, "values", keys.indexOf(key)],
        displayAt: (key) => displays.get(key) ?? first,
        compute: (key) => {
          const at = atKey(key);
          return at === undefined ? undefined : facts.evaluate(formula, at);
        },
        range: (key, rounded) => {
          const at = atKey(key);
          return at === undefined ? undefined : facts.formulaInterval(formula, at, rounded);
        },
      });
    });
  });
  return rows;
}
