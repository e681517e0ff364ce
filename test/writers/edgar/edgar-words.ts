/** Test helpers: the words of an EDGAR HTML file and of a wire text, comparable in order. */
import { Parser } from "htmlparser2";

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
 * Words in order, with "$", "(", ")" and "%" as words of their own: EDGAR puts a figure's parts in
 * cells of their own ("$" | "(3,195" | ")(a)"), the wire text glues them ("$(3,195)(a)").
 */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).flatMap((word) => word.match(/[$()%]|[^$()%]+/g) ?? []);
}

/** The words of a wire text without its bullet marks (Business Wire's "    --  " unless told). */
export function wireTextWords(text: string, bullet = "    --  "): string[] {
  return wordsOf(text.split("\n").map((line) => (line.startsWith(bullet) ? line.slice(bullet.length) : line)).join("\n"));
}
