/** Building the same inputs twice gives byte-identical files in every format, final and draft. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { outputFormats } from "../../src/render.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

capturePrintedOutput();
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Builds the default release into a fresh folder; file name -> bytes of each output (not the build manifest). */
async function buildOnce(...extra: string[]): Promise<Map<string, Buffer>> {
  const out = makeTemporaryFolder("determinism");
  expect(await runCli(["build", "data/atg/2003-q3.yaml", "--out", out, ...extra])).toBe(0);
  const folder = join(out, "atg", "2003-q3");
  return new Map(
    readdirSync(folder)
      .filter((name) => !name.startsWith("."))
      .map((name) => [name, readFileSync(join(folder, name))]),
  );
}

function expectIdentical(first: Map<string, Buffer>, second: Map<string, Buffer>): void {
  expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
  for (const [name, bytes] of first) expect(second.get(name)!.equals(bytes), `${name} differs between two builds`).toBe(true);
}

describe("deterministic outputs", () => {
  it("writes the same bytes in every format when built twice", async () => {
    const first = await buildOnce();
    // Later, so that anything taken from the clock would differ.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await buildOnce();
    expect(first.size).toBeGreaterThanOrEqual(outputFormats.length);
    for (const name of ["release.txt", "release.html", "release.docx", "release.pdf"]) expect(first.has(name)).toBe(true);
    expectIdentical(first, second);
  });

  it("dates a draft from SOURCE_DATE_EPOCH, not the clock, and repeats it byte for byte", async () => {
    vi.stubEnv("SOURCE_DATE_EPOCH", "1066348800"); // 2003-10-17
    const first = await buildOnce("--draft", "3", "--format", "txt,docx,pdf");
    const second = await buildOnce("--draft", "3", "--format", "txt,docx,pdf");
    expect(first.get("release.txt")!.toString("utf8")).toContain("2003-10-17");
    expectIdentical(first, second);
  });
});
