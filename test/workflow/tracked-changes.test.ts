/** The Word redline: real tracked changes whose "accept all" is the new draft's Word text, word for word. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { composeRelease } from "../../src/compose/release.js";
import { loadRelease } from "../../src/data/load.js";
import { acceptAllChanges, rejectAllChanges, wordText, writeTrackedChangesDocx } from "../../src/workflow/tracked-changes.js";
import { writeDocx } from "../../src/writers/docx/index.js";
import { capturePrintedOutput } from "../helpers/cli.js";

const { stdout } = capturePrintedOutput();
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tracked-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)["word/document.xml"]!);
const compose = (file: string) => composeRelease(loadRelease(file));

/** The default quarter and an edited copy beside its company file. */
function drafts(edit: (text: string) => string, company = "atg", quarter = "2003-q3.yaml"): { old: string; edited: string } {
  copyFileSync(join("data", company, "company.yaml"), join(folder, "company.yaml"));
  const source = readFileSync(join("data", company, quarter), "utf8");
  const changed = edit(source);
  expect(changed).not.toBe(source);
  writeFileSync(join(folder, "old.yaml"), source);
  writeFileSync(join(folder, "new.yaml"), changed);
  return { old: join(folder, "old.yaml"), edited: join(folder, "new.yaml") };
}

