/**
 * Two quarter files for the same company and period (a draft copy beside the original) map to one
 * output folder: the build says so naming both, exits 2, and keeps the folder for the first file
 * in input order, build after build (they overwrote each other, and later builds flip-flopped and
 * reported "unchanged, skipped" for a release that was no longer there).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, root, runCliCaptured } from "./run-cli.js";

describe("output folder collision", () => {
  let data: string;
  let out: string;
  let original: string;
  let copy: string;

  beforeAll(() => {
    const dir = makeTempDir("collision");
    data = join(dir, "atg");
    out = join(dir, "out");
    mkdirSync(data);
    copyFileSync(join(root, "data/atg/company.yaml"), join(data, "company.yaml"));
    original = join(data, "2003-q3.yaml");
    copy = join(data, "2003-q3-copy.yaml");
    const text = readFileSync(join(root, "data/atg/2003-q3.yaml"), "utf8");
    writeFileSync(original, text);
    writeFileSync(copy, text.replace("headline: ATG Announces", "headline: COPY ATG Announces"));
  });

  const headline = () => (readFileSync(join(out, "atg/2003-q3/release.txt"), "utf8").includes("COPY ATG Announces") ? "copy" : "original");

  it("is an error naming both files, exit 2, and the first file's release stays, build after build", async () => {
    const first = await runCliCaptured(["build", original, copy, "--out", out, "--format", "txt"]);
    expect(first.code, first.stderr).toBe(2);
    expect(first.stderr).toContain(`${copy}  has the same company and period as ${original}`);
    expect(first.stderr).toContain(join(out, "atg", "2003-q3"));
    expect(headline()).toBe("original");

    for (let run = 0; run < 2; run++) {
      const again = await runCliCaptured(["build", original, copy, "--out", out, "--format", "txt"]);
      expect(again.code, again.stderr).toBe(2);
      expect(again.stdout + again.stderr).toContain(`${original} -> ${join(out, "atg", "2003-q3")}/ unchanged since the last build, skipped`);
      expect(again.stdout + again.stderr).not.toContain(`${copy} -> `);
      expect(again.stderr).toContain(`${copy}  has the same company and period as ${original}`);
      expect(headline()).toBe("original");
    }
  });

  it("the copy alone builds into the folder; then both again: the first named keeps it", async () => {
    const alone = await runCliCaptured(["build", copy, "--out", out, "--format", "txt"]);
    expect(alone.code, alone.stderr).toBe(0);
    expect(headline()).toBe("copy");
    const both = await runCliCaptured(["build", original, copy, "--out", out, "--format", "txt"]);
    expect(both.code, both.stderr).toBe(2);
    expect(headline()).toBe("original");
    expect(both.stderr).toContain(`${copy}  has the same company and period as ${original}`);
  });

  it("a folder holding both names both, in its sorted order", async () => {
    const result = await runCliCaptured(["build", data, "--out", makeTempDir("collision-out"), "--format", "txt"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/2003-q3(-copy)?\.yaml  has the same company and period as .*2003-q3(-copy)?\.yaml/);
  });

  it("one file named twice is built once, not a collision", async () => {
    const result = await runCliCaptured(["build", original, `${data}/./2003-q3.yaml`, "--out", makeTempDir("collision-once"), "--format", "txt"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("same company and period");
  });
});
