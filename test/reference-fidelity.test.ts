/**
 * The embedded default reproduces the reference release (ATG, Q3 2003, Exhibit 99.1).
 * Lines that still differ are listed in the README ("Fidelity to the reference").
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { numbersIn, referenceRelease, textOf } from "./helpers/release.js";

const reference = readFileSync(referenceRelease, "utf8").replace(/\n+$/, "").split("\n");
const ours = textOf().replace(/\n+$/, "").split("\n");
const collapse = (line: string) => line.trim().split(/\s+/).join(" ");

// The header lines the reference sets by hand, differently in each table (see README).
const knownDifferences = new Set([
  "                                   2003      2002      2003      2002",
  "                                           September 30,  December 31,",
  "                                               2003           2002",
  "     Liabilities and Stockholders' Equity",
]);

describe("the default release against the reference", () => {
  it("has the same lines, at least 95% identical as they stand", () => {
    expect(ours.length).toBe(reference.length);
    const identical = reference.filter((line, index) => ours[index] === line).length;
    const share = identical / reference.length;
    console.log(`reference fidelity: ${identical} of ${reference.length} lines identical (${(share * 100).toFixed(1)}%)`);
    expect(share).toBeGreaterThanOrEqual(0.95);
    const differing = reference.filter((line, index) => ours[index] !== line);
    expect(differing.filter((line) => !knownDifferences.has(line))).toEqual([]);
  });

  it("is 100% identical after collapsing runs of spaces", () => {
    expect(ours.map(collapse)).toEqual(reference.map(collapse));
  });

  it("has every line no wider than 70 characters", () => {
    for (const line of ours) expect(line.length).toBeLessThanOrEqual(70);
  });

  it("has every number of the reference, in the same order", () => {
    expect(numbersIn(ours.join("\n"))).toEqual(numbersIn(reference.join("\n")));
  });
});
