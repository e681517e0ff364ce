/**
 * A company's style.json is checked before it is used: `paragraphGap: 1e8` or `textWidth: 1e8`
 * crashed V8 or ran for minutes in the text writer. Each setting has a type and bounds, and a bad
 * one is a located message (file:line:column) with exit 2, nothing written.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, makeTempDir, root, runCliCaptured } from "./run-cli.js";

/** A copy of the default company with `style` as its own templates/default/style.json. */
function writeCompanyWithStyle(style: string): string {
  const folder = join(makeTempDir("style-bounds"), "atg");
  mkdirSync(join(folder, "templates", "default"), { recursive: true });
  copyFileSync(join(root, "data/atg/company.yaml"), join(folder, "company.yaml"));
  copyFileSync(join(root, "data/atg/2003-q3.yaml"), join(folder, "2003-q3.yaml"));
  writeFileSync(join(folder, "templates", "default", "style.json"), style);
  return join(folder, "2003-q3.yaml");
}

async function expectRefused(style: string, expected: RegExp): Promise<void> {
  const file = writeCompanyWithStyle(style);
  const out = makeTempDir("style-bounds-out");
  const started = Date.now();
  const result = await runCliCaptured(["build", file, "--out", out, "--format", "txt,html"]);
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(expected);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(listFiles(out)).toEqual([]);
}

describe("style settings bounds", () => {
  it.each([
    ['{\n  "paragraphGap": 1e8\n}', /style\.json:2:3  paragraphGap: expected at most 5, got 100000000/],
    ['{ "textWidth": 1e8 }', /style\.json:1:3  textWidth: expected at most 400, got 100000000/],
    ['{ "textWidth": 0 }', /textWidth: expected at least 30, got 0/],
    ['{ "textWidth": 70.5 }', /textWidth: expected a whole number, got 70\.5/],
    ['{ "textWidth": "wide" }', /textWidth: expected a whole number, got "wide"/],
    ['{ "paragraphIndent": -1 }', /paragraphIndent: expected at least 0, got -1/],
    ['{ "headingIndent": 1000000 }', /headingIndent: expected at most 20/],
    ['{ "narrativeDecimals": 1000000 }', /narrativeDecimals: expected at most 3/],
    ['{ "headingCase": "lower" }', /headingCase: expected one of "upper", "as-is", got "lower"/],
    [`{ "bullet": "${"-".repeat(1000)}" }`, /bullet: expected at most 20 characters/],
    ['{ "bullet": "\\u001b[31m" }', /bullet: no control characters/],
    ['{ "paragraphGapp": 1 }', /style\.json:1:3  unknown setting "paragraphGapp"/],
    ["[1, 2]", /style\.json:1:1  expected a JSON object of settings/],
  ])("%s is refused, located", async (style, expected) => {
    await expectRefused(style, expected);
  });

  it("settings within bounds build", async () => {
    const file = writeCompanyWithStyle('{ "textWidth": 120, "paragraphGap": 1 }');
    const result = await runCliCaptured(["build", file, "--out", makeTempDir("style-bounds-ok"), "--format", "txt"]);
    expect(result.code, result.stderr).toBe(0);
  });
});
