/** A narrative error in the company's safe harbor is reported at the field it is in, not at risksIntro. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeRelease } from "../../src/compose/release.js";
import { DataError, type DataIssue } from "../../src/data/issues.js";
import { loadRelease } from "../../src/data/load.js";
import { writeEditedDefaultCompany } from "../helpers/release.js";

const company = readFileSync("data/atg/company.yaml", "utf8");
/** The 1-based line of the first line of the company file that contains `text`. */
const lineOf = (text: string) => company.split("\n").findIndex((line) => line.includes(text)) + 1;

/** The issues composing the default quarter with an edited company file reports. */
function composeIssues(edit: (text: string) => string): { issues: readonly DataIssue[]; companyFile: string } {
  const { quarterFile, companyFile } = writeEditedDefaultCompany(edit);
  const release = loadRelease(quarterFile);
  try {
    composeRelease(release);
  } catch (error) {
    if (error instanceof DataError) return { issues: error.issues, companyFile };
    throw error;
  }
  return { issues: [], companyFile };
}

describe("an error in company.safeHarbor.closing", () => {
  it("is reported at closing's own line and YAML path", () => {
    const { issues, companyFile } = composeIssues((text) => text.replace("Further details on these risks", "Further {{money noSuchLine q3_2003}} details on these risks"));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: companyFile, line: lineOf("  closing: >-"), path: "safeHarbor.closing" });
    expect(issues[0]!.message).toContain("{{money ...}}: its line is not a known id");
    expect(issues[0]!.line).not.toBe(lineOf("  risksIntro: >-"));
  });

  it("and one in risksIntro are each reported at their own field", () => {
    const { issues } = composeIssues((text) =>
      text.replace("Further details on these risks", "Further {{money noSuchLine q3_2003}} details on these risks").replace("These statements involve", "These {{percent otherMissingLine q3_2003}} statements involve"),
    );
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual(
      expect.arrayContaining([
        ["safeHarbor.closing", lineOf("  closing: >-")],
        ["safeHarbor.risksIntro", lineOf("  risksIntro: >-")],
      ]),
    );
    expect(issues).toHaveLength(2);
  });
});
