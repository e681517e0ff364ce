/** `init <company>` scaffolds a company that checks and builds as it is; `--version`. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { lastEndedQuarter } from "../../src/cli/commands/init.js";
import { capturePrintedOutput } from "../helpers/cli.js";

const { stdout, all } = capturePrintedOutput();
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "init-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("earnings-release init", () => {
  it("init acme, then build: every format is written, the tie-out passes", async () => {
    const data = join(folder, "data");
    expect(await runCli(["init", "acme", "--dir", data, "--period", "2026-q3"])).toBe(0);
    const quarter = join(data, "acme", "2026-q3.yaml");
    expect(existsSync(join(data, "acme", "company.yaml"))).toBe(true);
    expect(await runCli(["check", quarter])).toBe(0);
    expect(stdout.join("").trimEnd().split("\n").at(-1)).toBe("PASSED: 1 file checked, 1 passed");
    const out = join(folder, "output");
    expect(await runCli(["build", join(data, "acme"), "--out", out]), all.join("")).toBe(0);
    for (const name of ["release.txt", "release.html", "release.edgar.htm", "release.docx", "release.pdf"]) expect(existsSync(join(out, "acme", "2026-q3", name)), name).toBe(true);
    const text = readFileSync(join(out, "acme", "2026-q3", "release.txt"), "utf8");
    expect(text).toContain("Acme, Inc. Reports Third Quarter 2026 Results");
    expect(text).toContain("Nine Months Ended");
  }, 90_000);

  it("writes the schema line (pointing at the real schema) and a comment before each part", async () => {
    const data = join(folder, "data");
    expect(await runCli(["init", "acme", "--dir", data, "--period", "2026-q3"])).toBe(0);
    for (const name of ["company.yaml", "2026-q3.yaml"]) {
      const lines = readFileSync(join(data, "acme", name), "utf8").split("\n");
      const schema = /^# yaml-language-server: \$schema=(.+)$/.exec(lines[0]!)?.[1];
      expect(schema, name).toBeDefined();
      expect(resolve(dirname(join(data, "acme", name)), schema!)).toBe(resolve("schema/earnings-release.schema.json"));
      // Each top-level part that opens a block is explained by the comment line just above it.
      lines.forEach((line, index) => {
        if (/^[a-zA-Z]+:$/.test(line)) expect(lines[index - 1], `${name}: ${line}`).toMatch(/^#/);
      });
    }
  });

  it("a first quarter (no year-to-date columns) of a January fiscal year checks as it is", async () => {
    const data = join(folder, "data");
    expect(await runCli(["init", "tundra", "--dir", data, "--period", "2026-q1", "--fiscal-year-end", "01-31", "--name", "Tundra Outdoor Corp."])).toBe(0);
    const text = readFileSync(join(data, "tundra", "2026-q1.yaml"), "utf8");
    expect(text).toContain('q1_2026: { months: 3, end: "2025-04-30" }');
    expect(text).toContain('jan31_2025: { instant: "2025-01-31" }');
    expect(text).not.toContain("ytd_");
    expect(await runCli(["check", join(data, "tundra")])).toBe(0);
  });

  it("never overwrites, and refuses an id that is not a folder name (exit 2)", async () => {
    const data = join(folder, "data");
    expect(await runCli(["init", "acme", "--dir", data, "--period", "2026-q3"])).toBe(0);
    expect(await runCli(["init", "acme", "--dir", data])).toBe(2);
    expect(all.join("")).toContain("never overwrites");
    expect(await runCli(["init", "Acme Corp", "--dir", data])).toBe(2);
  });

  it("defaults to the last quarter that ended", () => {
    expect(lastEndedQuarter("2026-12-01", "12-31")).toBe("2026-q3");
    expect(lastEndedQuarter("2026-01-05", "12-31")).toBe("2025-q4");
    expect(lastEndedQuarter("2026-03-15", "01-31")).toBe("2026-q4");
  });
});

describe("earnings-release --version", () => {
  it("prints the package's version", async () => {
    expect(await runCli(["--version"])).toBe(0);
    expect(stdout.join("").trim()).toBe((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version);
  });
});
