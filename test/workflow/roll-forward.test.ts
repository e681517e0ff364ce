/** Roll forward: `new` on the default quarter, the fiscal calendar, and what is left to fill. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDocument, isMap, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { composeRelease } from "../../src/compose/release.js";
import { loadRelease } from "../../src/data/load.js";
import type { QuarterData } from "../../src/data/schema.js";
import { writeText } from "../../src/writers/text/index.js";
import { planPeriods, renameQuarterWords } from "../../src/workflow/roll-forward.js";
import { listUnfinishedWork } from "../../src/workflow/unfinished-work.js";

let folder: string;
const { all: output } = capturePrintedOutput();

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "roll-forward-"));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function copyData(...names: string[]): void {
  for (const name of ["company.yaml", ...names]) copyFileSync(join("data/atg", name), join(folder, name));
}

async function rollDefault(): Promise<string> {
  expect(await runCli(["new", join(folder, "2003-q3.yaml"), "--period", "2003-q4"])).toBe(0);
  return join(folder, "2003-q4.yaml");
}

const newPeriodEnd = "2003-12-31";

describe("earnings-release new data/atg/2003-q3.yaml --period 2003-q4", () => {
  it("gives a file that check reports INCOMPLETE, not PASSED, with exit 1 until it is filled", async () => {
    copyData("2003-q3.yaml", "2002-q4.yaml");
    const file = await rollDefault();
    output.length = 0;
    expect(await runCli(["check", file])).toBe(1);
    expect(output.join("")).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: INCOMPLETE \\(\\d+ still to do\\)`, "m"));
    expect(output.join("")).not.toContain("PASSED");
  });

  it("writes a file that validates, whose unfinished work is only the new period's figures and the sections to rewrite", async () => {
    copyData("2003-q3.yaml", "2002-q4.yaml");
    const file = await rollDefault();
    const release = loadRelease(file);
    expect(release.quarter.period).toBe("2003-q4");
    expect(release.quarter.headline).toBe("ATG Announces Fourth-Quarter 2003 Results");
    expect(release.quarter.status).toEqual({ draft: 1, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const work = listUnfinishedWork(release);
    const figures = work.filter((item) => item.code === "to_fill");
    expect(figures.length).toBeGreaterThan(0);
    for (const item of figures) {
      const period = /for (\w+):/.exec(item.message)![1]!;
      const definition = release.quarter.periods[period]!;
      expect("instant" in definition ? definition.instant : definition.end).toBe(newPeriodEnd);
    }
    // Every blank cell of a new-period column is listed, once.
    const blanks = countBlankCells(release.quarter, (period) => {
      const definition = release.quarter.periods[period]!;
      return ("instant" in definition ? definition.instant : definition.end) === newPeriodEnd;
    });
    expect(figures).toHaveLength(blanks);
    expect(work.filter((item) => item.code === "to_rewrite").map((item) => item.path)).toEqual([
      "body[lead].rewrite",
      "body[quotes].rewrite",
      "body[highlights].rewrite",
      "body[outlook].rewrite",
      "body[conferenceCall].rewrite",
      "forwardLooking.rewrite",
    ]);
    expect(output.join("")).toContain("to do:");
  });

  it("fills the prior-year columns from 2002-q4 and the balance-sheet comparative from the last fiscal year end", async () => {
    copyData("2003-q3.yaml", "2002-q4.yaml");
    const rolled = loadRelease(await rollDefault());
    const q4 = loadRelease(join(folder, "2002-q4.yaml"));
    const q3 = loadRelease(join(folder, "2003-q3.yaml"));
    expect(rolled.quarter.periods.q4_2002).toEqual({ months: 3, end: "2002-12-31" });
    expect(rolled.quarter.periods.fy_2002).toEqual({ months: 12, end: "2002-12-31" });
    expect(rolled.quarter.periods.dec31_2002).toEqual({ instant: "2002-12-31" });
    let compared = 0;
    for (const [id, line] of q4.facts.lines) {
      for (const period of ["q4_2002", "fy_2002"]) {
        const stated = line.stated.get(period);
        if (stated === undefined) continue;
        expect(rolled.facts.lines.get(id)?.stated.get(period)?.toString(), `${id} ${period}`).toBe(stated.toString());
        compared++;
      }
    }
    for (const [id, line] of q3.facts.lines) {
      const stated = line.stated.get("dec31_2002");
      if (stated === undefined || line.table !== "balanceSheet") continue;
      expect(rolled.facts.lines.get(id)?.stated.get("dec31_2002")?.toString(), id).toBe(stated.toString());
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("renders once the new figures are filled, and then has nothing left to do but rewriting", async () => {
    copyData("2003-q3.yaml", "2002-q4.yaml");
    const file = await rollDefault();
    // Fill each new-period cell with its prior-year twin (those foot and balance).
    const document = parseDocument(readFileSync(file, "utf8"));
    for (const table of (document.get("tables") as YAMLSeq).items as YAMLMap[]) {
      for (const row of (table.get("rows") as YAMLSeq).items) {
        if (!isMap(row) || !isSeq(row.get("values"))) continue;
        const values = (row.get("values") as YAMLSeq).toJSON() as (number | null)[];
        const filled = values.map((value, index) => value ?? values[values.length === 2 ? 1 : index + 1] ?? null);
        row.set("values", document.createNode(filled, { flow: true }));
      }
    }
    writeFileSync(file, document.toString({ lineWidth: 0 }));
    const release = loadRelease(file);
    expect(listUnfinishedWork(release).every((item) => item.code === "to_rewrite")).toBe(true);
    const text = writeText(composeRelease(release));
    expect(text).toMatch(/^DRAFT 1 -- \d{4}-\d{2}-\d{2} -- NOT FOR RELEASE$/m);
    expect(text).toContain("Twelve Months Ended");
    // Only drafts carry the header line; the final source release has none.
    expect(writeText(composeRelease(loadRelease(join(folder, "2003-q3.yaml"))))).not.toContain("NOT FOR RELEASE");
  });

  it("leaves the prior-year columns blank, and lists them, when no earlier quarter file has them", async () => {
    copyData("2003-q3.yaml");
    const release = loadRelease(await rollDefault());
    expect(release.quarter.rollForward?.fill).toEqual(["q4_2003", "q4_2002", "fy_2003", "fy_2002", "dec31_2003"]);
    const periods = new Set(
      listUnfinishedWork(release)
        .filter((item) => item.code === "to_fill")
        .map((item) => /for (\w+):/.exec(item.message)![1]),
    );
    expect(periods).toEqual(new Set(["q4_2003", "q4_2002", "fy_2003", "fy_2002", "dec31_2003"]));
  });

  it("never overwrites an existing file", async () => {
    copyData("2003-q3.yaml");
    writeFileSync(join(folder, "2003-q4.yaml"), "mine\n");
    expect(await runCli(["new", join(folder, "2003-q3.yaml"), "--period", "2003-q4"])).toBe(2);
    expect(readFileSync(join(folder, "2003-q4.yaml"), "utf8")).toBe("mine\n");
    expect(output.join("")).toContain("never overwrites");
  });

  it("refuses a period that is not a later quarter", async () => {
    copyData("2003-q3.yaml");
    expect(await runCli(["new", join(folder, "2003-q3.yaml"), "--period", "2003-q2"])).toBe(2);
    expect(await runCli(["new", join(folder, "2003-q3.yaml"), "--period", "2003-fy"])).toBe(2);
    expect(existsSync(join(folder, "2003-q2.yaml"))).toBe(false);
  });
});

function countBlankCells(quarter: QuarterData, inPeriod: (period: string) => boolean): number {
  let count = 0;
  for (const table of quarter.tables) {
    for (const row of table.rows) {
      if (typeof row === "string" || "heading" in row || !row.values) continue;
      row.values.forEach((value, index) => {
        const column = table.columns[index];
        if (value === null && typeof column === "string" && inPeriod(column)) count++;
      });
    }
  }
  return count;
}

describe("planPeriods: the fiscal calendar", () => {
  const quarter = (period: string, current: string, periods: QuarterData["periods"]) => ({ period, current, periods }) as unknown as QuarterData;

  it("moves a fourth quarter into the next fiscal year: the comparative becomes the year just ended", () => {
    const plan = planPeriods(
      quarter("2003-q4", "q4_2003", {
        q4_2003: { months: 3, end: "2003-12-31" },
        fy_2003: { months: 12, end: "2003-12-31" },
        dec31_2003: { instant: "2003-12-31" },
        dec31_2002: { instant: "2002-12-31" },
      }),
      "12-31",
      "2004-q1",
    );
    expect(Object.fromEntries(plan.periods)).toEqual({ q1_2004: { months: 3, end: "2004-03-31" }, mar31_2004: { instant: "2004-03-31" }, dec31_2003: { instant: "2003-12-31" } });
    expect(plan.rename.get("fy_2003")).toBe("q1_2004");
  });

  it("follows a fiscal year ending in January (months) and a 52/53-week calendar (13-week quarters)", () => {
    const january = planPeriods(
      quarter("2003-q2", "q2_2003", {
        q2_2003: { months: 3, end: "2002-07-31" },
        h1_2003: { months: 6, end: "2002-07-31" },
        jan31_2002: { instant: "2002-01-31" },
        outlook: { months: 12, end: "2003-01-31" },
      }),
      "01-31",
      "2003-q3",
    );
    // The outlook for the fiscal year stays that year within it, and keeps its id.
    expect(Object.fromEntries(january.periods)).toEqual({
      q3_2003: { months: 3, end: "2002-10-31" },
      ytd_2003: { months: 9, end: "2002-10-31" },
      jan31_2002: { instant: "2002-01-31" },
      outlook: { months: 12, end: "2003-01-31" },
    });

    const weeks = planPeriods(
      quarter("2024-q2", "q2_2024", {
        q2_2024: { weeks: 13, end: "2023-07-29" },
        q2_2023: { weeks: 13, end: "2022-07-30" },
        ytd_2024: { weeks: 26, end: "2023-07-29" },
        jan28_2023: { instant: "2023-01-28" },
      }),
      "01-31",
      "2024-q3",
    );
    expect(Object.fromEntries(weeks.periods)).toEqual({
      q3_2024: { weeks: 13, end: "2023-10-28" },
      q3_2023: { weeks: 13, end: "2022-10-29" },
      ytd_2024: { weeks: 39, end: "2023-10-28" },
      jan28_2023: { instant: "2023-01-28" },
    });
    expect(weeks.notes.join(" ")).toContain("53 weeks");
  });

  it("renames quarter words and years in headings, keeping their case", () => {
    const from = { year: 2003, quarter: 3 };
    expect(renameQuarterWords("THIRD-QUARTER FINANCIAL HIGHLIGHTS", from, { year: 2003, quarter: 4 })).toBe("FOURTH-QUARTER FINANCIAL HIGHLIGHTS");
    expect(renameQuarterWords("Third Quarter 2003", from, { year: 2004, quarter: 1 })).toBe("First Quarter 2004");
  });
});
