/**
 * `earnings-release build`: load, compose and render quarter files into <out>/<company>/<period>/.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { BuildCache, buildManifestName } from "../../build-cache.js";
import { readCheckSources, runChecks } from "../../checks/run-checks.js";
import { composeRelease } from "../../compose/release.js";
import { DataError, formatIssue } from "../../data/issues.js";
import { type LoadedRelease, loadRelease } from "../../data/load.js";
import { PdfError } from "../../pdf/pdf-error.js";
import { type PaperSize, PdfPrinter } from "../../pdf/pdf-printer.js";
import { type OutputFormat, outputFormats, renderRelease } from "../../render.js";
import { writerFor, writerNames } from "../../writers/index.js";
import { resolveStyleName, StyleError } from "../../templates/style.js";
import { BuildReport } from "../build-report.js";
import { exitCodes, UsageError } from "../errors.js";
import { findQuarterFiles } from "../inputs.js";
import { mapLimited } from "../map-limited.js";
import { OutputError, writeFilesAtomically } from "../write-files.js";

function parseFormats(value: string): OutputFormat[] {
  const names = value.split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`--format takes one or more of ${writerNames().join(",")}, got "${value}"`);
  for (const name of names) {
    if (!writerFor(name)) {
      const hint = name === "doc" ? " (Word output is docx)" : name === "text" ? " (plain text is txt)" : "";
      throw new UsageError(`unknown output format "${name}"${hint}; earnings-release writes ${writerNames().join(", ")}`);
    }
  }
  return names as OutputFormat[];
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

/** What the cache keys a release by, with the texts it was loaded from. */
function releaseInputs(file: string, release: LoadedRelease) {
  // The style compose uses (src/compose/release.ts): a PR Newswire company gets "prnewswire".
  const { quarter, company } = release;
  const style = resolveStyleName(quarter, company);
  return { file, companyFile: release.companyFile, style, sources: release.sources };
}

interface BuildOptions {
  readonly format: string;
  readonly out: string;
  readonly draft?: string | true;
  readonly paper: PaperSize;
  readonly force?: boolean;
}

