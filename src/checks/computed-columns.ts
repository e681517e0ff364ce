/**
 * Printed computed cells: a column the company computed (a % change, a change, U.S. +
 * International = Worldwide, GAAP + adjustments = non-GAAP, % of revenue) and printed holds to its
 * rule, judged by the rounding intervals of the figures it is computed from. Cells that show
 * another fact (`{ formula: netIncome, value: 2310.4 }`) hold to that fact the same way.
 */
import type { DataPath } from "../data/issues.js";
import type { LineRowData } from "../data/schema.js";
import { type CellFigure, computeRule, percentChange, ruleEntry, ruleRange } from "../finance/column-rules.js";
import type { ResolvedColumn } from "../finance/columns.js";
import { statedColumns } from "../finance/columns.js";
import { Decimal } from "../finance/decimal.js";
import { type Display, figuresModeOf, halfUnit } from "../finance/display.js";
import { type FactValue, readRowCells } from "../finance/facts.js";
import { type Formula, parseFormula } from "../finance/formula.js";
import { around, type Interval, point } from "../finance/intervals.js";
import { type CheckContext, describePeriod, formatExact, formatRounded, judgeRounded, result } from "./context.js";
import type { CheckResult } from "./types.js";

/** Runs the check on every printed computed cell and every cell that shows a formula. */
export function checkComputedColumns(context: CheckContext): CheckResult[] {
  const { quarter, facts, company } = context.release;
  const results: CheckResult[] = [];
  quarter.tables.forEach((table, tableIndex) => {
    const columns = facts.tableColumns.get(table.id) ?? [];
    const typed = statedColumns(columns);
    const footed = figuresModeOf(table, company.figures) === "footed";
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row || !row.values) return;
      const path: DataPath = ["tables", tableIndex, "rows", rowIndex];
      const cells = rowFigures(context, table, typed, row, path);
      for (const column of columns) {
        if (column.statedIndex === undefined) continue;
        const stated = cells.stated.get(column.key);
        const mark = cells.marks.get(column.key);
        if (mark !== undefined && stated === undefined && column.rule && column.printed) {
          results.push(
            markedCell(context, column, cells, mark, `${row.label}, ${describePeriod(context, column.key)}${column.label ? ` (${column.label})` : ""}`, [
              ...path,
              "values",
              column.statedIndex,
            ]),
          );
          continue;
        }
        if (stated === undefined || cells.small.has(column.key)) continue;
        const valuePath: DataPath = [...path, "values", column.statedIndex];
        const display = cells.displays.get(column.key)!;
        const subject = `${row.label}, ${describePeriod(context, column.key)}${column.label ? ` (${column.label})` : ""}`;
        if (column.rule && column.printed) results.push(checkRuleCell(context, { column, cells, stated, display, subject, path: valuePath, footed }));
        const formula = cells.formulas.get(column.key);
        if (formula) results.push(checkFormulaCell(context, { key: column.key, formula, stated, display, subject, path: valuePath, footed }));
      }
    });
  });
  return results;
}

interface Figures {
  readonly stated: ReadonlyMap<string, Decimal>;
  readonly displays: ReadonlyMap<string, Display>;
  readonly small: ReadonlySet<string>;
  readonly marks: ReadonlyMap<string, string>;
  readonly formulas: ReadonlyMap<string, { readonly formula: Formula; readonly source: string }>;
  /** The row's figure in a column: stated, or computed by its formula (a reconciliation's GAAP column). */
  value(key: string): FactValue | undefined;
}

function rowFigures(context: CheckContext, table: Parameters<typeof readRowCells>[0], typed: readonly ResolvedColumn[], row: LineRowData, path: DataPath): Figures {
  const { facts } = context.release;
  const line = row.id ? facts.lines.get(row.id) : undefined;
  let rowFormula: Formula | undefined;
  try {
    rowFormula = !row.id && row.formula ? parseFormula(row.formula) : undefined;
  } catch {
    rowFormula = undefined;
  }
  const own = line ?? readRowCells(table, typed, row, path, [], safeParse);
  const formulas = own.cellFormulas;
  return {
    stated: own.stated,
    displays: own.displays,
    small: own.small,
    marks: own.marks,
    formulas,
    value(key) {
      if (line) return facts.value(line.id, key);
      const stated = own.stated.get(key);
      if (stated !== undefined) return { value: stated, exact: true };
      const cell = formulas.get(key);
      if (cell) return facts.evaluate(cell.formula, key, true);
      return rowFormula ? facts.evaluate(rowFormula, key) : undefined;
    },
  };
}

function safeParse(source: string): Formula | undefined {
  try {
    return parseFormula(source);
  } catch {
    return undefined;
  }
}

