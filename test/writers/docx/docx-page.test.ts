import { describe, expect, it } from "vitest";
import { writeDocx } from "../../../src/writers/docx/index.js";
import { buildSampleDocument } from "../../fixtures/sample-document.js";
import { findElements, parsePart, readParagraphText, readParts, readValue } from "./docx-package.js";

const draftBytes = await writeDocx(buildSampleDocument({ checkFailures: ["Footing: total revenues differ by 1"] }));
const finalBytes = await writeDocx(buildSampleDocument({ status: { final: true } }));
const draft = readParts(draftBytes);
const final = readParts(finalBytes);

/** Every header part's text. */
function readHeaders(parts: Record<string, string>): string {
  return Object.keys(parts)
    .filter((path) => /^word\/header\d*\.xml$/.test(path))
    .map((path) => parts[path]!)
    .join("\n");
}

describe("docx styles", () => {
  const styles = parsePart(draft, "word/styles.xml");
  const defined = new Set(findElements(styles, "style").map((style) => style.getAttribute("w:styleId")));
  const body = parsePart(draft, "word/document.xml");
  const used = new Set([...findElements(body, "pStyle"), ...findElements(body, "rStyle")].map((el) => el.getAttribute("w:val")));

  it("defines the named styles a reviewer restyles", () => {
    for (const id of ["Normal", "Title", "Heading1", "Heading2", "Dateline", "ListBullet", "TableText", "TableTitle", "TableNote"]) {
      expect(defined, id).toContain(id);
    }
  });

  it("uses only defined styles, and uses each named one", () => {
    for (const id of used) expect(defined, String(id)).toContain(id);
    for (const id of ["Title", "Heading1", "Heading2", "Dateline", "ListBullet", "TableText"]) expect(used, id).toContain(id);
  });

  it("keeps headings with the next paragraph", () => {
    const heading = findElements(styles, "style").find((style) => style.getAttribute("w:styleId") === "Heading1")!;
    expect(findElements(heading, "keepNext")).toHaveLength(1);
  });

  it("numbers bullets with a real Word bullet list", () => {
    const numbering = parsePart(draft, "word/numbering.xml");
    expect(findElements(numbering, "numFmt").some((fmt) => fmt.getAttribute("w:val") === "bullet")).toBe(true);
    const bullets = findElements(body, "p").filter((p) => findElements(p, "numPr").length > 0);
    expect(bullets.map(readParagraphText)).toEqual([
      "Earned repeat business from existing customers such as AT&T Wireless.",
      "Settled an $11.8 million excess lease obligation for $6.4 million.",
    ]);
    for (const bullet of bullets) expect(readValue(bullet, "pStyle")).toBe("ListBullet");
  });
});

describe("docx page furniture", () => {
  it("prints Page X of Y with PAGE and NUMPAGES fields in the footer", () => {
    const footer = Object.entries(draft).find(([path]) => /^word\/footer\d*\.xml$/.test(path))?.[1] ?? "";
    expect(footer).toMatch(/Page <\/w:t>.*PAGE.*<w:t[^>]*> of <\/w:t>.*NUMPAGES/s);
  });

  it("heads every page with company, period and a draft's status; no status word on a final", () => {
    expect(readHeaders(draft)).toContain("Art Technology Group, Inc.");
    expect(readHeaders(draft)).toContain("Third Quarter 2003");
    expect(readHeaders(final)).toContain("Third Quarter 2003");
    expect(readHeaders(final)).not.toMatch(/Final|FINAL/);
  });

  it("marks a draft with its number and date, and its failed checks", () => {
    const headers = readHeaders(draft);
    expect(headers).toContain("DRAFT 3 \u2014 2003-10-20");
    expect(headers).toContain("PowerPlusWaterMarkObject");
    expect(headers).toContain("Footing: total revenues differ by 1");
  });

  it("puts no draft mark anywhere in a final release", () => {
    // The Draft Mark style stays defined in styles.xml, unused, so a final can be turned back into a draft.
    for (const [path, xml] of Object.entries(final).filter(([name]) => name !== "word/styles.xml")) {
      expect(xml, path).not.toMatch(/DRAFT|WaterMark|v:textpath/i);
    }
  });

  it("takes a draft label from the options", async () => {
    const labelled = readParts(await writeDocx(buildSampleDocument(), { draftLabel: "DRAFT for counsel" }));
    expect(readHeaders(labelled)).toContain("DRAFT for counsel");
  });
});

describe("docx properties and bytes", () => {
  it("sets title, subject, author and keywords, dated the release date", () => {
    const core = draft["docProps/core.xml"]!;
    expect(core).toContain("<dc:title>ATG Announces Third-Quarter 2003 Results</dc:title>");
    expect(core).toContain("<dc:subject>Earnings release, third quarter 2003</dc:subject>");
    expect(core).toContain("<dc:creator>Art Technology Group, Inc.</dc:creator>");
    expect(core).toContain("<cp:keywords>ATG, ARTG, earnings, 2003-q3</cp:keywords>");
    expect(core).toMatch(/<dcterms:created[^>]*>2003-10-21T12:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified[^>]*>2003-10-21T12:00:00Z<\/dcterms:modified>/);
  });

  it("gives the same bytes on two builds", async () => {
    const again = await writeDocx(buildSampleDocument({ checkFailures: ["Footing: total revenues differ by 1"] }));
    expect(Buffer.from(again).equals(Buffer.from(draftBytes))).toBe(true);
  });

  it("gives the same bytes in every time zone (zip entry dates are local wall-clock times)", async () => {
    const zone = process.env.TZ;
    const writeIn = async (tz: string) => {
      process.env.TZ = tz;
      return Buffer.from(await writeDocx(buildSampleDocument({ status: { final: true } })));
    };
    try {
      const tokyo = await writeIn("Asia/Tokyo");
      const losAngeles = await writeIn("America/Los_Angeles");
      expect(tokyo.equals(losAngeles)).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("writes [Content_Types].xml first", () => {
    expect(Object.keys(draft)[0]).toBe("[Content_Types].xml");
  });

  it("writes every XML part well-formed", () => {
    for (const path of Object.keys(draft).filter((name) => /\.(xml|rels)$/.test(name))) {
      expect(() => parsePart(draft, path), path).not.toThrow();
    }
  });
});
