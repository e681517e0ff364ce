/**
 * `earnings-release approve <quarter.yaml>...`: pin the wire text of approved releases beside their
 * data; `check` then fails when that text changes.
 */
import type { Command } from "commander";
import { writeFilesAtomically } from "../../pipeline/write-files.js";
import { exitCodes } from "../errors.js";
import { findQuarterFiles } from "../inputs.js";

async function approve(inputs: readonly string[]): Promise<number> {
  // The pipeline loads when the command runs, not for `--help`.
  const [{ composeRelease }, { DataError, formatIssue }, { loadRelease }, { approvedFileOf }, { writeText }] = await Promise.all([
    import("../../compose/release.js"),
    import("../../data/issues.js"),
    import("../../data/load.js"),
    import("../../workflow/approved.js"),
    import("../../writers/text/index.js"),
  ]);
  let failed = 0;
  for (const file of findQuarterFiles(inputs)) {
    try {
      const release = loadRelease(file);
      const text = writeText(composeRelease(release));
      const snapshot = approvedFileOf(file);
      writeFilesAtomically(new Map([[snapshot, new TextEncoder().encode(text)]]));
      const status = release.quarter.status;
      process.stdout.write(`approved ${file}: its text is pinned in ${snapshot}${status === "final" ? "" : ` (note: the data says draft ${status.draft})`}\n`);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      failed++;
      process.stderr.write(`${error.issues.map(formatIssue).join("\n")}\n${file} not approved: it does not render\n`);
    }
  }
  return failed > 0 ? exitCodes.badInput : exitCodes.ok;
}

/** Registers the command. */
export function registerApprove(program: Command): void {
  program
    .command("approve")
    .description("pin the wire text of approved releases in <quarter>.approved.txt beside the data; check fails when it changes")
    .argument("<inputs...>", "quarter YAML files or folders of them")
    .action(async (inputs: string[]) => {
      process.exitCode = await approve(inputs);
    });
}
