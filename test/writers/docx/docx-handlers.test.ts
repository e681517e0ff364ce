import { Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { docxHandlers, writeDocx, type DocxHandlers } from "../../../src/writers/docx/index.js";
import { buildHighlightsTable, buildSampleDocument } from "../../fixtures/sample-document.js";
import { findElements, parsePart, readParagraphText, readParts } from "./docx-package.js";

describe("docx handler registry", () => {
  it("has a handler for every node type, checked by the compiler", () => {
    const { table: _table, ...withoutTable } = docxHandlers;
    // @ts-expect-error a registry without a table handler does not compile
    const incomplete: DocxHandlers = withoutTable;
    expect(Object.keys(incomplete)).not.toContain("table");
    expect(Object.keys(docxHandlers).sort()).toEqual(["bulletList", "contacts", "exhibitLabel", "paragraph", "section", "table", "title"]);
  });

  it("takes a caller's handler in place of the default one", async () => {
    const bytes = await writeDocx(buildSampleDocument(), {
      handlers: { exhibitLabel: (node) => [new Paragraph({ text: `[${node.text}]` })] },
    });
    const body = parsePart(readParts(bytes), "word/document.xml");
    expect(readParagraphText(findElements(body, "p")[0]!)).toBe("[Exhibit 99.1]");
  });

  it("keeps two adjacent untitled tables apart and ends the body with a paragraph", async () => {
    const untitled = { ...buildHighlightsTable(), titleLines: [] };
    const bytes = await writeDocx(buildSampleDocument({ blocks: [untitled, untitled] }));
    const body = findElements(parsePart(readParts(bytes), "word/document.xml"), "body")[0]!;
    const kinds = Array.from(body.childNodes)
      .filter((node) => node.nodeType === 1)
      .map((node) => (node as unknown as { localName: string }).localName);
    expect(kinds).toEqual(["tbl", "p", "tbl", "p", "sectPr"]);
  });
});
