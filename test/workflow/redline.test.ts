/** Redline: one changed number and one changed sentence show as exactly those two changes. */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { loadRelease } from "../../src/data/load.js";
import { listFigureChanges } from "../../src/workflow/figure-changes.js";
import { countChanges, diffReleaseText, formatWordDiff } from "../../src/workflow/word-diff.js";
import { textOf } from "../helpers/release.js";
import { readPdfText } from "../pdf/read-pdf.js";

let folder: string;
const { all: output } = capturePrintedOutput();

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "redline-"));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const changedNumber = ["values: [17, 77, 868, 1849]", "values: [18, 77, 868, 1849]"] as const;
const changedSentence = ["Settled an $11.8 million excess lease obligation", "Settled an $11.8 million excess lease commitment"] as const;

/** The default release and a copy with one number and one sentence changed. */
function writeDrafts(target = folder): { old: string; edited: string } {
  copyFileSync("data/atg/company.yaml", join(target, "company.yaml"));
  const source = readFileSync("data/atg/2003-q3.yaml", "utf8");
  expect(source).toContain(changedNumber[0]);
  expect(source).toContain(changedSentence[0]);
  writeFileSync(join(target, "old.yaml"), source);
  writeFileSync(join(target, "new.yaml"), source.replace(...changedNumber).replace(...changedSentence));
  return { old: join(target, "old.yaml"), edited: join(target, "new.yaml") };
}

describe("earnings-release diff", () => {
  it("shows exactly the changed number and the changed word in the terminal, and lists the one changed figure", async () => {
    const { old, edited } = writeDrafts();
    expect(await runCli(["diff", old, edited, "--no-color"])).toBe(1);
    const printed = output.join("");
    expect(printed).toContain("2 changes in the text");
    expect(printed).toContain("[-17-]{+18+}");
    expect(printed).toContain("[-obligation-]{+commitment+}");
    expect(printed.match(/\[-/g)).toHaveLength(2);
    expect(printed).toContain("1 changed figure:");
    expect(printed).toContain("otherIncome (Interest and Other Income, net) q3_2003: 17 -> 18");
  });

  it("ignores re-wrapping: an inserted word that moves the line breaks of its paragraph is one change", () => {
    const { old } = writeDrafts();
    const text = textOf(old);
    writeFileSync(old, readFileSync(old, "utf8").replace("excess lease obligation for", "excess real-estate lease obligation for"));
    const longer = textOf(old);
    // The paragraph re-wraps: more than one line differs.
    const oldLines = text.split("\n");
    expect(longer.split("\n").filter((line, index) => line !== oldLines[index]).length).toBeGreaterThan(1);
    const segments = diffReleaseText(text, longer);
    expect(countChanges(segments)).toBe(1);
    expect(formatWordDiff(segments)).toMatch(/excess \{\+real-estate ?\+\} ?lease/);
  });

  it("colours the diff for a terminal", () => {
    const segments = diffReleaseText("net 17 total", "net 18 total");
    expect(formatWordDiff(segments, { color: true })).toMatch(/\u001b\[/);
  });

  it("writes a blackline PDF with the two changes: deletions struck, insertions underlined, the figure highlighted", async () => {
    const { old, edited } = writeDrafts();
    const html = join(folder, "blackline.html");
    expect(await runCli(["diff", old, edited, "--format", "html", "-o", html])).toBe(1);
    const page = readFileSync(html, "utf8");
    const text = /<pre>([\s\S]*)<\/pre>/.exec(page)![1]!;
    expect(text.match(/<ins[ >]/g)).toHaveLength(2);
    expect(text.match(/<del[ >]/g)).toHaveLength(2);
    expect(page).toContain('<del class="figure">17</del><ins class="figure">18</ins>');
    expect(page).toContain("<del>obligation</del><ins>commitment</ins>");
    expect(page).not.toMatch(/<script/i);

    const pdf = join(folder, "blackline.pdf");
    expect(await runCli(["diff", old, edited, "--format", "pdf", "-o", pdf])).toBe(1);
    const { pages } = await readPdfText(readFileSync(pdf));
    const all = pages.join(" ");
    expect(all).toContain("2 changes in the text, 1 changed figure");
    expect(all).toMatch(/excess lease obligation ?commitment/);
    expect(all).toContain("Interest and Other Income, net");
  }, 60_000);

  it("compares a file with its version at a git revision (--from HEAD)", async () => {
    const repo = join(folder, "repo");
    mkdirSync(join(repo, "data", "atg"), { recursive: true });
    const { old, edited } = writeDrafts(join(repo, "data", "atg"));
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], { cwd: repo, stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "first draft");
    writeFileSync(old, readFileSync(edited, "utf8"));
    expect(await runCli(["diff", old, "--from", "HEAD", "--no-color"])).toBe(1);
    const printed = output.join("");
    expect(printed).toContain("--- HEAD:data/atg/old.yaml");
    expect(printed).toContain("2 changes in the text");
    expect(await runCli(["diff", old, "--from", "no-such-revision"])).toBe(2);
  });

  it("lists changed figures by line item and period from the two fact books", () => {
    const { old, edited } = writeDrafts();
    const changes = listFigureChanges(loadRelease(old).facts, loadRelease(edited).facts);
    expect(changes).toEqual([{ line: "otherIncome", label: "Interest and Other Income, net", period: "q3_2003", before: "17", after: "18", computed: false }]);
  });
});
