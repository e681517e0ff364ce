/**
 * The five real releases in data alone (issue 14): each rendition shows the published release's
 * table figures in order, as ../shared/tools/table_figures.py measures them (at least 99%).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { composeRelease } from "../src/compose/release.js";
import { loadRelease } from "../src/data/load.js";
import { writeDocx } from "../src/writers/docx/index.js";
import { writeHtml } from "../src/writers/html/index.js";
import { writeText } from "../src/writers/text/index.js";

const shared = new URL("../../shared/", import.meta.url).pathname;
const tool = join(shared, "tools/table_figures.py");
const releases = [
  { file: "data/costco/2023-q1.yaml", original: "costco-fy2023-q1.txt" },
  { file: "data/intel/2023-q1.yaml", original: "intel-2023-q1.txt" },
  { file: "data/johnson-johnson/2023-q2.yaml", original: "johnson-johnson-2023-q2.txt" },
  { file: "data/mcdonalds/2023-q2.yaml", original: "mcdonalds-2023-q2.txt" },
  { file: "data/salesforce/2024-q2.yaml", original: "salesforce-fy2024-q2.txt" },
];
const folder = mkdtempSync(join(tmpdir(), "er-real-releases-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The share of the original's table figures the rendition shows in order, in percent. */
function share(original: string, rendition: string): number {
  const out = execFileSync("python3", [tool, join(shared, "real-releases", original), rendition], { encoding: "utf8" });
  const match = /\(([\d.]+)%\)/.exec(out);
  if (!match) throw new Error(`table_figures.py printed: ${out}`);
  return Number(match[1]);
}

describe.skipIf(!existsSync(tool)).each(releases)("$file", ({ file, original }) => {
  const document = composeRelease(loadRelease(file));
  const base = join(folder, original.replace(/\.txt$/, ""));

  it("shows at least 99% of the published table figures in order in txt, html and docx", async () => {
    writeFileSync(`${base}.txt`, writeText(document));
    writeFileSync(`${base}.html`, writeHtml(document));
    writeFileSync(`${base}.docx`, await writeDocx(document));
    const scores = { txt: share(original, `${base}.txt`), html: share(original, `${base}.html`), docx: share(original, `${base}.docx`) };
    console.log(`${file}: ${JSON.stringify(scores)}`);
    expect(Math.min(...Object.values(scores))).toBeGreaterThanOrEqual(99);
  }, 60_000);
});
