/**
 * The bad-input corpus (test/fixtures/bad/): every broken or hostile quarter file gives its
 * expected located message, exit 2, and writes nothing to the output folder.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, openSync, ftruncateSync, closeSync, copyFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, listFiles, makeTempDir, root, runBuiltCli, runCliCaptured } from "./run-cli.js";

const corpus = join(root, "test/fixtures/bad");

/** Quarter files of the corpus: every YAML file but company files, in subfolders too. */
function findCases(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...findCases(path));
    else if (entry.endsWith(".yaml") && entry !== "company.yaml") found.push(relative(root, path));
  }
  return found;
}

const cases = findCases(corpus);
/** An issue line: `file:line:col  [path  ]message`. */
const issueLine = /^(\S+\.yaml):(\d+):(\d+)  \S/;

/** The issue lines of a run's error output (the summary line after them is the build's). */
function issueLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /^\S+\.yaml(:\d+:\d+)?  /.test(line));
}

async function expectRejected(file: string, expected?: string[]): Promise<string[]> {
  const out = makeTempDir("bad-out");
  const result = await runCliCaptured(["build", file, "--out", out, "--format", "txt,html,docx"]);
  const lines = issueLines(result.stderr);
  expect(result.code, result.stderr).toBe(2);
  expect(lines.length, result.stderr).toBeGreaterThan(0);
  for (const line of lines) expect(line, "located: file:line:column").toMatch(issueLine);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  if (expected) expect(lines).toEqual(expected);
  expect(listFiles(out), "nothing written").toEqual([]);
  return lines;
}

describe("bad-input corpus", () => {
  it("holds at least 60 cases, each with its expected message", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const file of cases) expect(statSync(join(root, file.replace(/\.yaml$/, ".expected.txt"))).isFile(), file).toBe(true);
  });

  it.each(cases)("%s: the expected located message, exit 2, nothing written", async (file) => {
    const expected = readFileSync(join(root, file.replace(/\.yaml$/, ".expected.txt")), "utf8")
      .trimEnd()
      .split("\n");
    await expectRejected(file, expected);
  });
});

describe("generated hostile inputs", () => {
  const dir = makeTempDir("bad-generated");
  const companyFile = join(dir, "company.yaml");
  copyFileSync(join(corpus, "company.yaml"), companyFile);
  const base = readFileSync(join(root, "test/fixtures/good/minimal/2003-q3.yaml"), "utf8");

  it("a 50 MB file is refused before it is read", async () => {
    const file = join(dir, "huge.yaml");
    writeFileSync(file, base);
    const handle = openSync(file, "r+");
    ftruncateSync(handle, 50 * 1024 * 1024); // a sparse 50 MB file: the size is what counts
    closeSync(handle);
    expect(await expectRejected(file)).toEqual([`${file}:1:1  the file is 50.0 MB; data files are limited to 2 MB`]);
  });

  it("a 1.9 MB file of one long headline is read and refused with a located message", async () => {
    const file = join(dir, "long.yaml");
    writeFileSync(file, base.replace("headline: Example", `headline: "\u200B${"x".repeat(1_900_000)}"\nexhibit: Example`));
    expect(await expectRejected(file)).toEqual([`${file}:6:11  headline  contains an invisible or control character U+200B at position 1; retype the text`]);
  });

  const deep = {
    "flow lists": `a: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
    "flow maps": `a: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`,
    "block lists": `a:\n  ${"- ".repeat(10_000)}1\n`,
    // Indented block maps cost a space a level: 1,400 levels already make a 1 MB file.
    "block maps": `${Array.from({ length: 1_400 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} 1\n`,
  };
  it.each(Object.entries(deep))("thousands of levels of %s: a located 'nested too deeply', no crash", async (name, text) => {
    const file = join(dir, `deep-${name.replace(" ", "-")}.yaml`);
    writeFileSync(file, text);
    const lines = await expectRejected(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/(nested too deeply to read|nesting deeper than 64 levels)/);
  });

  it("a wide alias bomb (every alias small, the whole huge) is refused", async () => {
    const file = join(dir, "wide-bomb.yaml");
    const anchors = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++)
      anchors.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    writeFileSync(file, `${base}${anchors.join("\n")}\n`);
    const lines = await expectRejected(file);
    expect(lines[0]).toMatch(/more than 200000 values once aliases are expanded/);
  });

  it("random bytes are refused with a located message", async () => {
    let seed = 7;
    for (let round = 0; round < 20; round++) {
      const bytes = Buffer.alloc(4096, 0).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff);
      const file = join(dir, `noise-${round}.yaml`);
      writeFileSync(file, bytes);
      await expectRejected(file);
    }
  });
});

describe("bad input through the built program", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it.each(["test/fixtures/bad/string-with-comma.yaml", "test/fixtures/bad/alias-bomb.yaml", "test/fixtures/bad/binary-garbage.yaml", "test/fixtures/bad/company-syntax/2003-q3.yaml"])(
    "%s: node dist/cli/bin.js prints the expected message and exits 2",
    async (file) => {
      const out = makeTempDir("bad-bin");
      const result = await runBuiltCli(["build", file, "--out", out]);
      expect(result.code).toBe(2);
      expect(issueLines(result.stderr)).toEqual(
        readFileSync(join(root, file.replace(/\.yaml$/, ".expected.txt")), "utf8")
          .trimEnd()
          .split("\n"),
      );
      expect(listFiles(out)).toEqual([]);
    },
    20_000,
  );
});
