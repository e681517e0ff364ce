/**
 * Wide tables in Word: column widths measured from the figures (never narrower than a figure,
 * so none wraps), type stepped down to a 7 pt floor, a landscape section for a table that still
 * does not fit; read back through LibreOffice, every figure is one unbroken word.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cellText, type ReleaseDocument, type TableNode } from "../../../src/model/document.js";
import { writeDocx } from "../../../src/writers/docx/index.js";
import { measureColumnHang, measureText } from "../../../src/writers/docx/figure-hang.js";
import { fitDocxTable } from "../../../src/writers/docx/table.js";
import { buildOperationsTable, buildSampleDocument } from "../../fixtures/sample-document.js";
import { buildWideTable } from "../../fixtures/wide-table.js";
import { readParts } from "./docx-package.js";

const wideDocument = (): ReleaseDocument => buildSampleDocument({ status: { final: true }, blocks: [{ type: "title", text: "Wide statements" }, buildWideTable(1), buildWideTable(2)] });

function hasCommand(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

describe("fitting a table to the Word page", () => {
  it("keeps a four-column statement upright at 10 pt, its label taking what the figures leave", () => {
    const fit = fitDocxTable(buildOperationsTable());
    expect(fit).toMatchObject({ fontSize: 10, landscape: false });
    expect(fit.widths.reduce((a, b) => a + b)).toBe(9360);
    expect(fit.widths[0]).toBeGreaterThan(fit.widths[1]! * 3);
  });

  it("steps a six-column table down within the upright page, and turns a twelve-column one", () => {
    const six = fitDocxTable(buildWideTable(1));
    const twelve = fitDocxTable(buildWideTable(2));
    expect(six.landscape).toBe(false);
    expect(twelve.landscape).toBe(true);
    expect(twelve.fontSize).toBeGreaterThanOrEqual(7);
    expect(twelve.widths.reduce((a, b) => a + b)).toBeLessThanOrEqual(12960);
  });

  it("never makes a figure column narrower than its widest figure and its hang", () => {
    const table: TableNode = buildWideTable(2);
    const fit = fitDocxTable(table);
    for (let column = 0; column < table.columnCount; column++) {
      const cells = table.rows.map((row) => row.cells[column]);
      const widest = Math.max(...cells.map((cell) => (cell ? measureText(cellText(cell), fit.fontSize) : 0)));
      expect(fit.widths[column + 1]!).toBeGreaterThan(widest + measureColumnHang(cells, fit.fontSize) / 2);
    }
  });

  it("puts the turned table in a landscape section of its own, between upright ones", async () => {
    const xml = readParts(await writeDocx(wideDocument()))["word/document.xml"]!;
    const sections = [...xml.matchAll(/<w:pgSz [^>]*>/g)].map((match) => match[0]);
    expect(sections.map((section) => section.includes('w:orient="landscape"'))).toEqual([false, true]);
  });
});

describe.runIf(hasCommand("soffice", ["--version"]) && hasCommand("pdftotext", ["-v"]))("a wide table's Word file through LibreOffice", () => {
  it("prints every figure as one unbroken word, on an upright and a landscape page", async () => {
    const folder = mkdtempSync(join(tmpdir(), "er-docx-lo-"));
    try {
      const document = wideDocument();
      writeFileSync(join(folder, "release.docx"), await writeDocx(document));
      execFileSync("soffice", [`-env:UserInstallation=file://${folder}/profile`, "--headless", "--convert-to", "pdf", "--outdir", folder, join(folder, "release.docx")], {
        stdio: "ignore",
        timeout: 120_000,
      });
      execFileSync("pdftotext", ["-layout", join(folder, "release.pdf"), join(folder, "release.txt")]);
      const words = new Set(readFileSync(join(folder, "release.txt"), "utf8").split(/\s+/));
      const info = execFileSync("pdfinfo", ["-l", "10", join(folder, "release.pdf")], { encoding: "utf8" });
      expect(info).toMatch(/size:\s+792 x 612/);
      const tables = document.blocks.filter((block): block is TableNode => block.type === "table");
      const figures = tables.flatMap((table) => table.rows.flatMap((row) => row.cells.map(cellText))).filter((text) => text !== "");
      expect(figures.filter((figure) => !words.has(figure))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
