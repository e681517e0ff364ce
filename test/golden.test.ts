/**
 * Golden renditions of each embedded example, per format (pandoc's testsuite style). Update with
 * `npx vitest run test/golden.test.ts -u` and review the diff before committing.
 */
import { describe, expect, it } from "vitest";
import { writeHtml } from "../src/writers/html/index.js";
import { writeText } from "../src/writers/text/index.js";
import { composeFile } from "./helpers/release.js";

const examples = [{ name: "atg-2003-q3", file: "data/atg/2003-q3.yaml" }];

describe.each(examples)("golden renditions of $name", ({ name, file }) => {
  const document = composeFile(file);

  it("wire text", async () => {
    await expect(writeText(document)).toMatchFileSnapshot(`golden/${name}/release.txt`);
  });

  it("html", async () => {
    // The stylesheets are pinned by their own files; the golden pins the page's content.
    const html = writeHtml(document).replace(/<style>[\s\S]*?<\/style>/, "<style>/* templates/<style>/release.css + print.css */</style>");
    await expect(html).toMatchFileSnapshot(`golden/${name}/release.html`);
  });
});
