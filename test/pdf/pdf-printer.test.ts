import { afterAll, beforeAll, expect, it } from "vitest";
import { PDFDocument, PDFName } from "pdf-lib";
import { PdfError, PdfPrinter } from "../../src/pdf/index.js";
import { describeWithBrowser, listFonts, readPdfText } from "./read-pdf.js";
import { hasPdftotext, redPixelsPerPage } from "./word-boxes.js";
import { buildSamplePage, longLabel, sampleInfo } from "./sample-page.js";

describeWithBrowser("PdfPrinter", () => {
  let printer: PdfPrinter;
  let draft: Uint8Array;
  let final: Uint8Array;

  beforeAll(async () => {
    printer = new PdfPrinter();
    // Two documents at once, as a build prints them.
    [draft, final] = await Promise.all([
      printer.print(buildSamplePage({ final: false }), { document: sampleInfo(false) }),
      printer.print(buildSamplePage({ final: true }), { document: sampleInfo(true) }),
    ]);
  });

  afterAll(async () => {
    await printer.close();
  });

  it("prints the content, with Page X of Y on every page", async () => {
    const { pages } = await readPdfText(final);
    expect(pages).toHaveLength(5);
    expect(pages[0]).toContain("ATG Announces Third-Quarter 2003 Results");
    expect(pages[0]).toContain("CAMBRIDGE, Mass.--(BUSINESS WIRE)--Oct. 21, 2003");
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of 5`));
  });

  it("heads every page with company, period and a draft's status (a final's with none)", async () => {
    for (const [pdf, status] of [
      [draft, "DRAFT 3 \u2014 2003-10-20"],
      [final, undefined],
    ] as const) {
      const { pages } = await readPdfText(pdf);
      for (const text of pages) {
        expect(text).toContain("Art Technology Group, Inc.");
        expect(text).toContain("Third Quarter 2003");
        if (status) expect(text).toContain(status);
        else expect(text).not.toMatch(/FINAL|DRAFT/);
      }
    }
  });

  it.runIf(hasPdftotext)("marks every page of a draft with the DRAFT watermark, drawn, not written; no page of the final", async () => {
    const drafted = await readPdfText(draft);
    drafted.rotated.forEach((text) => expect(text).toBe(""));
    drafted.pages.forEach((text) => expect(text.match(/DRAFT/g)).toHaveLength(1)); // the running head's
    redPixelsPerPage(draft).forEach((red) => expect(red).toBeGreaterThan(50));
    const finished = await readPdfText(final);
    expect(finished.pages.join(" ")).not.toMatch(/draft/i);
    finished.rotated.forEach((text) => expect(text).toBe(""));
    redPixelsPerPage(final).forEach((red) => expect(red).toBe(0));
  });

  it("starts each statement on a new page, repeats column headings and never splits a row", async () => {
    const { pages } = await readPdfText(final);
    const operations = pages.findIndex((text) => text.includes("Condensed Consolidated Statements of Operations"));
    const balance = pages.findIndex((text) => text.includes("Condensed Consolidated Balance Sheets"));
    expect([operations, balance]).toEqual([1, 4]);
    expect(pages[operations]).not.toContain("About ATG");
    expect(pages[balance]).not.toContain(longLabel(70));
    // The statement runs over three pages; each repeats the column headings.
    for (const page of pages.slice(operations, balance)) {
      expect(page).toContain("Three Months Ended September 30, Nine Months Ended September 30, 2003 2002 2003 2002");
    }
    // Every row's wrapped label is whole on one page (heading rows are every 7th but not 10th).
    const statement = pages.slice(operations, balance);
    for (let row = 1; row <= 70; row += 1) {
      if (row % 7 === 0 && row % 10 !== 0) continue;
      expect(
        statement.filter((text) => text.includes(longLabel(row))),
        `row ${row}`,
      ).toHaveLength(1);
    }
  });

  it("writes title, author, subject, keywords and dates from the release, not the clock", async () => {
    const document = await PDFDocument.load(final, { updateMetadata: false });
    expect(document.getTitle()).toBe("ATG Announces Third-Quarter 2003 Results");
    expect(document.getAuthor()).toBe("Art Technology Group, Inc.");
    expect(document.getSubject()).toBe("Earnings release, third quarter 2003");
    expect(document.getKeywords()).toBe("ATG earnings 2003-q3");
    expect(document.getCreator()).toBe("earnings-release");
    expect(document.getCreationDate()?.toISOString()).toBe("2003-10-21T00:00:00.000Z");
    expect(document.getModificationDate()?.toISOString()).toBe("2003-10-21T00:00:00.000Z");
  });

  it("keeps Chromium's outline (bookmarks) and tagging through the metadata rewrite", async () => {
    const document = await PDFDocument.load(final, { updateMetadata: false });
    const catalog = document.catalog;
    expect(catalog.get(PDFName.of("Outlines"))).toBeDefined();
    expect(catalog.get(PDFName.of("StructTreeRoot"))).toBeDefined();
    expect(String(catalog.get(PDFName.of("MarkInfo")))).toContain("/Marked true");
    const text = new TextDecoder("latin1").decode(final);
    for (const bookmark of ["Outlook", "About ATG", "Condensed Consolidated Statements of Operations", "Condensed Consolidated Balance Sheets"]) {
      expect(text).toContain(`/Title (${bookmark})`);
    }
  });

  it("embeds every font, and only the fonts that ship with the project", async () => {
    const fonts = await listFonts(final);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(/^[A-Z]{6}\+(Tinos|Arimo)-/);
    }
    const draftFonts = await listFonts(draft);
    expect(draftFonts.map((font) => font.name.slice(7)).sort()).toEqual(["Arimo-Bold", "Arimo-Regular", "Tinos-Bold", "Tinos-Regular"]);
  });

  it("prints the same bytes for the same page", async () => {
    const again = await printer.print(buildSamplePage({ final: true }), { document: sampleInfo(true) });
    expect(Buffer.from(again).equals(Buffer.from(final))).toBe(true);
  });

  it("prints on A4 when asked", async () => {
    const a4 = await printer.print(buildSamplePage({ final: true }), { document: sampleInfo(true), paper: "a4" });
    const page = (await PDFDocument.load(a4)).getPage(0).getSize();
    // A4 is 595.3 points wide; Chromium rounds the CSS page size to whole pixels (595).
    expect(Math.abs(page.width - 595.3)).toBeLessThan(1);
    expect(Math.round(page.height)).toBe(842);
    const letter = (await PDFDocument.load(final)).getPage(0).getSize();
    expect([letter.width, letter.height]).toEqual([612, 792]);
  });

  it("runs no JavaScript from the page", async () => {
    const html = `<!doctype html><html><head><title>t</title></head><body>
      <p id="x">static text</p>
      <script>document.getElementById("x").textContent = "SCRIPT RAN";</script>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="document.body.append('ONERROR RAN')" onload="document.body.append('ONLOAD RAN')">
      <noscript><p>noscript shown</p></noscript>
      </body></html>`;
    const { pages } = await readPdfText(await printer.print(html, { document: sampleInfo(true) }));
    expect(pages.join(" ")).toContain("static text");
    expect(pages.join(" ")).not.toMatch(/RAN/);
  });

  it("stops a render that outlives its time-out with a clear error, and goes on printing", async () => {
    const html = buildSamplePage({ final: true });
    const late = printer.print(html, { document: sampleInfo(true), timeoutMs: 1 });
    await expect(late).rejects.toBeInstanceOf(PdfError);
    await expect(late).rejects.toMatchObject({ code: "renderTimeout", message: expect.stringMatching(/took longer than 0.001 s/) });
    const { pages } = await readPdfText(await printer.print(html, { document: sampleInfo(true) }));
    expect(pages).toHaveLength(5);
  });
});
