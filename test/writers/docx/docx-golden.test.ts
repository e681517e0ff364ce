import { describe, expect, it } from "vitest";
import { writeDocx } from "../../../src/writers/docx/index.js";
import { buildSampleDocument } from "../../fixtures/sample-document.js";
import { readParts } from "./docx-package.js";

/** Parts compared as XML, one element a line so that a review reads the diff. */
const GOLDEN_PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml"];

/** Breaks XML between tags; the text inside stays as written. */
function formatXml(xml: string): string {
  return `${xml.replace(/></g, ">\n<")}\n`;
}

describe("docx golden parts of the sample release", () => {
  for (const status of ["draft", "final"] as const) {
    it.each(GOLDEN_PARTS)(`${status}: %s`, async (path) => {
      const doc = buildSampleDocument(status === "final" ? { status: { final: true } } : {});
      const parts = readParts(await writeDocx(doc));
      expect(parts[path], path).toBeDefined();
      await expect(formatXml(parts[path]!)).toMatchFileSnapshot(`golden/sample-${status}/${path.replace(/\//g, "-")}`);
    });
  }
});
