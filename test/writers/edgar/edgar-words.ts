/** Test helpers: the words of an EDGAR HTML file and of a wire text, comparable in order. */
import { diffArrays } from "diff";
import { Parser } from "htmlparser2";
import type { TableNode } from "../../../src/model/document.js";

/** Elements that separate words; inline ones (b, i, sup, font) do not. */
const blockElements = new Set(["p", "br", "div", "h1", "h2", "h3", "ul", "ol", "li", "table", "tr", "td", "th", "hr", "body"]);

/** The body text of an HTML file, tags stripped and entities decoded; blocks and cells apart. */
export function htmlBodyText(html: string): string {
  let text = "";
  let inHead = false;
  const parser = new Parser({
    onopentag(name) {
      if (name === "head") inHead = true;
      if (blockElements.has(name)) text += " ";
    },
    onclosetag(name) {
      if (name === "head") inHead = false;
      if (blockElements.has(name)) text += " ";
    },
    ontext(data) {
      if (!inHead) text += data;
    },
  });
  parser.end(html);
  return text;
}

/**
 * Words in order, with "$", "(", ")", "%" and the marks ^ * \u2020 \u2021 as words of their own: EDGAR puts a figure's parts in
 * cells of their own ("$" | "(3,195" | ")(a)"), the wire text glues them ("$(3,195)(a)").
 */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).flatMap((word) => word.match(/[$()%^*\u2020\u2021]|[^$()%^*\u2020\u2021]+/g) ?? []);
}

/** The words of a wire text without its bullet marks (Business Wire's "    --  " unless told). */
export function wireTextWords(text: string, bullet = "    --  "): string[] {
  return wordsOf(
    text
      .split("\n")
      .map((line) => (line.startsWith(bullet) ? line.slice(bullet.length) : line))
      .join("\n"),
  );
}

/**
 * Words of `actual` that stand out of `expected`'s order, other than the words of table headings
 * (EDGAR sets a period's date and year in one header cell, the wire text on two lines), and
 * whether both have the same words at all.
 */
export function compareWordsApartFromHeadings(
  actual: readonly string[],
  expected: readonly string[],
  tables: readonly TableNode[],
): { readonly outOfOrder: string[]; readonly sameWords: boolean } {
  const headingWords = new Set(tables.flatMap((table) => table.headerRows.flatMap((row) => row.flatMap((cell) => wordsOf(cell.text)))));
  const outOfOrder = diffArrays([...expected], [...actual])
    .filter((part) => part.added || part.removed)
    .flatMap((part) => part.value)
    .filter((word) => !headingWords.has(word));
  const sorted = (words: readonly string[]) => [...words].sort().join("\n");
  return { outOfOrder, sameWords: sorted(actual) === sorted(expected) };
}
