import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../../src/cli/main.js";
import { capturePrintedOutput } from "../../helpers/cli.js";
import { validateEdgarFileName, validateEdgarHtml } from "../../../src/writers/edgar/index.js";

capturePrintedOutput();

it("build --format edgar writes release.edgar.htm, which passes the EDGAR rules", async () => {
  const out = mkdtempSync(join(tmpdir(), "er-edgar-"));
  try {
    expect(await runCli(["build", "data/atg/2003-q3.yaml", "--format", "edgar", "--out", out])).toBe(0);
    const folder = join(out, "atg", "2003-q3");
    const files = readdirSync(folder).filter((name) => !name.startsWith("."));
    expect(files).toEqual(["release.edgar.htm"]);
    expect(files.flatMap(validateEdgarFileName)).toEqual([]);
    expect(validateEdgarHtml(readFileSync(join(folder, "release.edgar.htm"), "utf8"))).toEqual([]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
