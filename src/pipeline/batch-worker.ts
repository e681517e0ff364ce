/**
 * The worker thread of a batch (see `buildReleasesInWorker`): runs `buildReleases` with a printer
 * that hands each document to the main thread's printer, and reports every event as a message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PdfError } from "../pdf/pdf-error.js";
import type { DocumentPrinter, PdfDocumentInfo, PrintOptions } from "../pdf/pdf-printer.js";
import { buildReleases, preloadPipeline } from "./batch.js";
import type { BatchWorkerInput, FromBatchWorker, ToBatchWorker } from "./batch-protocol.js";

if (!parentPort) throw new Error("batch-worker.js runs as a worker thread of buildReleasesInWorker");
const port = parentPort;
const post = (message: FromBatchWorker): void => port.postMessage(message);

/** The main thread's printer, seen from the worker: one request and one answer per document. */
class RemotePrinter implements DocumentPrinter {
  #next = 0;
  readonly #pending = new Map<number, { readonly resolve: (pdf: Uint8Array) => void; readonly reject: (error: Error) => void; readonly document: PdfDocumentInfo }>();
  #restarts = 0;
  readonly #retried: PdfDocumentInfo[] = [];
  #closed: { readonly promise: Promise<void>; resolve: () => void } | undefined;

  constructor() {
    port.on("message", (message: ToBatchWorker) => this.#receive(message));
  }

  get restarts(): number {
    return this.#restarts;
  }

  get retriedDocuments(): readonly PdfDocumentInfo[] {
    return this.#retried;
  }

  print(html: string, options: PrintOptions): Promise<Uint8Array> {
    // A callback cannot cross threads; the pipeline's writers never pass one.
    if (options.onBlockedRequest) throw new Error("the batch's worker cannot report blocked requests (PrintOptions.onBlockedRequest)");
    if (this.#closed) return Promise.reject(new PdfError("printerClosed", "The PDF printer was closed before this document was printed."));
    const id = this.#next++;
    const { title, company, periodLabel, releaseDate, status, subject, keywords } = options.document;
    const document: PdfDocumentInfo = { title, company, periodLabel, releaseDate, status, subject, keywords };
    return new Promise<Uint8Array>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, document: options.document });
      post({
        kind: "print",
        id,
        html,
        options: { document, ...(options.paper ? { paper: options.paper } : {}), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
      });
    });
  }

  warmUp(): void {
    post({ kind: "warmUp" });
  }

  close(): Promise<void> {
    if (!this.#closed) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.#closed = { promise, resolve };
      post({ kind: "close" });
    }
    return this.#closed.promise;
  }

  #receive(message: ToBatchWorker): void {
    if (message.kind === "begin") return; // the part's own start, heard before this printer existed
    if (message.kind === "closed") {
      this.#restarts = message.restarts;
      this.#closed?.resolve();
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.retried) this.#retried.push(pending.document);
    if (message.kind === "printed") pending.resolve(message.pdf);
    else {
      const { code, message: text, stack } = message.error;
      const error = code === undefined ? new Error(text) : new PdfError(code, text);
      if (code === undefined && stack !== undefined) error.stack = stack;
      pending.reject(error);
    }
  }
}

const input = workerData as BatchWorkerInput;
// The pipeline loads now, while the part before this one (if any) ends; the part begins when told.
const [begin] = await Promise.all([
  new Promise<Extract<ToBatchWorker, { kind: "begin" }>>((resolve) => {
    const listener = (message: ToBatchWorker) => {
      if (message.kind !== "begin") return;
      port.off("message", listener);
      resolve(message);
    };
    port.on("message", listener);
  }),
  preloadPipeline(),
]);
const owners = new Map(begin.owners);
buildReleases(
  input.files,
  { ...input.options, createPrinter: () => new RemotePrinter() },
  {
    start: (file) => post({ kind: "start", file }),
    draftFailures: (file, failures) => post({ kind: "draftFailures", file, failures }),
    done: (outcome) => post({ kind: "done", outcome }),
  },
  owners,
).then(
  (result) => post({ kind: "result", result, owners: [...owners] }),
  (error: unknown) => {
    try {
      post({ kind: "failed", error, owners: [...owners] });
    } catch {
      // An error that cannot be cloned (a property holding a function) still reaches the main thread.
      post({ kind: "failed", error: new Error(error instanceof Error ? error.message : String(error)), owners: [...owners] });
    }
  },
);
