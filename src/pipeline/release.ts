/**
 * The pipeline as a library: load a quarter (its facts computed at load), tie it out, compose it
 * once and write it in any registered format. `build`, `check`, `preview` and `diff` all go
 * through `buildRelease`; the CLI only parses arguments, prints and picks exit codes.
 */
import { runChecks, toReport } from "../checks/run-checks.js";
import type { CheckReport, CheckResult } from "../checks/types.js";
import { composeRelease } from "../compose/release.js";
import { type LoadedRelease, loadRelease } from "../data/load.js";
import type { ReleaseDocument } from "../model/document.js";
import type { DocumentPrinter, PaperSize } from "../pdf/pdf-printer.js";
import { renderRelease } from "../render.js";
import { type ApprovalComparison, compareWithApproved } from "../workflow/approved.js";
import { listUnfinishedWork, type UnfinishedItem } from "../workflow/unfinished-work.js";
import { writeText } from "../writers/text/index.js";

/** A numbered draft: `build --draft 3` on the day it is built. */
export interface DraftMark {
  readonly number: number;
  readonly date: string;
}

/** Options of `buildRelease`. */
export interface BuildReleaseOptions {
  /** Formats to write, by writer name (`writerNames()`); none to load, tie out and compose only. */
  readonly formats?: readonly string[];
  /** Mark the release as this draft whatever its data says. */
  readonly draft?: DraftMark;
  /** Tie out (default true). A final release whose tie-out fails is composed but not written. */
  readonly tieOut?: boolean;
  /** The other quarters of the run, for the year-to-date check. */
  readonly siblings?: readonly LoadedRelease[];
  /** Compare the wire text with the approved release beside the quarter file. */
  readonly approval?: boolean;
  /** Needed for `pdf`: one printer shared by the releases of a run. */
  readonly printer?: DocumentPrinter;
  readonly paper?: PaperSize;
}

/** What the pipeline made of one quarter file. */
export interface BuiltRelease {
  readonly file: string;
  readonly release: LoadedRelease;
  /** Figures still to fill (`~`) and sections to rewrite: a rolled-forward quarter. */
  readonly work: readonly UnfinishedItem[];
  /** The release, composed once; a draft carries its tie-out failures. Absent while figures are still to fill. */
  readonly document?: ReleaseDocument;
  /** The tie-out (absent with `tieOut: false`). An unfinished quarter's relations with nothing to compare yet are notes. */
  readonly report?: CheckReport;
  /** The failed checks of the report. */
  readonly failures: readonly CheckResult[];
  readonly approval?: ApprovalComparison;
  /** Why nothing is written: figures still to fill, or a final release whose tie-out fails. */
  readonly blocked?: "to fill" | "tie-out";
  /** Each format asked for, as bytes; empty when `blocked`. */
  readonly outputs: ReadonlyMap<string, Uint8Array>;
}

/**
 * Loads (or takes) a quarter and runs it through the pipeline: unfinished work, compose (once),
 * tie-out, the failures stamped on a draft as data, then the writers. Throws `DataError` or
 * `StyleError` for input that does not load; a failing tie-out is a result, not an error.
 */
export async function buildRelease(input: string | LoadedRelease, options: BuildReleaseOptions = {}): Promise<BuiltRelease> {
  const prepared = prepareRelease(input, options);
  const formats = options.formats ?? [];
  if (prepared.blocked !== undefined || prepared.document === undefined || formats.length === 0) return { ...prepared, outputs: new Map() };
  const outputs = await renderRelease(prepared.document, formats, { printer: options.printer, paper: options.paper });
  return { ...prepared, outputs };
}

/** Every step of `buildRelease` but the writers: synchronous, for `check` and the preview. */
export function prepareRelease(input: string | LoadedRelease, options: Omit<BuildReleaseOptions, "formats" | "printer" | "paper"> = {}): Omit<BuiltRelease, "outputs"> {
  const release = typeof input === "string" ? loadRelease(input) : input;
  const work = listUnfinishedWork(release);
  const toFill = work.some((item) => item.code === "to_fill");
  // A quarter with figures still to fill is tied out on the figures it has, without its document.
  const composed = toFill ? undefined : composeRelease(release, options.draft ? { draft: options.draft } : {});
  const report = options.tieOut === false ? undefined : tieOut(release, composed, work, options.siblings);
  const failures = report?.results.filter((result) => result.status === "fail") ?? [];
  const document = composed && failures.length > 0 ? stampFailures(composed, failures) : composed;
  // The approved text is compared without the draft stamp: a failing tie-out is its own verdict.
  const approval = options.approval && composed ? compareWithApproved(release, writeText(composed)) : undefined;
  const blocked = toFill ? "to fill" : failures.length > 0 && document?.meta.status.final ? "tie-out" : undefined;
  return { file: release.file, release, work, document, report, failures, ...(approval ? { approval } : {}), ...(blocked ? { blocked } : {}) };
}

function tieOut(release: LoadedRelease, document: ReleaseDocument | undefined, work: readonly UnfinishedItem[], siblings?: readonly LoadedRelease[]): CheckReport {
  const report = runChecks(release, document, { sources: release.sources, ...(siblings ? { siblings } : {}) });
  return work.length > 0 ? withoutEmptyRelations(report) : report;
}

/**
 * An unfinished quarter is tied out on the figures it has: a relation with nothing to compare yet
 * (no figures on one side, because they are still ~) is work to do, not a failure; a relation
 * whose filled figures disagree still fails.
 */
function withoutEmptyRelations(report: CheckReport): CheckReport {
  const results = report.results.map((result) =>
    result.status === "fail" && result.figures.length === 0 && result.difference === undefined
      ? { ...result, status: "note" as const, message: `${result.message} (figures still to fill)` }
      : result,
  );
  return toReport(report.file, results);
}

/** The draft's cover lists its failed checks; a final release is never stamped (it is not written). */
function stampFailures(document: ReleaseDocument, failures: readonly CheckResult[]): ReleaseDocument {
  if (document.meta.status.final) return document;
  return { ...document, meta: { ...document.meta, checkFailures: failures.map((result) => result.message) } };
}
