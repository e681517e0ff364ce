/**
 * A build of many quarter files into `<out>/<company>/<period>/`: each release through
 * `buildRelease`, a few at a time, skipped when nothing it depends on changed, its files written
 * atomically with the manifest. One printer serves the whole batch; Chromium launches first, while
 * the data loads and ties out. The outcome of each file is reported as data; the caller prints.
 */
import { join, resolve } from "node:path";
import { BuildCache, buildManifestName } from "../build-cache.js";
import type { CheckResult } from "../checks/types.js";
import type { DataIssue } from "../data/issues.js";
import type { DocumentMeta } from "../model/document.js";
import { PdfError } from "../pdf/pdf-error.js";
import type { DocumentPrinter, PaperSize } from "../pdf/pdf-printer.js";
import { writerFor } from "../writers/index.js";
import { mapLimited } from "./map-limited.js";
import type { DraftMark } from "./release.js";
import { OutputError, writeFilesAtomically } from "./write-files.js";

/** Options of `buildReleases`. */
export interface BatchOptions {
  readonly formats: readonly string[];
  /** Output folder; each release goes to `<out>/<company>/<period>/`. */
  readonly out: string;
  readonly draft?: DraftMark;
  readonly paper?: PaperSize;
  /** Rebuild releases whose inputs did not change. */
  readonly force?: boolean;
  /** Makes the PDF printer (only called when `pdf` is among the formats). */
  readonly createPrinter?: () => DocumentPrinter;
  /** Releases in flight at once (4: enough to keep both print pages busy, memory flat). */
  readonly concurrency?: number;
}

/** What became of one quarter file. */
export type BatchOutcome =
  | { readonly status: "built"; readonly file: string; readonly folder: string; readonly formats: readonly string[]; readonly failures: readonly CheckResult[] }
  | { readonly status: "skipped"; readonly file: string; readonly folder: string }
  /** A final release whose tie-out fails: nothing written. */
  | { readonly status: "not written"; readonly file: string; readonly failures: readonly CheckResult[] }
  /** Input that does not load, figures still to fill, or a release that cannot be rendered or written. */
  | { readonly status: "failed"; readonly file: string; readonly message: string; readonly issues?: readonly DataIssue[] }
  /** Another input of the batch has the same company and period; the first keeps the folder. */
  | { readonly status: "duplicate"; readonly file: string; readonly folder: string; readonly owner: string };

/** Hears the batch as it goes: a file's work starts, a draft's tie-out fails, a file is done. */
export interface BatchListener {
  start?(file: string): void;
  /** A draft is built with its failed checks stamped on its cover. */
  draftFailures?(file: string, failures: readonly CheckResult[]): void;
  done(outcome: BatchOutcome): void;
}

/** The batch's end: every outcome, and what the printer had to redo. */
export interface BatchResult {
  readonly outcomes: readonly BatchOutcome[];
  /** Times Chromium stopped unexpectedly and was restarted. */
  readonly printerRestarts: number;
  /** Files printed again after a restart. */
  readonly reprinted: readonly string[];
}

/** The pipeline's modules, imported only once a file is to be built (an unchanged rebuild never loads them). */
async function loadPipeline() {
  const [issues, load, release, style] = await Promise.all([import("../data/issues.js"), import("../data/load.js"), import("./release.js"), import("../templates/style.js")]);
  return { DataError: issues.DataError, loadRelease: load.loadRelease, buildRelease: release.buildRelease, resolveStyleName: style.resolveStyleName, StyleError: style.StyleError };
}

/**
 * Loads the pipeline's modules ahead of `buildReleases` (a worker about to take over a batch loads
 * them while the one before it ends). A module that fails to load fails `buildReleases` instead.
 */
export async function preloadPipeline(): Promise<void> {
  await loadPipeline().catch(() => undefined);
}

/** What a release's outputs depend on besides its inputs. */
function cacheSettings(options: BatchOptions) {
  return { formats: options.formats, paper: options.paper ?? "letter", draft: options.draft ?? null };
}

/** The files of `files` that `buildReleases` would build (all with `force`; else those the cache finds out of date). */
export function findStale(files: readonly string[], options: BatchOptions): string[] {
  if (options.force) return [...files];
  const cache = new BuildCache(options.out);
  const settings = cacheSettings(options);
  return files.filter((file) => cache.findUpToDate(file, settings) === undefined);
}

/**
 * Builds `files` into `options.out`. An error that is not about the input (a bug) is thrown once
 * every other release is done; everything else is an outcome.
 *
 * `owners`: the output folders already claimed by earlier files of the same build, by folder (a
 * batch split over several calls, as `buildReleasesInWorker` splits it); the call adds its own
 * claims to it, so a later call still finds the duplicates.
 */
