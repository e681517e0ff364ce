/**
 * Chromium names the structure elements of a tagged PDF after DOM node ids (`/ID (node00000043)`,
 * also used in table cells' `/Headers`). Those ids come from a counter of the renderer process,
 * so a page printed on a reused tab gets other numbers each time: renumbering them in order of
 * first appearance makes the same document give the same bytes.
 */

const nodeId = /\(node(\d{8,})\)/g;

/**
 * The PDF with every `(nodeNNNNNNNN)` string renumbered 1, 2, 3 ... in order of first
 * appearance, each number padded to its old width so that no byte offset (xref) moves.
 */
export function normalizeNodeIds(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const numbers = new Map<string, number>();
  let changed = false;
  const renumbered = text.replace(nodeId, (match, digits: string) => {
    let number = numbers.get(digits);
    if (number === undefined) numbers.set(digits, (number = numbers.size + 1));
    const replacement = `(node${String(number).padStart(digits.length, "0")})`;
    changed ||= replacement !== match;
    return replacement;
  });
  return changed ? new Uint8Array(Buffer.from(renumbered, "latin1")) : pdf;
}
