/** Word table cells from per-look templates write the XML the docx library writes for each cell itself. */
import { describe, expect, it } from "vitest";
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from "docx";
import { collectCellXml, createPreparedCell, fillCellMarkers } from "../../src/writers/docx/prepared-cell.js";

const context = { stack: [] } as unknown as Parameters<TableCell["prepForXml"]>[0];

/** A figure-like cell: right-aligned text over a rule, as the table handler builds one. */
const buildFigure = ([text = "", mark = ""]: readonly string[]) =>
  new TableCell({
    width: { size: 1234, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.BOTTOM,
    borders: { top: { style: BorderStyle.SINGLE, size: 4, color: "000000" } },
    children: [new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 55 }, keepNext: true, children: [new TextRun({ text, size: 20 }), new TextRun({ text: mark, size: 20 })] })],
  });

describe("createPreparedCell", () => {
  it("gives the library's own XML for every text, escapes and empty texts included", () => {
    for (const texts of [
      ["1,234", "*"],
      ["$(3,195", ""],
      ['<b>&amp; "q"', "\u2020"],
      ["", ""],
      ["n/m", "(a)"],
    ]) {
      const prepared = createPreparedCell("test figure", texts, buildFigure);
      expect(prepared.prepForXml(context)).toEqual(buildFigure(texts).prepForXml(context));
    }
  });

  it("does not let one cell's text leak into another's (the template is shared, not changed)", () => {
    const first = createPreparedCell("test figure", ["111", "a"], buildFigure).prepForXml(context);
    const second = createPreparedCell("test figure", ["222", "b"], buildFigure).prepForXml(context);
    expect(JSON.stringify(first)).toContain("111");
    expect(JSON.stringify(first)).not.toContain("222");
    expect(JSON.stringify(second)).toContain("222");
  });

  it("builds a text holding the template's placeholder characters the library's way", () => {
    const texts = ["\uE0000\uE001", "x"];
    expect(createPreparedCell("test figure", texts, buildFigure).prepForXml(context)).toEqual(buildFigure(texts).prepForXml(context));
  });

  it("writes, as text, the XML the library's own serialiser writes for the cell (document.xml compared whole)", () => {
    const compiler = (Packer as unknown as { compiler: { compile(file: Document): Map<string, unknown> } }).compiler;
    const documentXml = (cells: readonly TableCell[], asText: boolean): string => {
      // The grid given, as the table handler gives it: a prepared cell does not tell the table its width.
      const table = new Table({ columnWidths: cells.map(() => 1234), rows: [new TableRow({ children: [...cells] })] });
      const file = new Document({ sections: [{ children: [table] }] });
      if (!asText) return compiler.compile(file).get("word/document.xml") as string;
      const { result, cells: texts } = collectCellXml(() => compiler.compile(file));
      expect(texts.length).toBe(cells.length);
      const xml = result.get("word/document.xml") as string;
      expect(xml).toContain("<er:prepared-cell ");
      return fillCellMarkers(xml, texts);
    };
    const samples = [
      ["1,234", "*"],
      ["$(3,195", ""],
      ["<b>&amp; \"q\" 's'", "\u2020"],
      ["", ""],
      ["\u0007bell", "n/m"],
    ];
    const library = documentXml(
      samples.map((texts) => buildFigure(texts)),
      false,
    );
    const prepared = documentXml(
      samples.map((texts) => createPreparedCell("test figure", texts, buildFigure)),
      true,
    );
    expect(prepared).not.toContain("er:prepared-cell");
    expect(prepared).toBe(library);
  });

  it("leaves a text with a brace to the library (its replacers read {...} after serialising)", () => {
    const cell = createPreparedCell("test figure", ["{x}", ""], buildFigure);
    expect(cell).toBeInstanceOf(TableCell);
  });

  it("falls back to the library for a look whose text it does not write as one string", () => {
    // A run whose text is written twice (here: the same text in two runs) cannot be a template's hole.
    const twice = ([text = ""]: readonly string[]) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text), new TextRun(text)] })] });
    const cell = createPreparedCell("test twice", ["7"], twice);
    expect(cell).toBeInstanceOf(TableCell);
    expect(cell.prepForXml(context)).toEqual(twice(["7"]).prepForXml(context));
  });
});
