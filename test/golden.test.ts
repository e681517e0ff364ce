/**
 * Golden renditions of each embedded example, per format (pandoc's testsuite style), and of the
 * default release in the second house style. Update with `npx vitest run test/golden.test.ts -u`
 * and review the diff before committing.
 */
import { describe, expect, it } from "vitest";
import { writeHtml } from "../src/writers/html/index.js";
import { writeText } from "../src/writers/text/index.js";
import { composeFile, writeEditedDefault } from "./helpers/release.js";

/** The default quarter with one line added: `style: prnewswire`. */
function defaultInPrNewswireStyle(): string {
  return writeEditedDefault((text) => `${text}style: prnewswire\n`);
}

const examples = [
  { name: "atg-2003-q3", file: () => "data/atg/2003-q3.yaml" },
  { name: "northwind-2025-q2", file: () => "data/northwind/2025-q2.yaml" },
  { name: "atg-2003-q3-prnewswire", file: defaultInPrNewswireStyle },
  // The five real releases: their tables as published.
  { name: "costco-2023-q1", file: () => "data/costco/2023-q1.yaml" },
  { name: "intel-2023-q1", file: () => "data/intel/2023-q1.yaml" },
  { name: "johnson-johnson-2023-q2", file: () => "data/johnson-johnson/2023-q2.yaml" },
  { name: "mcdonalds-2023-q2", file: () => "data/mcdonalds/2023-q2.yaml" },
  { name: "salesforce-2024-q2", file: () => "data/salesforce/2024-q2.yaml" },
];

describe.each(examples)("golden renditions of $name", ({ name, file }) => {
  const document = composeFile(file());

  it("wire text", async () => {
    await expect(writeText(document)).toMatchFileSnapshot(`golden/${name}/release.txt`);
  });

  it("keeps every wire text line within the style's width", () => {
    const widest = Math.max(
      ...writeText(document)
        .split("\n")
        .map((line) => line.length),
    );
    expect(widest).toBeLessThanOrEqual(document.meta.textWidth);
  });

  it("html", async () => {
    // The stylesheets are pinned by their own files; the golden pins the page's content.
    const html = writeHtml(document).replace(/<style>[\s\S]*?<\/style>/, "<style>/* templates/<style>/release.css + print.css */</style>");
    await expect(html).toMatchFileSnapshot(`golden/${name}/release.html`);
  });
});

describe("switching house style", () => {
  it("changes the dateline, the width and the layout with one line of data", () => {
    const businessWire = writeText(composeFile("data/atg/2003-q3.yaml"));
    const prNewswire = writeText(composeFile(defaultInPrNewswireStyle()));
    expect(businessWire).toContain("CAMBRIDGE, Mass.--(BUSINESS WIRE)--Oct. 21, 2003--ATG");
    expect(prNewswire).toContain("CAMBRIDGE, Mass., Oct. 21, 2003 /PRNewswire/ -- ATG");
    expect(Math.max(...businessWire.split("\n").map((line) => line.length))).toBe(70);
    expect(Math.max(...prNewswire.split("\n").map((line) => line.length))).toBeGreaterThan(70);
    expect(Math.max(...prNewswire.split("\n").map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(businessWire).toContain("\n    THIRD-QUARTER HIGHLIGHTS\n");
    expect(prNewswire).toContain("\nThird-Quarter Highlights\n");
  });
});
