/**
 * No superlinear step (issues 13 and 17): ten times the rows take about ten times as long in the
 * EDGAR, text and HTML writers, not a hundred (the EDGAR writer measured each table once per row).
 * Measured as a ratio within one process, medians of three runs, with a bound (35x) that a linear
 * writer stays far below and a quadratic one (about 100x) far above.
 */
import { expect, it } from "vitest";
import { composeRelease } from "../../src/compose/release.js";
import { loadRelease } from "../../src/data/load.js";
import type { ReleaseDocument, TableNode } from "../../src/model/document.js";
import { writeEdgarHtml } from "../../src/writers/edgar/index.js";
import { writeHtml } from "../../src/writers/html/index.js";
import { writeText } from "../../src/writers/text/index.js";

const document = composeRelease(loadRelease("data/atg/2003-q3.yaml"));
const table = document.blocks.find((block): block is TableNode => block.type === "table")!;

function withRows(count: number): ReleaseDocument {
  return { ...document, blocks: [{ ...table, rows: Array.from({ length: count }, (_, index) => table.rows[index % table.rows.length]!) }] };
}

function medianMs(write: (document: ReleaseDocument) => unknown, input: ReleaseDocument): number {
  const times = [0, 1, 2].map(() => {
    const start = performance.now();
    write(input);
    return performance.now() - start;
  });
  return times.sort((a, b) => a - b)[1]!;
}

it.each([
  ["edgar", writeEdgarHtml],
  ["text", writeText],
  ["html", writeHtml],
] as const)(
  "the %s writer grows linearly with the rows (2,000 -> 20,000)",
  (_name, write) => {
    const [small, large] = [withRows(2_000), withRows(20_000)];
    write(small); // warm up
    const ratio = medianMs(write, large) / Math.max(1, medianMs(write, small));
    expect(ratio).toBeLessThan(35);
  },
  120_000,
);
