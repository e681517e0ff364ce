/**
 * Source places on composed nodes: every section, paragraph, bullet, table, row and typed number
 * cell says which file and YAML path it comes from, and the checks' `placeOf` turns that into the
 * line of the file.
 */
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCheckContext, placeOf } from "../../src/checks/context.js";
import type { DataPath } from "../../src/data/issues.js";
import { composeRelease, DataError, loadRelease, type LoadedRelease } from "../../src/index.js";
import type { BulletListNode, ParagraphNode, ReleaseDocument, SectionNode, SourcePlace, TableNode } from "../../src/model/document.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

const release = loadRelease("data/atg/2003-q3.yaml");
const document = composeRelease(release);
const context = createCheckContext(release, document, {});

/** The line `placeOf` gives for a place, and the text of the data file from that line on (`count` lines). */
function sourceAt(where: SourcePlace | undefined, count = 2): { file: string; line: number; path: string; text: string } {
  expect(where).toBeDefined();
  const place = placeOf(context, where!);
  const source = where!.file === "company" ? release.sources.company : release.sources.quarter;
  return {
    ...place,
    text: source
      .split("\n")
      .slice(place.line - 1, place.line - 1 + count)
      .join("\n"),
  };
}

const section = (id: string) => document.blocks.find((block): block is SectionNode => block.type === "section" && block.id === id)!;
const table = (id: string) => document.blocks.find((block): block is TableNode => block.type === "table" && block.id === id)!;
const bodyIndex = (id: string) => release.quarter.body.findIndex((item) => "id" in item && item.id === id);
const tableIndex = (id: string) => release.quarter.tables.findIndex((candidate) => candidate.id === id);

describe("source places of the default release", () => {
  it("a section and its second paragraph point at their body item", () => {
    const lead = section("lead");
    expect(lead.place).toEqual({ file: "quarter", path: ["body", bodyIndex("lead")] });
    expect(sourceAt(lead.place).text).toContain("- id: lead");
    const second = lead.blocks[1] as ParagraphNode;
    expect(second.place).toEqual({ file: "quarter", path: ["body", bodyIndex("lead"), "paragraphs", 1] });
    const at = sourceAt(second.place);
    expect(at.file).toBe("data/atg/2003-q3.yaml");
    expect(at.path).toBe("body[lead].paragraphs[1]");
    expect(at.text).toContain("For the nine months ended {{date ytd_2003}}");
  });

  it("the paragraph given the dateline keeps its place", () => {
    const first = section("lead").blocks[0] as ParagraphNode;
    expect(first.dateline).toBeDefined();
    expect(sourceAt(first.place).text).toContain("{{company.shortName}} ({{company.name}}");
  });

  it("a bullet, the list and the intro point at their keys", () => {
    const highlights = section("highlights");
    const index = bodyIndex("highlights");
    const [intro, list] = highlights.blocks as [ParagraphNode, BulletListNode];
    expect(intro.place).toEqual({ file: "quarter", path: ["body", index, "intro"] });
    expect(sourceAt(intro.place, 1).text).toContain('intro: "During the third quarter of 2003, ATG:"');
    expect(list.place).toEqual({ file: "quarter", path: ["body", index, "bullets"] });
    const lease = list.items[3]!;
    expect(lease.place).toEqual({ file: "quarter", path: ["body", index, "bullets", 3] });
    expect(lease.forwardLooking).toBe(true);
    expect(sourceAt(lease.place).text).toContain("Settled an $11.8 million excess lease obligation");
  });

  it("a table, a row and a typed cell point at tables[i], rows[j] and values[k]", () => {
    const operations = table("operations");
    const index = tableIndex("operations");
    expect(operations.place).toEqual({ file: "quarter", path: ["tables", index] });
    expect(sourceAt(operations.place, 1).text).toContain("- id: operations");
    const rowIndex = operations.rows.findIndex((row) => row.line === "grossProfit");
    const row = operations.rows[rowIndex]!;
    expect(row.place).toEqual({ file: "quarter", path: ["tables", index, "rows", rowIndex] });
    const rowAt = sourceAt(row.place, 1);
    expect(rowAt.path).toBe("tables[operations].rows[grossProfit]");
    expect(rowAt.text).toContain("{ id: grossProfit, label: Gross Profit,");
    const cell = row.cells[2]!;
    expect(cell.type === "number" && cell.value).toBe("39857000");
    expect(cell.type === "number" && cell.place).toEqual({ file: "quarter", path: ["tables", index, "rows", rowIndex, "values", 2] });
    // The row's values are a flow list on its own line: the cell's line is the row's.
    expect(cell.type === "number" && placeOf(context, cell.place!).line).toBe(rowAt.line);
    // Heading and blank rows have places too.
    expect(operations.rows[0]!.kind).toBe("heading");
    expect(sourceAt(operations.rows[0]!.place, 1).text).toContain('heading: "Revenues:"');
  });

  it("a computed cell has no place of its own; its row has", () => {
    const highlights = table("highlights");
    for (const row of highlights.rows.filter((candidate) => candidate.cells.length > 0)) {
      expect(row.place?.path.slice(0, 3)).toEqual(["tables", tableIndex("highlights"), "rows"]);
      for (const cell of row.cells) expect(cell.type === "number" ? cell.place : undefined).toBeUndefined();
    }
  });

  it("the headline, the exhibit label and the company's boilerplate and contacts", () => {
    const title = document.blocks.find((block) => block.type === "title")!;
    expect(sourceAt(title.place, 1).text).toBe("headline: ATG Announces Third-Quarter 2003 Results");
    const exhibit = document.blocks.find((block) => block.type === "exhibitLabel")!;
    expect(sourceAt(exhibit.place, 1).text).toBe('exhibit: "99.1"');
    const about = section("about");
    expect(about.place).toEqual({ file: "company", path: ["about"] });
    const second = about.blocks[1] as ParagraphNode;
    expect(second.place).toEqual({ file: "company", path: ["about", "paragraphs", 1] });
    const at = sourceAt(second.place, 3);
    expect(at.file).toBe(release.companyFile);
    expect(at.text).toContain(release.company.about.paragraphs[1]!.split(/\s+/).slice(0, 4).join(" "));
    const contacts = document.blocks.find((block) => block.type === "contacts")!;
    expect(sourceAt(contacts.place, 1).text).toBe("contacts:");
    expect(section("safeHarbor").place).toEqual({ file: "company", path: ["safeHarbor"] });
  });
});