export async function buildReleases(files: readonly string[], options: BatchOptions, listener: BatchListener, owners = new Map<string, string>()): Promise<BatchResult> {
  const cache = new BuildCache(options.out);
  const settings = cacheSettings(options);
  // The cache first: a file whose outputs are up to date needs neither Chromium nor the pipeline.
  const upToDate = new Map(
    options.force
      ? []
      : files.flatMap((file): [string, string][] => {
          const folder = cache.findUpToDate(file, settings);
          return folder === undefined ? [] : [[file, folder]];
        }),
  );
  const stale = files.some((file) => !upToDate.has(file));
  const printer = stale && options.formats.includes("pdf") ? options.createPrinter?.() : undefined;
  // Chromium starts now, while the pipeline's modules load and the first releases tie out. Its
  // process is started before the pipeline loads: node's synchronous work from then on (loading
  // the modules, a release's load and tie-out) would hold the launch back until it is done.
  await printer?.warmUp();
  let pipeline: Awaited<ReturnType<typeof loadPipeline>> | undefined;
  const outcomes: BatchOutcome[] = [];
  const printedBy = new Map<DocumentMeta, string>();
  const unexpected: unknown[] = [];
  const report = (outcome: BatchOutcome): void => {
    outcomes.push(outcome);
    listener.done(outcome);
  };
  /** Claims `folder` for `file`: false when an earlier input's release goes there. */
  const claim = (file: string, folder: string): boolean => {
    const owner = owners.get(resolve(folder));
    if (owner !== undefined && resolve(owner) !== resolve(file)) {
      report({ status: "duplicate", file, folder, owner });
      return false;
    }
    owners.set(resolve(folder), file);
    return true;
  };
  const buildOne = async (file: string): Promise<void> => {
    const skipped = upToDate.get(file);
    if (skipped !== undefined) {
      if (claim(file, skipped)) report({ status: "skipped", file, folder: skipped });
      return;
    }
    if (!pipeline) throw new Error("the pipeline is loaded whenever a file is to be built");
    const { DataError, loadRelease, buildRelease, resolveStyleName, StyleError } = pipeline;
    listener.start?.(file);
    try {
      const release = loadRelease(file);
      /** What the cache keys a release by, with the texts it was loaded from. */
      const inputs = { file: release.file, companyFile: release.companyFile, style: resolveStyleName(release.quarter, release.company), sources: release.sources };
      const folder = join(options.out, release.companyId, release.quarter.period);
      if (!claim(file, folder)) return;
      // The key of what is rendered: the texts just loaded, the style's files before compose reads them.
      const key = cache.computeKey(inputs, settings);
      const built = await buildRelease(release, {
        formats: options.formats,
        ...(options.draft ? { draft: options.draft } : {}),
        ...(printer ? { printer } : {}),
        ...(options.paper ? { paper: options.paper } : {}),
      });
      const { failures, document } = built;
      if (document) printedBy.set(document.meta, file);
      if (built.blocked === "to fill") {
        const toFill = built.work.filter((item) => item.code === "to_fill");
        return report({ status: "failed", file, message: `${toFill.length} figure${toFill.length === 1 ? "" : "s"} still to fill (~)`, issues: toFill });
      }
      if (built.blocked === "tie-out") return report({ status: "not written", file, failures });
      if (failures.length > 0) listener.draftFailures?.(file, failures);
      const outputs = new Map([...built.outputs].map(([format, data]) => [writerFor(format)!.fileName, data]));
      const manifest = cache.createManifest(key, inputs, settings, outputs);
      writeFilesAtomically(new Map([...[...outputs].map(([name, data]): [string, Uint8Array] => [join(folder, name), data]), [join(folder, buildManifestName), manifest]]));
      report({ status: "built", file, folder, formats: [...built.outputs.keys()], failures });
    } catch (error) {
      if (error instanceof DataError) return report({ status: "failed", file, message: `${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`, issues: error.issues });
      // One release that cannot be rendered or written does not stop the others.
      report({ status: "failed", file, message: error instanceof Error ? error.message : String(error) });
      if (!(error instanceof PdfError || error instanceof StyleError || error instanceof OutputError)) unexpected.push(error);
    }
  };
  try {
    if (stale) pipeline = await loadPipeline();
    await mapLimited(files, options.concurrency ?? 4, buildOne);
  } finally {
    await printer?.close();
  }
  if (unexpected.length > 0) throw unexpected[0];
  const reprinted = printer ? printer.retriedDocuments.flatMap((meta) => (printedBy.has(meta as DocumentMeta) ? [printedBy.get(meta as DocumentMeta)!] : [])) : [];
  return { outcomes, printerRestarts: printer?.restarts ?? 0, reprinted };
}
