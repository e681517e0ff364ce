import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError, formatIssue } from "../../src/data/issues.js";
import { loadRelease } from "../../src/data/load.js";
import { writeEditedDefault } from "../helpers/release.js";

/** Loads a changed copy of the default quarter; its messages, with the folder written <dir>. */
function loadChanged(change: (text: string) => string): string[] {
  const file = writeEditedDefault(change);
  try {
    loadRelease(file);
  } catch (error) {
    if (error instanceof DataError) return error.issues.map((issue) => formatIssue(issue).replace(dirname(file), "<dir>"));
    throw error;
  }
  return [];
}

const original = readFileSync("data/atg/2003-q3.yaml", "utf8");

describe("bad data gives located messages", () => {
  it("reports a YAML syntax error with its line and column", () => {
    const messages = loadChanged((text) => text.replace("headline: ATG Announces", "headline: [ATG Announces"));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^<dir>\/2003-q3\.yaml:\d+:\d+ {2}/);
  });

  it("reports a string where a number belongs, with the YAML path and the value", () => {
    const messages = loadChanged((text) => text.replace("values: [5001, 11825, 21971, 36573]", 'values: ["5,001", 11825, 21971, 36573]'));
    const line = original.split("\n").findIndex((l) => l.includes("values: [5001, 11825")) + 1;
    expect(messages).toEqual([
      `<dir>/2003-q3.yaml:${line}:${original.split("\n")[line - 1]!.indexOf('5001') + 1}  tables[operations].rows[licenseRevenue].values[0]  expected a number (write 16009, not "16,009"), got "5,001"`,
    ]);
  });

  it("reports a total whose component is not a line", () => {
    const messages = loadChanged((text) => text.replace("total: licenseRevenue + servicesRevenue", "total: licenseRevenue + serviceRevenue"));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/tables\[operations\]\.rows\[totalRevenues\]\.total {2}the formula refers to "serviceRevenue" which is not a line id; did you mean "servicesRevenue"\?$/);
  });

  it("reports every problem of a file at once", () => {
    const messages = loadChanged((text) =>
      text.replace("values: [530, 1118, 1492, 3257]", "values: [530, 1118, 1492]").replace("releaseDate: \"2003-10-21\"", "releaseDate: \"2003-10-32\"").replace("  - { id: costOfServices", "  - { totl: 1, id: costOfServices"),
    );
    expect(messages.some((m) => m.includes("releaseDate  is not a calendar date"))).toBe(true);
    expect(messages.some((m) => m.includes('unknown field "totl"; did you mean "total"?'))).toBe(true);
  });

  it("reports values that do not match the columns and circular totals", () => {
    const short = loadChanged((text) => text.replace("values: [530, 1118, 1492, 3257]", "values: [530, 1118, 1492]"));
    expect(short.join("\n")).toContain("has 3 values but the table has 4 stated columns (q3_2003, q3_2002, ytd_2003, ytd_2002)");
    const circular = loadChanged((text) => text.replace("total: licenseRevenue + servicesRevenue", "total: licenseRevenue + grossProfit"));
    expect(circular.join("\n")).toMatch(/circular formulas: \w+ -> .* -> \w+; a total cannot depend on itself/);
  });
});
