/**
 * Roll forward loses nothing: every table keeps its columns (stated columns with their own keys
 * too) with periods moved, year-to-date columns follow the fiscal calendar, and the file is the
 * source edited in place (comments, flow style, folded paragraphs and blank lines kept).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { loadRelease } from "../../src/data/load.js";
import { resolveColumns } from "../../src/finance/columns.js";
import { capturePrintedOutput } from "../helpers/cli.js";

const { stdout } = capturePrintedOutput();
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "roll-keeps-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function copyCompany(company: string, ...files: string[]): void {
  for (const name of ["company.yaml", ...files]) copyFileSync(join("data", company, name), join(folder, name));
}

async function roll(from: string, period: string): Promise<string> {
  expect(await runCli(["new", join(folder, from), "--period", period]), stdout.join("")).toBe(0);
  return join(folder, `${period}.yaml`);
}

/** Each table's columns as `key (period: months|weeks|instant)`, from the loaded file. */
function columnSets(file: string): Record<string, string[]> {
  const { quarter } = loadRelease(file);
  return Object.fromEntries(
    quarter.tables.map((table, index) => [
      table.id,
      resolveColumns(table, quarter.periods, ["tables", index]).map((column) => {
        const period = quarter.periods[column.period]!;
        const length = "instant" in period ? `at ${period.instant}` : "months" in period ? `${period.months}m to ${period.end}` : `${period.weeks}w to ${period.end}`;
        return `${column.rule ? `${column.rule.kind} ` : ""}${column.key}${column.label ? ` "${column.label}"` : ""} (${length})`;
      }),
    ]),
  );
}

const commentLines = (text: string) => text.split("\n").filter((line) => line.trimStart().startsWith("#"));
const notice = (line: string) => line.startsWith("# Rolled forward from ") || line.startsWith("#   ");

describe("roll forward keeps every column", () => {
  it("northwind 2025-q2 -> q3: every table's columns, guidance Low/High and the adjustments column with their keys, periods moved", async () => {
    copyCompany("northwind", "2025-q2.yaml");
    const file = await roll("2025-q2.yaml", "2025-q3");
    expect(columnSets(file)).toEqual({
      income: [
        "q3_2025 (13w to 2025-11-01)",
        "q3_2024 (13w to 2024-11-02)",
        "percentChange change_q2 (13w to 2025-11-01)",
        "ytd_2025 (39w to 2025-11-01)",
        "ytd_2024 (39w to 2024-11-02)",
        "percentChange change_h1 (39w to 2025-11-01)",
      ],
      channels: [
        "q3_2025 (13w to 2025-11-01)",
        'percentOf share_2025 "% of Total" (13w to 2025-11-01)',
        "q3_2024 (13w to 2024-11-02)",
        'percentOf share_2024 "% of Total" (13w to 2024-11-02)',
        "percentChange change_channel (13w to 2025-11-01)",
      ],
      balanceSheet: ["nov1_2025 (at 2025-11-01)", "feb1_2025 (at 2025-02-01)", "nov2_2024 (at 2024-11-02)"],
      cashFlows: ["ytd_2025 (39w to 2025-11-01)", "ytd_2024 (39w to 2024-11-02)"],
      reconciliation: ['q3_2025 "GAAP" (13w to 2025-11-01)', 'q3_2025_adjustments "Adjustments" (13w to 2025-11-01)', 'sum q3_2025_nonGaap "Non-GAAP" (13w to 2025-11-01)'],
      perShareBridge: ["q3_2025 (13w to 2025-11-01)", "q3_2024 (13w to 2024-11-02)", "ytd_2025 (39w to 2025-11-01)", "ytd_2024 (39w to 2024-11-02)"],
      guidance: ['fy2025_low "Low" (52w to 2026-01-31)', 'fy2025_high "High" (52w to 2026-01-31)'],
    });
    // The guidance for the year is the same period: its figures are carried, not emptied.
    const rolled = loadRelease(file);
    expect(rolled.facts.value("guidanceEpsGaap", "fy2025_high")?.value.toString()).toBe("3.18");
    const printed = stdout.join("");
    expect(printed).toContain("tables[guidance]: columns fy2025_low, fy2025_high carried with their figures (same period)");
    expect(printed).toContain("tables[reconciliation]: q2_2025 -> q3_2025, q2_2025_adjustments -> q3_2025_adjustments, q2_2025_nonGaap -> q3_2025_nonGaap");
    expect(printed).toMatch(/emptied:\n {4}tables\[income\]: \d+ figures left ~ to fill/);
    expect(readFileSync(file, "utf8")).toContain('- [{ text: "Thirteen Weeks Ended November 1, 2025", span: 3 }]');
  });

  it("atg 2003-q3 -> q4 -> 2004-q1 -> q2: the nine months become the year, the year is dropped in a first quarter, and the six months are added in a second", async () => {
    copyCompany("atg", "2003-q3.yaml", "2002-q4.yaml");
    const q4 = await roll("2003-q3.yaml", "2003-q4");
    const q1 = await roll("2003-q4.yaml", "2004-q1");
    const q2 = await roll("2004-q1.yaml", "2004-q2");
    const quarters = (a: string, b: string, extra: string[] = []) => [a, b, ...extra];
    expect(columnSets(q4)).toEqual({
      highlights: quarters("q4_2003 (3m to 2003-12-31)", "q4_2002 (3m to 2002-12-31)", ["fy_2003 (12m to 2003-12-31)", "fy_2002 (12m to 2002-12-31)"]),
      operations: quarters("q4_2003 (3m to 2003-12-31)", "q4_2002 (3m to 2002-12-31)", ["fy_2003 (12m to 2003-12-31)", "fy_2002 (12m to 2002-12-31)"]),
      balanceSheet: ["dec31_2003 (at 2003-12-31)", "dec31_2002 (at 2002-12-31)"],
    });
    expect(columnSets(q1)).toEqual({
      highlights: ["q1_2004 (3m to 2004-03-31)", "q1_2003 (3m to 2003-03-31)"],
      operations: ["q1_2004 (3m to 2004-03-31)", "q1_2003 (3m to 2003-03-31)"],
      balanceSheet: ["mar31_2004 (at 2004-03-31)", "dec31_2003 (at 2003-12-31)"],
    });
    expect(columnSets(q2)).toEqual({
      highlights: ["q2_2004 (3m to 2004-06-30)", "q2_2003 (3m to 2003-06-30)", "ytd_2004 (6m to 2004-06-30)", "ytd_2003 (6m to 2003-06-30)"],
      operations: ["q2_2004 (3m to 2004-06-30)", "q2_2003 (3m to 2003-06-30)", "ytd_2004 (6m to 2004-06-30)", "ytd_2003 (6m to 2003-06-30)"],
      balanceSheet: ["jun30_2004 (at 2004-06-30)", "dec31_2003 (at 2003-12-31)"],
    });
    // Every row of the operations statement has a value for each of the four columns.
    const operations = loadRelease(q2).quarter.tables.find((table) => table.id === "operations")!;
    for (const row of operations.rows) if (typeof row === "object" && "values" in row && row.values) expect(row.values).toHaveLength(4);
    // Each rolled file is INCOMPLETE, not FAILED.
    for (const file of [q4, q1, q2]) {
      stdout.length = 0;
      expect(await runCli(["check", file])).toBe(1);
      expect(stdout.join("").trimEnd().split("\n").at(-1)).toMatch(/^INCOMPLETE: /);
    }
  });
});

