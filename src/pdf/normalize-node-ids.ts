/**
 * Chromium names the structure elements of a tagged PDF after DOM node ids (`/ID (node00000043)`,
 * also used in table cells' `/Headers`). Those ids come from a counter of the renderer process,
 * so a page printed on a reused tab gets other numbers each time: renumbering them in order of
 * first appearance makes the same document give the same bytes.
 */

const prefix = Buffer.from("(node", "latin1");
const zero = 0x30;
const nine = 0x39;
const closing = 0x29;

/**
 * The PDF with every `(nodeNNNNNNNN)` string (8 digits or more) renumbered 1, 2, 3 ... in order
 * of first appearance, each number padded to its old width so that no byte offset (xref) moves.
 * Works on the bytes (one copy, made at the first change), not on a decoded string.
 */
export function normalizeNodeIds(pdf: Uint8Array): Uint8Array {
  const input = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let output: Buffer | undefined;
  const numbers = new Map<string, number>();
  for (let at = input.indexOf(prefix); at >= 0; at = input.indexOf(prefix, at + prefix.length)) {
    const digitsStart = at + prefix.length;
    let end = digitsStart;
    while (end < input.length && input[end]! >= zero && input[end]! <= nine) end++;
    if (end - digitsStart < 8 || input[end] !== closing) continue;
    const digits = input.toString("latin1", digitsStart, end);
    let number = numbers.get(digits);
    if (number === undefined) numbers.set(digits, (number = numbers.size + 1));
    const replacement = String(number).padStart(digits.length, "0");
    if (replacement === digits) continue;
    output ??= Buffer.from(input);
    output.write(replacement, digitsStart, "latin1");
  }
  return output === undefined ? pdf : new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}