/** Every quarter file under data/. */
function quarterFiles(folder = "data"): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "templates" ? [] : quarterFiles(path);
    return /^\d{4}-q\d\.yaml$/.test(name) ? [path] : [];
  });
}

/** The value at a path of the loaded data, or undefined when the path leads nowhere. */
function valueAt(root: unknown, path: DataPath): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined), root);
}

/** Every place a document carries, with what carries it. */
function placesOf(composed: ReleaseDocument): { what: string; place: SourcePlace | undefined }[] {
  const places: { what: string; place: SourcePlace | undefined }[] = [];
  const paragraph = (node: ParagraphNode, what: string) => places.push({ what, place: node.place });
  for (const block of composed.blocks) {
    places.push({ what: `${block.type} ${"id" in block ? block.id : ""}`, place: block.place });
    if (block.type === "section") {
      block.blocks.forEach((child, index) => {
        if (child.type === "paragraph") paragraph(child, `${block.id} block ${index}`);
        else {
          places.push({ what: `${block.id} list`, place: child.place });
          child.items.forEach((item, itemIndex) => paragraph(item, `${block.id} bullet ${itemIndex}`));
        }
      });
    } else if (block.type === "table") {
      block.rows.forEach((row, rowIndex) => {
        places.push({ what: `${block.id} row ${rowIndex}`, place: row.place });
        row.cells.forEach((cell, column) => {
          if (cell.type === "number" && cell.place) places.push({ what: `${block.id} row ${rowIndex} cell ${column}`, place: cell.place });
        });
      });
    }
  }
  return places;
}

