/**
 * `diff --from REV` never lets git read REV as an option: `--from "--output=<file>"` made git write
 * that file. A revision starting with "-" is refused with exit 2, and every revision is passed to
 * git after `--end-of-options`.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRevision, RevisionError } from "../../src/workflow/git-revision.js";
import { listFiles, runCliCaptured } from "./run-cli.js";

describe("git revision options", () => {
  let folder: string;
  let quarter: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "git-revision-"));
    copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
    quarter = join(folder, "2003-q3.yaml");
    copyFileSync("data/atg/2003-q3.yaml", quarter);
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], { cwd: folder, stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "approved");
    writeFileSync(quarter, readFileSync(quarter, "utf8").replace("ATG Announces", "ATG Reports"));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const hostile = (target: string) => [`--output=${target}`, `-o${target}`, "--textconv", "-p", "--", "-"];

  it.each(hostile("/tmp/x"))("the library refuses the revision %s", (revision) => {
    expect(() => loadRevision(quarter, revision)).toThrow(RevisionError);
    expect(() => loadRevision(quarter, revision)).toThrow(/not a git revision/);
  });

  it("diff --from --output=<file> writes nothing and exits 2 with a message", async () => {
    const target = join(folder, "written-by-git");
    for (const argv of [
      ["diff", quarter, "--from", `--output=${target}`],
      ["diff", quarter, `--from=--output=${target}`],
    ]) {
      const before = listFiles(folder);
      const result = await runCliCaptured(argv);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("is not a git revision");
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(target)).toBe(false);
      expect(listFiles(folder)).toEqual(before);
    }
  });

  it("refuses a revision with a control character", () => {
    expect(() => loadRevision(quarter, "HEAD\n--output=/tmp/x")).toThrow(RevisionError);
  });

  it("still reads a real revision", async () => {
    const revision = loadRevision(quarter, "HEAD");
    try {
      expect(revision.release.quarter.headline).toContain("ATG Announces");
      expect(revision.label).toBe("HEAD:2003-q3.yaml");
    } finally {
      revision.dispose();
    }
    const result = await runCliCaptured(["diff", quarter, "--from", "HEAD", "--no-color"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain("Reports");
  });
});
