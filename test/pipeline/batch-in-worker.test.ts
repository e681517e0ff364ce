/**
 * A batch on a worker thread (`buildReleasesInWorker`, what `build` uses for two releases or
 * more) against the same batch in this thread (`buildReleases`): the same outcomes, in the same
 * order of events, and the same bytes in every file. The printer stays on this thread: a stand-in
 * printer here shows that each document's HTML goes out and its PDF comes back whole, that a
 * print failure is that release's failure, and that a restart names the releases printed again.
 * The worker runs compiled code, so both sides are taken from dist/ (built by `npm run setup`).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { BatchListener, BatchOutcome } from "../../src/pipeline/batch.js";
import type { DocumentPrinter, PdfDocumentInfo, PrintOptions } from "../../src/pdf/pdf-printer.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

const root = join(import.meta.dirname, "../..");
const fromDist = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(root, "dist", path)).href)) as T;
const { buildReleasesInWorker, batchWorkerAvailable } = await fromDist<typeof import("../../src/pipeline/batch-in-worker.js")>("pipeline/batch-in-worker.js");
const { buildReleases } = await fromDist<typeof import("../../src/pipeline/batch.js")>("pipeline/batch.js");
const { PdfError } = await fromDist<typeof import("../../src/pdf/pdf-error.js")>("pdf/pdf-error.js");

const files = [join(root, "data/atg/2002-q4.yaml"), join(root, "data/costco/2023-q1.yaml"), join(root, "data/northwind/2025-q2.yaml")];
const formats = ["txt", "edgar", "docx", "pdf"];

/** Prints a "PDF" naming the document and the page's length; fails or "restarts" where told. */
class StandInPrinter implements DocumentPrinter {
  readonly printed: string[] = [];
  readonly #documents: PdfDocumentInfo[] = [];
  warmedUp = false;
  closed = false;
  constructor(private readonly behaviour: { readonly failTitle?: RegExp; readonly retryTitle?: RegExp } = {}) {}
  get restarts(): number {
    return this.behaviour.retryTitle ? 1 : 0;
  }
  get retriedDocuments(): readonly PdfDocumentInfo[] {
    return this.#documents.filter((document) => this.behaviour.retryTitle?.test(document.title));
  }
  print(html: string, options: PrintOptions): Promise<Uint8Array> {
    this.#documents.push(options.document);
    if (this.behaviour.failTitle?.test(options.document.title)) return Promise.reject(new PdfError("renderFailed", `Chromium could not print "${options.document.title}" to PDF.`));
    this.printed.push(options.document.title);
    return Promise.resolve(new TextEncoder().encode(`%PDF-stand-in\n${options.document.title}\n${options.document.company}\n${html.length}\n`));
  }
  warmUp(): void {
    this.warmedUp = true;
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** Every file under `folder`, by relative path, with its bytes. */
function readTree(folder: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else tree.set(relative(folder, path), readFileSync(path).toString("base64"));
    }
  };
  walk(folder);
  return tree;
}

function recordingListener(): { listener: BatchListener; events: string[]; outcomes: BatchOutcome[] } {
  const events: string[] = [];
  const outcomes: BatchOutcome[] = [];
  return {
    events,
    outcomes,
    listener: {
      start: (file) => events.push(`start ${relative(root, file)}`),
      draftFailures: (file, failures) => events.push(`draft ${relative(root, file)} ${failures.length}`),
      done: (outcome) => {
        events.push(`${outcome.status} ${relative(root, outcome.file)}`);
        outcomes.push(outcome);
      },
    },
  };
}

