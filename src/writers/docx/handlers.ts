/** One handler per document node type; a mapped type makes a missing handler a compile error. */
import { Paragraph, Tab, TextRun, type FileChild } from "docx";
import { type ContactsNode, type Inline, type Node, type ParagraphNode } from "../../model/document.js";
import { cleanText } from "./clean-text.js";
import { BULLET_NUMBERING, CONTACT_INDENT, StyleId } from "./styles.js";
import { handleTable } from "./table.js";

/** What a handler may call back into: rendering of child nodes through the same registry. */
export interface DocxContext {
  readonly render: (node: Node) => FileChild[];
}

/** The handler for one node type. */
export type DocxHandler<T extends Node["type"]> = (node: Extract<Node, { readonly type: T }>, context: DocxContext) => FileChild[];

/** One handler for every node type. */
export type DocxHandlers = { readonly [T in Node["type"]]: DocxHandler<T> };

/** Runs of inline content; a figure is a run of its own so a reviewer can find it. */
function createInlineRuns(content: readonly Inline[]): TextRun[] {
  return content.map((inline) => new TextRun(cleanText(inline.text)));
}

/** A prose paragraph in a style, with its dateline in the Dateline character style. */
function createProse(node: ParagraphNode, style: string, numbered: boolean): Paragraph {
  const dateline = node.dateline ? [new TextRun({ text: cleanText(node.dateline), style: StyleId.dateline })] : [];
  return new Paragraph({
    style,
    ...(numbered ? { numbering: { reference: BULLET_NUMBERING, level: 0 } } : {}),
    children: [...dateline, ...createInlineRuns(node.content)],
  });
}

/** "CONTACT:", a tab to the hanging indent and the first line; one paragraph per further line. */
function createContactParagraphs(node: ContactsNode): Paragraph[] {
  const [first = "", ...rest] = node.lines;
  const label = new Paragraph({
    style: StyleId.contacts,
    spacing: { before: 240 },
    children: [new TextRun(`${cleanText(node.label)}:`), new TextRun({ children: [new Tab()] }), new TextRun(cleanText(first))],
  });
  const continued = rest.map((line) => new Paragraph({ style: StyleId.contacts, indent: { left: CONTACT_INDENT, hanging: 0 }, text: cleanText(line) }));
  return [label, ...continued];
}

/**
 * A section heading: a heading the house style prints in capitals is stored as written and
 * formatted in capitals, so Word's outline, navigation and a restyle see "Outlook", not "OUTLOOK".
 */
function createHeading(heading: string, label: string | undefined): Paragraph {
  const styledCaps = label !== undefined && label !== heading && label.toUpperCase() === heading;
  return new Paragraph({ style: StyleId.heading1, children: [new TextRun({ text: cleanText(styledCaps ? label : heading), ...(styledCaps ? { allCaps: true } : {}) })] });
}

/** The default handlers of the Word writer. */
export const docxHandlers: DocxHandlers = {
  exhibitLabel: (node) => [new Paragraph({ style: StyleId.exhibitLabel, text: cleanText(node.text) })],
  title: (node) => [
    new Paragraph({ style: StyleId.title, text: cleanText(node.text) }),
    ...(node.subheadlines ?? []).map((line) => new Paragraph({ alignment: "center", children: [new TextRun({ text: cleanText(line), italics: true })] })),
  ],
  paragraph: (node) => [createProse(node, StyleId.normal, false)],
  bulletList: (node) => node.items.map((item) => createProse(item, StyleId.listBullet, true)),
  section: (node, context) => [...(node.heading ? [createHeading(node.heading, node.label)] : []), ...node.blocks.flatMap((block) => context.render(block))],
  table: (node) => handleTable(node),
  contacts: (node) => createContactParagraphs(node),
};
