import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { writeDocx } from "../../../src/writers/docx/index.js";
import { buildSampleDocument, buildMeta, paragraph, row, buildOperationsTable } from "../../fixtures/sample-document.js";
import { extractDocxWords, extractModelWords, parsePart, readParagraphText, findElements, readParts, splitWords } from "./docx-package.js";

describe("docx words", () => {
  it("prints every word and number of the model, in order", async () => {
    const doc = buildSampleDocument();
    expect(extractDocxWords(await writeDocx(doc))).toEqual(extractModelWords(doc));
  });

  it("reads the same words through mammoth as a Word user's copy would give", async () => {
    const doc = buildSampleDocument({ status: { final: true } });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await writeDocx(doc)) });
    // A heading the house style prints in capitals is stored as written and formatted in
    // capitals: a copy gives "Outlook" where the page shows "OUTLOOK".
    const asWritten = {
      ...doc,
      blocks: doc.blocks.map((block) => (block.type === "section" && block.heading && block.label?.toUpperCase() === block.heading ? { ...block, heading: block.label } : block)),
    };
    expect(splitWords(value)).toEqual(extractModelWords(asWritten));
  });

  it("prints the dateline before the paragraph text in the Dateline style", async () => {
    const body = parsePart(readParts(await writeDocx(buildSampleDocument())), "word/document.xml");
    const lead = findElements(body, "p").find((p) => readParagraphText(p).startsWith("CAMBRIDGE"))!;
    expect(readParagraphText(lead)).toMatch(/^CAMBRIDGE, Mass\.--\(BUSINESS WIRE\)--Oct\. 21, 2003--ATG \(Art Technology/);
    expect(findElements(lead, "rStyle")[0]?.getAttribute("w:val")).toBe("Dateline");
  });
});

describe("docx hostile text", () => {
  const hostile = "</w:t><script>alert(1)</script> {{x}} & ]]> <w:p/> \"quoted\" 'single'";
  const operations = buildOperationsTable();
  const doc = {
    ...buildSampleDocument({
      blocks: [
        { type: "title", text: hostile },
        { type: "section", id: "s", heading: "{{#each x}}", blocks: [paragraph(`${hostile} bell\u0007 nul\u0000 end`)] },
        { ...operations, rows: [...operations.rows, row("item", "<w:tc>&amp;", 0, ["1", "2", "3", "4"])], notes: ["{{> partial}}"] },
      ],
    }),
    meta: { ...buildMeta(), company: "A&B <Holdings>", periodLabel: "{{period}}" },
  };

  it("keeps markup-looking text as literal text, escaped, in well-formed parts", async () => {
    const parts = readParts(await writeDocx(doc));
    for (const path of Object.keys(parts).filter((name) => name.endsWith(".xml"))) {
      expect(() => parsePart(parts, path), path).not.toThrow();
    }
    const xml = parts["word/document.xml"]!;
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;/w:t&gt;&lt;script&gt;");
    const body = parsePart(parts, "word/document.xml");
    const texts = findElements(body, "p").map(readParagraphText);
    expect(texts).toContain(hostile);
    expect(texts).toContain("{{#each x}}");
    expect(texts).toContain("<w:tc>&amp;");
    expect(texts).toContain("{{> partial}}");
    expect(Object.values(parts).join("")).toContain("A&amp;B &lt;Holdings&gt;");
  });

  it("drops the control characters XML 1.0 cannot carry and keeps every word", async () => {
    const bytes = await writeDocx(doc);
    expect(readParts(bytes)["word/document.xml"]).not.toMatch(/[\u0000-\u0008]/);
    const expected = extractModelWords(doc).map((word) => word.replace(/[\u0000-\u0008]/g, ""));
    expect(extractDocxWords(bytes)).toEqual(expected);
  });
});
