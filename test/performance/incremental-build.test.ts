/** Incremental builds: an unchanged release is skipped (and says so), a changed input rebuilds it. */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifestName, readManifest } from "../../src/build-cache.js";
import { runCli } from "../../src/cli/main.js";
import { capturePrintedOutput } from "../helpers/cli.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

const { stdout } = capturePrintedOutput();

/** A copy of the ATG company with its 2003-q3 quarter only. */
function copyCompany(): { data: string; quarter: string; out: string; folder: string } {
  const root = makeTemporaryFolder("incremental");
  const data = join(root, "data", "atg");
  mkdirSync(data, { recursive: true });
  cpSync("data/atg/company.yaml", join(data, "company.yaml"));
  cpSync("data/atg/2003-q3.yaml", join(data, "2003-q3.yaml"));
  const out = join(root, "out");
  return { data: join(root, "data"), quarter: join(data, "2003-q3.yaml"), out, folder: join(out, "atg", "2003-q3") };
}

/** Name -> [mtime, bytes] of every output file. */
function snapshot(folder: string): Map<string, [number, string]> {
  return new Map(readdirSync(folder).map((name) => [name, [statSync(join(folder, name)).mtimeMs, readFileSync(join(folder, name), "base64")]]));
}

const build = async (...args: string[]): Promise<string> => {
  stdout.length = 0;
  expect(await runCli(["build", ...args, "--format", "txt,html,docx"])).toBe(0);
  return stdout.join("");
};

describe("incremental build", () => {
  it("skips an unchanged release, leaves its files untouched, and rebuilds when an input changes", async () => {
    const { data, quarter, out, folder } = copyCompany();
    expect(await build(data, "--out", out)).not.toContain("skipped");
    expect(readManifest(folder)?.outputs).toHaveProperty("release.docx");
    const before = snapshot(folder);

    const second = await build(data, "--out", out);
    expect(second).toMatch(/2003-q3\.yaml -> .* unchanged since the last build, skipped/);
    expect(snapshot(folder)).toEqual(before);

    writeFileSync(quarter, readFileSync(quarter, "utf8").replace("headline: ATG Announces", "headline: ATG Reports"));
    expect(await build(data, "--out", out)).not.toContain("skipped");
    expect(readFileSync(join(folder, "release.txt"), "utf8")).toContain("ATG Reports Third-Quarter 2003 Results");
    expect(snapshot(folder).get("release.docx")![0]).toBeGreaterThanOrEqual(before.get("release.docx")![0]);
    expect(await build(data, "--out", out)).toContain("skipped");
  });

  it("rebuilds on --force, on other settings, on a changed company file or template, and on a damaged output", async () => {
    const { data, out, folder } = copyCompany();
    await build(data, "--out", out);
    const rebuilt = async (...args: string[]) => !(await build(data, "--out", out, ...args)).includes("skipped");

    expect(await rebuilt("--force")).toBe(true);
    expect(await rebuilt()).toBe(false);
    expect(await rebuilt("--paper", "a4")).toBe(true);
    expect(await rebuilt("--paper", "a4")).toBe(false);

    const company = join(data, "atg", "company.yaml");
    writeFileSync(company, `${readFileSync(company, "utf8")}\n# edited\n`);
    expect(await rebuilt("--paper", "a4")).toBe(true);

    // A company's own templates folder for its style overrides the shipped files.
    mkdirSync(join(data, "atg", "templates", "default"), { recursive: true });
    writeFileSync(join(data, "atg", "templates", "default", "exhibit.hbs"), "EXHIBIT {{exhibit}}");
    expect(await rebuilt("--paper", "a4")).toBe(true);

    writeFileSync(join(folder, "release.txt"), "overwritten by hand");
    expect(await rebuilt("--paper", "a4")).toBe(true);
    expect(readdirSync(folder)).toContain(buildManifestName);
  });
});
