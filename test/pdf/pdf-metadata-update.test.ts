/** The PDF's properties written as an incremental update of the printed file, not by re-saving it. */
import { describe, expect, it } from "vitest";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { setPdfMetadata } from "../../src/pdf/set-pdf-metadata.js";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** A small PDF laid out as Chromium writes one: classic xref table, an Info dictionary with the clock's dates. */
function printedPdf(options: { readonly catalogExtra?: string; readonly clock?: string } = {}): Uint8Array {
  const clock = options.clock ?? "20261201232612";
  const objects = [
    `<</Title (Printed \\(title\\))\n/Creator (HeadlessChrome/156.0.0.0)\n/Producer (Skia/PDF m156)\n/CreationDate (D:${clock}+00'00')\n/ModDate (D:${clock}+00'00')>>`,
    `<</Type /Catalog\n/Pages 3 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>${options.catalogExtra ?? ""}>>`,
    "<</Type /Pages\n/Kids [4 0 R]\n/Count 1>>",
    "<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 612 792]>>",
  ];
  let text = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(text, "latin1"));
}

const metadata = {
  title: "Acme Reports Third-Quarter (Q3) Results \u2014 \u201crecord\u201d",
  author: "Acme, Inc.",
  subject: "Earnings release, third quarter 2003",
  keywords: ["ACME", "earnings", "2003-q3"],
  date: "2003-10-21",
} as const;

describe("setPdfMetadata on a printed PDF", () => {
  it("appends the properties and keeps every printed byte where it was", async () => {
    const printed = printedPdf();
    const updated = await setPdfMetadata(printed, metadata);
    // The printed file is a prefix of the result, but for the blanked information dictionary.
    const before = latin1(printed);
    const after = latin1(updated);
    const info = before.indexOf("<</Title");
    const infoEnd = before.indexOf(">>\nendobj", info) + 2;
    expect(after.slice(0, info)).toBe(before.slice(0, info));
    expect(after.slice(info, infoEnd)).toBe(`<<${" ".repeat(infoEnd - info - 4)}>>`);
    expect(after.slice(infoEnd, before.length)).toBe(before.slice(infoEnd));
    expect(after).not.toContain("HeadlessChrome");
    expect(after).toMatch(/\/Prev \d+>>\nstartxref\n\d+\n%%EOF\n$/);

    const document = await PDFDocument.load(updated, { updateMetadata: false });
    expect(document.getTitle()).toBe(metadata.title);
    expect(document.getAuthor()).toBe("Acme, Inc.");
    expect(document.getSubject()).toBe(metadata.subject);
    expect(document.getKeywords()).toBe("ACME earnings 2003-q3");
    expect(document.getCreator()).toBe("earnings-release");
    expect(document.getCreationDate()?.toISOString()).toBe("2003-10-21T00:00:00.000Z");
    expect(document.getModificationDate()?.toISOString()).toBe("2003-10-21T00:00:00.000Z");
    expect(document.getPageCount()).toBe(1);
    // The catalog had no language: a new catalog in the update says en and shows the title.
    expect(String(document.catalog.get(PDFName.of("Lang")))).toBe("(en)");
    const preferences = document.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict);
    expect(String(preferences.get(PDFName.of("DisplayDocTitle")))).toBe("true");
    expect(String(document.catalog.get(PDFName.of("MarkInfo")))).toContain("/Marked true");
  });

  it("points each new cross-reference entry at its object", async () => {
    const updated = latin1(await setPdfMetadata(printedPdf(), metadata));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(updated)?.[1]);
    expect(updated.slice(startxref, startxref + 4)).toBe("xref");
    const rows = [...updated.slice(startxref).matchAll(/^(\d+) 1\n(\d{10}) 00000 n \n/gm)];
    expect(rows.map((row) => row[1])).toEqual(["1", "2"]);
    for (const [, number, offset] of rows) expect(updated.slice(Number(offset), Number(offset) + 8)).toBe(`${number} 0 obj\n`);
  });

  it("gives the same bytes whatever the clock said when it was printed, and an /ID hashed from them", async () => {
    const first = await setPdfMetadata(printedPdf({ clock: "20261201232612" }), metadata);
    const second = await setPdfMetadata(printedPdf({ clock: "20270317081501" }), metadata);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const id = /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(latin1(first));
    expect(id).not.toBeNull();
    expect(id?.[1]).not.toBe("0".repeat(32));
    const other = await setPdfMetadata(printedPdf(), { ...metadata, title: "Another title" });
    expect(latin1(other)).not.toContain(id![1]!);
  });

  it("leaves a catalog that already has the language and the title preference as printed", async () => {
    const printed = printedPdf({ catalogExtra: "\n/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>\n/Lang (en)" });
    const updated = latin1(await setPdfMetadata(printed, metadata));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(updated)?.[1]);
    expect(updated.slice(startxref)).toMatch(/^xref\n1 1\n\d{10} 00000 n \ntrailer/);
    expect(updated.split("/Type /Catalog")).toHaveLength(2);
  });

  it("sets the properties of a PDF it cannot update in place (an xref stream) through pdf-lib", async () => {
    const source = await PDFDocument.create();
    source.addPage([612, 792]);
    const streamed = await source.save({ useObjectStreams: true });
    expect(latin1(streamed)).not.toMatch(/\nxref\n/);
    const document = await PDFDocument.load(await setPdfMetadata(streamed, metadata), { updateMetadata: false });
    expect(document.getTitle()).toBe(metadata.title);
    expect(document.getCreationDate()?.toISOString()).toBe("2003-10-21T00:00:00.000Z");
  });

  it("refuses bytes that are no PDF", async () => {
    await expect(setPdfMetadata(new TextEncoder().encode("not a pdf"), metadata)).rejects.toThrow(/could not be read back/);
  });
});
