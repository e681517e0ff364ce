/**
 * What is left to do in a rolled-forward quarter: the figures still blank in the periods that
 * `new` left to fill (`rollForward.fill`), and the sections still marked `rewrite: true`.
 */
import type { LoadedRelease } from "../data/load.js";
import { type DataIssue, type DataPath, formatDataPath } from "../data/issues.js";
import { resolveColumns } from "../finance/columns.js";
import { parseFormula } from "../finance/formula.js";

/** One thing still to do, located like a data issue (code `to_fill` or `to_rewrite`). */
export type UnfinishedItem = DataIssue & { readonly code: "to_fill" | "to_rewrite" };

/**
 * Lists the work left in a quarter: every blank cell of a period in `rollForward.fill` whose
 * figure cannot be computed from other figures either, and every section marked for rewrite.
 * A complete release gives an empty list.
 */
export function listUnfinishedWork(release: LoadedRelease): UnfinishedItem[] {
  const { quarter } = release;
  const items: UnfinishedItem[] = [];
  const at = (code: UnfinishedItem["code"], path: DataPath, message: string): UnfinishedItem => ({
    code,
    file: release.file,
    ...release.locate(path),
    path: formatDataPath(path, quarter),
    message,
  });
  const fill = new Set(quarter.rollForward?.fill ?? []);
  quarter.tables.forEach((table, tableIndex) => {
    // The period of each entry of a row's values: stated columns and printed computed ones.
    const periods: string[] = [];
    const keys: string[] = [];
    for (const column of resolveColumns(table, quarter.periods, ["tables", tableIndex])) {
      if (column.statedIndex === undefined) continue;
      periods[column.statedIndex] = column.period;
      keys[column.statedIndex] = column.key;
    }
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row || !row.values) return;
      row.values.forEach((value, index) => {
        const period = periods[index];
        if (value !== null || period === undefined || !fill.has(period)) return;
        if (row.id && release.facts.value(row.id, keys[index] ?? period)) return;
        // A row that shows a computation (a reconciliation's GAAP cell) is no work once it computes.
        if (!row.id && row.formula && computes(release, row.formula, keys[index] ?? period)) return;
        items.push(at("to_fill", ["tables", tableIndex, "rows", rowIndex, "values", index], `${row.label}${row.id ? ` (${row.id})` : ""} for ${period}: figure still to fill (replace ~)`));
      });
    });
  });
  quarter.body.forEach((item, index) => {
    if ("id" in item && item.rewrite)
      items.push(at("to_rewrite", ["body", index, "rewrite"], `the section "${item.heading ?? item.id}" was carried from the last quarter: rewrite it, then delete rewrite: true`));
  });
  if (quarter.forwardLooking?.rewrite)
    items.push(at("to_rewrite", ["forwardLooking", "rewrite"], "the forward-looking sentences were carried from the last quarter: review them, then delete rewrite: true"));
  return items;
}

function computes(release: LoadedRelease, formula: string, key: string): boolean {
  try {
    return release.facts.evaluate(parseFormula(formula), key) !== undefined;
  } catch {
    return false;
  }
}