async function build(inputs: readonly string[], options: BuildOptions): Promise<number> {
  const formats = parseFormats(options.format);
  checkOutputFolder(options.out);
  const draft = options.draft === undefined ? undefined : parseDraft(options.draft);
  const files = findQuarterFiles(inputs);
  const report = new BuildReport(files, Boolean(process.stderr.isTTY));
  let failed = 0;
  let checkFailed = 0;
  const cache = new BuildCache(options.out);
  // Created now so that Chromium starts while the releases load; it launches at the first warmUp.
  const printer = formats.includes("pdf") ? new PdfPrinter() : undefined;
  const settings = { formats, paper: options.paper, draft: draft ?? null };
  const loaded: { file: string; meta: ReturnType<typeof composeRelease>["meta"] }[] = [];
  // Output folder -> the quarter file whose release it holds: the first in input order keeps it.
  const owners = new Map<string, string>();
  /** Claims `folder` for `file`; false (and reported) when another input's release goes there. */
  const claim = (file: string, folder: string): boolean => {
    const owner = owners.get(resolve(folder));
    if (owner === undefined || resolve(owner) === resolve(file)) {
      owners.set(resolve(folder), file);
      return true;
    }
    failed++;
    report.error(`${file}  has the same company and period as ${owner}: both releases would be written to ${folder}/, so ${file} is not built; remove one of the two files, or give it its own period`);
    report.record({ file, status: "failed", checks: "-" });
    return false;
  };
  /** Loads, composes and ties out one release; undefined when it is skipped or not to be written. */
  const prepare = (file: string): { file: string; release: LoadedRelease; document: ReturnType<typeof composeRelease>; key: string } | undefined => {
    const upToDate = options.force ? undefined : cache.findUpToDate(file, settings);
    if (upToDate !== undefined) {
      if (!claim(file, upToDate)) return undefined;
      report.line(`${file} -> ${upToDate}/ unchanged since the last build, skipped (--force rebuilds)`);
      report.record({ file, status: "skipped", checks: "-" });
      return undefined;
    }
    report.start(file);
    try {
      const release = loadRelease(file);
      if (!claim(file, join(options.out, release.companyId, release.quarter.period))) return undefined;
      // The key of what is rendered: the texts just loaded, the style's files before compose reads them.
      const key = cache.computeKey(releaseInputs(file, release), settings);
      const composed = composeRelease(release, draft ? { draft } : {});
      // Tie-out before rendering: a final release that fails is not written; a draft carries its failures.
      const failures = runChecks(release, composed, { sources: readCheckSources(release) }).results.filter((result) => result.status === "fail");
      if (failures.length > 0) {
        const final = composed.meta.status.final;
        report.error(`${file}: ${failures.length} tie-out check${failures.length === 1 ? "" : "s"} failed${final ? "; a final release is not written (fix them, or build with --draft)" : "; the draft is built with them stamped on it"}:\n${failures.map((result) => `  ${result.check}: ${result.message}`).join("\n")}\n`);
        if (final) {
          checkFailed++;
          report.record({ file, status: "not written", checks: `${failures.length} failed` });
          return undefined;
        }
      }
      printer?.warmUp();
      return { file, release, key, document: failures.length > 0 ? composeRelease(release, { ...(draft ? { draft } : {}), checkFailures: failures.map((result) => result.message) }) : composed };
    } catch (error) {
      if (!(error instanceof DataError || error instanceof StyleError)) throw error;
      failed++;
      report.error(error instanceof DataError ? error.issues.map(formatIssue).join("\n") : `${file}  ${error.message}`);
      report.record({ file, status: "failed", checks: "error" });
      return undefined;
    }
  };
  const unexpected: unknown[] = [];
  try {
    // Each release loaded, rendered and written in turn, a few at a time: enough to keep both
    // print pages busy, few enough to keep memory flat however many releases there are.
    await mapLimited(files, 4, async (quarterFile) => {
        const prepared = prepare(quarterFile);
        if (prepared === undefined) return;
        const { file, release, document, key } = prepared;
        loaded.push({ file, meta: document.meta });
        try {
          const rendered = await renderRelease(document, formats, { printer, paper: options.paper });
          const folder = join(options.out, release.companyId, release.quarter.period);
          const outputs = new Map([...rendered].map(([format, data]) => [writerFor(format)!.fileName, data]));
          const manifest = cache.createManifest(key, releaseInputs(file, release), settings, outputs);
          writeFilesAtomically(new Map([...[...outputs].map(([name, data]): [string, Uint8Array] => [join(folder, name), data]), [join(folder, buildManifestName), manifest]]));
          const seconds = report.elapsed(file) ?? 0;
          report.line(`${file} -> ${folder}/ (${[...rendered.keys()].join(", ")}) in ${seconds.toFixed(2)} s`);
          const failures = document.meta.checkFailures.length;
          report.record({ file, status: "built", formats: [...rendered.keys()], checks: failures > 0 ? `${failures} failed (draft)` : "pass", seconds });
        } catch (error) {
          // One release that cannot be rendered does not stop the others.
          failed++;
          report.error(`${file}  ${error instanceof Error ? error.message : String(error)}`);
          report.record({ file, status: "failed", checks: "-" });
          if (!(error instanceof PdfError || error instanceof DataError || error instanceof StyleError || error instanceof OutputError)) unexpected.push(error);
        }
    });
  } finally {
    await printer?.close();
    if (printer !== undefined && printer.restarts > 0) {
      const retried = loaded.filter(({ meta }) => printer.retriedDocuments.includes(meta)).map(({ file }) => file);
      process.stderr.write(`PDF: Chromium stopped unexpectedly and was restarted; ${retried.length > 0 ? `printed again: ${retried.join(", ")}` : "no document was being printed"}\n`);
    }
  }
  if (unexpected.length > 0) throw unexpected[0];
  if (files.length > 1) report.line(`\n${report.formatSummary()}`);
  if (failed > 0) process.stderr.write(`${failed} of ${files.length} release${files.length === 1 ? "" : "s"} not built: fix the problems above\n`);
  if (checkFailed > 0) process.stderr.write(`${checkFailed} final release${checkFailed === 1 ? "" : "s"} not written: tie-out checks failed\n`);
  return failed > 0 ? exitCodes.badInput : checkFailed > 0 ? exitCodes.checkFailed : exitCodes.ok;
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
