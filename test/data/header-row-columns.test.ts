/** A hand-set header row whose cells do not cover the table's columns is a located error, not a misaligned header. */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError, type DataIssue } from "../../src/data/issues.js";
import { loadRelease } from "../../src/data/load.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "../robustness/run-cli.js";

const short = "test/fixtures/bad/header-row-columns.yaml";
const wide = "test/fixtures/bad/header-row-span-too-wide.yaml";

/** The 1-based line and column of the first line of `file` that contains `text`, at that text. */
function placeOf(file: string, text: string): { line: number; column: number } {
  const lines = readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(text));
  return { line: index + 1, column: lines[index]!.indexOf(text) + 1 };
}

function loadIssues(file: string): readonly DataIssue[] {
  try {
    loadRelease(file);
  } catch (error) {
    if (error instanceof DataError) return error.issues;
    throw error;
  }
  return [];
}

describe("a header row with the wrong number of cells", () => {
  it("is reported at the row's line and YAML path, saying how many columns were expected", () => {
    const issues = loadIssues(short);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "header_spans",
      file: short,
      ...placeOf(short, "[{ text: Sept. 30, span: 2 }, Sept. 30]"),
      path: "tables[operations].header.rows[1]",
    });
    expect(issues[0]!.message).toBe(
      `the header row's cells ("Sept. 30" (span 2), "Sept. 30") span 3 columns but the table has 4 (q3_2003, q3_2002, ytd_2003, ytd_2002); give each cell a span so that they add up to 4, "" for a column without a heading`,
    );
  });

  it("a span wider than the table is reported too", () => {
    const issues = loadIssues(wide);
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([["tables[operations].header.rows[0]", placeOf(wide, "span: 3").line]]);
    expect(issues[0]!.message).toContain("span 3 columns but the table has 2 (q3_2003, q3_2002)");
  });

  it("makes `check` exit 2 with the located message on stderr", async () => {
    const result = await runCliCaptured(["check", short]);
    expect(result.code).toBe(2);
    const { line, column } = placeOf(short, "[{ text: Sept. 30, span: 2 }, Sept. 30]");
    expect(result.stderr).toContain(`${short}:${line}:${column}  tables[operations].header.rows[1]  the header row's cells ("Sept. 30" (span 2), "Sept. 30") span 3 columns but the table has 4`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("a header row whose cells cover every column loads", () => {
    const fixed = readFileSync(short, "utf8").replace("[{ text: Sept. 30, span: 2 }, Sept. 30]", "[{ text: Sept. 30, span: 2 }, { text: Sept. 30, span: 2 }]");
    expect(fixed).not.toBe(readFileSync(short, "utf8"));
    const folder = makeTemporaryFolder("header-fixed");
    copyFileSync("test/fixtures/bad/company.yaml", join(folder, "company.yaml"));
    writeFileSync(join(folder, "2003-q3.yaml"), fixed);
    expect(loadRelease(join(folder, "2003-q3.yaml")).quarter.tables[0]!.header!.rows![1]).toHaveLength(2);
  });
});
