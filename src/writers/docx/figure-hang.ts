/** Widths of the marks that hang right of a figure's digits, so digits align in a proportional font. */
import type { Cell, NumberCell } from "../../model/document.js";

/** Advance widths in thousandths of an em (Times New Roman; Liberation Serif has the same metrics). */
const GLYPH_WIDTHS: Readonly<Record<string, number>> = {
  ")": 333,
  "(": 333,
  "%": 833,
  "*": 500,
  "†": 500,
  "‡": 500,
  " ": 250,
  ".": 250,
  ",": 250,
  a: 444,
  b: 500,
  c: 444,
  d: 500,
  e: 444,
  f: 333,
  g: 500,
  h: 500,
  i: 278,
  j: 278,
  k: 500,
  l: 278,
  m: 778,
  n: 500,
  o: 500,
  p: 500,
  q: 500,
  r: 333,
  s: 389,
  t: 278,
  u: 500,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 444,
};

/** Twips per thousandth of an em at a font size in points: 20 twips a point. */
function twipsPerUnit(fontSizePoints: number): number {
  return (fontSizePoints * 20) / 1000;
}

/** The characters printed after a number's digits: ")" of a negative, the suffix, the marks. */
export function trailingText(cell: NumberCell): string {
  return `${cell.negative ? ")" : ""}${cell.suffix ?? ""}${cell.marks?.join("") ?? ""}`;
}

/** Width of a string in twips at a font size; unknown glyphs count as a digit's width. */
export function measureText(text: string, fontSizePoints: number): number {
  let units = 0;
  for (const char of text) units += GLYPH_WIDTHS[char] ?? GLYPH_WIDTHS[char.toLowerCase()] ?? 500;
  return Math.round(units * twipsPerUnit(fontSizePoints));
}

/**
 * The hang of one figure column: the widest trailing text of its cells, at least a ")". Each
 * cell's right indent is the hang less its own trailing width, so all digits end at one line.
 */
export function measureColumnHang(cells: readonly (Cell | undefined)[], fontSizePoints: number): number {
  let hang = measureText(")", fontSizePoints);
  for (const cell of cells) {
    if (cell?.type === "number") hang = Math.max(hang, measureText(trailingText(cell), fontSizePoints));
  }
  return hang;
}

/** Right indent of a cell in a column with the given hang. */
export function measureRightIndent(cell: Cell, hang: number, fontSizePoints: number): number {
  return cell.type === "number" ? hang - measureText(trailingText(cell), fontSizePoints) : hang;
}
