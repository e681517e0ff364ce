import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { writeEditedDefault } from "../helpers/release.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

const { stdout, stderr } = capturePrintedOutput();

/** The default quarter edited by `edit`, optionally with another status. */
function plantedQuarter(edit: (text: string) => string, status?: string): string {
  return writeEditedDefault((text) => {
    const edited = edit(text);
    return status ? edited.replace(/^status: final$/m, `status: ${status}`) : edited;
  });
}

const slipped = (text: string) => text.replace("values: [5001, 11825, 21971, 36573]", "values: [5002, 11825, 21971, 36573]");

describe("earnings-release check", () => {
  it("passes on the embedded default (exit 0)", async () => {
    expect(await runCli(["check", "data/atg"])).toBe(0);
    const out = stdout.join("");
    expect(out).toMatch(/^data\/atg\/2002-q4\.yaml: PASSED {2}0 failed/m);
    expect(out).toMatch(/^data\/atg\/2003-q3\.yaml: PASSED {2}0 failed/m);
    expect(out).toContain("footing 16, cross-footing 20, balance 2, per-share 8, percentages 4");
  });

  it("passes on every embedded example (data/)", async () => {
    expect(await runCli(["check", "data"])).toBe(0);
    expect(stdout.join("")).not.toContain("FAILED");
  });

  it("prints JSON with every result's name, status, figures, difference, tolerance and place", async () => {
    expect(await runCli(["check", "data/atg/2003-q3.yaml", "--json"])).toBe(0);
    const parsed = JSON.parse(stdout.join("")) as { passed: boolean; reports: { file: string; results: Record<string, unknown>[] }[] };
    expect(parsed.passed).toBe(true);
    const footing = parsed.reports[0]!.results.find((result) => result.check === "footing")!;
    expect(footing).toMatchObject({ status: "pass", difference: "0", tolerance: "0", file: "data/atg/2003-q3.yaml" });
    expect(footing.line).toEqual(expect.any(Number));
    expect(footing.figures).toEqual(expect.arrayContaining([{ label: "Product license", value: "5,001", line: "licenseRevenue", period: "q3_2003" }]));
  });

  it("fails (exit 1) with the failure first and its exact message", async () => {
    const file = plantedQuarter(slipped);
    expect(await runCli(["check", file])).toBe(1);
    const lines = stdout.join("").split("\n");
    expect(lines[0]).toMatch(/2003-q3\.yaml: FAILED {2}1 failed/);
    const line =
      readFileSync(file, "utf8")
        .split("\n")
        .findIndex((text) => text.includes("id: totalRevenues")) + 1;
    expect(lines.slice(1, 5)).toEqual([
      "",
      "FAILED",
      "  footing (1)",
      `    >> FAIL  Total Revenues, three months ended Sept. 30, 2003: the components sum to 16,010 but the total is 16,009: differs by 1; the table's figures are force-footed (figures: footed), so they must add exactly: an error at ${file}:${line}`,
    ]);
  });

  it("exits 2 on bad input, with a located message", async () => {
    expect(await runCli(["check", "no/such/file.yaml"])).toBe(2);
    expect(stderr.join("")).toContain("no such file or folder: no/such/file.yaml");
    stderr.length = 0;
    const file = plantedQuarter((text) => text.replace("values: [11008, 12677, 34769, 40404]", 'values: ["11,008", 12677, 34769, 40404]'));
    expect(await runCli(["check", file])).toBe(2);
    expect(stderr.join("")).toMatch(/2003-q3\.yaml:\d+:\d+ {2}tables\[operations\]\.rows\[servicesRevenue\]\.values\[0\] {2}expected a number/);
  });
});

describe("build runs the checks first", () => {
  it("does not write a final release that fails (exit 1) and prints the failure", async () => {
    const file = plantedQuarter(slipped);
    const out = makeTemporaryFolder("check-out");
    expect(await runCli(["build", file, "--format", "txt", "--out", out])).toBe(1);
    expect(existsSync(join(out, file.split("/").at(-2)!, "2003-q3"))).toBe(false);
    expect(stderr.join("")).toContain(
      "the components sum to 16,010 but the total is 16,009: differs by 1; the table's figures are force-footed (figures: footed), so they must add exactly: an error",
    );
    expect(stderr.join("")).toContain("a final release is not written");
  });

  it("builds a draft with the failures stamped on it", async () => {
    const file = plantedQuarter(slipped);
    const out = makeTemporaryFolder("check-out");
    expect(await runCli(["build", file, "--format", "txt", "--out", out, "--draft", "2"])).toBe(0);
    const company = file.split("/").at(-2)!;
    const text = readFileSync(join(out, company, "2003-q3", "release.txt"), "utf8");
    expect(text).toContain("TIE-OUT FAILURES (1):");
    expect(text.replace(/\s+/g, " ")).toContain(
      "Total Revenues, three months ended Sept. 30, 2003: the components sum to 16,010 but the total is 16,009: differs by 1; the table's figures are force-footed (figures: footed), so they must add exactly: an error",
    );
  });
});
