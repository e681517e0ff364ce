/**
 * The tie-out runner: every check over one loaded release (and its composed document), results
 * sorted so that one real failure stands out among rounding notes and warnings.
 */
import type { LoadedRelease } from "../data/load.js";
import type { ReleaseDocument } from "../model/document.js";
import { checkBalance } from "./balance.js";
import { formatDataPath } from "../data/issues.js";
import { type CheckContext, createCheckContext } from "./context.js";
import { checkCrossFooting } from "./cross-footing.js";
import { checkCalendar } from "./calendar.js";
import { checkComputedColumns } from "./computed-columns.js";
import { checkCrossStatement } from "./cross-statement.js";
import { checkFooting } from "./footing.js";
import { checkForwardLooking } from "./forward-looking.js";
import { checkNonGaap } from "./non-gaap.js";
import { checkPercentages } from "./percentages.js";
import { checkPerShare } from "./per-share.js";
import { type CheckName, checkNames, type CheckOptions, type CheckReport, type CheckResult, type CheckStatus } from "./types.js";
import { checkUnlinkedNumbers } from "./unlinked-numbers.js";
import { checkYearToDate } from "./year-to-date.js";

/** Each check by name. */
export const checks: Readonly<Record<CheckName, (context: CheckContext) => CheckResult[]>> = {
  footing: checkFooting,
  "cross-footing": checkCrossFooting,
  "computed-columns": checkComputedColumns,
  balance: checkBalance,
  "per-share": checkPerShare,
  percentages: checkPercentages,
  "cross-statement": checkCrossStatement,
  "year-to-date": checkYearToDate,
  calendar: checkCalendar,
  "non-gaap": checkNonGaap,
  "unlinked-numbers": checkUnlinkedNumbers,
  "forward-looking": checkForwardLooking,
};

const statusOrder: Record<CheckStatus, number> = { fail: 0, warning: 1, note: 2, pass: 3 };

/**
 * Runs every tie-out check on a release; with its composed document, also the checks of what the
 * document shows (figures in text, GAAP before non-GAAP, the safe-harbor sentence). Pure: reads
 * nothing (pass `options.sources` from `readCheckSources` for line-exact unlinked numbers).
 */
export function runChecks(release: LoadedRelease, document?: ReleaseDocument, options: CheckOptions = {}): CheckReport {
  const context = createCheckContext(release, document, options);
  const results = checkNames.flatMap((name) => checks[name](context));
  return toReport(release.file, acceptFigures(context, results));
}

/**
 * Figures the data marks `accepted: "<reason>"` (printed as published after review): a failure
 * located at such a figure is a warning that quotes the reason, never hidden.
 */
function acceptFigures(context: CheckContext, results: readonly CheckResult[]): CheckResult[] {
  const { quarter } = context.release;
  const accepted = new Map<string, string>();
  quarter.tables.forEach((table, tableIndex) =>
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row) return;
      row.values?.forEach((entry, index) => {
        if (entry !== null && typeof entry === "object" && entry.accepted) accepted.set(formatDataPath(["tables", tableIndex, "rows", rowIndex, "values", index], quarter), entry.accepted);
      });
    }),
  );
  if (accepted.size === 0) return [...results];
  return results.map((item) => {
    if (item.status !== "fail" || item.path === undefined) return item;
    const reason = [...accepted].find(([path]) => item.path === path || item.path!.startsWith(`${path}.`))?.[1];
    if (reason === undefined) return item;
    return { ...item, status: "warning", message: item.message.replace(/ at ([^ ]+:\d+)$/, `; accepted as printed: ${reason} at $1`) };
  });
}

/** Sorts results (failures first, then warnings, notes, passes; by check, then line) and counts them. */
export function toReport(file: string, results: readonly CheckResult[]): CheckReport {
  const sorted = [...results].sort(
    (a, b) => statusOrder[a.status] - statusOrder[b.status] || checkNames.indexOf(a.check) - checkNames.indexOf(b.check) || a.file.localeCompare(b.file) || a.line - b.line,
  );
  const counts: Record<CheckStatus, number> = { fail: 0, warning: 0, note: 0, pass: 0 };
  for (const item of sorted) counts[item.status]++;
  return { file, results: sorted, counts, passed: counts.fail === 0 };
}

/** The quarter and company files' text for `runChecks` options (unlinked-number lines): the texts the release was loaded from, not read again. */
export function readCheckSources(release: LoadedRelease): NonNullable<CheckOptions["sources"]> {
  return release.sources;
}
