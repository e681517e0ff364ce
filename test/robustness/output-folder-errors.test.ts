/**
 * An output folder that cannot be used gives a message naming it and exit 2, not "internal error
 * (please report)" and exit 70: --out naming a file, a file where a release's folder goes, and a
 * full or read-only disk (simulated: the tests run as root, who can write to any folder mode).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, listFiles, makeTempDir, runBuiltCli, runCliCaptured } from "./run-cli.js";

const quarter = "data/atg/2003-q3.yaml";

describe("output folder errors", () => {
  // Compiling dist/ can take a minute on a busy machine.
  beforeAll(() => ensureBuilt(), 180_000);

  it("--out naming a file is refused before any work", async () => {
    const dir = makeTempDir("out-file");
    writeFileSync(join(dir, "plain"), "x");
    for (const out of [join(dir, "plain"), join(dir, "plain", "below")]) {
      const result = await runCliCaptured(["build", quarter, "--out", out, "--format", "txt"]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`${join(dir, "plain")} is a file, not a folder; choose another folder with --out`);
      expect(listFiles(dir)).toEqual(["plain"]);
    }
  });

  it("a file where the release's folder goes: exit 2 naming it, no temporary file left", async () => {
    const out = makeTempDir("out-blocked");
    mkdirSync(join(out, "atg"));
    writeFileSync(join(out, "atg", "2003-q3"), "in the way");
    const result = await runCliCaptured(["build", quarter, "--out", out, "--format", "txt,html", "--force"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/release\.txt: cannot write \(.*\); a file stands where a folder is needed/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(listFiles(out)).toEqual(["atg/2003-q3"]);
  });

  it("the same through the built CLI: exit 2, not 70", async () => {
    const out = makeTempDir("out-blocked-cli");
    writeFileSync(join(out, "atg"), "in the way");
    const result = await runBuiltCli(["build", quarter, "--out", out, "--format", "txt"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("a file stands where a folder is needed");
    expect(result.stderr).not.toContain("internal error");
  });

  it("schema --out into a folder that is a file: exit 2 with a message", async () => {
    const dir = makeTempDir("schema-out");
    writeFileSync(join(dir, "plain"), "x");
    const result = await runCliCaptured(["schema", "--out", join(dir, "plain", "schema.json")]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/cannot write .*a file stands where a folder is needed/);
  });
});
