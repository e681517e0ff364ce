/**
 * Errors in a company's own .hbs templates (a syntax error, an unknown name, an unknown helper)
 * give a message located in the template (file:line:column) and exit 2, not "internal error
 * (please report)" and exit 70.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, listFiles, makeTempDir, root, runBuiltCli, runCliCaptured } from "./run-cli.js";

/** A copy of the default company whose own default style has `template` as `name`. */
function writeCompanyWithTemplate(name: string, template: string): { quarter: string; template: string } {
  const folder = join(makeTempDir("template-errors"), "atg");
  mkdirSync(join(folder, "templates", "default"), { recursive: true });
  copyFileSync(join(root, "data/atg/company.yaml"), join(folder, "company.yaml"));
  copyFileSync(join(root, "data/atg/2003-q3.yaml"), join(folder, "2003-q3.yaml"));
  writeFileSync(join(folder, "templates", "default", name), template);
  return { quarter: join(folder, "2003-q3.yaml"), template: join(folder, "templates", "default", name) };
}

describe("template errors", () => {
  // Compiling dist/ can take a minute on a busy machine.
  beforeAll(() => ensureBuilt(), 180_000);

  it.each([
    ["dateline.hbs", "{{location}}--(BUSINESS WIRE)--{{date}--", /dateline\.hbs:1:\d+  cannot be read after "/],
    ["dateline.hbs", "{{location}}--{{city}}--", /dateline\.hbs:1:\d+  "city" not defined/],
    ["dateline.hbs", "{{#if location}}{{location}}", /dateline\.hbs:1:\d+  cannot be read after "/],
    ["exhibit.hbs", "Exhibit {{upper exhibit}}", /exhibit\.hbs:1:\d+  .*upper/],
    ["safe-harbor.hbs", "\n\n{{> missing}}", /safe-harbor\.hbs:\d+:\d+  .*missing/],
  ])("%s with %j: located, exit 2", async (name, text, expected) => {
    const { quarter } = writeCompanyWithTemplate(name, text);
    const out = makeTempDir("template-errors-out");
    const result = await runCliCaptured(["build", quarter, "--out", out, "--format", "txt"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(listFiles(out)).toEqual([]);
  });

  it("through the built CLI: exit 2, not 70", async () => {
    const { quarter, template } = writeCompanyWithTemplate("dateline.hbs", "{{location}}--{{date}--");
    const result = await runBuiltCli(["build", quarter, "--out", makeTempDir("template-errors-cli"), "--format", "txt"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${template}:1:`);
    expect(result.stderr).not.toContain("internal error");
  });
});
