/**
 * The messages between a batch's worker thread (which loads, ties out and writes the releases) and
 * the main thread (which owns the printer and the listener). Every field is plain data: it crosses
 * the thread boundary by structured clone, the printed PDFs by transfer.
 */
import type { PdfErrorCode } from "../pdf/pdf-error.js";
import type { PaperSize, PdfDocumentInfo } from "../pdf/pdf-printer.js";
import type { BatchOptions, BatchOutcome, BatchResult } from "./batch.js";
import type { CheckResult } from "../checks/types.js";

/** What the worker is started with: its part of the batch. It loads the pipeline, and builds once told to begin. */
export interface BatchWorkerInput {
  readonly files: readonly string[];
  readonly options: Omit<BatchOptions, "createPrinter">;
}

/** A print request: the document's HTML page and what its PDF's header and properties need. */
export interface PrintRequest {
  readonly kind: "print";
  readonly id: number;
  readonly html: string;
  readonly options: { readonly document: PdfDocumentInfo; readonly paper?: PaperSize; readonly timeoutMs?: number };
}

/** Worker to main thread. */
export type FromBatchWorker =
  | { readonly kind: "start"; readonly file: string }
  | { readonly kind: "draftFailures"; readonly file: string; readonly failures: readonly CheckResult[] }
  | { readonly kind: "done"; readonly outcome: BatchOutcome }
  | { readonly kind: "warmUp" }
  | PrintRequest
  | { readonly kind: "close" }
  /** The part's end, with the folders claimed so far (the input's and this part's). */
  | { readonly kind: "result"; readonly result: BatchResult; readonly owners: readonly (readonly [string, string])[] }
  /** An error that is not about the input (a bug), thrown by the batch once every release of the part is done. */
  | { readonly kind: "failed"; readonly error: unknown; readonly owners: readonly (readonly [string, string])[] };

/** Why a print failed: a `PdfError`'s code and message, or (no code) an unexpected error's. */
export interface PrintFailure {
  readonly code?: PdfErrorCode;
  readonly message: string;
  readonly stack?: string;
}

/** Main thread to worker. */
export type ToBatchWorker =
  /** Build the part: the parts before it have ended, and claimed these folders (folder, file). */
  | { readonly kind: "begin"; readonly owners: readonly (readonly [string, string])[] }
  /** `retried`: the document was printed again after the browser was restarted under it. */
  | { readonly kind: "printed"; readonly id: number; readonly pdf: Uint8Array; readonly retried: boolean }
  | { readonly kind: "printFailed"; readonly id: number; readonly error: PrintFailure; readonly retried: boolean }
  /** The part is done with the printer (the main thread closes it after the last part): its restarts so far. */
  | { readonly kind: "closed"; readonly restarts: number };
