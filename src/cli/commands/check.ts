/**
 * `earnings-release check`: validate and tie out quarter files without rendering; a report per
 * file (grouped, failures first; colour on a terminal) or `--json`, and a last line that is the
 * verdict: PASSED (exit 0), FAILED, INCOMPLETE or CHANGED SINCE APPROVAL (exit 1), or NOT
 * CHECKED when a file does not load (exit 2).
 */
import type { Command } from "commander";
import pc from "picocolors";
import type { CheckReport } from "../../checks/types.js";
import type { DataIssue } from "../../data/issues.js";
import type { LoadedRelease } from "../../data/load.js";
import type { ApprovalComparison } from "../../workflow/approved.js";
import type { UnfinishedItem } from "../../workflow/unfinished-work.js";
import { exitCodes } from "../errors.js";
import { findQuarterFiles } from "../inputs.js";

interface CheckCommandOptions {
  readonly json?: boolean;
  readonly all?: boolean;
}

/** The verdict of one file or of the whole run, worst first. */
export type CheckVerdict = "NOT CHECKED" | "FAILED" | "CHANGED SINCE APPROVAL" | "INCOMPLETE" | "PASSED";

const verdictOrder: readonly CheckVerdict[] = ["NOT CHECKED", "FAILED", "CHANGED SINCE APPROVAL", "INCOMPLETE", "PASSED"];

/** The exit code that goes with a verdict. */
export function exitCodeOf(verdict: CheckVerdict): number {
  return verdict === "PASSED" ? exitCodes.ok : verdict === "NOT CHECKED" ? exitCodes.badInput : exitCodes.checkFailed;
}

/** Loads each file, then ties out each through the pipeline; every loaded quarter is a sibling of the others (year to date). */
async function check(inputs: readonly string[], options: CheckCommandOptions): Promise<number> {
  const [{ buildRelease }, { loadRelease }, { DataError, formatIssue }, { StyleError }, { formatCheckReport }] = await Promise.all([
    import("../../pipeline/release.js"),
    import("../../data/load.js"),
    import("../../data/issues.js"),
    import("../../templates/style.js"),
    import("../../checks/format-report.js"),
  ]);
  const files = findQuarterFiles(inputs);
  const errors: DataIssue[] = [];
  const unreadable = new Set<string>();
  /** A file that does not load or compose: its issues are listed and it is NOT CHECKED; anything else is a bug. */
  const notChecked = (file: string, error: unknown): void => {
    if (error instanceof DataError) errors.push(...error.issues);
    else if (error instanceof StyleError) errors.push({ code: "style", file, line: 0, column: 0, path: "", message: error.message });
    else throw error;
    unreadable.add(file);
  };
  const loaded: LoadedRelease[] = [];
  for (const file of files) {
    try {
      loaded.push(loadRelease(file));
    } catch (error) {
      notChecked(file, error);
    }
  }
  const checked: { release: LoadedRelease; work: readonly UnfinishedItem[]; report: CheckReport; changed?: Extract<ApprovalComparison, { status: "changed" }>; verdict: CheckVerdict }[] = [];
  for (const release of loaded) {
    let built;
    try {
      // The quarter workflow: figures still to fill and sections to rewrite (a rolled-forward
      // draft is tied out without its document), and approved releases whose text changed.
      built = await buildRelease(release, { siblings: loaded, approval: true });
    } catch (error) {
      notChecked(release.file, error);
      continue;
    }
    const report = built.report!;
    const changed = built.approval?.status === "changed" ? built.approval : undefined;
    const verdict: CheckVerdict = !report.passed ? "FAILED" : built.work.length > 0 ? "INCOMPLETE" : changed ? "CHANGED SINCE APPROVAL" : "PASSED";
    checked.push({ release, work: built.work, report, ...(changed ? { changed } : {}), verdict });
  }
  const unfinished = checked.flatMap((entry) => entry.work);
  const verdicts = [...checked.map((entry) => entry.verdict), ...(unreadable.size > 0 ? ["NOT CHECKED" as const] : [])];
  const verdict = verdictOrder.find((candidate) => verdicts.includes(candidate)) ?? "PASSED";
  const count = (wanted: CheckVerdict) => checked.filter((entry) => entry.verdict === wanted).length;
  const tally = [
    `${files.length} file${files.length === 1 ? "" : "s"} checked`,
    `${count("PASSED")} passed`,
    ...(count("FAILED") > 0 ? [`${count("FAILED")} failed`] : []),
    ...(count("INCOMPLETE") > 0 ? [`${count("INCOMPLETE")} incomplete (${unfinished.length} still to do)`] : []),
    ...(count("CHANGED SINCE APPROVAL") > 0 ? [`${count("CHANGED SINCE APPROVAL")} changed since approval`] : []),
    ...(unreadable.size > 0 ? [`${unreadable.size} not readable`] : []),
  ].join(", ");
  if (options.json) {
    const reports = checked.map((entry) => entry.report);
    const approvals = checked.flatMap((entry) => (entry.changed ? [entry.changed] : []));
    const files: Record<string, CheckVerdict> = Object.fromEntries([
      ...checked.map((entry): [string, CheckVerdict] => [entry.release.file, entry.verdict]),
      ...[...unreadable].map((file): [string, CheckVerdict] => [file, "NOT CHECKED"]),
    ]);
    process.stdout.write(`${JSON.stringify({ verdict, passed: verdict === "PASSED", files, reports, errors, unfinished, approvals }, null, 2)}\n`);
  } else {
    const colors = pc.createColors(Boolean(process.stdout.isTTY) && pc.isColorSupported);
    process.stdout.write(
      checked.map((entry) => formatCheckReport(entry.report, { colors, all: options.all, unfinished: entry.work.length, approvalChanged: entry.changed !== undefined })).join("\n"),
    );
    if (unfinished.length > 0) process.stdout.write(`\n${colors.bold("Still to do")} (${unfinished.length})\n${unfinished.map((item) => `  ${formatIssue(item)}`).join("\n")}\n`);
    for (const { changed } of checked) if (changed) process.stdout.write(`\n${colors.red(colors.bold("Approved text changed"))}: ${changed.message}\n${changed.diff}\n`);
    if (errors.length > 0) process.stderr.write(`${errors.map(formatIssue).join("\n")}\n`);
    const paint = verdict === "PASSED" ? colors.green : verdict === "INCOMPLETE" ? colors.yellow : colors.red;
    process.stdout.write(`\n${paint(colors.bold(verdict))}: ${tally}\n`);
  }
  return exitCodeOf(verdict);
}

/** Registers the command. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("validate and tie out quarter files (footing, balance, per share, cross-references, non-GAAP, safe harbor) without rendering; the last line is the verdict")
    .argument("<inputs...>", "quarter YAML files or folders of them")
    .option("--json", "print the results as JSON")
    .option("--all", "list every passing check, not only their counts")
    .action(async (inputs: string[], options: CheckCommandOptions) => {
      process.exitCode = await check(inputs, options);
    });
}
