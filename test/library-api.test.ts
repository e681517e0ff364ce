/** The public library API: a team's own test can load, tie out and render a release in a few lines. */
import { describe, expect, it } from "vitest";
import { composeRelease, loadRelease, renderRelease, runChecks, writeText } from "../src/index.js";

describe("the library API", () => {
  it("loads, ties out and renders a release in a few lines", async () => {
    const release = loadRelease("data/atg/2003-q3.yaml");
    const document = composeRelease(release);
    expect(runChecks(release, document).results.filter((result) => result.status === "fail")).toEqual([]);
    const rendered = await renderRelease(document, ["txt", "html"]);
    expect(new TextDecoder().decode(rendered.get("txt"))).toBe(writeText(document));
    expect(new TextDecoder().decode(rendered.get("html"))).toContain("<h1>ATG Announces Third-Quarter 2003 Results</h1>");
  });

  it("asks for a printer when the PDF is wanted", async () => {
    await expect(renderRelease(composeRelease(loadRelease("data/atg/2003-q3.yaml")), ["pdf"])).rejects.toThrow(/needs a printer/);
  });
});
