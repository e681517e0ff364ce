/**
 * Every file is read with a bound on the bytes actually read, and only if it is a regular file:
 * `company: /dev/zero` read until memory ran out (the size limit trusted stat, which says 0), and
 * a FIFO named *.yaml or *.hbs blocked the build forever. Run through the built CLI with a time
 * limit, since a read that blocks would block the test's own process.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readBoundedFile, FileReadError } from "../../src/data/read-text-file.js";
import { binPath, ensureBuilt, listFiles, makeTempDir, root, type CliResult } from "./run-cli.js";

/** Runs the built CLI, killed after `limitMs` (a blocked read would never end). */
function runWithin(args: readonly string[], limitMs = 20_000): Promise<CliResult & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), child.kill("SIGKILL")), limitMs);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
  });
}

const mkfifo = (path: string) => execFileSync("mkfifo", [path]);

describe("bounded reads", () => {
  let dir: string;
  const quarterText = readFileSync(join(root, "data/atg/2003-q3.yaml"), "utf8");

  // Compiling dist/ can take a minute on a busy machine.
  beforeAll(() => {
    ensureBuilt();
    dir = makeTempDir("bounded-reads");
  }, 180_000);

  /** A company folder with the default quarter, its company file, and `edit` applied to it. */
  function writeCompany(name: string, edit: (folder: string) => void = () => undefined): string {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(root, "data/atg/company.yaml"), join(folder, "company.yaml"));
    writeFileSync(join(folder, "2003-q3.yaml"), quarterText);
    edit(folder);
    return join(folder, "2003-q3.yaml");
  }

  async function expectRefused(args: string[], expected: RegExp): Promise<void> {
    const out = makeTempDir("bounded-out");
    const result = await runWithin(args[0] === "build" ? [...args, "--out", out] : args);
    expect(result.timedOut, "the command blocked").toBe(false);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(listFiles(out), "nothing written").toEqual([]);
  }

  it("company: /dev/zero is refused as not a regular file, at once", async () => {
    const file = writeCompany("zero", (folder) => writeFileSync(join(folder, "2003-q3.yaml"), quarterText.replace(/^period:/m, "company: /dev/zero\nperiod:")));
    await expectRefused(["build", file, "--format", "txt"], /\/dev\/zero:1:1  cannot read the file: not a regular file \(a character device\)/);
  });

  it("a quarter file that is a FIFO is refused, not waited on", async () => {
    const folder = join(dir, "fifo-quarter");
    mkdirSync(folder);
    copyFileSync(join(root, "data/atg/company.yaml"), join(folder, "company.yaml"));
    mkfifo(join(folder, "2003-q3.yaml"));
    await expectRefused(["build", folder, "--format", "txt"], /2003-q3\.yaml:1:1  cannot read the file: not a regular file \(a named pipe\)/);
    await expectRefused(["check", join(folder, "2003-q3.yaml")], /not a regular file \(a named pipe\)/);
  });

  it("a company file that is a FIFO is refused", async () => {
    const file = writeCompany("fifo-company", (folder) => {
      const company = join(folder, "company.yaml");
      execFileSync("rm", [company]);
      mkfifo(company);
    });
    await expectRefused(["build", file, "--format", "txt"], /company\.yaml:1:1  cannot read the file: not a regular file \(a named pipe\)/);
  });

  it("a template of the company's house style that is a FIFO is refused", async () => {
    const file = writeCompany("fifo-template", (folder) => {
      mkdirSync(join(folder, "templates", "default"), { recursive: true });
      mkfifo(join(folder, "templates", "default", "dateline.hbs"));
    });
    await expectRefused(["build", file, "--format", "txt"], /dateline\.hbs:1:1  cannot be read as a template: not a regular file \(a named pipe\)/);
  });

  it("the reader counts the bytes it reads, not the size stat gives", () => {
    expect(() => readBoundedFile("/dev/zero", 1024)).toThrow(FileReadError);
    expect(() => readBoundedFile("/dev/zero", 1024)).toThrow(/not a regular file/);
    const file = join(dir, "exact.txt");
    writeFileSync(file, "x".repeat(1024));
    expect(readBoundedFile(file, 1024).length).toBe(1024);
    expect(() => readBoundedFile(file, 1023)).toThrow(/limited to 1 KB/);
  });
});
