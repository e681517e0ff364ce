/**
 * `earnings-release check`: validate and tie out quarter files without rendering; a report per
 * file (grouped, failures first; colour on a terminal) or `--json`. Exit 0 all pass, 1 a check
 * failed, 2 bad input.
 */
import type { Command } from "commander";
import pc from "picocolors";
import { formatCheckReport } from "../../checks/format-report.js";
import { readCheckSources, runChecks } from "../../checks/run-checks.js";
import type { CheckReport } from "../../checks/types.js";
import { composeRelease } from "../../compose/release.js";
import { DataError, type DataIssue, formatIssue } from "../../data/issues.js";
import { type LoadedRelease, loadRelease } from "../../data/load.js";
import { StyleError } from "../../templates/style.js";
import { type ApprovalComparison, compareWithApproved } from "../../workflow/approved.js";
import { listUnfinishedWork, type UnfinishedItem } from "../../workflow/unfinished-work.js";
import { writeText } from "../../writers/text/index.js";
import { exitCodes } from "../errors.js";
import { findQuarterFiles } from "../inputs.js";

interface CheckCommandOptions {
  readonly json?: boolean;
  readonly all?: boolean;
}

/** Loads, composes and checks each file; every loaded quarter is a sibling of the others (year to date). */
function check(inputs: readonly string[], options: CheckCommandOptions): number {
  const files = findQuarterFiles(inputs);
  const errors: DataIssue[] = [];
  const loaded: { release: LoadedRelease; document?: ReturnType<typeof composeRelease> }[] = [];
  // The quarter workflow: figures still to fill and sections to rewrite (a rolled-forward draft
  // is tied out without its document), and approved releases whose text changed.
  const unfinished: UnfinishedItem[] = [];
  const approvals: Extract<ApprovalComparison, { status: "changed" }>[] = [];
  for (const file of files) {
    try {
      const release = loadRelease(file);
      const work = listUnfinishedWork(release);
      unfinished.push(...work);
      const document = work.some((item) => item.code === "to_fill") ? undefined : composeRelease(release);
      const approval = document ? compareWithApproved(release, writeText(document)) : undefined;
      if (approval?.status === "changed") approvals.push(approval);
      loaded.push({ release, document });
    } catch (error) {
      if (error instanceof DataError) errors.push(...error.issues);
      else if (error instanceof StyleError) errors.push({ code: "style", file, line: 0, column: 0, path: "", message: error.message });
      else throw error;
    }
  }
  const siblings = loaded.map((entry) => entry.release);
  const reports: CheckReport[] = loaded.map(({ release, document }) => runChecks(release, document, { sources: readCheckSources(release), siblings }));
  const passed = reports.every((report) => report.passed) && unfinished.length === 0 && approvals.length === 0;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ passed: passed && errors.length === 0, reports, errors, unfinished, approvals }, null, 2)}\n`);
  } else {
    const colors = pc.createColors(Boolean(process.stdout.isTTY) && pc.isColorSupported);
    const unfinishedIn = (file: string) => unfinished.filter((item) => item.file === file).length;
    process.stdout.write(reports.map((report) => formatCheckReport(report, { colors, all: options.all, unfinished: unfinishedIn(report.file) })).join("\n"));
    const failing = reports.filter((report) => !report.passed).length;
    if (reports.length > 1) process.stdout.write(`\n${reports.length} files checked: ${failing === 0 ? colors.green("all tie out") : colors.red(`${failing} failed`)}${errors.length > 0 ? `, ${files.length - reports.length} not readable` : ""}\n`);
    if (unfinished.length > 0) process.stdout.write(`\n${colors.bold("Still to do")} (${unfinished.length})\n${unfinished.map((item) => `  ${formatIssue(item)}`).join("\n")}\n`);
    for (const approval of approvals) process.stdout.write(`\n${colors.red(colors.bold("Approved text changed"))}: ${approval.message}\n${approval.diff}\n`);
    if (errors.length > 0) process.stderr.write(`${errors.map(formatIssue).join("\n")}\n`);
  }
  if (errors.length > 0) return exitCodes.badInput;
  return passed ? exitCodes.ok : exitCodes.checkFailed;
}

/** Registers the command. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("validate and tie out quarter files (footing, balance, per share, cross-references, non-GAAP, safe harbor) without rendering")
    .argument("<inputs...>", "quarter YAML files or folders of them")
    .option("--json", "print the results as JSON")
    .option("--all", "list every passing check, not only their counts")
    .action((inputs: string[], options: CheckCommandOptions) => {
      process.exitCode = check(inputs, options);
    });
}
