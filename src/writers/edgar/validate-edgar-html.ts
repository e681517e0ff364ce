/**
 * A validator for the EDGAR Filer Manual's HTML rules (the subset DOMAIN.md lists): HTML 3.2
 * elements with the allowed 4.0 attributes, no executable code, no links out, no style element,
 * no table sections or nested tables, pure ASCII; and the file-name rule. Tokenized with
 * htmlparser2, so markup in text or comments is never mistaken for a tag.
 */
import { Parser } from "htmlparser2";

/** What rule an EDGAR issue breaks. */
export type EdgarIssueCode =
  "disallowed-element" | "disallowed-attribute" | "event-handler" | "script-url" | "data-url" | "external-reference" | "image-format" | "nested-table" | "non-ascii" | "file-name";

/** One broken EDGAR rule, located (1-based line and column) where it is in a file. */
export interface EdgarIssue {
  readonly code: EdgarIssueCode;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** The element concerned, lower case. */
  readonly element?: string;
  /** The attribute concerned, lower case. */
  readonly attribute?: string;
}

/** HTML 3.2 elements EDGAR accepts (document structure plus body elements). */
const allowedElements = new Set([
  "html",
  "head",
  "title",
  "meta",
  "body",
  "a",
  "address",
  "b",
  "big",
  "blockquote",
  "br",
  "caption",
  "center",
  "cite",
  "code",
  "dd",
  "dfn",
  "dir",
  "div",
  "dl",
  "dt",
  "em",
  "font",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "img",
  "kbd",
  "li",
  "listing",
  "menu",
  "ol",
  "p",
  "plaintext",
  "pre",
  "samp",
  "small",
  "strike",
  "strong",
  "sub",
  "sup",
  "table",
  "td",
  "th",
  "tr",
  "tt",
  "u",
  "ul",
  "var",
  "xmp",
]);

/** Why some elements are refused, for the message. */
const refusedReasons: Readonly<Record<string, string>> = {
  script: "executable code gets a submission suspended",
  applet: "executable code gets a submission suspended",
  object: "executable code gets a submission suspended",
  embed: "executable code gets a submission suspended",
  iframe: "EDGAR refuses frames and embedded documents",
  frame: "EDGAR refuses frames and embedded documents",
  frameset: "EDGAR refuses frames and embedded documents",
  form: "EDGAR refuses forms",
  input: "EDGAR refuses forms",
  style: "EDGAR refuses the style element; use inline style attributes",
  link: "EDGAR refuses external references such as style sheets",
  base: "EDGAR refuses external references",
  thead: "EDGAR HTML 3.2 has no table sections; put the rows straight in the table",
  tbody: "EDGAR HTML 3.2 has no table sections; put the rows straight in the table",
  tfoot: "EDGAR HTML 3.2 has no table sections; put the rows straight in the table",
  col: "EDGAR HTML 3.2 has no column elements; size the cells instead",
  colgroup: "EDGAR HTML 3.2 has no column elements; size the cells instead",
};

/** Attributes allowed on every element (the HTML 4.0 additions EDGAR accepts). */
const globalAttributes = new Set(["class", "id", "style", "title", "lang", "dir"]);

/** Attributes allowed per element, beyond the global ones. */
const elementAttributes: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "name", "rel", "rev"],
  body: ["bgcolor", "text", "link", "alink", "vlink"],
  br: ["clear"],
  caption: ["align"],
  div: ["align"],
  font: ["color", "size", "face"],
  h1: ["align"],
  h2: ["align"],
  h3: ["align"],
  h4: ["align"],
  h5: ["align"],
  h6: ["align"],
  hr: ["align", "noshade", "size", "width"],
  img: ["src", "alt", "align", "border", "height", "width", "hspace", "vspace", "name"],
  li: ["type", "value"],
  meta: ["name", "content", "http-equiv"],
  ol: ["type", "start", "compact"],
  p: ["align"],
  pre: ["width"],
  table: ["align", "bgcolor", "border", "cellpadding", "cellspacing", "width"],
  td: ["align", "valign", "bgcolor", "colspan", "rowspan", "nowrap", "width", "height"],
  th: ["align", "valign", "bgcolor", "colspan", "rowspan", "nowrap", "width", "height"],
  tr: ["align", "valign", "bgcolor"],
  ul: ["type", "compact"],
  dir: ["compact"],
  dl: ["compact"],
  menu: ["compact"],
};

/** Attributes whose value is a URL, checked whether or not the attribute is allowed. */
const urlAttributes = new Set(["href", "src", "background", "action", "cite", "longdesc", "usemap", "codebase", "data", "lowsrc", "poster", "formaction", "srcset", "xlink:href"]);

const secHost = /^(?:[a-z0-9-]+\.)*sec\.gov$/;

