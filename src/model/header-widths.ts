/** Fixed-width layout shared by compose and the wire-text writer: spanning headings need room. */
import type { HeaderCell } from "./document.js";

/**
 * Widens the columns under each heading that spans several of them until the heading (as
 * `headingLength` measures it, plus two spaces) fits, spreading the extra evenly. In place.
 */
export function widenForSpanningHeadings(widths: number[], headerRows: readonly (readonly HeaderCell[])[], headingLength: (text: string) => number): void {
  for (const header of headerRows) {
    let column = 0;
    for (const cell of header) {
      const spanned = widths.slice(column, column + cell.span).reduce((sum, w) => sum + w, 0);
      const short = cell.span > 1 ? headingLength(cell.text) + 2 - spanned : 0;
      for (let i = 0; short > 0 && i < cell.span; i++) widths[column + i]! += Math.ceil(short / cell.span);
      column += cell.span;
    }
  }
}
