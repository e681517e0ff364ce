/**
 * The library's pipeline: `buildRelease` loads, ties out, composes once and writes; a final
 * release that fails is not written, a draft carries its failures as data, a quarter with
 * figures still to fill is tied out without a document.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildRelease, loadRelease, rollForward } from "../../src/index.js";
import { defaultQuarter, writeEditedDefault } from "../helpers/release.js";

// Counts compose's calls, to hold the pipeline to composing a release once.
vi.mock("../../src/compose/release.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/compose/release.js")>();
  return { ...original, composeRelease: vi.fn(original.composeRelease) };
});
const { composeRelease } = await import("../../src/compose/release.js");

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  vi.mocked(composeRelease).mockClear();
});

/** The default quarter with Services revenue one thousand dollars off, so the total no longer foots. */
function slippedQuarter(): string {
  const file = writeEditedDefault((text) => text.replace("values: [11008, 12677, 34769, 40404]", "values: [11009, 12677, 34769, 40404]"));
  folders.push(dirname(file));
  return file;
}

describe("buildRelease", () => {
  it("ties out, composes once and writes each format asked for", async () => {
    const built = await buildRelease(defaultQuarter, { formats: ["txt", "html"] });
    expect(built.report?.passed).toBe(true);
    expect(built.failures).toEqual([]);
    expect(built.blocked).toBeUndefined();
    expect([...built.outputs.keys()]).toEqual(["txt", "html"]);
    expect(new TextDecoder().decode(built.outputs.get("txt"))).toContain("Art Technology Group");
    expect(composeRelease).toHaveBeenCalledTimes(1);
  });

  it("does not write a final release whose tie-out fails, and composes it once", async () => {
    const built = await buildRelease(slippedQuarter(), { formats: ["txt"] });
    expect(built.blocked).toBe("tie-out");
    expect(built.outputs.size).toBe(0);
    expect(built.failures.map((result) => result.check)).toEqual(["footing"]);
    expect(built.document?.meta.checkFailures).toEqual([]);
    expect(composeRelease).toHaveBeenCalledTimes(1);
  });

  it("stamps a draft's failures on its cover as data, composing it once", async () => {
    const built = await buildRelease(slippedQuarter(), { formats: ["txt"], draft: { number: 3, date: "2026-12-01" } });
    expect(built.blocked).toBeUndefined();
    expect(built.document?.meta.checkFailures).toEqual(built.failures.map((result) => result.message));
    expect(built.failures).toHaveLength(1);
    const text = new TextDecoder().decode(built.outputs.get("txt"));
    expect(text).toContain("TIE-OUT FAILURES (1):");
    expect(composeRelease).toHaveBeenCalledTimes(1);
  });

  it("ties out a quarter with figures still to fill on what it has, without a document", async () => {
    // The next quarter as `new` starts it: its new figures are ~ and listed in rollForward.fill.
    const source = loadRelease(defaultQuarter);
    const rolled = rollForward({ source, sourceText: source.sources.quarter, earlier: [], period: "2003-q4", today: "2003-12-01" });
    const file = writeEditedDefault(() => rolled.text);
    folders.push(dirname(file));
    const built = await buildRelease(file, { formats: ["txt"] });
    expect(built.blocked).toBe("to fill");
    expect(built.document).toBeUndefined();
    expect(built.outputs.size).toBe(0);
    expect(built.work.filter((item) => item.code === "to_fill").length).toBeGreaterThan(10);
    // Relations with nothing to compare yet are work to do, not failures.
    expect(built.report?.counts.fail).toBe(0);
    expect(built.report?.counts.pass).toBeGreaterThan(0);
    expect(composeRelease).not.toHaveBeenCalled();
  });

  it("skips the tie-out when told, and takes a loaded release", async () => {
    const first = await buildRelease(defaultQuarter, { tieOut: false });
    const again = await buildRelease(first.release, { formats: ["edgar"], tieOut: false });
    expect(first.report).toBeUndefined();
    expect(again.release).toBe(first.release);
    expect(new TextDecoder().decode(again.outputs.get("edgar"))).toMatch(/^<html|<!DOCTYPE/i);
  });
});
