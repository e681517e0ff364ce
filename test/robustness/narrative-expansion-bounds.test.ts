/**
 * Narrative text cannot make the tool do unbounded work: nested inline partials (565 bytes gave
 * gigabytes and a stack overflow) are refused before anything is expanded, and `decimals=` of a
 * prose helper is a whole number from 0 to 6 (a million digits ran for minutes). Both are located
 * data errors.
 */
import { describe, expect, it } from "vitest";
import { composeRelease } from "../../src/compose/release.js";
import { DataError, formatIssue } from "../../src/data/issues.js";
import { loadRelease } from "../../src/data/load.js";
import { writeEditedDefault } from "../helpers/release.js";

const anchor = "today\n        announced";

/** The located messages of composing the default quarter with `insert` in its first paragraph. */
function composeErrors(insert: string): string[] {
  const file = writeEditedDefault((text) => text.replace(anchor, `today ${insert}\n        announced`));
  try {
    composeRelease(loadRelease(file));
  } catch (error) {
    if (error instanceof DataError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

/** Ten levels of inline partials, each calling the one below ten times: 10^10 copies. */
function partialBomb(): string {
  let text = '{{#*inline "p0"}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{/inline}}';
  for (let level = 1; level <= 10; level++) text += `{{#*inline "p${level}"}}${`{{> p${level - 1}}}`.repeat(10)}{{/inline}}`;
  return `${text}{{> p10}}`;
}

describe("narrative expansion bounds", () => {
  it("nested inline partials are refused at once, located, without expanding them", () => {
    const started = Date.now();
    const errors = composeErrors(partialBomb());
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(errors).toHaveLength(1);
    expect(errors[0], errors[0]).toMatch(/2003-q3\.yaml:\d+:\d+  body\[0\]\.paragraphs\[0\]  \{\{#\* \.\.\.\}\} \(a partial or an inline template\) is not used in narrative text/);
  });

  it("a partial call alone is refused too", () => {
    expect(composeErrors("{{> company}}")[0]).toMatch(/\{\{> \.\.\.\}\} \(a partial or an inline template\) is not used in narrative text/);
  });

  it.each(["1000000", "7", "-1", "1.5", '"2"'])("{{percent ... decimals=%s}} is refused, located", (decimals) => {
    const started = Date.now();
    const errors = composeErrors(`{{percent grossMargin q3_2003 decimals=${decimals}}}`);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(errors).toHaveLength(1);
    expect(errors[0], errors[0]).toMatch(/2003-q3\.yaml:\d+:\d+  body\[0\]\.paragraphs\[0\]  \{\{percent \.\.\. decimals=\.\.\.\}\} takes a whole number from 0 to 6, got /);
  });

  it("decimals=0 to 6 still print", () => {
    expect(composeErrors("{{percent grossMargin q3_2003 decimals=6}}")).toEqual([]);
    expect(composeErrors("{{percent grossMargin q3_2003}}")).toEqual([]);
  });
});

describe("narrative messages", () => {
  it("a helper given another helper's figure names it by its text, without the internal figure markers", () => {
    const errors = composeErrors("{{date (money totalRevenues q3_2003)}}");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('{{date ...}}: its period is a figure printed by another helper ("$16.0 million"), not an id');
    expect(errors[0]).not.toMatch(/[\uE000-\uE002]/);
  });
});