describe("source places of every example", () => {
  it.each(quarterFiles())("every node of %s has a place that leads to a value of its file", (file) => {
    const loaded: LoadedRelease = loadRelease(file);
    const places = placesOf(composeRelease(loaded));
    expect(places.length).toBeGreaterThan(20);
    const wrong = places
      .filter(({ place }) => !place || valueAt(place.file === "company" ? loaded.company : loaded.quarter, place.path) === undefined)
      .map(({ what, place }) => `${what}: ${JSON.stringify(place)}`);
    expect(wrong).toEqual([]);
  });

  it("a typed cell's place holds the figure the cell prints", () => {
    const loaded = loadRelease("data/atg/2003-q3.yaml");
    const operations = composeRelease(loaded).blocks.find((block): block is TableNode => block.type === "table" && block.id === "operations")!;
    const cells = operations.rows.flatMap((row) => row.cells.flatMap((cell) => (cell.type === "number" && cell.place ? [cell] : [])));
    expect(cells.length).toBeGreaterThan(40);
    for (const cell of cells) {
      const typed = valueAt(loaded.quarter, cell.place!.path);
      // Thousands, except the percentages (a gross margin of 68 is 0.68).
      if (cell.display?.kind === "amount") expect(`${Number(typed) * 1000}`).toBe(cell.value);
    }
  });
});

describe("a place on its own line", () => {
  it("a cell of a block-style values list points at its own line", () => {
    const folder = makeTemporaryFolder("source-places");
    copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
    const original = readFileSync("data/atg/2003-q3.yaml", "utf8");
    const flow = "      - { id: grossProfit, label: Gross Profit, total: totalRevenues - totalCostOfRevenues, values: [10881, 15265, 39857, 47779], style: total }\n";
    expect(original).toContain(flow);
    const block =
      "      - id: grossProfit\n        label: Gross Profit\n        total: totalRevenues - totalCostOfRevenues\n        style: total\n        values:\n          - 10881\n          - 15265\n          - 39857\n          - 47779\n";
    writeFileSync(join(folder, "2003-q3.yaml"), original.replace(flow, block));
    const loaded = loadRelease(join(folder, "2003-q3.yaml"));
    const operations = composeRelease(loaded).blocks.find((candidate): candidate is TableNode => candidate.type === "table" && candidate.id === "operations")!;
    const row = operations.rows.find((candidate) => candidate.line === "grossProfit")!;
    const cell = row.cells[2]!;
    expect(cell.type).toBe("number");
    const line = placeOf(createCheckContext(loaded, undefined, {}), cell.type === "number" ? cell.place! : []).line;
    expect(loaded.sources.quarter.split("\n")[line - 1]).toBe("          - 39857");
  });

  // Before places, an error in the closing was reported at risksIntro, and one in an About paragraph at `paragraphs`.
  it.each([
    { field: "the safe harbor's closing", text: "  closing: >-\n    Further details on these risks", path: "safeHarbor.closing", line: "  closing: >-" },
    { field: "the second About paragraph", text: "    - >-\n      ATG has delivered online solutions", path: "about.paragraphs[1]", line: "    - >-" },
  ])("a narrative error in $field is reported at its own line", ({ text, path, line }) => {
    const folder = makeTemporaryFolder("source-places");
    const company = readFileSync("data/atg/company.yaml", "utf8");
    expect(company).toContain(text);
    const broken = text.replace(/(\n\s+)/, "$1{{money noSuchLine q3_2003}} ");
    writeFileSync(join(folder, "company.yaml"), company.replace(text, broken));
    copyFileSync("data/atg/2003-q3.yaml", join(folder, "2003-q3.yaml"));
    const loaded = loadRelease(join(folder, "2003-q3.yaml"));
    let thrown: unknown;
    try {
      composeRelease(loaded);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataError);
    const [issue] = (thrown as DataError).issues;
    expect(issue?.path).toBe(path);
    expect(issue?.file).toBe(join(folder, "company.yaml"));
    const lines = loaded.sources.company.split("\n");
    expect(lines[issue!.line - 1]).toBe(line);
    expect(lines[issue!.line]).toContain("{{money noSuchLine q3_2003}}");
  });
});
