/**
 * Every embedded example's wire text keeps within its house style's width (Business Wire: 70),
 * wide tables included: their columns are stacked in panels rather than run past the margin.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../../../src/data/issues.js";
import { writeText } from "../../../src/writers/text/index.js";
import { composeFile } from "../../helpers/release.js";

/** Every quarter file under data/ (the company files aside). */
const quarterFiles = readdirSync("data", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((company) => readdirSync(join("data", company.name)).filter((file) => /^\d{4}-[a-z0-9-]+\.yaml$/.test(file)).map((file) => join("data", company.name, file)));

describe("wire text width of every embedded example", () => {
  it("finds the examples", () => {
    expect(quarterFiles).toContain("data/atg/2003-q3.yaml");
  });

  it.for(quarterFiles)("%s keeps every line within its style's width", (file, context) => {
    let document;
    try {
      document = composeFile(file);
    } catch (error) {
      // A quarter still being transcribed is the tie-out's business, not the layout's.
      if (error instanceof DataError) return context.skip(`${file} does not load yet`);
      throw error;
    }
    const lines = writeText(document).split("\n");
    const over = lines.filter((line) => line.length > document.meta.textWidth);
    expect(over, `lines over ${document.meta.textWidth} characters`).toEqual([]);
  });
});
