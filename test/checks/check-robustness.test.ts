/**
 * The checks report, never throw: random figures (zeros, negatives, decimals) in the default
 * data give a report whose every result is located in the data.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/run-checks.js";
import { composeRelease } from "../../src/compose/release.js";
import { changed, defaultRelease } from "./tie-out.js";

const cells: { table: number; row: number; column: number }[] = [];
defaultRelease.quarter.tables.forEach((table, tableIndex) =>
  table.rows.forEach((row, rowIndex) => {
    if (typeof row !== "string" && !("heading" in row)) row.values?.forEach((value, column) => typeof value === "number" && cells.push({ table: tableIndex, row: rowIndex, column }));
  }),
);

describe("runChecks on random figures", () => {
  it("returns a located report and never throws", () => {
    const figure = fc.oneof(
      fc.constant(0),
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.double({ min: -1000, max: 1000, noNaN: true }).map((value) => Math.round(value * 100) / 100),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: cells.length - 1 }), figure), { minLength: 1, maxLength: 6 }), (edits) => {
        const release = changed(defaultRelease, (quarter) => {
          for (const [index, value] of edits) {
            const cell = cells[index]!;
            const row = quarter.tables[cell.table]!.rows[cell.row]!;
            // A figure is written with no more decimals than its cell prints (more is a located load error).
            if (typeof row !== "string" && !("heading" in row)) row.values![cell.column] = row.format === "perShare" ? value : Math.round(value);
          }
        });
        let document;
        try {
          document = composeRelease(release);
        } catch {
          document = undefined; // compose may refuse data; the checks still run on the data
        }
        const report = runChecks(release, document);
        for (const result of report.results) {
          expect(result.line).toBeGreaterThan(0);
          expect(result.message).toMatch(/ at \S+:\d+$/);
        }
      }),
      { numRuns: 60, seed: 5 },
    );
  });
});
