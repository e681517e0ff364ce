/**
 * The wire text writer: the release as Business Wire carries it (lines of at most `textWidth`
 * characters, four-space paragraph indents, "--" bullets, capital headings, fixed-width tables).
 */
import { type Block, type ContactsNode, inlineText, type Node, type ParagraphNode, type ReleaseDocument, type SectionNode } from "../../model/document.js";
import { renderTextTable } from "./table.js";
import { wrapText } from "./wrap.js";

const paragraphIndent = 4;
const bulletMarker = "    --  ";

type Handlers = { [K in Node["type"]]: (node: Extract<Node, { type: K }>, width: number) => string[] };

/** One handler per node type; each returns the node's lines. */
const handlers: Handlers = {
  exhibitLabel: (node) => [node.text],
  title: (node, width) => wrapText(node.text, width),
  paragraph: (node, width) => wrapText(paragraphText(node), width, paragraphIndent, 0),
  bulletList: (node, width) => node.items.flatMap((item, index) => [...(index > 0 ? [""] : []), ...wrapText(paragraphText(item), width, bulletMarker.length, bulletMarker.length).map((line, i) => (i === 0 ? `${bulletMarker}${line.slice(bulletMarker.length)}` : line))]),
  section: (node, width) => renderSection(node, width),
  table: (node, width) => renderTextTable(node, width),
  contacts: (node: ContactsNode) => {
    const label = `${" ".repeat(paragraphIndent)}${node.label}: `;
    return node.lines.map((line, index) => `${index === 0 ? label : " ".repeat(label.length)}${line}`);
  },
};

function render(node: Node, width: number): string[] {
  return (handlers[node.type] as (node: Node, width: number) => string[])(node, width);
}

function paragraphText(node: ParagraphNode): string {
  return `${node.dateline ?? ""}${inlineText(node.content)}`;
}

function renderSection(section: SectionNode, width: number): string[] {
  const lines: string[] = [];
  if (section.heading) lines.push(`${" ".repeat(paragraphIndent)}${section.heading}`, "");
  section.blocks.forEach((block, index) => {
    // Paragraphs run on; a list stands apart from what is around it.
    const previous = section.blocks[index - 1];
    if (index > 0 && (block.type === "bulletList" || previous?.type === "bulletList")) lines.push("");
    lines.push(...render(block, width));
  });
  return lines;
}

/** Blank lines between two blocks, as the wire form spaces them. */
function gapBetween(previous: Block, next: Block): number {
  if (next.type === "contacts") return 1;
  if (previous.type === "table" && next.type === "table") return 3;
  if (previous.type === "table" || next.type === "table") return 2;
  return 1;
}

/** Writes the release as wire text (ends with a newline). */
export function writeText(document: ReleaseDocument): string {
  const width = document.meta.textWidth;
  const lines: string[] = [];
  const status = document.meta.status;
  if (!status.final) lines.push(`DRAFT ${status.draft} -- ${status.date} -- NOT FOR RELEASE`, "");
  if (!status.final && document.meta.checkFailures.length > 0) {
    lines.push(`TIE-OUT FAILURES (${document.meta.checkFailures.length}):`);
    for (const failure of document.meta.checkFailures) lines.push(...wrapText(`- ${failure}`, width, 0, 2));
    lines.push("");
  }
  document.blocks.forEach((block, index) => {
    const previous = document.blocks[index - 1];
    if (previous) for (let i = 0; i < gapBetween(previous, block); i++) lines.push("");
    lines.push(...render(block, width));
  });
  return `${lines.join("\n")}\n`;
}
