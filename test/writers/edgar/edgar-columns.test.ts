/**
 * EDGAR tables as filers' parsers read them: cell text collected by column (colspans counted),
 * every figure, its currency and its hanging ")" or "%" under its own period's heading; at most
 * two header rows where the data allows; zero as a dash in the figure's cell.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { DataError } from "../../../src/data/issues.js";
import type { ReleaseDocument, TableNode } from "../../../src/model/document.js";
import { writeEdgarHtml } from "../../../src/writers/edgar/index.js";
import { composeFile } from "../../helpers/release.js";

/** A table cell as a column reader sees it: its text, whether a heading, the grid columns it covers. */
interface GridCell {
  readonly text: string;
  readonly heading: boolean;
  readonly from: number;
  readonly to: number;
}

/** The rows of each table of an HTML file, by id, as grid cells. */
function readGrid(html: string): Map<string, GridCell[][]> {
  const tables = new Map<string, GridCell[][]>();
  let rows: GridCell[][] | undefined;
  let cell: { text: string; heading: boolean; span: number } | undefined;
  let column = 0;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === "table") tables.set(attributes.id ?? `#${tables.size}`, (rows = []));
      else if (name === "tr") {
        rows?.push([]);
        column = 0;
      } else if (name === "td" || name === "th") cell = { text: "", heading: name === "th", span: Number(attributes.colspan ?? 1) };
      else if (name === "br" && cell) cell.text += " ";
    },
    ontext(text) {
      if (cell) cell.text += text;
    },
    onclosetag(name) {
      if ((name === "td" || name === "th") && cell && rows) {
        rows[rows.length - 1]!.push({ text: cell.text.replace(/\s+/g, " ").trim(), heading: cell.heading, from: column, to: column + cell.span });
        column += cell.span;
        cell = undefined;
      }
      if (name === "table") rows = undefined;
    },
  });
  parser.end(html);
  return tables;
}

/**
 * Cells of a table's body rows that a column reader puts under another period's heading than
 * their own, as "label: text (column n read under heading m)".
 */
function figuresOutOfTheirColumn(table: TableNode, grid: readonly GridCell[][]): string[] {
  const headerRows = grid.filter((row) => row.some((cell) => cell.heading));
  const periods = headerRows[headerRows.length - 1]!.filter((cell) => cell.heading);
  const body = grid.slice(headerRows.length);
  // The heading of figure column n in the model's last header row (one heading may span several).
  const lastModelRow = table.headerRows[table.headerRows.length - 1]!;
  const headingOf = (column: number) => {
    let end = 0;
    return lastModelRow.findIndex((heading) => (end += heading.span) > column);
  };
  const figureRows = table.rows.filter((row) => row.kind !== "blank" && row.kind !== "heading" && row.cells.length > 0);
  const gridRows = body.filter((row) => row.length > 2);
  return figureRows.flatMap((row, index) => {
    const cells = gridRows[index]!.slice(1).filter((cell) => cell.text !== "");
    return cells.flatMap((cell) => {
      const under = periods.findIndex((period) => period.from <= cell.from && cell.to <= period.to);
      // The gap, currency, digits and hang cells of figure column n are cells 4n .. 4n + 3 after the label.
      const own = Math.floor((cell.from - 1) / 4);
      return under === headingOf(own) ? [] : [`${row.label}: ${cell.text} (column ${own} read under heading ${under})`];
    });
  });
}

const quarterFiles = readdirSync("data", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((company) =>
    readdirSync(join("data", company.name))
      .filter((file) => /^\d{4}-[a-z0-9-]+\.yaml$/.test(file))
      .map((file) => join("data", company.name, file)),
  );

describe("EDGAR tables read by column", () => {
  it.for(quarterFiles)("%s: every figure under its own period's heading", (file, context) => {
    let document: ReleaseDocument;
    try {
      document = composeFile(file);
    } catch (error) {
      if (error instanceof DataError) return context.skip(`${file} does not load yet`);
      throw error;
    }
    const grids = readGrid(writeEdgarHtml(document));
    const tables = document.blocks.filter((block): block is TableNode => block.type === "table");
    for (const table of tables) expect(figuresOutOfTheirColumn(table, grids.get(`table-${table.id}`)!), table.id).toEqual([]);
  });

  it("sets a period's date and year in one heading: the default release's statements have two header rows", () => {
    const document = composeFile("data/atg/2003-q3.yaml");
    const grids = readGrid(writeEdgarHtml(document));
    const operations = grids.get("table-operations")!;
    const headerRows = operations.filter((row) => row.some((cell) => cell.heading));
    expect(headerRows).toHaveLength(2);
    expect(headerRows[1]!.filter((cell) => cell.heading).map((cell) => cell.text)).toEqual(["Sept. 30, 2003", "Sept. 30, 2002", "Sept. 30, 2003", "Sept. 30, 2002"]);
    // Each period heading spans its currency, digits and hang cells; a group heading all of its periods'.
    expect(headerRows[0]!.filter((cell) => cell.heading).map((cell) => cell.to - cell.from)).toEqual([7, 7]);
    expect(headerRows[1]!.filter((cell) => cell.heading).map((cell) => cell.to - cell.from)).toEqual([3, 3, 3, 3]);
  });

  it("writes zero as a dash in the figure's own cell", () => {
    const grids = readGrid(writeEdgarHtml(composeFile("data/atg/2003-q3.yaml")));
    const restructuring = grids.get("table-operations")!.find((row) => row[0]!.text.startsWith("Restructuring"))!;
    const dash = restructuring.find((cell) => cell.text === "-")!;
    expect((dash.from - 1) % 4).toBe(2); // gap, currency, digits: the third cell of its column
  });
});
