/**
 * The wire text writer: the release as Business Wire carries it (lines of at most `textWidth`
 * characters, four-space paragraph indents, "--" bullets, capital headings, fixed-width tables).
 */
import { type Block, type ContactsNode, inlineText, type Node, type ParagraphNode, type ReleaseDocument, type SectionNode, type TextStyle } from "../../model/document.js";
import { renderTextTable } from "./table.js";
import { wrapText } from "./wrap.js";

/** Business Wire's layout, the default. */
export const businessWireTextStyle: TextStyle = { paragraphIndent: 4, paragraphGap: 0, headingIndent: 4, bullet: "    --  " };

/** What every handler knows: the line width and the layout. */
interface TextContext {
  readonly width: number;
  readonly style: TextStyle;
}

type Handlers = { [K in Node["type"]]: (node: Extract<Node, { type: K }>, context: TextContext) => string[] };

/** One handler per node type; each returns the node's lines. */
const handlers: Handlers = {
  exhibitLabel: (node) => [node.text],
  title: (node, { width }) => [...wrapText(node.text, width), ...(node.subheadlines ?? []).flatMap((line) => ["", ...wrapText(line, width)])],
  paragraph: (node, { width, style }) => wrapText(paragraphText(node), width, style.paragraphIndent, 0),
  bulletList: (node, { width, style }) => {
    const marker = style.bullet;
    return node.items.flatMap((item, index) => [
      ...(index > 0 ? [""] : []),
      ...wrapText(paragraphText(item), width, marker.length, marker.length).map((line, i) => (i === 0 ? `${marker}${line.slice(marker.length)}` : line)),
    ]);
  },
  section: (node, context) => renderSection(node, context),
  table: (node, { width }) => renderTextTable(node, width),
  contacts: (node: ContactsNode, { width, style }) => {
    const label = `${" ".repeat(style.paragraphIndent)}${node.label}: `;
    // A long contact line wraps under itself, clear of the label.
    return node.lines.flatMap((line, index) =>
      wrapText(line, width, label.length, label.length).map((wrapped, i) => (index === 0 && i === 0 ? `${label}${wrapped.slice(label.length)}` : wrapped)),
    );
  },
};

function render(node: Node, context: TextContext): string[] {
  return (handlers[node.type] as (node: Node, context: TextContext) => string[])(node, context);
}

function paragraphText(node: ParagraphNode): string {
  return `${node.dateline ?? ""}${inlineText(node.content)}`;
}

function renderSection(section: SectionNode, context: TextContext): string[] {
  const lines: string[] = [];
  if (section.heading) lines.push(...wrapText(section.heading, context.width, context.style.headingIndent, context.style.headingIndent), "");
  section.blocks.forEach((block, index) => {
    // Paragraphs run on (or stand apart, as the style says); a list stands apart from its neighbours.
    const previous = section.blocks[index - 1];
    if (index > 0) {
      const gap = block.type === "bulletList" || previous?.type === "bulletList" ? Math.max(1, context.style.paragraphGap) : context.style.paragraphGap;
      for (let i = 0; i < gap; i++) lines.push("");
    }
    lines.push(...render(block, context));
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
  const context: TextContext = { width, style: document.meta.textStyle ?? businessWireTextStyle };
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
    lines.push(...render(block, context));
  });
  return `${lines.join("\n")}\n`;
}
