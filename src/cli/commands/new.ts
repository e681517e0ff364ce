/**
 * `earnings-release new <quarter.yaml> --period 2003-q4`: start the next quarter from this one.
 */
import { existsSync, linkSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { temporaryPath } from "../../pipeline/write-files.js";
import type { LoadedRelease } from "../../data/load.js";
import { exitCodes, UsageError } from "../errors.js";
import { findQuarterFiles } from "../inputs.js";

interface NewOptions {
  readonly period: string;
  readonly out?: string;
}

/** Writes `text` to `path` only if no file is there; a crash leaves no partial file at `path`. */
export function writeNewFile(path: string, text: string): void {
  const temporary = temporaryPath(path);
  writeFileSync(temporary, text, { flag: "wx" });
  try {
    linkSync(temporary, path); // fails with EEXIST rather than replace a file
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${path} already exists; earnings-release new never overwrites a file (give --out another name)`);
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The pipeline's modules, loaded when the command runs (not for `--help`). */
async function importPipeline() {
  const [{ DataError, formatIssue }, { loadRelease }, { rollForward, RollForwardError }, { listUnfinishedWork }] = await Promise.all([
    import("../../data/issues.js"),
    import("../../data/load.js"),
    import("../../workflow/roll-forward.js"),
    import("../../workflow/unfinished-work.js"),
  ]);
  return { DataError, formatIssue, loadRelease, rollForward, RollForwardError, listUnfinishedWork };
}

/** Other quarter files beside the source that load, latest period first. */
function loadEarlierQuarters(source: string, out: string, { loadRelease, DataError }: Awaited<ReturnType<typeof importPipeline>>): LoadedRelease[] {
  const skip = new Set([resolve(source), resolve(out)]);
  const releases: LoadedRelease[] = [];
  for (const file of findQuarterFiles([dirname(source)])) {
    if (skip.has(resolve(file))) continue;
    try {
      releases.push(loadRelease(file));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
    }
  }
  return releases.sort((a, b) => b.quarter.period.localeCompare(a.quarter.period));
}

async function createQuarter(file: string, options: NewOptions): Promise<number> {
  const out = options.out ?? join(dirname(file), `${options.period}.yaml`);
  if (existsSync(out)) throw new UsageError(`${out} already exists; earnings-release new never overwrites a file (give --out another name)`);
  const pipeline = await importPipeline();
  const { DataError, formatIssue, loadRelease, rollForward, RollForwardError, listUnfinishedWork } = pipeline;
  let source: LoadedRelease;
  try {
    source = loadRelease(file);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    process.stderr.write(`${error.issues.map(formatIssue).join("\n")}\n${file} must load before it can be rolled forward\n`);
    return exitCodes.badInput;
  }
  let result;
  try {
    result = rollForward({
      source,
      sourceText: source.sources.quarter,
      earlier: loadEarlierQuarters(file, out, pipeline),
      period: options.period,
      today: new Date().toISOString().slice(0, 10),
    });
  } catch (error) {
    if (error instanceof RollForwardError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  writeNewFile(out, result.text);
  const renamed = [...result.plan.rename]
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => `${from} -> ${to}`)
    .join(", ");
  const added = [...result.plan.yearToDate.values()];
  process.stdout.write(`wrote ${out} (draft 1 of ${options.period})\n  periods: ${renamed || "none moved"}${added.length > 0 ? `; added ${added.join(", ")}` : ""}\n`);
  const section = (title: string, lines: readonly string[]) => {
    if (lines.length > 0) process.stdout.write(`  ${title}:\n${lines.map((line) => `    ${line}`).join("\n")}\n`);
  };
  section("carried", result.report.carried);
  section("moved", result.report.moved);
  section("emptied", result.report.emptied);
  section("needs you", result.report.needsUser);
  try {
    const work = listUnfinishedWork(loadRelease(out));
    const figures = work.filter((item) => item.code === "to_fill").length;
    const sections = work.length - figures;
    process.stdout.write(
      `  to do: ${figures} figure${figures === 1 ? "" : "s"} to fill (${result.fill.join(", ") || "none"}), ${sections} section${sections === 1 ? "" : "s"} to rewrite; \`earnings-release check ${out}\` lists them\n`,
    );
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    process.stderr.write(`the new file does not load yet:\n${error.issues.map(formatIssue).join("\n")}\n`);
  }
  for (const note of result.notes) process.stdout.write(`  note: ${note}\n`);
  return exitCodes.ok;
}

/** Registers the command. */
export function registerNew(program: Command): void {
  program
    .command("new")
    .description("start the next quarter from this one: periods rolled forward, prior-period figures from earlier quarter files, new figures blank (~), narrative marked for rewrite")
    .argument("<quarter>", "the quarter file to start from, e.g. data/atg/2003-q3.yaml")
    .requiredOption("-p, --period <quarter>", "the new fiscal quarter, e.g. 2003-q4")
    .option("-o, --out <file>", "the file to write (default: <period>.yaml beside the source); never overwritten")
    .action(async (file: string, options: NewOptions) => {
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
      process.exitCode = await createQuarter(file, options);
    });
}
