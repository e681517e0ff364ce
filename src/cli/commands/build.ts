/**
 * `earnings-release build`: quarter files through the library's pipeline (`buildReleases`) into
 * <out>/<company>/<period>/; this module parses the options, prints the outcomes, picks the exit code.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { type Command, Option } from "commander";
import type { CheckResult } from "../../checks/types.js";
import { formatIssue } from "../../data/issues.js";
import type { PaperSize } from "../../pdf/pdf-printer.js";
import type { BatchListener } from "../../pipeline/batch.js";
import { outputFormats } from "../../writers/formats.js";
import { exitCodes, UsageError } from "../errors.js";
import { findQuarterFiles } from "../inputs.js";

function parseFormats(value: string, known: readonly string[], isKnown: (name: string) => boolean): string[] {
  const names = value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError(`--format takes one or more of ${known.join(",")}, got "${value}"`);
  for (const name of names) {
    if (!isKnown(name)) {
      const hint = name === "doc" ? " (Word output is docx)" : name === "text" ? " (plain text is txt)" : "";
      throw new UsageError(`unknown output format "${name}"${hint}; earnings-release writes ${known.join(", ")}`);
    }
  }
  return names;
}

function parseDraft(value: string | true): { number: number; date: string } {
  // A draft number is a small whole number: 99999999999999999999 is not one, nor 1e3.
  const number = value === true ? 1 : /^[1-9]\d{0,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--draft takes a draft number from 1 to 9999 such as 3, got "${String(value)}"`);
  // SOURCE_DATE_EPOCH (reproducible builds) fixes the draft's date; else it is today.
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const now = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return { number, date: now.toISOString().slice(0, 10) };
}

/** Refuses an output folder that cannot be one (empty, a file, not writable) before any work. */
function checkOutputFolder(out: string): void {
  if (out.trim() === "") throw new UsageError(`--out takes a folder, got "${out}"`);
  let existing = resolve(out);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) throw new UsageError(`--out ${out}: ${existing} is a file, not a folder; choose another folder with --out`);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(`--out ${out}: ${existing} is not writable; choose another folder with --out`);
  }
}

interface BuildOptions {
  readonly format: string;
  readonly out: string;
  readonly draft?: string | true;
  readonly paper: PaperSize;
  readonly force?: boolean;
}

/** Releases to build from which a batch runs on a worker thread (one release gains nothing from it). */
const minFilesForWorker = 2;

/**
 * V8's interrupt budget (bytecode executed before a function is considered for optimisation),
 * raised fourfold for a batch: at the default (132 KB) V8 optimised the pipeline's functions again
 * and again as each release brought new shapes of data (1,604 optimisations and 394
 * deoptimisations in a 50-release batch, its compiler threads using about 40% of node's CPU).
 * Measured on Node 20 (V8 11): node's CPU for a 50-release batch without PDF 13.1 s -> 10.9 s
 * (means of four interleaved pairs; README, "Performance"). Set only on that V8: another might not
 * know the flag, and would print an error.
 * The worker thread that builds the batch starts after this, with the new budget.
 */
function raiseInterruptBudget(): void {
  if (process.versions.v8.startsWith("11.")) setFlagsFromString("--interrupt-budget=540672");
}

