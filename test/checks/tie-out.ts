/**
 * Test helpers that read like the domain: the default release, a copy with one change, and its
 * failures: `failuresOf(changed(release, (q) => ...))`.
 */
import { runChecks } from "../../src/checks/run-checks.js";
import type { CheckName, CheckReport, CheckResult } from "../../src/checks/types.js";
import { composeRelease } from "../../src/compose/release.js";
import type { DataPath } from "../../src/data/issues.js";
import { type LoadedRelease, loadRelease } from "../../src/data/load.js";
import type { LineRowData, QuarterData } from "../../src/data/schema.js";
import { buildFactBook } from "../../src/finance/facts.js";
import type { ReleaseDocument } from "../../src/model/document.js";

export const defaultFile = "data/atg/2003-q3.yaml";

/** The embedded default, loaded once per test file. */
export const defaultRelease: LoadedRelease = loadRelease(defaultFile);

/** A copy of `release` whose parsed quarter data `change` edits; the figures are rebuilt. */
export function changed(release: LoadedRelease, change: (quarter: QuarterData) => void): LoadedRelease {
  const quarter = structuredClone(release.quarter);
  change(quarter);
  const { book, issues } = buildFactBook(quarter);
  if (issues.length > 0) throw new Error(`the changed data does not load: ${issues.map((issue) => issue.message).join("; ")}`);
  return { ...release, quarter, facts: book };
}

/** The row with `id` in the quarter's tables. */
export function rowOf(quarter: QuarterData, id: string): LineRowData {
  for (const table of quarter.tables) {
    for (const row of table.rows) if (typeof row !== "string" && !("heading" in row) && row.id === id) return row;
  }
  throw new Error(`no row ${id}`);
}

/** Results of every check, with the composed document. */
export function checkWithDocument(release: LoadedRelease, document: ReleaseDocument = composeRelease(release)): CheckReport {
  return runChecks(release, document);
}

/** Messages of the failed results (of one check, if named). */
export function failuresOf(report: CheckReport, check?: CheckName): string[] {
  return report.results.filter((result) => result.status === "fail" && (check === undefined || result.check === check)).map((result) => result.message);
}

/** Results of one check with one status. */
export function resultsOf(report: CheckReport, check: CheckName, status: CheckResult["status"]): CheckResult[] {
  return report.results.filter((result) => result.check === check && result.status === status);
}

/** "data/atg/2003-q3.yaml:191": the place of a data path in the default file. */
export function at(path: DataPath, release: LoadedRelease = defaultRelease): string {
  return `${release.file}:${release.locate(path).line}`;
}

/** Path of a row's value in the default data: rows[id].values[column]. */
export function valueAt(quarter: QuarterData, id: string, column: number): DataPath {
  for (const [tableIndex, table] of quarter.tables.entries()) {
    const rowIndex = table.rows.findIndex((row) => typeof row !== "string" && !("heading" in row) && row.id === id);
    if (rowIndex >= 0) return ["tables", tableIndex, "rows", rowIndex, "values", column];
  }
  throw new Error(`no row ${id}`);
}
