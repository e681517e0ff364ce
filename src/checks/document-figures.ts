/**
 * The figures of a composed release in reading order, each with the fact it shows and the place
 * in the data it comes from (the node's own `place`, set by compose).
 */
import type { Cell, FactRef, ParagraphNode, ReleaseDocument, SectionNode, SourcePlace } from "../model/document.js";

/** A figure as the document shows it. */
export interface DocumentFigure {
  /** As printed: "$16.0 million", "(3,195)" (a cell's digits with its sign and suffix). */
  readonly text: string;
  readonly fact?: FactRef;
  /** A narrative inline or a table cell. */
  readonly source: "narrative" | "table";
  /** Section or table id. */
  readonly container: string;
  /** Place in the data of the figure: its paragraph, or its cell's entry (else its row). */
  readonly place: SourcePlace;
  /** Place in the data of its section or table. */
  readonly containerPlace: SourcePlace;
  /** The cell, for table figures. */
  readonly cell?: Cell;
}

/** The place of a node that has none (a hand-built tree): the top of the quarter file. */
export const unplaced: SourcePlace = { file: "quarter", path: [] };

/** Every figure of the document in order (narrative inlines and numeric table cells). */
export function listDocumentFigures(document: ReleaseDocument): DocumentFigure[] {
  const figures: DocumentFigure[] = [];
  for (const block of document.blocks) {
    if (block.type === "section") {
      const containerPlace = block.place ?? unplaced;
      forEachParagraph(block, (paragraph, place) => {
        for (const inline of paragraph.content) {
          if (inline.type === "figure") figures.push({ text: inline.text, ...(inline.fact ? { fact: inline.fact } : {}), source: "narrative", container: block.id, place, containerPlace });
        }
      });
    } else if (block.type === "table") {
      const containerPlace = block.place ?? unplaced;
      for (const row of block.rows) {
        for (const cell of row.cells) {
          if (cell.type !== "number") continue;
          const text = `${cell.negative ? `(${cell.digits})` : cell.digits}${cell.suffix ?? ""}`;
          const place = cell.place ?? row.place ?? containerPlace;
          figures.push({ text, ...(cell.fact ? { fact: cell.fact } : {}), source: "table", container: block.id, place, containerPlace, cell });
        }
      }
    }
  }
  return figures;
}

/** Calls `visit` with each paragraph of a section (bullet items included) and its place in the data. */
export function forEachParagraph(section: SectionNode, visit: (paragraph: ParagraphNode, place: SourcePlace, bullet: boolean) => void): void {
  const fallback = section.place ?? unplaced;
  for (const block of section.blocks) {
    if (block.type === "paragraph") visit(block, block.place ?? fallback, false);
    else for (const item of block.items) visit(item, item.place ?? block.place ?? fallback, true);
  }
}
