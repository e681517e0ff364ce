import { describe, expect, it } from "vitest";
import { composeRelease, loadRelease, writeText } from "../../../src/index.js";
import { writeDocx } from "../../../src/writers/docx/index.js";
import { extractDocxWords, splitWords } from "./docx-package.js";

/** Words of the wire text without its bullet marks ("    --  "), which Word draws from its numbering. */
function extractTextWords(text: string): string[] {
  return splitWords(text.replace(/^[ \t]*--[ \t]+/gm, ""));
}

describe("docx of the default release", () => {
  const doc = composeRelease(loadRelease("data/atg/2003-q3.yaml"));

  it("is the final release, so neither rendition carries a draft banner", () => {
    expect(doc.meta.status.final).toBe(true);
  });

  it("prints the same words in the same order as the wire text", async () => {
    const textWords = extractTextWords(writeText(doc));
    const docxWords = extractDocxWords(await writeDocx(doc));
    expect(textWords.length).toBeGreaterThan(1500);
    // One word a line, so that a failure shows the words that differ.
    expect(docxWords.join("\n")).toBe(textWords.join("\n"));
  });
});