describe("diff --format docx", () => {
  it("one changed figure in a table cell and one changed word in a paragraph are two changes; accept all gives the new draft's Word text, reject all the old one's", async () => {
    const { old, edited } = drafts((text) =>
      text.replace("values: [17, 77, 868, 1849]", "values: [18, 77, 868, 1849]").replace("excess lease obligation for a facility", "excess lease commitment for a facility"),
    );
    const { bytes, changes } = await writeTrackedChangesDocx(compose(old), compose(edited), { author: "Counsel Review", date: "2026-12-01" });
    const xml = documentXml(bytes);
    // Each change is a deletion and its insertion.
    expect(xml.match(/<w:del /g)?.length).toBe(xml.match(/<w:ins /g)?.length);
    expect(xml).toContain('<w:del w:id="1" w:author="Counsel Review" w:date="2026-12-01T00:00:00Z"><w:r><w:delText xml:space="preserve">obligation</w:delText></w:r></w:del>');
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Counsel Review" w:date="2026-12-01T00:00:00Z"><w:r><w:t xml:space="preserve">commitment<\/w:t><\/w:r><\/w:ins>/);
    expect(xml).toMatch(/<w:tc>(?:(?!<\/w:tc>)[\s\S])*<w:delText xml:space="preserve">17<\/w:delText>(?:(?!<\/w:tc>)[\s\S])*<w:t xml:space="preserve">18<\/w:t><\/w:r><\/w:ins>/);
    expect(changes).toBe(2);
    expect(wordText(acceptAllChanges(xml))).toBe(wordText(documentXml(await writeDocx(compose(edited)))));
    expect(wordText(rejectAllChanges(xml))).toBe(wordText(documentXml(await writeDocx(compose(old)))));
    expect(strFromU8(unzipSync(bytes)["word/settings.xml"]!)).toContain("<w:trackRevisions/>");
  });

  it("northwind: guidance and statement figures in cells, a bullet added and one removed (whole paragraphs tracked)", async () => {
    const { old, edited } = drafts(
      (text) =>
        text
          .replace("values: [3.02, 3.18] }", "values: [3.05, 3.18] }")
          .replace("values: [3.12, 3.28]", "values: [3.15, 3.28]")
          .replace(
            "      - >-\n        The company closed 14 underperforming stores",
            "      - Inventories were lower than a year earlier.\n      - >-\n        The company closed 14 underperforming stores",
          )
          .replace(
            "      - >-\n        Gross margin was {{percent grossMargin q2_2025 decimals=1}} of net sales, compared with\n        {{percent grossMargin q2_2024 decimals=1}} a year earlier.\n",
            "",
          )
          .replace("values: [221480, 209760, 432615, 412980]", "values: [221480, 209760, 432616, 412980]")
          .replace("values: [109275, 92265]", "values: [109274, 92265]")
          .replace("values: [66010, 57430, 109275, 92265]", "values: [66010, 57430, 109274, 92265]"),
      "northwind",
      "2025-q2.yaml",
    );
    const before = compose(old);
    const after = compose(edited);
    const { bytes, changes } = await writeTrackedChangesDocx(before, after, { author: "A. Reviewer" });
    const xml = documentXml(bytes);
    expect(changes).toBeGreaterThan(4);
    expect(wordText(acceptAllChanges(xml))).toBe(wordText(documentXml(await writeDocx(after))));
    expect(wordText(rejectAllChanges(xml))).toBe(wordText(documentXml(await writeDocx(before))));
    // Whole paragraphs: the added bullet is an inserted paragraph, the removed one a deleted paragraph.
    expect(xml).toMatch(/<w:rPr><w:ins [^>]*\/><\/w:rPr><\/w:pPr><w:ins [^>]*><w:r><w:t xml:space="preserve">Inventories were lower than a year earlier\.<\/w:t>/);
    expect(xml).toMatch(/<w:rPr><w:del [^>]*\/><\/w:rPr><\/w:pPr><w:del [^>]*><w:r><w:delText xml:space="preserve">Gross margin was/);
  });

  it("a statement row added and one removed are an inserted and a deleted table row", async () => {
    const { old, edited } = drafts(
      (text) =>
        text
          .replace(
            "      - { id: depreciation, label: Depreciation and amortization, values: [31640, 30215, 62880, 60120] }\n",
            "      - { id: depreciation, label: Depreciation and amortization, values: [31640, 30215, 62880, 60120] }\n      - { id: otherOperatingItems, label: Other operating items, values: [120, 95, 240, 180] }\n",
          )
          .replace("      - blank\n      - { id: effectiveTaxRate, label: Effective tax rate, formula: incomeTaxes / pretaxIncome, format: percent, decimals: 1 }\n", ""),
      "northwind",
      "2025-q2.yaml",
    );
    const before = compose(old);
    const after = compose(edited);
    const { bytes } = await writeTrackedChangesDocx(before, after, { author: "A. Reviewer", date: "2026-12-01" });
    const xml = documentXml(bytes);
    const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    const insertedRow = rows.find((row) => row.includes("Other operating items"))!;
    expect(insertedRow).toMatch(/^<w:tr><w:trPr>(?:(?!<\/w:trPr>)[\s\S])*<w:ins w:id="\d+" w:author="A. Reviewer" w:date="2026-12-01T00:00:00Z"\/><\/w:trPr>/);
    const deletedRow = rows.find((row) => row.includes("Effective tax rate"))!;
    expect(deletedRow).toMatch(/^<w:tr><w:trPr>(?:(?!<\/w:trPr>)[\s\S])*<w:del w:id="\d+" [^>]*\/><\/w:trPr>/);
    expect(deletedRow).toContain('<w:delText xml:space="preserve">Effective tax rate</w:delText>');
    expect(wordText(acceptAllChanges(xml))).toBe(wordText(documentXml(await writeDocx(after))));
    expect(wordText(rejectAllChanges(xml))).toBe(wordText(documentXml(await writeDocx(before))));
  });

  it("through the CLI: --author and --date, the file written, exit 1 because the drafts differ", async () => {
    const { old, edited } = drafts((text) => text.replace("values: [17, 77, 868, 1849]", "values: [18, 77, 868, 1849]"));
    const out = join(folder, "redline.docx");
    expect(await runCli(["diff", old, edited, "--format", "docx", "-o", out, "--author", "Jane Counsel", "--date", "2026-11-30T09:15:00Z", "--no-color"])).toBe(1);
    expect(stdout.join("")).toContain(`Word redline written to ${out}: the new draft with 1 tracked change`);
    const xml = documentXml(readFileSync(out));
    expect(xml).toContain('w:author="Jane Counsel" w:date="2026-11-30T09:15:00Z"');
    expect(await runCli(["diff", old, edited, "--format", "docx", "-o", out, "--date", "yesterday"])).toBe(2);
  });
});
