import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { writeEditedDefault } from "../helpers/release.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

const { stdout, stderr } = capturePrintedOutput();

const temporary = () => makeTemporaryFolder("cli");

describe("earnings-release build", () => {
  it("writes output/<company>/<period>/release.txt and release.html", async () => {
    const out = temporary();
    const code = await runCli(["build", "data/atg/2003-q3.yaml", "--format", "txt,html", "--out", out]);
    expect(code).toBe(0);
    expect(
      readdirSync(join(out, "atg", "2003-q3"))
        .filter((name) => !name.startsWith("."))
        .sort(),
    ).toEqual(["release.html", "release.txt"]);
    expect(readFileSync(join(out, "atg", "2003-q3", "release.txt"), "utf8")).toMatch(/^Exhibit 99\.1\n\nATG Announces Third-Quarter 2003 Results\n/);
  });

  it("gives located messages, exit 2 and no output for a broken file", async () => {
    const broken = writeEditedDefault((text) => text.replace("values: [11008, 12677, 34769, 40404]", 'values: ["11,008", 12677, 34769, 40404]'));
    const out = temporary();
    const code = await runCli(["build", broken, "--out", out]);
    expect(code).toBe(2);
    expect(stderr.join("")).toMatch(/2003-q3\.yaml:\d+:\d+ {2}tables\[operations\]\.rows\[servicesRevenue\]\.values\[0\] {2}expected a number/);
    expect(stderr.join("")).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(out)).toEqual([]);
  });

  it("rejects an unknown format with the formats it knows, exit 2", async () => {
    const code = await runCli(["build", "data/atg/2003-q3.yaml", "--format", "doc", "--out", temporary()]);
    expect(code).toBe(2);
    expect(stderr.join("")).toContain('unknown output format "doc" (Word output is docx); earnings-release writes txt, html, edgar, docx, pdf');
  });

  it("says which input does not exist, exit 2", async () => {
    expect(await runCli(["build", "data/atg/2099-q9.yaml"])).toBe(2);
    expect(stderr.join("")).toContain("no such file or folder: data/atg/2099-q9.yaml");
  });

  it("has --help on every command, exit 0", async () => {
    expect(await runCli(["build", "--help"])).toBe(0);
    expect(stdout.join("")).toContain("--format <list>");
    expect(existsSync("package.json")).toBe(true);
  });
});

describe("earnings-release schema", () => {
  it("prints a JSON Schema that names the quarter and company fields", async () => {
    expect(await runCli(["schema"])).toBe(0);
    const schema = JSON.parse(stdout.join("")) as { $defs: { quarter: { properties: Record<string, unknown> }; company: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.$defs.quarter.properties)).toEqual(expect.arrayContaining(["periods", "tables", "body", "status"]));
    expect(Object.keys(schema.$defs.company.properties)).toEqual(expect.arrayContaining(["name", "ticker", "safeHarbor", "contacts"]));
  });

  it("is the same as the committed schema/earnings-release.schema.json that the data files point editors to", async () => {
    await runCli(["schema"]);
    expect(readFileSync("schema/earnings-release.schema.json", "utf8")).toBe(stdout.join(""));
  });
});
