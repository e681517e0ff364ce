/**
 * Every embedded example's wire text keeps within its house style's width (Business Wire: 70),
 * wide tables included: their columns are stacked in panels rather than run past the margin.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../../../src/data/issues.js";
import { writeText } from "../../../src/writers/text/index.js";
import { composeFile } from "../../helpers/release.js";

/** Every quarter file under data/ (the company files aside). */
const quarterFiles = readdirSync("data", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((company) =>
    readdirSync(join("data", company.name))
      .filter((file) => /^\d{4}-[a-z0-9-]+\.yaml$/.test(file))
      .map((file) => join("data", company.name, file)),
  );

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

  it.for(quarterFiles)("%s keeps within its wire service's own width, whatever width the company sets", (file, context) => {
    let document;
    try {
      document = composeFile(file);
    } catch (error) {
      if (error instanceof DataError) return context.skip(`${file} does not load yet`);
      throw error;
    }
    // A company's style may widen its text (to keep wide tables unstacked); the writer still fits
    // the service's width, stacking such tables in panels.
    const shipped = JSON.parse(readFileSync(join("templates", document.meta.style?.name ?? "default", "style.json"), "utf8")) as { textWidth: number };
    const lines = writeText({ ...document, meta: { ...document.meta, textWidth: shipped.textWidth } }).split("\n");
    expect(
      lines.filter((line) => line.length > shipped.textWidth),
      `lines over ${shipped.textWidth} characters`,
    ).toEqual([]);
  });
});
