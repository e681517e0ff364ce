/**
 * The rounding model of the tie-out (issue 18): a printed figure stands for the interval of values
 * that round to it; a relation passes when it holds on the printed figures, is a rounding note when
 * values inside the intervals make it hold, and fails when none do. One planted error per
 * relation kind, each with its exact message.
 */
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/run-checks.js";
import type { CheckResult } from "../../src/checks/types.js";
import { composeRelease } from "../../src/compose/release.js";
import { loadRelease } from "../../src/data/load.js";
import { writeText } from "../../src/writers/text/index.js";
import type { QuarterData } from "../../src/data/schema.js";
import { changed, rowOf } from "./tie-out.js";

const fixture = "test/fixtures/good/rounding/2024-q2.yaml";
const release = loadRelease(fixture);

/** Messages of the results with a status, without their place in the file. */
function messages(results: readonly CheckResult[], status: CheckResult["status"]): string[] {
  return results.filter((item) => item.status === status).map((item) => item.message.replace(/ at [^ ]+:\d+$/, ""));
}

function failuresAfter(edit: (quarter: QuarterData) => void): string[] {
  return messages(runChecks(changed(release, edit)).results, "fail");
}

describe("rounding model", () => {
  it("prints the fixture's printed computed column and its dates on one header line", () => {
    const text = writeText(composeRelease(release));
    expect(text).toMatch(/June 30, 2024 +June 30, 2023 +% Change/);
    expect(text).toMatch(/Product +\$1,000\.4 +\$900\.0 +11%/);
  });

  it("passes a release rounded one by one, with a note where rounding explains a difference", () => {
    const report = runChecks(release);
    expect(report.passed).toBe(true);
    expect(messages(report.results, "note")).toEqual([
      "Total revenues, three months ended June 30, 2024: the components sum to 6,001.2 but the total is 6,001.3: differs by 0.1; a total and 3 terms, each rounded, allow up to 0.2: rounding",
      "Total revenues, three months ended June 30, 2024 (ww_q2) (Worldwide): total (us_q2 + intl_q2) gives 6,001.2 but the cell is 6,001.3: differs by 0.1; the figures of its total (us_q2 + intl_q2), each rounded, allow up to 0.15: rounding",
    ]);
  });

  it("fails a total whose component is off by 500, and nothing that does not involve it", () => {
    const failures = failuresAfter((quarter) => void (rowOf(quarter, "serviceRevenue").values![0] = 2500.4));
    expect(failures).toEqual([
      "Total revenues, three months ended June 30, 2024: the components sum to 6,501.2 but the total is 6,001.3: differs by 499.9; a total and 3 terms, each rounded, allow less than 0.2: an error",
      "Services, three months ended June 30, 2024 (change_q2) (% Change): % change ((q2_2024 - q2_2023) / |q2_2023|) gives 32% but the cell is 5%: differs by 27; the figures of its % change ((q2_2024 - q2_2023) / |q2_2023|), each rounded, allow less than 0.5: an error",
    ]);
  });

  it("fails a per-share figure that no shares inside their rounding give", () => {
    expect(failuresAfter((quarter) => void (rowOf(quarter, "epsDiluted").values![0] = 2.67))).toEqual([
      "Diluted earnings per share, three months ended June 30, 2024: Net income 1,001.3 / Diluted shares 376.4 = 2.6602, which rounds to 2.66, but the line is 2.67: differs by 0.01; the income and share figures, each rounded, allow less than 0.0054: an error",
    ]);
  });

  it("fails a margin at its own decimals", () => {
    expect(failuresAfter((quarter) => void (rowOf(quarter, "margin").values![0] = 16.8))).toEqual([
      "Net margin, three months ended June 30, 2024: netIncome / revenues = 16.68471%, which rounds to 16.7%, but the line is 16.8%: differs by 0.1; the figures of netIncome / revenues, each rounded, allow less than 0.05: an error",
    ]);
  });

  it("fails a printed sum column beyond the rounding of its terms", () => {
    const failures = failuresAfter((quarter) => {
      const row = quarter.tables[1]!.rows[0]!;
      if (typeof row !== "string" && !("heading" in row)) row.values![1] = 3500.9;
    });
    expect(failures).toEqual([
      "Total revenues, three months ended June 30, 2024 (ww_q2) (Worldwide): total (us_q2 + intl_q2) gives 6,001.5 but the cell is 6,001.3: differs by 0.2; the figures of its total (us_q2 + intl_q2), each rounded, allow less than 0.15: an error",
    ]);
  });

  it("fails a cell that shows another fact when the two differ beyond rounding", () => {
    const failures = failuresAfter((quarter) => {
      const row = quarter.tables[1]!.rows[0]!;
      if (typeof row !== "string" && !("heading" in row)) row.values = [2500.6, 3500.6, { formula: "revenues", value: 6002.3 }];
    });
    expect(failures).toContain(
      "Total revenues, three months ended June 30, 2024 (ww_q2) (Worldwide): revenues is 6,001.3 but the cell is 6,002.3: differs by 1; the figures of revenues, each rounded, allow less than 0.1: an error",
    );
  });

  it("holds force-footed figures to exact sums, and a declared tolerance overrides the intervals", () => {
    expect(failuresAfter((quarter) => void (quarter.tables[0]!.figures = "footed"))).toEqual([
      "Total revenues, three months ended June 30, 2024: the components sum to 6,001.2 but the total is 6,001.3: differs by 0.1; the table's figures are force-footed (figures: footed), so they must add exactly: an error",
    ]);
    const tolerant = runChecks(changed(release, (quarter) => void Object.assign(quarter.tables[0]!, { figures: "footed", tolerance: 1 })));
    expect(messages(tolerant.results, "note")[0]).toBe(
      "Total revenues, three months ended June 30, 2024: the components sum to 6,001.2 but the total is 6,001.3: differs by 0.1; the declared tolerance is 1: rounding",
    );
  });
});
