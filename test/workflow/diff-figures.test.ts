/** `diff` lists every figure that changed, of every kind, and exits 1 when the drafts differ. */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { composeRelease } from "../../src/compose/release.js";
import { loadRelease } from "../../src/data/load.js";
import { listFigureChanges, listPrintedFigureChanges } from "../../src/workflow/figure-changes.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { defaultQuarter, writeEditedDefault } from "../helpers/release.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

const { stdout } = capturePrintedOutput();

/** A copy of the Northwind quarter, changed by `edit`, beside its company file. */
function writeEditedNorthwind(edit: (text: string) => string): string {
  const original = readFileSync("data/northwind/2025-q2.yaml", "utf8");
  const changed = edit(original);
  expect(changed).not.toBe(original);
  const folder = makeTemporaryFolder("diff");
  copyFileSync("data/northwind/company.yaml", join(folder, "company.yaml"));
  writeFileSync(join(folder, "2025-q2.yaml"), changed);
  return join(folder, "2025-q2.yaml");
}

/** Fact changes and printed changes between two quarter files. */
function changesBetween(oldFile: string, newFile: string) {
  const [a, b] = [loadRelease(oldFile), loadRelease(newFile)];
  const facts = listFigureChanges(a.facts, b.facts);
  return { facts, printed: listPrintedFigureChanges(composeRelease(a), composeRelease(b), facts) };
}

describe("diff: every kind of figure", () => {
  it("a statement figure: the line at its period", async () => {
    const edited = writeEditedDefault((text) => text.replace("values: [17, 77, 868, 1849]", "values: [18, 77, 868, 1849]"));
    const { facts, printed } = changesBetween(defaultQuarter, edited);
    expect(facts).toContainEqual({ line: "otherIncome", label: "Interest and Other Income, net", period: "q3_2003", before: "17", after: "18", computed: false });
    expect(printed).toEqual([]);
    expect(await runCli(["diff", defaultQuarter, edited, "--no-color"])).toBe(1);
    expect(stdout.join("")).toContain("otherIncome (Interest and Other Income, net) q3_2003: 17 -> 18");
  });

  it("a guidance figure in a column with its own key (High), by that key", async () => {
    const edited = writeEditedNorthwind((text) => text.replace("values: [3.02, 3.18] }", "values: [3.02, 3.20] }").replace("values: [3.12, 3.28]", "values: [3.12, 3.30]"));
    const { facts, printed } = changesBetween("data/northwind/2025-q2.yaml", edited);
    expect(facts).toEqual([
      { line: "guidanceEpsGaap", label: "GAAP diluted earnings per share", period: "fy2025_high", before: "3.18", after: "3.2", computed: false },
      { line: "guidanceEpsNonGaap", label: "Non-GAAP diluted earnings per share", period: "fy2025_high", before: "3.28", after: "3.3", computed: false },
    ]);
    expect(printed).toEqual([]);
    expect(await runCli(["diff", "data/northwind/2025-q2.yaml", edited, "--no-color"])).toBe(1);
    const out = stdout.join("");
    expect(out).toContain("2 changed figures:");
    expect(out).toContain("guidanceEpsGaap (GAAP diluted earnings per share) fy2025_high: 3.18 -> 3.2");
    expect(out).toContain("[-$3.18-]{+$3.20+}");
  });

  it("a measure: a changed formula changes its computed figures", () => {
    const edited = writeEditedDefault((text) => text.replace("formula: netIncomeLoss + restructuring\n", "formula: netIncomeLoss + restructuring + stockCompensation\n"));
    const { facts } = changesBetween(defaultQuarter, edited);
    expect(facts).toContainEqual({ line: "netIncomeLossNonGaap", label: "Net income/(loss) (non-GAAP)", period: "ytd_2003", before: "-5172", after: "-5055", computed: true });
    expect(facts.every((change) => change.line === "netIncomeLossNonGaap" || change.line === "epsNonGaap")).toBe(true);
  });

  it("a highlights figure whose row shows another computation: the printed cell, by table, row and column", () => {
    const edited = writeEditedDefault((text) => text.replace("formula: licenseRevenue / totalRevenues, format: percent", "formula: costOfLicense / totalRevenues, format: percent"));
    const { facts, printed } = changesBetween(defaultQuarter, edited);
    expect(facts).toEqual([]);
    expect(printed).toContainEqual({ where: "table", place: "highlights", subject: "Percent of total revenues column 1", before: "31%", after: "3%" });
    expect(printed.filter((change) => change.place === "highlights")).toHaveLength(4);
  });

  it("a prose figure pointed at another period: the figure in its section, with both facts", async () => {
    const edited = writeEditedDefault((text) =>
      text.replace("for the third quarter of 2002 of {{money totalRevenues q3_2002}}", "for the third quarter of 2002 of {{money totalRevenues ytd_2002}}"),
    );
    const { facts, printed } = changesBetween(defaultQuarter, edited);
    expect(facts).toEqual([]);
    expect(printed).toEqual([
      {
        where: "prose",
        place: "lead",
        subject: "paragraph 1",
        before: "$24.5 million",
        after: "$77.0 million",
        beforeFact: { line: "totalRevenues", period: "q3_2002" },
        afterFact: { line: "totalRevenues", period: "ytd_2002" },
      },
    ]);
    expect(await runCli(["diff", defaultQuarter, edited, "--no-color"])).toBe(1);
    expect(stdout.join("")).toContain("prose lead, paragraph 1: $24.5 million -> $77.0 million [totalRevenues q3_2002] -> [totalRevenues ytd_2002]");
  });

  it("exits 0 when the drafts are the same, 1 when only the words differ", async () => {
    expect(await runCli(["diff", defaultQuarter, defaultQuarter, "--no-color"])).toBe(0);
    expect(stdout.join("")).toContain("0 changes in the text\nno figure changed");
    const words = writeEditedDefault((text) => text.replace("excess lease obligation for", "excess lease commitment for"));
    expect(await runCli(["diff", defaultQuarter, words, "--no-color"])).toBe(1);
  });
});
