/**
 * The tie-out report as a reviewer reads it: grouped by verdict, failures first and marked, then
 * warnings, rounding notes, and a count of what passed. Colours are the caller's choice.
 */
import { type CheckName, checkNames, type CheckReport, type CheckResult, type CheckStatus } from "./types.js";

/** Colour functions (picocolors' `createColors(false)` prints plain text). */
export interface ReportColors {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly green: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const plain: ReportColors = { red: String, yellow: String, cyan: String, green: String, bold: String, dim: String };

const groups: readonly { status: CheckStatus; title: string; mark: string }[] = [
  { status: "fail", title: "FAILED", mark: ">> FAIL" },
  { status: "warning", title: "Warnings (for a reviewer; they do not fail the release)", mark: "warning" },
  { status: "note", title: "Notes (rounding the figures' intervals allow, and checks with nothing to compare)", mark: "note" },
];

/**
 * Formats one report; `all` lists every passing result too, not only their counts. `unfinished`
 * counts figures still to fill and sections to rewrite: a file with any is INCOMPLETE, not PASSED;
 * `approvalChanged`: its text differs from the approved snapshot (CHANGED SINCE APPROVAL).
 */
export function formatCheckReport(report: CheckReport, options: { colors?: ReportColors; all?: boolean; unfinished?: number; approvalChanged?: boolean } = {}): string {
  const c = options.colors ?? plain;
  const { counts } = report;
  const unfinished = options.unfinished ?? 0;
  const verdict = !report.passed
    ? c.red(c.bold("FAILED"))
    : unfinished > 0
      ? c.yellow(c.bold(`INCOMPLETE (${unfinished} still to do)`))
      : options.approvalChanged
        ? c.red(c.bold("CHANGED SINCE APPROVAL"))
        : c.green(c.bold("PASSED"));
  const lines = [
    `${c.bold(report.file)}: ${verdict}  ${counts.fail} failed, ${counts.note} ${counts.note === 1 ? "note" : "notes"}, ${counts.warning} ${counts.warning === 1 ? "warning" : "warnings"}, ${counts.pass} passed`,
  ];
  for (const group of groups) {
    const results = report.results.filter((item) => item.status === group.status);
    if (results.length === 0) continue;
    const paint = group.status === "fail" ? c.red : group.status === "warning" ? c.yellow : c.cyan;
    lines.push("", paint(c.bold(group.title)));
    for (const [check, items] of byCheck(results)) {
      lines.push(`  ${c.bold(check)} (${items.length})`);
      for (const item of items) lines.push(`    ${paint(group.mark)}  ${item.message}`);
    }
  }
  const passed = report.results.filter((item) => item.status === "pass");
  if (passed.length > 0) {
    lines.push("", c.green(c.bold("Passed")));
    if (options.all) {
      for (const [check, items] of byCheck(passed)) {
        lines.push(`  ${c.bold(check)} (${items.length})`);
        for (const item of items) lines.push(`    ${c.green("ok")}  ${c.dim(item.message)}`);
      }
    } else {
      lines.push(`  ${[...byCheck(passed)].map(([check, items]) => `${check} ${items.length}`).join(", ")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function byCheck(results: readonly CheckResult[]): Map<CheckName, CheckResult[]> {
  const grouped = new Map<CheckName, CheckResult[]>();
  for (const name of checkNames) {
    const items = results.filter((item) => item.check === name);
    if (items.length > 0) grouped.set(name, items);
  }
  return grouped;
}