describe("a batch on a worker thread", () => {
  it("is available from the compiled code", () => {
    expect(batchWorkerAvailable()).toBe(true);
  });

  it("writes the same files, byte for byte, and reports the same outcomes as the batch in this thread", async () => {
    const [inThread, inWorker] = [makeTemporaryFolder("batch-thread"), makeTemporaryFolder("batch-worker")];
    const here = recordingListener();
    const there = recordingListener();
    const printerHere = new StandInPrinter();
    const printerThere = new StandInPrinter();
    const resultHere = await buildReleases(files, { formats, out: inThread, concurrency: 1, createPrinter: () => printerHere }, here.listener);
    const resultThere = await buildReleasesInWorker(files, { formats, out: inWorker, concurrency: 1, createPrinter: () => printerThere }, there.listener);

    expect(there.outcomes.map((outcome) => outcome.status)).toEqual(["built", "built", "built"]);
    // One release at a time: the events come in the same order on both sides.
    expect(there.events).toEqual(here.events);
    expect(resultThere.outcomes.map((outcome) => ({ ...outcome, folder: "folder" in outcome ? relative(inWorker, outcome.folder) : undefined }))).toEqual(
      resultHere.outcomes.map((outcome) => ({ ...outcome, folder: "folder" in outcome ? relative(inThread, outcome.folder) : undefined })),
    );
    expect(resultThere.printerRestarts).toBe(0);
    expect(printerThere.printed).toEqual(printerHere.printed);
    expect(printerThere.warmedUp && printerThere.closed).toBe(true);

    const treeHere = readTree(inThread);
    const treeThere = readTree(inWorker);
    expect([...treeThere.keys()]).toEqual([...treeHere.keys()]);
    expect(treeThere.size).toBe(3 * (formats.length + 1)); // the formats and the manifest of each release
    for (const [path, bytes] of treeHere) expect(treeThere.get(path), path).toBe(bytes);
    // The PDF came back from this thread's printer whole.
    const pdf = readFileSync(join(inWorker, "atg/2002-q4/release.pdf"), "utf8");
    expect(pdf).toMatch(/^%PDF-stand-in\n.+\nArt Technology Group, Inc\.\n\d+\n$/);
  });

  it("makes a print failure that release's failure, and builds the others", async () => {
    const out = makeTemporaryFolder("batch-worker-failure");
    const { listener, outcomes } = recordingListener();
    const result = await buildReleasesInWorker(files, { formats, out, createPrinter: () => new StandInPrinter({ failTitle: /^Costco/i }) }, listener);
    const byFile = new Map(outcomes.map((outcome) => [relative(root, outcome.file), outcome]));
    expect(byFile.get("data/costco/2023-q1.yaml")).toMatchObject({ status: "failed", message: expect.stringMatching(/^Chromium could not print "Costco.*" to PDF\.$/) as unknown });
    expect(byFile.get("data/atg/2002-q4.yaml")?.status).toBe("built");
    expect(byFile.get("data/northwind/2025-q2.yaml")?.status).toBe("built");
    expect(result.outcomes).toHaveLength(3);
    expect(readdirSync(out).sort()).toEqual(["atg", "northwind"]);
  });

  it("splits a long batch over fresh workers, one after another, with the same files, outcomes and events, and finds a duplicate in a later part", async () => {
    // A copy of a quarter beside it (the same company and period) in the third part.
    const company = join(makeTemporaryFolder("batch-worker-parts"), "atg");
    mkdirSync(company);
    copyFileSync(join(root, "data/atg/company.yaml"), join(company, "company.yaml"));
    copyFileSync(join(root, "data/atg/2002-q4.yaml"), join(company, "2002-q4.yaml"));
    copyFileSync(join(root, "data/atg/2002-q4.yaml"), join(company, "2002-q4-copy.yaml"));
    const batch = [join(company, "2002-q4.yaml"), files[1]!, join(company, "2002-q4-copy.yaml"), files[2]!];
    const [inThread, inWorkers] = [makeTemporaryFolder("batch-parts-thread"), makeTemporaryFolder("batch-parts-workers")];
    const here = recordingListener();
    const there = recordingListener();
    const printerThere = new StandInPrinter();
    await buildReleases(batch, { formats, out: inThread, concurrency: 1, createPrinter: () => new StandInPrinter() }, here.listener);
    const threads: number[] = [];
    const result = await buildReleasesInWorker(batch, { formats, out: inWorkers, concurrency: 1, createPrinter: () => printerThere }, there.listener, {
      releasesPerWorker: 1,
      onWorker: (threadId) => threads.push(threadId),
    });

    expect(new Set(threads).size).toBe(4); // a fresh worker for each release to build
    expect(there.events).toEqual(here.events);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(["built", "built", "duplicate", "built"]);
    expect(result.outcomes[2]).toMatchObject({ file: batch[2], owner: batch[0], folder: join(inWorkers, "atg", "2002-q4") });
    const treeHere = readTree(inThread);
    expect(treeHere.size).toBe(3 * (formats.length + 1));
    expect(readTree(inWorkers)).toEqual(treeHere);
    // One printer for the whole batch, closed once at its end.
    expect(printerThere.printed).toHaveLength(3);
    expect(printerThere.closed).toBe(true);
  });

  it("counts only the releases to build in a part: an up-to-date file starts no worker of its own", async () => {
    const out = makeTemporaryFolder("batch-worker-skips");
    await buildReleases(files.slice(0, 2), { formats: ["txt"], out }, recordingListener().listener);
    const threads: number[] = [];
    const result = await buildReleasesInWorker(files, { formats: ["txt"], out }, recordingListener().listener, { releasesPerWorker: 1, onWorker: (threadId) => threads.push(threadId) });
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(["skipped", "skipped", "built"]);
    expect(threads).toHaveLength(1);
  });

  it("names the releases printed again after the browser was restarted", async () => {
    const out = makeTemporaryFolder("batch-worker-restart");
    const result = await buildReleasesInWorker(files, { formats, out, createPrinter: () => new StandInPrinter({ retryTitle: /^Northwind/i }) }, recordingListener().listener);
    expect(result.printerRestarts).toBe(1);
    expect(result.reprinted).toEqual([files[2]]);
  });
});
