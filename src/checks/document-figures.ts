/**
 * The figures of a composed release in reading order, each with the fact it shows and the place
 * in the data its paragraph or table comes from.
 */
import type { DataPath } from "../data/issues.js";
import type { Cell, FactRef, ParagraphNode, ReleaseDocument, SectionNode } from "../model/document.js";
import type { CheckContext } from "./context.js";

/** A figure as the document shows it. */
export interface DocumentFigure {
  /** As printed: "$16.0 million", "(3,195)" (a cell's digits with its sign and suffix). */
  readonly text: string;
  readonly fact?: FactRef;
  /** A narrative inline or a table cell. */
  readonly source: "narrative" | "table";
  /** Section or table id. */
  readonly container: string;
  /** Place in the data of the paragraph, or of the table. */
  readonly path: DataPath;
  /** The cell, for table figures. */
  readonly cell?: Cell;
}

/** Every figure of the document in order (narrative inlines and numeric table cells). */
export function listDocumentFigures(context: CheckContext, document: ReleaseDocument): DocumentFigure[] {
  const figures: DocumentFigure[] = [];
  for (const block of document.blocks) {
    if (block.type === "section") {
      forEachParagraph(context, block, (paragraph, path) => {
        for (const inline of paragraph.content) {
          if (inline.type === "figure") figures.push({ text: inline.text, ...(inline.fact ? { fact: inline.fact } : {}), source: "narrative", container: block.id, path });
        }
      });
    } else if (block.type === "table") {
      const index = context.release.quarter.tables.findIndex((table) => table.id === block.id);
      for (const row of block.rows) {
        for (const cell of row.cells) {
          if (cell.type !== "number") continue;
          const text = `${cell.negative ? `(${cell.digits})` : cell.digits}${cell.suffix ?? ""}`;
          figures.push({ text, ...(cell.fact ? { fact: cell.fact } : {}), source: "table", container: block.id, path: index >= 0 ? ["tables", index] : [], cell });
        }
      }
    }
  }
  return figures;
}

/** Calls `visit` with each paragraph of a section (bullet items included) and its data path. */
export function forEachParagraph(context: CheckContext, section: SectionNode, visit: (paragraph: ParagraphNode, path: DataPath, bullet: boolean) => void): void {
  const paths = blockPaths(context, section);
  const fallback = sectionPath(context, section);
  section.blocks.forEach((block, index) => {
    const place = paths[index];
    if (block.type === "paragraph") visit(block, place && "paragraph" in place ? place.paragraph : fallback, false);
    else block.items.forEach((item, itemIndex) => visit(item, (place && "items" in place ? place.items[itemIndex] : undefined) ?? fallback, true));
  });
}

/** The data path of a section: a body item, or a company field for boilerplate. */
export function sectionPath(context: CheckContext, section: SectionNode): DataPath {
  const index = context.release.quarter.body.findIndex((item) => "id" in item && item.id === section.id);
  if (index >= 0) return ["body", index];
  if (section.id === "financialPresentation") return context.release.quarter.financialPresentation ? ["financialPresentation"] : ["company", "financialPresentation"];
  if (section.id === "about" || section.id === "trademark" || section.id === "safeHarbor") return ["company", section.id];
  return [];
}

/** One entry per block: a paragraph's path, or a bullet list's item paths (as composeSection orders them). */
type BlockPlace = { readonly paragraph: DataPath } | { readonly items: readonly DataPath[] };

function blockPaths(context: CheckContext, section: SectionNode): BlockPlace[] {
  const base = sectionPath(context, section);
  const item = context.release.quarter.body.find((candidate) => "id" in candidate && candidate.id === section.id);
  if (item && !("table" in item)) {
    const paths: BlockPlace[] = [];
    item.paragraphs?.forEach((_, i) => paths.push({ paragraph: [...base, "paragraphs", i] }));
    if (item.intro) paths.push({ paragraph: [...base, "intro"] });
    if (item.bullets) paths.push({ items: item.bullets.map((_, i) => [...base, "bullets", i]) });
    item.closing?.forEach((_, i) => paths.push({ paragraph: [...base, "closing", i] }));
    return paths;
  }
  if (section.id === "financialPresentation" || section.id === "about") {
    const inQuarter = base[0] !== "company";
    return section.blocks.map((_, i) => ({ paragraph: inQuarter ? [...base, i] : [...base, "paragraphs", i] }));
  }
  return section.blocks.map(() => ({ paragraph: base }));
}
