/** `check` ends with one verdict line, and its exit code agrees with it. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { textOf, writeEditedDefault } from "../helpers/release.js";

const { stdout } = capturePrintedOutput();
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "check-verdict-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The last non-empty line `check` printed. */
function verdictLine(): string {
  return stdout.join("").trimEnd().split("\n").at(-1)!;
}

describe("check's verdict", () => {
  it("PASSED, exit 0", async () => {
    expect(await runCli(["check", "data/atg"])).toBe(0);
    expect(verdictLine()).toBe("PASSED: 2 files checked, 2 passed");
  });

  it("FAILED, exit 1, when a figure does not tie out", async () => {
    const file = writeEditedDefault((text) => text.replace("values: [5001, 11825, 21971, 36573]", "values: [5002, 11825, 21971, 36573]"));
    expect(await runCli(["check", file])).toBe(1);
    expect(verdictLine()).toBe("FAILED: 1 file checked, 0 passed, 1 failed");
  });

  it("CHANGED SINCE APPROVAL, exit 1, and never PASSED, when the approved text differs", async () => {
    copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
    copyFileSync("data/atg/2003-q3.yaml", join(folder, "2003-q3.yaml"));
    writeFileSync(join(folder, "2003-q3.approved.txt"), `${textOf()}\nA sentence counsel approved and the data no longer gives.\n`);
    expect(await runCli(["check", join(folder, "2003-q3.yaml")])).toBe(1);
    const printed = stdout.join("");
    expect(printed).not.toContain("PASSED");
    expect(printed).toMatch(/2003-q3\.yaml: CHANGED SINCE APPROVAL {2}0 failed/);
    expect(verdictLine()).toBe("CHANGED SINCE APPROVAL: 1 file checked, 0 passed, 1 changed since approval");
  });

  it("INCOMPLETE, exit 1, for a freshly rolled quarter: relations with nothing to compare yet are work, not failures", async () => {
    copyFileSync("data/northwind/company.yaml", join(folder, "company.yaml"));
    copyFileSync("data/northwind/2025-q2.yaml", join(folder, "2025-q2.yaml"));
    expect(await runCli(["new", join(folder, "2025-q2.yaml"), "--period", "2025-q3"])).toBe(0);
    stdout.length = 0;
    expect(await runCli(["check", join(folder, "2025-q3.yaml")])).toBe(1);
    expect(stdout.join("")).not.toContain("FAILED");
    expect(verdictLine()).toMatch(/^INCOMPLETE: 1 file checked, 0 passed, 1 incomplete \(\d+ still to do\)$/);
  });

  it("the worst verdict of several files; NOT CHECKED with exit 2 when one does not load", async () => {
    const failing = writeEditedDefault((text) => text.replace("values: [5001, 11825, 21971, 36573]", "values: [5002, 11825, 21971, 36573]"));
    expect(await runCli(["check", "data/atg", failing])).toBe(1);
    expect(verdictLine()).toBe("FAILED: 3 files checked, 2 passed, 1 failed");
    stdout.length = 0;
    const broken = writeEditedDefault((text) => text.replace("values: [5001, 11825, 21971, 36573]", 'values: ["5,001", 11825, 21971, 36573]'));
    expect(await runCli(["check", "data/atg", broken])).toBe(2);
    expect(verdictLine()).toBe("NOT CHECKED: 3 files checked, 2 passed, 1 not readable");
  });

  it("--json carries the verdict of the run and of each file", async () => {
    expect(await runCli(["check", "data/atg/2003-q3.yaml", "--json"])).toBe(0);
    const parsed = JSON.parse(stdout.join("")) as { verdict: string; files: Record<string, string> };
    expect(parsed.verdict).toBe("PASSED");
    expect(parsed.files).toEqual({ "data/atg/2003-q3.yaml": "PASSED" });
  });
});
