/**
 * Table columns resolved: each is either stated (its values come from the data, keyed by a fact
 * key) or computed from other columns of the same row (change, % change, % of a line, sum).
 */
import type { DataPath } from "../data/issues.js";
import type { ColumnData, PeriodData, TableData } from "../data/schema.js";

/** How a computed column derives its cell from the row's other cells. */
export type ColumnRule =
  | { readonly kind: "change"; readonly of: string; readonly from: string }
  | { readonly kind: "percentChange"; readonly of: string; readonly from: string; readonly convention: "signed" | "magnitude" }
  | { readonly kind: "percentOf"; readonly column: string; readonly line: string }
  | { readonly kind: "sum"; readonly columns: readonly string[] };

/** A column of a table, resolved. */
export interface ResolvedColumn {
  /** Fact key of a stated column (the period id unless the data names another); id of a computed one. */
  readonly key: string;
  /** The period whose dates head the column. */
  readonly period: string;
  readonly label?: string;
  /** Absent for a stated column. */
  readonly rule?: ColumnRule;
  /** Index among the stated columns (the position of its figure in a row's `values`). */
  readonly statedIndex?: number;
  readonly decimals: number;
}

/** A column that does not resolve. */
export interface ColumnIssue {
  readonly code: string;
  readonly path: DataPath;
  readonly message: string;
}

/** Resolves the columns of a table; issues name the column's place in the file. */
export function resolveColumns(
  table: TableData,
  periods: Readonly<Record<string, PeriodData>>,
  tablePath: DataPath,
  issues: ColumnIssue[] = [],
): ResolvedColumn[] {
  const resolved: ResolvedColumn[] = [];
  let statedCount = 0;
  table.columns.forEach((column: ColumnData, index) => {
    const path: DataPath = [...tablePath, "columns", index];
    if (typeof column === "string") {
      if (!(column in periods)) issues.push(unknownPeriod(column, path, periods));
      resolved.push({ key: column, period: column, statedIndex: statedCount++, decimals: 0 });
      return;
    }
    const rules = (["change", "percentChange", "percentOf", "sum"] as const).filter((name) => column[name] !== undefined);
    if (rules.length > 1) issues.push({ code: "column_rule", path, message: `a column is computed one way: ${rules.join(" and ")} given` });
    const rule = toRule(column);
    const referenced = rule === undefined ? [] : rule.kind === "sum" ? rule.columns : rule.kind === "percentOf" ? [rule.column] : [rule.of, rule.from];
    const source = resolved.find((candidate) => candidate.key === referenced[0]) ?? resolvedLater(table, referenced[0]);
    const period = column.period ?? source?.period ?? "";
    const key = column.key ?? (rule ? `${rule.kind}_${index}` : period);
    if (rule === undefined && column.period === undefined && column.key === undefined) {
      issues.push({ code: "column_period", path, message: "a stated column needs a period (or write the period id alone)" });
    } else if (period && !(period in periods)) issues.push(unknownPeriod(period, [...path, column.period ? "period" : "key"], periods));
    resolved.push({ key, period, ...(column.label ? { label: column.label } : {}), ...(rule ? { rule } : { statedIndex: statedCount++ }), decimals: column.decimals ?? 0 });
  });
  const keys = new Set<string>();
  resolved.forEach((column, index) => {
    if (keys.has(column.key)) issues.push({ code: "duplicate_column", path: [...tablePath, "columns", index], message: `two columns have the key "${column.key}"; give one a key: of its own` });
    keys.add(column.key);
  });
  resolved.forEach((column, index) => {
    const rule = column.rule;
    if (!rule) return;
    const referenced = rule.kind === "sum" ? rule.columns : rule.kind === "percentOf" ? [rule.column] : [rule.of, rule.from];
    for (const key of referenced) {
      if (!keys.has(key)) issues.push({ code: "unknown_column", path: [...tablePath, "columns", index], message: `refers to column "${key}", which this table does not have (its columns: ${[...keys].join(", ")})` });
    }
  });
  return resolved;
}

function toRule(column: Exclude<ColumnData, string>): ColumnRule | undefined {
  if (column.change) return { kind: "change", ...column.change };
  if (column.percentChange) return { kind: "percentChange", of: column.percentChange.of, from: column.percentChange.from, convention: column.percentChange.convention ?? "signed" };
  if (column.percentOf) return { kind: "percentOf", ...column.percentOf };
  if (column.sum) return { kind: "sum", columns: column.sum };
  return undefined;
}

/** A column referred to before it is declared: its period, for the heading. */
function resolvedLater(table: TableData, key: string | undefined): { period: string } | undefined {
  for (const column of table.columns) {
    if (typeof column === "string" && column === key) return { period: column };
    if (typeof column !== "string" && (column.key ?? column.period) === key && column.period) return { period: column.period };
  }
  return undefined;
}

function unknownPeriod(id: string, path: DataPath, periods: Readonly<Record<string, PeriodData>>): ColumnIssue {
  return { code: "unknown_period", path, message: `no period "${id}" in periods; declare it there or use one of: ${Object.keys(periods).join(", ")}` };
}

/** The stated columns of a table, in `values` order. */
export function statedColumns(columns: readonly ResolvedColumn[]): ResolvedColumn[] {
  return columns.filter((column) => column.rule === undefined);
}