async function build(inputs: readonly string[], options: BuildOptions): Promise<number> {
  // Options are checked against the shipped formats; the registry (with any writer a library
  // user registered) loads only for another name.
  const names = options.format
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const shipped = (name: string) => (outputFormats as readonly string[]).includes(name);
  const registry = names.length > 0 && names.every(shipped) ? undefined : await import("../../writers/index.js");
  const formats = parseFormats(options.format, registry?.writerNames() ?? outputFormats, (name) => (registry ? registry.writerFor(name) !== undefined : shipped(name)));
  checkOutputFolder(options.out);
  const draft = options.draft === undefined ? undefined : parseDraft(options.draft);
  const files = findQuarterFiles(inputs);
  // The batch loads the pipeline (and starts Chromium) only once the cache finds a file to build.
  const [{ buildReleases, findStale }, { batchWorkerAvailable, buildReleasesInWorker }, { PdfPrinter }, { BuildReport }] = await Promise.all([
    import("../../pipeline/batch.js"),
    import("../../pipeline/batch-in-worker.js"),
    import("../../pdf/pdf-printer.js"),
    import("../build-report.js"),
  ]);
  const report = new BuildReport(files, Boolean(process.stderr.isTTY));
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const listFailures = (failures: readonly CheckResult[]) => failures.map((result) => `  ${result.check}: ${result.message}`).join("\n");
  const listener: BatchListener = {
    start: (file) => report.start(file),
    draftFailures: (file, failures) => report.error(`${file}: ${plural(failures.length, "tie-out check")} failed; the draft is built with them stamped on it:\n${listFailures(failures)}\n`),
    done: (outcome) => {
      const { file } = outcome;
      switch (outcome.status) {
        case "skipped":
          report.line(`${file} -> ${outcome.folder}/ unchanged since the last build, skipped (--force rebuilds)`);
          return report.record({ file, status: "skipped", checks: "-" });
        case "built": {
          const seconds = report.elapsed(file) ?? 0;
          report.line(`${file} -> ${outcome.folder}/ (${outcome.formats.join(", ")}) in ${seconds.toFixed(2)} s`);
          return report.record({ file, status: "built", formats: outcome.formats, checks: outcome.failures.length > 0 ? `${outcome.failures.length} failed (draft)` : "pass", seconds });
        }
        case "not written":
          report.error(
            `${file}: ${plural(outcome.failures.length, "tie-out check")} failed; a final release is not written (fix them, or build with --draft):\n${listFailures(outcome.failures)}\n`,
          );
          return report.record({ file, status: "not written", checks: `${outcome.failures.length} failed` });
        case "duplicate":
          report.error(
            `${file}  has the same company and period as ${outcome.owner}: both releases would be written to ${outcome.folder}/, so ${file} is not built; remove one of the two files, or give it its own period`,
          );
          return report.record({ file, status: "failed", checks: "-" });
        case "failed":
          report.error(outcome.issues ? outcome.issues.map(formatIssue).join("\n") : `${file}  ${outcome.message}`);
          return report.record({ file, status: "failed", checks: outcome.issues ? "error" : "-" });
      }
    },
  };
  const batchOptions = { formats, out: options.out, paper: options.paper, ...(draft ? { draft } : {}), ...(options.force ? { force: true } : {}), createPrinter: () => new PdfPrinter() };
  // Two releases or more to build: node's work on a worker thread, the printer on this one. Only the
  // shipped writers exist there (a writer registered in this process would not).
  const inWorker = registry === undefined && batchWorkerAvailable() && findStale(files, batchOptions).length >= minFilesForWorker;
  if (inWorker) raiseInterruptBudget();
  const result = await (inWorker ? buildReleasesInWorker : buildReleases)(files, batchOptions, listener);
  if (result.printerRestarts > 0)
    process.stderr.write(
      `PDF: Chromium stopped unexpectedly and was restarted; ${result.reprinted.length > 0 ? `printed again: ${result.reprinted.join(", ")}` : "no document was being printed"}\n`,
    );
  const failed = result.outcomes.filter((outcome) => outcome.status === "failed" || outcome.status === "duplicate").length;
  const notWritten = result.outcomes.filter((outcome) => outcome.status === "not written").length;
  if (files.length > 1) report.line(`\n${report.formatSummary()}`);
  if (failed > 0) process.stderr.write(`${failed} of ${plural(files.length, "release")} not built: fix the problems above\n`);
  if (notWritten > 0) process.stderr.write(`${plural(notWritten, "final release")} not written: tie-out checks failed\n`);
  return failed > 0 ? exitCodes.badInput : notWritten > 0 ? exitCodes.checkFailed : exitCodes.ok;
}

/** Registers the command. */
export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("render releases: each quarter file (or every quarter file in a folder) into <out>/<company>/<period>/release.<ext>")
    .argument("<inputs...>", "quarter YAML files or folders of them")
    .option("-f, --format <list>", `formats, comma-separated: ${outputFormats.join(",")}`, outputFormats.join(","))
    .option("-o, --out <dir>", "output folder", "output")
    .option("--draft [number]", "mark the release as a draft (number, today's date) whatever its data says")
    .addOption(new Option("--paper <size>", "PDF paper size").choices(["letter", "a4"]).default("letter"))
    .option("--force", "rebuild releases whose inputs did not change since their outputs were written")
    .action(async (inputs: string[], options: BuildOptions) => {
      process.exitCode = await build(inputs, options);
    });
}