describe("roll forward of an outlook", () => {
  it("keeps the year's outlook within the year, makes it next year's in the fourth quarter, and keeps that in the next first quarter", async () => {
    copyCompany("northwind", "2025-q2.yaml");
    await roll("2025-q2.yaml", "2025-q3");
    const q4 = await roll("2025-q3.yaml", "2025-q4");
    const q1 = await roll("2025-q4.yaml", "2026-q1");
    expect(columnSets(q4).guidance).toEqual(['fy2026_low "Low" (52w to 2027-01-30)', 'fy2026_high "High" (52w to 2027-01-30)']);
    expect(readFileSync(q4, "utf8")).toContain('- [{ text: "Fiscal Year Ending January 30, 2027", span: 2 }]');
    expect(readFileSync(q4, "utf8")).toContain("{{perShare guidanceEpsGaap fy2026_low}}");
    expect(columnSets(q4).income).toEqual([
      "q4_2025 (13w to 2026-01-31)",
      "q4_2024 (13w to 2025-02-01)",
      "percentChange change_q2 (13w to 2026-01-31)",
      "fy_2025 (52w to 2026-01-31)",
      "fy_2024 (52w to 2025-02-01)",
      "percentChange change_h1 (52w to 2026-01-31)",
    ]);
    expect(columnSets(q1).guidance).toEqual(['fy2026_low "Low" (52w to 2027-01-30)', 'fy2026_high "High" (52w to 2027-01-30)']);
    expect(columnSets(q1).income).toEqual(["q1_2026 (13w to 2026-05-02)", "q1_2025 (13w to 2025-05-03)", "percentChange change_q2 (13w to 2026-05-02)"]);
  });
});