function checkRuleCell(
  context: CheckContext,
  args: { column: ResolvedColumn; cells: Figures; stated: Decimal; display: Display; subject: string; path: DataPath; footed: boolean },
): CheckResult {
  const { facts } = context.release;
  const { column, cells, stated, display, subject, path } = args;
  const rule = column.rule!;
  const entry = ruleEntry(rule);
  let marked: string | undefined;
  const cell = (key: string): FactValue | undefined => {
    const mark = cells.marks.get(key);
    if (mark !== undefined && !cells.stated.has(key)) marked = mark;
    return cells.value(key);
  };
  const rounded = !(args.footed && entry.additive);
  const interval = (key: string): Interval | undefined => {
    const value = cells.value(key);
    if (!value) return undefined;
    const display = cells.displays.get(key);
    if (cells.small.has(key) && display) return around(new Decimal(0), halfUnit(display));
    return rounded && display ? around(value.value, halfUnit(display)) : point(value.value);
  };
  const lineInterval = (id: string, key: string): Interval | undefined => {
    const found = facts.interval(id, key, true);
    return found === "any" ? undefined : found;
  };
  let computed: CellFigure = computeRule(rule, { cell, line: (id, key) => facts.value(id, key) });
  const statedText = `${formatExact(stated, display)}${display.kind === "percent" ? "%" : ""}`;
  const how = `${entry.label.toLowerCase()} (${entry.describe(rule)})`;
  if (marked !== undefined)
    return result(context, "computed-columns", { status: "warning", subject, text: `${statedText} cannot be checked: an input of its ${how} is printed as "${marked}"`, path });
  if (computed === "n/m" && rule.kind === "percentChange") {
    // Printed as a number where the declared convention says n/m: judge the number the company printed.
    const [of, from] = [cell(rule.of), cell(rule.from)];
    if (of && from && !from.value.eq(0)) computed = percentChange(of, from, rule.convention, "number");
    else if (of && from && of.value.eq(0)) computed = { value: new Decimal(0), exact: true }; // nil then and now: no change
  }
  if (typeof computed === "string") {
    const why = computed === "n/m" ? "its base is zero, so a percentage is not meaningful" : `an input of its ${how} is blank`;
    return result(context, "computed-columns", { status: computed === "n/m" ? "fail" : "warning", subject, text: `${statedText} cannot be checked: ${why}`, path });
  }
  const range = ruleRange(rule, { cell: interval, line: lineInterval });
  const verdict = judgeRounded(context, { stated, display, computed, range, inputs: `the figures of its ${how}`, footed: args.footed && entry.additive });
  const computedText = `${formatRounded(context, computed, display)}${display.kind === "percent" ? "%" : ""}`;
  const text = verdict.status === "pass" ? `${how} gives ${computedText}, as printed` : `${how} gives ${computedText} but the cell is ${statedText}: ${verdict.clause}`;
  return result(context, "computed-columns", { status: verdict.status, subject, text, figures: [{ label: subject, value: statedText }], difference: verdict.difference.toString(), path });
}

function checkFormulaCell(
  context: CheckContext,
  args: { key: string; formula: { formula: Formula; source: string }; stated: Decimal; display: Display; subject: string; path: DataPath; footed: boolean },
): CheckResult {
  const { facts } = context.release;
  const { key, formula, stated, display, subject, path } = args;
  const statedText = formatExact(stated, display);
  const computed = facts.evaluate(formula.formula, key, true);
  if (!computed) return result(context, "cross-statement", { status: "fail", subject, text: `${formula.source} has no value here, so ${statedText} cannot be tied to it`, path });
  const range = facts.formulaInterval(formula.formula, key, true, 0, true);
  const verdict = judgeRounded(context, { stated, display, computed, range, inputs: `the figures of ${formula.source}` });
  const computedText = formatRounded(context, computed, display);
  const text = verdict.status === "pass" ? `${formula.source} is ${computedText}, as printed` : `${formula.source} is ${computedText} but the cell is ${statedText}: ${verdict.clause}`;
  return result(context, "cross-statement", { status: verdict.status, subject, text, difference: verdict.difference.toString(), path });
}

/** A printed computed cell that shows a mark ("n/m"): said, with what the rule gives, but not compared. */
function markedCell(context: CheckContext, column: ResolvedColumn, cells: Figures, mark: string, subject: string, path: DataPath): CheckResult {
  const { facts } = context.release;
  const rule = column.rule!;
  const computed = computeRule(rule, { cell: (key) => cells.value(key), line: (id, key) => facts.value(id, key) });
  const gives =
    typeof computed === "string"
      ? computed === ""
        ? "nothing (an input is blank)"
        : computed
      : `${formatRounded(context, computed, { scale: ruleEntry(rule).percent ? -2 : 0, decimals: 0 })}${ruleEntry(rule).percent ? "%" : ""}`;
  const agrees = computed === "n/m";
  return result(context, "computed-columns", {
    status: agrees ? "pass" : "note",
    subject,
    text: agrees
      ? `printed "${mark}", as its ${ruleEntry(rule).label.toLowerCase()} rule gives`
      : `printed "${mark}" where its ${ruleEntry(rule).label.toLowerCase()} rule gives ${gives}: the company's choice, not compared`,
    path,
  });
}
