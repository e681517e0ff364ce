/**
 * A batch on two threads: a worker thread loads, ties out, composes and writes the releases (all
 * of node's work per release), while the main thread keeps the printer and its browser's traffic
 * and hears the batch's events. Node's work for the next release then runs beside the main
 * thread's handling of the current print, and the worker's heap is sized for a release's life
 * (see `youngGenerationMb`) rather than left to the main thread's defaults.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { PdfError } from "../pdf/pdf-error.js";
import type { DocumentPrinter } from "../pdf/pdf-printer.js";
import type { BatchListener, BatchOptions, BatchResult } from "./batch.js";
import type { BatchWorkerInput, FromBatchWorker, PrintFailure, ToBatchWorker } from "./batch-protocol.js";

const workerUrl = new URL("./batch-worker.js", import.meta.url);

/**
 * The worker's young generation (V8 splits it into semi-spaces of a third each). With the default
 * 16 MB semi-space a release's parsed YAML and composed document outlive two scavenges and are
 * copied into the old generation, to die there; at 64 MB most of them die young.
 */
export const youngGenerationMb = 192;

/** True where the compiled worker module exists (not when the sources run through a TypeScript loader). */
export function batchWorkerAvailable(): boolean {
  return import.meta.url.endsWith(".js") && existsSync(fileURLToPath(workerUrl));
}

/** `buildReleases` in a worker thread, with the printer `options.createPrinter` makes on this one. */
export async function buildReleasesInWorker(files: readonly string[], options: BatchOptions, listener: BatchListener): Promise<BatchResult> {
  const { createPrinter, ...plain } = options;
  const input: BatchWorkerInput = { files, options: plain };
  const worker = new Worker(workerUrl, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
  let printer: DocumentPrinter | undefined;
  const printerOf = (): DocumentPrinter => {
    if (!createPrinter) throw new Error("the batch asked for a printer, and BatchOptions.createPrinter is not set");
    return (printer ??= createPrinter());
  };
  const send = (message: ToBatchWorker, transfer: ArrayBuffer[] = []): void => worker.postMessage(message, transfer);
  // Chromium starts now, while the worker loads the pipeline (the caller found releases to build).
  if (options.formats.includes("pdf")) printerOf().warmUp();
  try {
    return await new Promise<BatchResult>((resolve, reject) => {
      worker.on("message", (message: FromBatchWorker) => {
        switch (message.kind) {
          case "start":
            return listener.start?.(message.file);
          case "draftFailures":
            return listener.draftFailures?.(message.file, message.failures);
          case "done":
            return listener.done(message.outcome);
          case "warmUp":
            return printerOf().warmUp();
          case "print": {
            const { id, html, options: printOptions } = message;
            let printing: Promise<Uint8Array>;
            try {
              printing = printerOf().print(html, printOptions);
            } catch (error) {
              printing = Promise.reject(asError(error));
            }
            // The printer lists a document it printed again (after a restart) before it settles.
            const retried = () => printer?.retriedDocuments.includes(printOptions.document) ?? false;
            printing.then(
              (pdf) => {
                // A view of a larger (pooled) buffer is copied: only a buffer of its own is transferred.
                const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength && pdf.buffer instanceof ArrayBuffer ? pdf : pdf.slice();
                send({ kind: "printed", id, pdf: own, retried: retried() }, [own.buffer as ArrayBuffer]);
              },
              (error: unknown) => send({ kind: "printFailed", id, error: describeFailure(error), retried: retried() }),
            );
            return;
          }
          case "close":
            return void (printer?.close() ?? Promise.resolve()).then(() => send({ kind: "closed", restarts: printer?.restarts ?? 0 }));
          case "result":
            return resolve(message.result);
          case "failed":
            return reject(asError(message.error));
        }
      });
      // The worker ran out of memory or threw outside the batch's own handling.
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`the batch's worker thread stopped (exit code ${code}) before the batch ended`)));
    });
  } finally {
    await printer?.close();
    await worker.terminate();
  }
}

/** An Error as thrown (a cloned one keeps its message and stack), anything else wrapped in one. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function describeFailure(error: unknown): PrintFailure {
  if (error instanceof PdfError) return { code: error.code, message: error.message };
  return error instanceof Error ? { message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) } : { message: String(error) };
}
