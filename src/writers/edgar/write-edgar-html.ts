/**
 * The EDGAR HTML writer: the release as an exhibit EDGAR accepts (HTML 3.2 elements with inline
 * styles, no style element, scripts, links out or nested tables, pure ASCII), laid out like the
 * HTML page. `validateEdgarHtml` checks the same rules on any file.
 */
import { type Inline, type Node, type ParagraphNode, type ReleaseDocument } from "../../model/document.js";
import { writeEdgarTable } from "./write-edgar-table.js";
import { escapeEdgar } from "./escape-edgar.js";

export { edgarFileName } from "../formats.js";

type Handlers = { [K in Node["type"]]: (node: Extract<Node, { type: K }>) => string };

const paragraphStyle = "margin:0 0 9pt";

/** One handler per node type. */
const handlers: Handlers = {
  exhibitLabel: (node) => `<p style="text-align:right;font-weight:bold;margin:0 0 12pt">${escapeEdgar(node.text)}</p>`,
  title: (node) =>
    `<h1 style="font-size:1.45em;line-height:1.25;text-align:center;margin:6pt 0 18pt">${escapeEdgar(node.text)}</h1>${(node.subheadlines ?? []).map((line) => `<p style="text-align:center;margin:0 0 12pt"><i>${escapeEdgar(line)}</i></p>`).join("")}`,
  section: (node) =>
    [
      `<div id="${escapeEdgar(node.id)}">`,
      ...(node.heading ? [`<h2 style="font-size:1em;letter-spacing:0.03em;margin:19pt 0 6pt">${escapeEdgar(node.heading)}</h2>`] : []),
      ...node.blocks.map(render),
      "</div>",
    ].join("\n"),
  paragraph: (node) => `<p style="${paragraphStyle}">${paragraphHtml(node)}</p>`,
  bulletList: (node) => `<ul style="margin:0 0 9pt;padding-left:1.5em">\n${node.items.map((item) => `<li style="margin-bottom:5pt">${paragraphHtml(item)}</li>`).join("\n")}\n</ul>`,
  table: (node) => writeEdgarTable(node),
  contacts: (node) =>
    `<div style="margin-top:24pt;border-top:1px solid #ccc;padding-top:10pt">\n<p style="${paragraphStyle}"><b>${escapeEdgar(node.label)}:</b> ` +
    node.lines.map(escapeEdgar).join("<br>\n") +
    "</p>\n</div>",
};

function render(node: Node): string {
  return (handlers[node.type] as (node: Node) => string)(node);
}

// Figures print as plain text: EDGAR has no use for the HTML page's data-fact attributes.
function inlineHtml(inline: Inline): string {
  return escapeEdgar(inline.text);
}

function paragraphHtml(node: ParagraphNode): string {
  const dateline = node.dateline ? `<b>${escapeEdgar(node.dateline)}</b>` : "";
  return dateline + node.content.map(inlineHtml).join("");
}

/** The draft mark and tie-out failures as top paragraphs, worded as the wire text words them. */
function draftHtml(document: ReleaseDocument): string[] {
  const { status, checkFailures } = document.meta;
  if (status.final) return [];
  const mark = `<p style="margin:0 0 12pt;padding:4pt 8pt;border:2px solid #b00020;color:#b00020;font-weight:bold;text-align:center">DRAFT ${escapeEdgar(String(status.draft))} -- ${escapeEdgar(status.date)} -- NOT FOR RELEASE</p>`;
  if (checkFailures.length === 0) return [mark];
  const failures = checkFailures.map((failure) => `- ${escapeEdgar(failure)}`).join("<br>\n");
  return [mark, `<p style="margin:0 0 12pt;padding:4pt 8pt;border:1px solid #b00020;font-size:0.9em"><b>TIE-OUT FAILURES (${checkFailures.length}):</b><br>\n${failures}</p>`];
}

/** Writes the release as EDGAR-ready HTML (pure ASCII; ends with a newline). */
export function writeEdgarHtml(document: ReleaseDocument): string {
  const { meta } = document;
  return [
    // With its system identifier this doctype keeps browsers out of quirks mode (tables inherit fonts).
    `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">`,
    "<html>",
    "<head>",
    `<title>${escapeEdgar(meta.title)}</title>`,
    "</head>",
    `<body style="margin:0;background:#fff;color:#111">`,
    `<div style="max-width:46em;margin:24pt auto;padding:0 24pt;font-family:'Times New Roman',Times,serif;font-size:12pt;line-height:1.45">`,
    ...draftHtml(document),
    ...document.blocks.map(render),
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
