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
import { findStale, type BatchListener, type BatchOptions, type BatchOutcome, type BatchResult } from "./batch.js";
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

/**
 * Releases to build per worker: a long batch is split into parts of this many releases to build
 * (files the cache skips do not count), each on a fresh worker thread whose heap is freed when it
 * ends. A worker's heap keeps the size its largest releases needed (V8 gives little back), so one
 * worker for 500 releases ends far above what its live objects take.
 */
export const releasesPerWorker = 100;

/** For tests: the size of the parts, and a hook told of each worker as it starts. */
export interface WorkerBatchSettings {
  readonly releasesPerWorker?: number;
  readonly onWorker?: (threadId: number) => void;
}

/** A part of the batch: its files, and how many of them are to be built. */
interface Part {
  readonly files: readonly string[];
  readonly toBuild: number;
}

/** The parts of `files`, in order, each with at most `size` of the files to build. */
function splitIntoParts(files: readonly string[], stale: ReadonlySet<string>, size: number): Part[] {
  const parts: Part[] = [];
  let part: string[] = [];
  let toBuild = 0;
  for (const file of files) {
    if (stale.has(file) && toBuild === size) {
      parts.push({ files: part, toBuild });
      [part, toBuild] = [[], 0];
    }
    part.push(file);
    if (stale.has(file)) toBuild++;
  }
  if (part.length > 0) parts.push({ files: part, toBuild });
  return parts;
}

/** The printer of this thread, as the parts' workers use it. */
interface SharedPrinter {
  readonly get: () => DocumentPrinter;
  readonly restarts: () => number;
}

/**
 * `buildReleases` on worker threads, one after another (a fresh one every `releasesPerWorker`
 * releases to build), with the printer `options.createPrinter` makes on this thread and keeps for
 * the whole batch. Outcomes, events and files are those of `buildReleases`; the folders each part
 * claims pass to the next, so a duplicate in a later part is still found. The next part's worker
 * starts, and loads the pipeline, once every release of the current part has started.
 */
export async function buildReleasesInWorker(files: readonly string[], options: BatchOptions, listener: BatchListener, settings: WorkerBatchSettings = {}): Promise<BatchResult> {
  const { createPrinter, ...plain } = options;
  let printer: DocumentPrinter | undefined;
  const shared: SharedPrinter = {
    get: () => {
      if (!createPrinter) throw new Error("the batch asked for a printer, and BatchOptions.createPrinter is not set");
      return (printer ??= createPrinter());
    },
    restarts: () => printer?.restarts ?? 0,
  };
  // Chromium starts now, while the worker loads the pipeline (the caller found releases to build).
  if (options.formats.includes("pdf")) await shared.get().warmUp();
  const parts = splitIntoParts(files, new Set(findStale(files, options)), Math.max(1, settings.releasesPerWorker ?? releasesPerWorker));
  const workers = parts.map((part) => new PartWorker(part, plain, listener, shared, settings.onWorker));
  let owners: readonly (readonly [string, string])[] = [];
  const outcomes: BatchOutcome[] = [];
  const reprinted: string[] = [];
  const unexpected: unknown[] = [];
  try {
    for (const [index, worker] of workers.entries()) {
      const ended = await worker.run(owners, () => workers[index + 1]?.start());
      owners = ended.owners;
      if (ended.kind === "failed") unexpected.push(ended.error);
      else {
        outcomes.push(...ended.result.outcomes);
        reprinted.push(...ended.result.reprinted);
      }
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await printer?.close();
  }
  // As in one thread: an error that is not about the input is thrown once every release is done.
  if (unexpected.length > 0) throw asError(unexpected[0]);
  return { outcomes, printerRestarts: printer?.restarts ?? 0, reprinted };
}

/** One part of the batch on a worker thread of its own: started ahead (it loads the pipeline), then run. */
class PartWorker {
  #worker: Worker | undefined;
  #ended: Promise<Extract<FromBatchWorker, { kind: "result" | "failed" }>> | undefined;
  /** Called once every release of the part has started (the next part's worker may start then). */
  #allStarted: (() => void) | undefined;
  #started = 0;

  constructor(
    private readonly part: Part,
    private readonly options: Omit<BatchOptions, "createPrinter">,
    private readonly listener: BatchListener,
    private readonly printer: SharedPrinter,
    private readonly onWorker: ((threadId: number) => void) | undefined,
  ) {}

  /** Starts the worker, which loads the pipeline and waits to be told to begin. */
  start(): void {
    if (this.#worker) return;
    const input: BatchWorkerInput = { files: this.part.files, options: this.options };
    const worker = new Worker(workerUrl, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
    this.#worker = worker;
    this.onWorker?.(worker.threadId);
    this.#ended = new Promise((resolve, reject) => {
      worker.on("message", (message: FromBatchWorker) => {
        if (message.kind === "result" || message.kind === "failed") resolve(message);
        else this.#receive(message);
      });
      // The worker ran out of memory or threw outside the batch's own handling.
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`the batch's worker thread stopped (exit code ${code}) before the batch ended`)));
    });
    this.#ended.catch(() => undefined); // awaited in run(); a worker never run is stopped
  }

  /** Builds the part, given the folders the parts before it claimed, to its result (or its unexpected error). */
  async run(owners: readonly (readonly [string, string])[], allStarted: () => void): Promise<Extract<FromBatchWorker, { kind: "result" | "failed" }>> {
    this.start();
    this.#allStarted = allStarted;
    if (this.part.toBuild === 0) allStarted();
    this.#send({ kind: "begin", owners });
    try {
      return await this.#ended!;
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #send(message: ToBatchWorker, transfer: ArrayBuffer[] = []): void {
    this.#worker?.postMessage(message, transfer);
  }

  #receive(message: Exclude<FromBatchWorker, { kind: "result" | "failed" }>): void {
    switch (message.kind) {
      case "start":
        this.listener.start?.(message.file);
        if (++this.#started === this.part.toBuild) this.#allStarted?.();
        return;
      case "draftFailures":
        return this.listener.draftFailures?.(message.file, message.failures);
      case "done":
        return this.listener.done(message.outcome);
      case "warmUp":
        void this.printer.get().warmUp();
        return;
      case "print": {
        const { id, html, options: printOptions } = message;
        const printer = this.printer.get();
        let printing: Promise<Uint8Array>;
        try {
          printing = printer.print(html, printOptions);
        } catch (error) {
          printing = Promise.reject(asError(error));
        }
        // The printer lists a document it printed again (after a restart) before it settles.
        const retried = () => printer.retriedDocuments.includes(printOptions.document);
        printing.then(
          (pdf) => {
            // A view of a larger (pooled) buffer is copied: only a buffer of its own is transferred.
            const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength && pdf.buffer instanceof ArrayBuffer ? pdf : pdf.slice();
            this.#send({ kind: "printed", id, pdf: own, retried: retried() }, [own.buffer as ArrayBuffer]);
          },
          (error: unknown) => this.#send({ kind: "printFailed", id, error: describeFailure(error), retried: retried() }),
        );
        return;
      }
      case "close":
        // The printer serves the next part too; it is closed after the last.
        return this.#send({ kind: "closed", restarts: this.printer.restarts() });
    }
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