describe("roll forward of a series of quarter ends", () => {
  it("moves every column by one quarter, the fiscal year end among them, and carries the figures it had", async () => {
    copyCompany("northwind");
    const text = readFileSync("data/northwind/2025-q2.yaml", "utf8")
      .replace('  feb1_2025: { instant: "2025-02-01" }\n', '  feb1_2025: { instant: "2025-02-01" }\n  may3_2025: { instant: "2025-05-03" }\n')
      .replace(
        "  - id: guidance\n",
        "  - id: storeCount\n    title: [Stores at quarter end]\n    unit: units\n    columns: [aug2_2025, may3_2025, feb1_2025]\n    pageBreakBefore: false\n    rows:\n      - { id: stores, label: Stores, format: count, values: [412, 420, 426] }\n\n  - id: guidance\n",
      );
    writeFileSync(join(folder, "2025-q2.yaml"), text);
    loadRelease(join(folder, "2025-q2.yaml"));
    const file = await roll("2025-q2.yaml", "2025-q3");
    expect(columnSets(file).storeCount).toEqual(["nov1_2025 (at 2025-11-01)", "aug2_2025 (at 2025-08-02)", "may3_2025 (at 2025-05-03)"]);
    expect(readFileSync(file, "utf8")).toContain("values: [~, 412, 420] }");
    // The balance sheet still compares with the fiscal year end.
    expect(columnSets(file).balanceSheet).toEqual(["nov1_2025 (at 2025-11-01)", "feb1_2025 (at 2025-02-01)", "nov2_2024 (at 2024-11-02)"]);
  });
});

describe("roll forward edits the file in place", () => {
  it("keeps every comment line, in order, for data/atg and data/northwind", async () => {
    copyCompany("atg", "2003-q3.yaml", "2002-q4.yaml");
    const atg = readFileSync(await roll("2003-q3.yaml", "2003-q4"), "utf8");
    // The facts entry is dropped (the balance sheet states that cash now), with its own comment.
    const dropped = "# Published in millions only: cash at the end of the prior-year quarter.";
    expect(commentLines(atg).filter((line) => !notice(line))).toEqual(commentLines(readFileSync("data/atg/2003-q3.yaml", "utf8")).filter((line) => line !== dropped));
    rmSync(folder, { recursive: true, force: true });
    folder = mkdtempSync(join(tmpdir(), "roll-keeps-"));
    copyCompany("northwind", "2025-q2.yaml");
    const source = readFileSync("data/northwind/2025-q2.yaml", "utf8");
    const northwind = readFileSync(await roll("2025-q2.yaml", "2025-q3"), "utf8");
    expect(commentLines(northwind).filter((line) => !notice(line))).toEqual(commentLines(source));
    expect(commentLines(northwind)[0]).toBe("# yaml-language-server: $schema=../../schema/earnings-release.schema.json");
  });

  it("keeps the layout: flow maps as written, folded paragraphs line for line, blank lines, key order", async () => {
    copyCompany("northwind", "2025-q2.yaml");
    const source = readFileSync("data/northwind/2025-q2.yaml", "utf8").split("\n");
    const rolled = readFileSync(await roll("2025-q2.yaml", "2025-q3"), "utf8").split("\n");
    // Only added lines: the note (3), rollForward (1) and rewrite: true (5); nothing removed.
    const added = rolled.filter((line) => notice(line) || line.startsWith("rollForward:") || line.trim() === "rewrite: true");
    expect(added).toHaveLength(9);
    expect(rolled.filter((line) => !added.includes(line))).toHaveLength(source.length);
    const kept = rolled.filter((line) => !added.includes(line));
    kept.forEach((line, index) => {
      const original = source[index]!;
      // A line is the source's, or the source's with ids, dates and figures changed: same indentation, same opening.
      expect(line.length - line.trimStart().length, `line ${index + 1}: ${original}`).toBe(original.length - original.trimStart().length);
    });
    expect(rolled).toContain("    nonGaap: { gaap: operatingIncome }");
    expect(rolled).toContain("  - id: income");
    expect(kept.filter((line) => line.trim() === "").length).toBe(source.filter((line) => line.trim() === "").length);
  });

  it("carries the new kinds of cells: marks and cell objects", async () => {
    copyCompany("atg", "2002-q4.yaml");
    const text = readFileSync("data/atg/2003-q3.yaml", "utf8")
      .replace("values: [0, 0, -5273, -89] }", 'values: ["—", "—", -5273, -89] }')
      .replace("values: [17, 77, 868, 1849]", 'values: [{ value: 17, mark: "(a)" }, 77, 868, { value: 1849, decimals: 0 }]');
    writeFileSync(join(folder, "2003-q3.yaml"), text);
    expect(await runCli(["check", join(folder, "2003-q3.yaml")]), stdout.join("")).not.toBe(2);
    const rolled = readFileSync(await roll("2003-q3.yaml", "2003-q4"), "utf8");
    expect(rolled).toMatch(/id: restructuring, [^\n]*values: \["—", -?\d+, ~, -?\d+\] }/);
    expect(rolled).toMatch(/id: otherIncome, [^\n]*values: \[~, \d+, ~, \{ value: \d+, decimals: 0 \}\]/);
    expect(stdout.join("")).toMatch(/tables\[operations\]: 1 mark \(n\/m, dashes\) carried into moved periods; confirm them/);
    loadRelease(join(folder, "2003-q4.yaml"));
  });
});
