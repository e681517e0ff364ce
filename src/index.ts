/**
 * The library API: the pipeline in one call, or each step (load, tie out, compose, write) alone.
 *
 * ```ts
 * import { buildRelease } from "earnings-release";
 * const { report, outputs } = await buildRelease("data/atg/2003-q3.yaml", { formats: ["txt", "html"] });
 * ```
 */
export { buildRelease, prepareRelease, type BuildReleaseOptions, type BuiltRelease, type DraftMark } from "./pipeline/release.js";
export { buildReleases, type BatchOptions, type BatchOutcome, type BatchListener, type BatchResult } from "./pipeline/batch.js";
export { loadRelease, type LoadedRelease } from "./data/load.js";
export { DataError, type DataIssue, formatIssue } from "./data/issues.js";
export { exportJsonSchema, type QuarterData, type CompanyData } from "./data/schema.js";
export { composeRelease, type ComposeOptions } from "./compose/release.js";
export { runChecks, readCheckSources } from "./checks/run-checks.js";
export { formatCheckReport } from "./checks/format-report.js";
export { checkNames, type CheckName, type CheckStatus, type CheckResult, type CheckReport, type CheckFigure, type CheckOptions } from "./checks/types.js";
export { writeText } from "./writers/text/index.js";
export { writeHtml, type HtmlOptions } from "./writers/html/index.js";
export { writeDocx, type DocxOptions } from "./writers/docx/index.js";
export { PdfPrinter, printPdf, findBrowser, PdfError, type DocumentPrinter, type PdfPrinterOptions, type PrintOptions, type PaperSize } from "./pdf/index.js";
export { renderRelease, outputFormats, outputFileNames, type OutputFormat, type RenderOptions } from "./render.js";
export { registerWriter, writerFor, writerNames, type Writer, type WriteOptions } from "./writers/index.js";
export { writeEdgarHtml, validateEdgarHtml, validateEdgarFileName, edgarFileName, type EdgarIssue, type EdgarIssueCode } from "./writers/edgar/index.js";
export type * from "./model/document.js";
export { rollForward, planPeriods, RollForwardError, type RollForwardInput, type RollForwardResult, type PeriodPlan } from "./workflow/roll-forward.js";
export { listUnfinishedWork, type UnfinishedItem } from "./workflow/unfinished-work.js";
export { compareWithApproved, approvedFileOf, type ApprovalComparison } from "./workflow/approved.js";
export { diffReleaseText, countChanges, formatWordDiff, type DiffSegment } from "./workflow/word-diff.js";
export { listFigureChanges, type FigureChange } from "./workflow/figure-changes.js";
export { writeBlacklineHtml } from "./workflow/blackline.js";
export { startPreview, type Preview, type PreviewOptions } from "./workflow/preview-server.js";
