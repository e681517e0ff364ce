/**
 * Greedy word wrap as wire services do it: break at spaces only, never inside a word.
 */

/**
 * Wraps `text` into lines of at most `width` characters, the first indented by `firstIndent`
 * spaces and the others by `restIndent`. Spaces inside a line are kept as written; a word
 * longer than a line stands alone on its line.
 */
export function wrapText(text: string, width: number, firstIndent = 0, restIndent = 0): string[] {
  const words = text.split(" ");
  const lines: string[] = [];
  let line = " ".repeat(firstIndent);
  let lineHasWord = false;
  for (const word of words) {
    const candidate = lineHasWord ? `${line} ${word}` : `${line}${word}`;
    if (!lineHasWord || candidate.length <= width || word === "") {
      line = candidate;
      lineHasWord = lineHasWord || word !== "";
      continue;
    }
    lines.push(line.trimEnd());
    line = `${" ".repeat(restIndent)}${word}`;
  }
  lines.push(line.trimEnd());
  return lines;
}
