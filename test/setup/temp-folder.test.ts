/** The run's own temporary folder (test/setup/temp-folder.ts): who sees it, and what a leak does. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PdfPrinter } from "../../src/pdf/index.js";
import { hasProcFs } from "../pdf/process-table.js";
import { describeWithBrowser } from "../pdf/read-pdf.js";
import { sampleInfo } from "../pdf/sample-page.js";
import setup from "./temp-folder.js";

const runFolder = process.env.EARNINGS_RELEASE_TEST_TMPDIR;

describe("the run's temporary folder", () => {
  it("is what os.tmpdir() returns inside a test", () => {
    expect(runFolder).toBeDefined();
    expect(basename(runFolder!)).toMatch(/^earnings-release-test-run-/);
    expect(tmpdir()).toBe(runFolder);
  });

  it("reaches the child processes a test spawns (node, a shell, git)", () => {
    expect(execFileSync(process.execPath, ["-e", "process.stdout.write(require('node:os').tmpdir())"], { encoding: "utf8" })).toBe(runFolder);
    expect(execFileSync("sh", ["-c", 'printf %s "$TMPDIR"'], { encoding: "utf8" })).toBe(runFolder);
    // git reads TMPDIR from its environment; `git var` cannot print it, so ask a git alias's shell.
    expect(execFileSync("git", ["-c", 'alias.tmp=!printf %s "$TMPDIR"', "tmp"], { encoding: "utf8" })).toBe(runFolder);
  });
});

describeWithBrowser("the run's temporary folder and Chromium", () => {
  it.runIf(hasProcFs)("is Chromium's TMPDIR, and its profile folder is made there and removed", async () => {
    const printer = new PdfPrinter();
    let profile: string | undefined;
    try {
      await printer.print("<p>one</p>", { document: sampleInfo(true) });
      const environment = readFileSync(`/proc/${printer.browserProcessId}/environ`, "utf8").split("\0");
      expect(environment).toContain(`TMPDIR=${runFolder}`);
      const argument = readFileSync(`/proc/${printer.browserProcessId}/cmdline`, "utf8")
        .split("\0")
        .find((arg) => arg.startsWith("--user-data-dir="));
      profile = argument!.slice("--user-data-dir=".length);
      expect(dirname(profile)).toBe(runFolder);
    } finally {
      await printer.close();
    }
    expect(existsSync(profile)).toBe(false);
  });
});

describe("the guard at the end of the run", () => {
  const savedExitCode = process.exitCode;
  const savedTmpdir = process.env.TMPDIR;
  afterEach(() => {
    process.exitCode = savedExitCode;
    expect(process.env.TMPDIR).toBe(savedTmpdir);
  });

  it("passes and removes its folder when nothing is left", () => {
    const teardown = setup();
    const folder = tmpdir();
    expect(dirname(folder)).toBe(savedTmpdir);
    teardown();
    expect(existsSync(folder)).toBe(false);
    expect(process.exitCode).toBe(savedExitCode);
  });

  it("fails the run naming every leftover entry, and still removes the folder", () => {
    const teardown = setup();
    const folder = tmpdir();
    writeFileSync(join(folder, "left-file.txt"), "x");
    mkdirSync(join(folder, "left-folder"));
    writeFileSync(join(folder, "left-folder", "inside.txt"), "x");
    expect(() => teardown()).toThrow(/left 2 entries in the temporary folder .*\n  left-file\.txt\n  left-folder \(folder: inside\.txt\)/);
    expect(process.exitCode).toBe(1);
    expect(existsSync(folder)).toBe(false);
  });
});