/** Where a URL points, as EDGAR judges it; undefined when EDGAR accepts it. */
function judgeUrl(raw: string, element: string, attribute: string): { code: EdgarIssueCode; message: string } | undefined {
  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
  const url = raw.replace(/[\u0000-\u0020]/g, "").toLowerCase();
  const quoted = JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
  if (url.startsWith("data:")) return { code: "data-url", message: `${element} ${attribute}=${quoted}: EDGAR refuses data: URLs; ship an image as a separate JPEG or GIF file` };
  if (/^(?:java|vb)script:/.test(url)) return { code: "script-url", message: `${element} ${attribute}=${quoted}: a script URL is executable code, which gets a submission suspended` };
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme !== undefined || url.startsWith("//")) {
    const host = /^(?:https?:)?\/\/([^/?#:@]+)/.exec(url)?.[1];
    if (host !== undefined && (scheme === undefined || scheme === "http" || scheme === "https") && secHost.test(host)) return undefined;
    return { code: "external-reference", message: `${element} ${attribute}=${quoted}: EDGAR allows references only to sec.gov; write the address as plain text` };
  }
  if (element === "img" && attribute === "src" && !/\.(?:jpe?g|gif)(?:[?#]|$)/.test(url)) {
    return { code: "image-format", message: `img src=${quoted}: EDGAR takes images only as JPEG or GIF files` };
  }
  return undefined;
}

/** Maps offsets in a text to 1-based lines and columns. */
function locateOffsets(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** Characters outside printable ASCII (tab, line feed, carriage return and form feed allowed). */
function findNonAscii(html: string, locate: ReturnType<typeof locateOffsets>): EdgarIssue[] {
  const issues: EdgarIssue[] = [];
  for (const match of html.matchAll(/[^\x20-\x7e\t\n\r\f]/gu)) {
    const code = match[0].codePointAt(0)!;
    issues.push({
      code: "non-ascii",
      message: `character U+${code.toString(16).toUpperCase().padStart(4, "0")} is not ASCII; write it as the entity &#${code};`,
      ...locate(match.index),
    });
  }
  return issues;
}

/** Checks HTML against the EDGAR rules; returns every issue found, in document order (empty when it passes). */
export function validateEdgarHtml(html: string): EdgarIssue[] {
  const locate = locateOffsets(html);
  const issues: EdgarIssue[] = [];
  let tableDepth = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const where = locate(parser.startIndex);
        if (!allowedElements.has(name)) {
          const reason = refusedReasons[name] ?? "not an HTML 3.2 element EDGAR accepts";
          issues.push({ code: "disallowed-element", element: name, message: `<${name}>: ${reason}`, ...where });
        }
        if (name === "table") {
          tableDepth += 1;
          if (tableDepth > 1) issues.push({ code: "nested-table", element: name, message: "a table inside a table: EDGAR refuses nested tables", ...where });
        }
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) {
            issues.push({
              code: "event-handler",
              element: name,
              attribute,
              message: `<${name} ${attribute}>: event attributes are executable code, which gets a submission suspended`,
              ...where,
            });
            continue;
          }
          if (urlAttributes.has(attribute)) {
            const judged = judgeUrl(value, name, attribute);
            if (judged) issues.push({ ...judged, element: name, attribute, ...where });
          }
          if (attribute === "style") {
            for (const match of value.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
              const judged = judgeUrl(match[2]!, name, "style url()");
              if (judged) issues.push({ ...judged, element: name, attribute, ...where });
            }
            if (/expression\s*\(|behavior\s*:|-moz-binding/i.test(value)) {
              issues.push({ code: "script-url", element: name, attribute, message: `<${name} style>: a CSS expression or binding is executable code`, ...where });
            }
          }
          if (name === "meta" && attribute === "http-equiv" && value.trim().toLowerCase() === "refresh") {
            issues.push({ code: "external-reference", element: name, attribute, message: `<meta http-equiv="refresh">: a refresh loads another page; EDGAR refuses it`, ...where });
          }
          if (!globalAttributes.has(attribute) && !elementAttributes[name]?.includes(attribute) && !urlAttributes.has(attribute) && allowedElements.has(name)) {
            issues.push({ code: "disallowed-attribute", element: name, attribute, message: `<${name} ${attribute}>: not an attribute EDGAR accepts on ${name}`, ...where });
          }
        }
      },
      onclosetag(name) {
        if (name === "table" && tableDepth > 0) tableDepth -= 1;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  issues.push(...findNonAscii(html, locate));
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Checks a file name against EDGAR's rule: at most 32 characters, starting with a letter or digit, no spaces, ending in .htm. */
export function validateEdgarFileName(name: string): EdgarIssue[] {
  const issues: EdgarIssue[] = [];
  const quoted = JSON.stringify(name);
  if (name.length > 32) issues.push({ code: "file-name", message: `file name ${quoted} has ${name.length} characters; EDGAR allows at most 32` });
  if (/\s/.test(name)) issues.push({ code: "file-name", message: `file name ${quoted} contains a space; EDGAR refuses spaces in file names` });
  else if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    issues.push({ code: "file-name", message: `file name ${quoted} must start with a letter or digit and contain only letters, digits, ".", "-" and "_"` });
  }
  if (!/\.htm$/i.test(name)) issues.push({ code: "file-name", message: `file name ${quoted} must end in .htm for an HTML document` });
  return issues;
}
