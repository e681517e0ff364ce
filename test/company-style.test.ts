/**
 * One resolved house style (issue 12): a style kept in a company's own folder, under any name,
 * with its own release.css, is used by every format; editing that CSS rebuilds the release.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { composeRelease } from "../src/compose/release.js";
import { loadRelease } from "../src/data/load.js";
import { writeDocx } from "../src/writers/docx/index.js";
import { writeEdgarHtml } from "../src/writers/edgar/index.js";
import { writeHtml } from "../src/writers/html/index.js";
import { writeText } from "../src/writers/text/index.js";

const folder = mkdtempSync(join(tmpdir(), "er-company-style-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function companyWithStyle(): string {
  const company = join(folder, "acme");
  mkdirSync(join(company, "templates", "house_2024"), { recursive: true });
  cpSync("data/atg/2003-q3.yaml", join(company, "2003-q3.yaml"));
  writeFileSync(join(company, "company.yaml"), `${readFileSync("data/atg/company.yaml", "utf8")}\nstyle: house_2024\n`);
  writeFileSync(join(company, "templates", "house_2024", "release.css"), "/* acme-house-css */ h1 { color: rgb(1, 2, 3); }\n");
  writeFileSync(join(company, "templates", "house_2024", "dateline.hbs"), "{{location}} (ACME WIRE) {{date}} -- \n");
  return join(company, "2003-q3.yaml");
}

describe("a company's own house style", () => {
  const file = companyWithStyle();
  const document = composeRelease(loadRelease(file));

  it("is the document's style, with its dateline in the text, HTML, EDGAR and Word", async () => {
    expect(document.meta.style?.name).toBe("house_2024");
    expect(writeText(document)).toContain("(ACME WIRE)");
    expect(writeHtml(document)).toContain("(ACME WIRE)");
    expect(writeEdgarHtml(document)).toContain("(ACME WIRE)");
    expect((await writeDocx(document)).byteLength).toBeGreaterThan(1000);
  });

  it("applies its release.css to the HTML page the PDF is printed from", () => {
    const html = writeHtml(document);
    expect(html).toContain("acme-house-css");
    expect(html).toContain("rgb(1, 2, 3)");
  });

  it("is read again when its CSS is edited", () => {
    writeFileSync(join(folder, "acme", "templates", "house_2024", "release.css"), "/* acme-edited-css */\n");
    expect(writeHtml(composeRelease(loadRelease(file)))).toContain("acme-edited-css");
  });
});
