/**
 * `values: [1,500]` (a thousands separator typed in a YAML flow list) is read by YAML as two
 * figures, 1 and 500, and a computed total printed 501 without a word: the loader refuses a
 * flow-list item that looks like a thousands group, with a located message.
 */
import { describe, expect, it } from "vitest";
import { DataError, formatIssue } from "../../src/data/issues.js";
import { loadRelease } from "../../src/data/load.js";
import { parseYamlSource } from "../../src/data/yaml-source.js";
import type { DataIssue } from "../../src/data/issues.js";
import { writeEditedDefault } from "../helpers/release.js";

function issuesOf(text: string): DataIssue[] {
  const issues: DataIssue[] = [];
  parseYamlSource("q.yaml", text, issues);
  return issues;
}

describe("yaml thousands group", () => {
  it("refuses 1,849 in a figure list of the default quarter, located at the figure", () => {
    const file = writeEditedDefault((text) => text.replace("values: [17, 77, 868, 1849]", "values: [17, 77, 868, 1,849]"));
    let error: unknown;
    try {
      loadRelease(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataError);
    const messages = (error as DataError).issues.map(formatIssue);
    expect(
      messages.some((line) =>
        /:\d+:\d+  tables\[operations\]\.rows\[otherIncome\]\.values\[3\]  1,849 in a \[\.\.\.\] list reads as two figures, 1 and 849; write 1849 for one figure, or put a space after the comma \(1, 849\) for two$/.test(
          line,
        ),
      ),
      messages.join("\n"),
    ).toBe(true);
  });

  it.each([
    ["values: [1,500]", 1, 10, "1,500"],
    ["values: [ -2,500 ]", 1, 11, "-2,500"],
    ["values: [5, 1,500.5]", 1, 13, "1,500.5"],
    ["values: [1,500,250]", 1, 10, "1,500"],
    ["values: [1 ,500]", 1, 10, "1,500"],
  ])("%s is refused", (line, row, column, shown) => {
    const issues = issuesOf(`${line}\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "thousands_group", line: row, column });
    expect(issues[0]!.message).toContain(`${shown} in a [...] list reads as two figures`);
  });

  it.each(["values: [1, 500]", "values: [1,50]", "values: [1,2,3]", "values: [1500, 250]", "values: [0.5,100]", "labels: [a,500]", "values:\n  - 1\n  - 500"])(
    "%s is read as written",
    (text) => {
      expect(issuesOf(`${text}\n`)).toEqual([]);
    },
  );

  it("16,009 keeps its own message (the second part has a leading zero)", () => {
    const issues = issuesOf("values: [16,009]\n");
    expect(issues.map((issue) => issue.code)).toEqual(["number_form"]);
  });
});
