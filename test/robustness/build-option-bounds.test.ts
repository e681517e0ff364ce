/**
 * Options of build that are empty or out of range are usage errors (exit 2, nothing written):
 * `--format ''` built nothing and said nothing, `--out ''` wrote into the working folder, and
 * `--draft 99999999999999999999` was taken as a draft number.
 */
import { describe, expect, it } from "vitest";
import { listFiles, makeTempDir, runCliCaptured } from "./run-cli.js";

const quarter = "data/atg/2003-q3.yaml";

describe("build option bounds", () => {
  it.each([
    [["--format", ""], /--format takes one or more of txt,html,edgar,docx,pdf, got ""/],
    [["--format", " , "], /--format takes one or more of/],
    [["--out", ""], /--out takes a folder, got ""/],
    [["--out", "  "], /--out takes a folder, got "  "/],
    [["--draft", "99999999999999999999"], /--draft takes a draft number from 1 to 9999 such as 3, got "99999999999999999999"/],
    [["--draft", "1e3"], /--draft takes a draft number/],
    [["--draft", "0"], /--draft takes a draft number/],
    [["--draft", "-1"], /--draft takes a draft number|unknown option/],
    [["--draft", "3.5"], /--draft takes a draft number/],
    [["--draft", "10000"], /--draft takes a draft number/],
  ])("%j is refused", async (options, expected) => {
    const out = makeTempDir("option-bounds");
    const argv = ["build", quarter, "--format", "txt", "--out", out, ...options];
    const result = await runCliCaptured(argv);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(listFiles(out)).toEqual([]);
  });

  it("--draft 9999 and --draft alone are drafts", async () => {
    for (const draft of [["--draft", "9999"], ["--draft"]]) {
      const out = makeTempDir("option-bounds-ok");
      const result = await runCliCaptured(["build", quarter, "--format", "txt", "--out", out, ...draft]);
      expect(result.code, result.stderr).toBe(0);
      expect(listFiles(out)).toContain("atg/2003-q3/release.txt");
    }
  });
});
