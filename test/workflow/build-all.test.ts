/** `build <folder>`: every quarter in the tree, a broken one reported, the others still built. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BuildReport } from "../../src/cli/build-report.js";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";

let folder: string;
const { stdout, stderr } = capturePrintedOutput();

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "build-all-"));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("earnings-release build <folder>", () => {
  it("builds the good quarters, reports the broken one, prints a summary table and exits non-zero", async () => {
    const data = join(folder, "data", "atg");
    mkdirSync(data, { recursive: true });
    for (const name of ["company.yaml", "2002-q4.yaml", "2003-q3.yaml"]) copyFileSync(join("data/atg", name), join(data, name));
    writeFileSync(join(data, "2003-q1.yaml"), "period: 2003-q1\nperiodLabel: [broken\n");
    const out = join(folder, "out");
    const code = await runCli(["build", join(folder, "data"), "-f", "txt,html", "-o", out]);
    expect(code).not.toBe(0);
    for (const period of ["2002-q4", "2003-q3"]) {
      expect(existsSync(join(out, "atg", period, "release.txt")), period).toBe(true);
      expect(existsSync(join(out, "atg", period, "release.html")), period).toBe(true);
    }
    expect(existsSync(join(out, "atg", "2003-q1"))).toBe(false);
    expect(stderr.join("")).toContain(`${join(data, "2003-q1.yaml")}:`);
    const printed = stdout.join("");
    expect(printed).toMatch(/file\s+formats\s+checks\s+time/);
    expect(printed).toMatch(new RegExp(`${join(data, "2003-q3.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+txt,html\\s+pass\\s+\\d+\\.\\d\\d s`));
    expect(printed).toMatch(/2003-q1\.yaml\s+-\s+error\s+failed/);
    expect(printed).toContain("3 releases: 2 built, 1 failed");
    // Not a terminal: plain lines, no progress bar.
    expect(stderr.join("")).not.toContain("\r");
  }, 60_000);
});

describe("BuildReport", () => {
  it("draws a progress bar on a terminal and clears it before each line", () => {
    const out: string[] = [];
    const err: string[] = [];
    const report = new BuildReport(["a.yaml", "b.yaml"], true, { write: (text: string) => out.push(text) }, { write: (text: string) => err.push(text) });
    report.record({ file: "a.yaml", status: "built", formats: ["txt"], checks: "pass", seconds: 0.5 });
    expect(err.join("")).toContain("[############------------] 1/2");
    report.line("b.yaml -> out/");
    expect(err.join("")).toContain("\r\u001b[K");
    expect(out).toEqual(["b.yaml -> out/\n"]);
    report.record({ file: "b.yaml", status: "failed", checks: "error" });
    expect(report.failed).toBe(1);
    expect(report.formatSummary().split("\n").at(-1)).toBe("2 releases: 1 built, 1 failed");
  });

  it("draws no bar when not on a terminal", () => {
    const err: string[] = [];
    const report = new BuildReport(["a.yaml"], false, { write: () => true }, { write: (text: string) => err.push(text) });
    report.line("a.yaml -> out/");
    report.record({ file: "a.yaml", status: "built", checks: "pass" });
    expect(err).toEqual([]);
  });
});
