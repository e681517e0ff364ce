/**
 * Table columns resolved: each is either stated (its values come from the data, keyed by a fact
 * key) or computed from other columns of the same row (change, % change, % of a line, sum).
 */
import type { DataPath } from "../data/issues.js";
import type { ColumnData, FigureFormatName, PeriodData, TableData } from "../data/schema.js";
import { type ColumnRule, ruleOperands } from "./column-rules.js";

export type { ColumnRule } from "./column-rules.js";

/** A column of a table, resolved. */
export interface ResolvedColumn {
  /** Fact key of a stated column (the period id unless the data names another); id of a computed one. */
  readonly key: string;
  /** The period whose dates head the column. */
  readonly period: string;
  readonly label?: string;
  /** Absent for a stated column. */
  readonly rule?: ColumnRule;
  /** Index among the columns whose figures are typed (the position of its figure in a row's `values`). */
  readonly statedIndex?: number;
  /** Declared decimals of the column's figures. */
  readonly decimals?: number;
  /** Declared format of the column's figures (over the row's). */
  readonly format?: FigureFormatName;
  /** false: the column never prints a currency sign. */
  readonly dollar?: boolean;
  /** A computed column whose figures are typed as printed (and checked against the rule). */
  readonly printed: boolean;
}

/** A column that does not resolve. */
export interface ColumnIssue {
  readonly code: string;
  readonly path: DataPath;
  readonly message: string;
}

/** Resolves the columns of a table; issues name the column's place in the file. */
export function resolveColumns(table: TableData, periods: Readonly<Record<string, PeriodData>>, tablePath: DataPath, issues: ColumnIssue[] = []): ResolvedColumn[] {
  const resolved: ResolvedColumn[] = [];
  let statedCount = 0;
  table.columns.forEach((column: ColumnData, index) => {
    const path: DataPath = [...tablePath, "columns", index];
    if (typeof column === "string") {
      if (!(column in periods)) issues.push(unknownPeriod(column, path, periods));
      resolved.push({ key: column, period: column, statedIndex: statedCount++, printed: false });
      return;
    }
    const rules = (["change", "percentChange", "percentOf", "sum"] as const).filter((name) => column[name] !== undefined);
    if (rules.length > 1) issues.push({ code: "column_rule", path, message: `a column is computed one way: ${rules.join(" and ")} given` });
    const rule = toRule(column);
    const referenced = rule === undefined ? [] : ruleOperands(rule);
    const source = resolved.find((candidate) => candidate.key === referenced[0]) ?? resolvedLater(table, referenced[0]);
    const period = column.period ?? source?.period ?? "";
    // A computed column's default key is scoped to its table, so two tables never share it.
    const key = column.key ?? (rule ? `${rule.kind}_${table.id}_${index}` : period);
    const printed = rule !== undefined && (column.printed ?? table.printed ?? false);
    if (rule === undefined && column.period === undefined && column.key === undefined) {
      issues.push({ code: "column_period", path, message: "a stated column needs a period (or write the period id alone)" });
    } else if (period && !(period in periods)) issues.push(unknownPeriod(period, [...path, column.period ? "period" : "key"], periods));
    resolved.push({
      key,
      period,
      ...(column.label ? { label: column.label } : {}),
      ...(rule ? { rule } : {}),
      ...(!rule || printed ? { statedIndex: statedCount++ } : {}),
      ...(column.decimals !== undefined ? { decimals: column.decimals } : {}),
      ...(column.format ? { format: column.format } : {}),
      ...(column.dollar !== undefined ? { dollar: column.dollar } : {}),
      printed,
    });
  });
  const keys = new Set<string>();
  resolved.forEach((column, index) => {
    if (keys.has(column.key))
      issues.push({ code: "duplicate_column", path: [...tablePath, "columns", index], message: `two columns have the key "${column.key}"; give one a key: of its own` });
    keys.add(column.key);
  });
  resolved.forEach((column, index) => {
    const rule = column.rule;
    if (!rule) return;
    const referenced = ruleOperands(rule);
    for (const key of referenced) {
      if (!keys.has(key))
        issues.push({
          code: "unknown_column",
          path: [...tablePath, "columns", index],
          message: `refers to column "${key}", which this table does not have (its columns: ${[...keys].join(", ")})`,
        });
    }
  });
  return resolved;
}

function toRule(column: Exclude<ColumnData, string>): ColumnRule | undefined {
  if (column.change) return { kind: "change", ...column.change };
  if (column.percentChange)
    return {
      kind: "percentChange",
      of: column.percentChange.of,
      from: column.percentChange.from,
      convention: column.percentChange.convention ?? "signed",
      acrossSign: column.percentChange.acrossSign ?? "nm",
    };
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

/** The columns whose figures a row's `values` hold (stated and printed computed ones), in order. */
export function statedColumns(columns: readonly ResolvedColumn[]): ResolvedColumn[] {
  return columns.filter((column) => column.statedIndex !== undefined);
}
