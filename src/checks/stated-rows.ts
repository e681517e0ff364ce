/**
 * The rows whose printed values a check can recompute: declared totals, and rows that state
 * values beside a formula (a margin, a figure repeated from another statement).
 */
import type { DataPath } from "../data/issues.js";
import { type FigureFormatName, unitScale } from "../data/schema.js";
import { type Decimal } from "../finance/decimal.js";
import { type FactValue, toBaseUnits } from "../finance/facts.js";
import { resolveColumns, statedColumns } from "../finance/columns.js";
import { type Formula, parseFormula } from "../finance/formula.js";
import { type CheckContext, type Display } from "./context.js";

/** A table row with a formula and stated values. */
export interface ComputedRow {
  readonly id?: string;
  readonly label: string;
  readonly formula: Formula;
  readonly formulaSource: string;
  readonly formulaKey: "total" | "formula";
  readonly kind: FigureFormatName;
  readonly display: Display;
  /** Tolerance in display units. */
  readonly tolerance: number;
  /** Stated values in base units by fact key (a period id, or a stated column's own key). */
  readonly stated: ReadonlyMap<string, Decimal>;
  /** Path of the row; `values[i]` of a period is `valuePath(period)`. */
  readonly path: DataPath;
  valuePath(period: string): DataPath;
  /** Evaluates the formula at a key, at the instant a row's `at` names (cash at the start of a period). */
  compute(key: string): FactValue | undefined;
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
    const scale = unitScale[table.unit];
    const keys = statedColumns(resolveColumns(table, quarter.periods, ["tables", tableIndex])).map((column) => column.key);
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
      const display: Display =
        kind === "perShare" ? { scale: 0, decimals: 2 } : kind === "percent" ? { scale: -2, decimals: 0 } : { scale, decimals: kind === "shares" ? 0 : (table.decimals ?? (scale <= 3 ? 0 : 1)) };
      const stated = new Map<string, Decimal>();
      row.values.forEach((written, index) => {
        const key = keys[index];
        if (typeof written === "number" && key !== undefined) stated.set(key, toBaseUnits(written, kind, scale));
      });
      const path: DataPath = ["tables", tableIndex, "rows", rowIndex];
      const tolerance = kind === "perShare" || kind === "percent" ? 0 : (table.tolerance ?? company.tolerance ?? 0);
      rows.push({
        ...(row.id ? { id: row.id } : {}),
        label: row.label,
        formula,
        formulaSource: source,
        formulaKey: row.total !== undefined ? "total" : "formula",
        kind,
        display,
        tolerance,
        stated,
        path,
        valuePath: (key) => [...path, "values", keys.indexOf(key)],
        compute: (key) => {
          const at = row.at === "end" ? facts.instantAtEnd(key) : row.at === "start" ? facts.instantAtStart(key) : key;
          return at === undefined ? undefined : facts.evaluate(formula, at);
        },
      });
    });
  });
  return rows;
}
