/** Test helpers that read a .docx like a reviewer: its parts, its XML, its words in order. */
import { DOMParser, onErrorStopParsing, type Document as XmlDocument, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";
import { cellText, inlineText, type Block, type Node, type ReleaseDocument } from "../../../src/model/document.js";

/** Namespace of WordprocessingML main parts. */
export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** The parts of a .docx package as text, by path. */
export function readParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([path, data]) => [path, strFromU8(data)]));
}

/** One part parsed strictly: a malformed part throws. */
export function parsePart(parts: Record<string, string>, path: string): XmlDocument {
  const xml = parts[path];
  if (xml === undefined) throw new Error(`no part "${path}" in the package`);
  return new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, "application/xml");
}

/** Elements of a WordprocessingML name ("tbl", "p", ...) under a node, in document order. */
export function findElements(node: XmlDocument | Element, localName: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(W, localName));
}

/** The `w:val` (or another attribute) of the first matching child element, or undefined. */
export function readValue(node: Element, localName: string, attribute = "val"): string | undefined {
  const found = findElements(node, localName)[0];
  return found?.getAttributeNS(W, attribute) ?? undefined;
}

/** Text of one paragraph as Word shows it: runs joined, tabs and breaks as spaces. */
export function readParagraphText(paragraph: Element): string {
  let text = "";
  // A run formatted in capitals (<w:caps/>) prints its text in capitals.
  const isCaps = (run: Element) =>
    (Array.from(run.childNodes) as Element[]).some(
      (child) => child.nodeType === 1 && child.localName === "rPr" && (Array.from(child.childNodes) as Element[]).some((p) => p.nodeType === 1 && p.localName === "caps"),
    );
  const visit = (node: Element, caps: boolean): void => {
    for (const child of Array.from(node.childNodes) as Element[]) {
      if (child.nodeType !== 1) continue;
      if (child.namespaceURI === W && child.localName === "t") text += caps ? (child.textContent ?? "").toUpperCase() : (child.textContent ?? "");
      else if (child.namespaceURI === W && (child.localName === "tab" || child.localName === "br")) text += " ";
      else visit(child, caps || (child.namespaceURI === W && child.localName === "r" && isCaps(child)));
    }
  };
  visit(paragraph, false);
  return text;
}

/** Words of the body of a .docx, paragraph by paragraph (table cells in row order). */
export function extractDocxWords(bytes: Uint8Array): string[] {
  const body = parsePart(readParts(bytes), "word/document.xml");
  return findElements(body, "p").flatMap((paragraph) => splitWords(readParagraphText(paragraph)));
}

/** Whitespace-separated words. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== "");
}

/** The printed text of one node, in reading order, as the Word writer is meant to print it. */
function describeNode(node: Node): string[] {
  switch (node.type) {
    case "exhibitLabel":
    case "title":
      return [node.text];
    case "paragraph":
      return [`${node.dateline ?? ""}${inlineText(node.content)}`];
    case "bulletList":
      return node.items.flatMap(describeNode);
    case "section":
      return [...(node.heading ? [node.heading] : []), ...node.blocks.flatMap(describeNode)];
    case "contacts":
      return [`${node.label}:`, ...node.lines];
    case "table":
      return [
        ...node.titleLines,
        ...node.headerRows.flatMap((cells) => cells.map((cell) => cell.text)),
        ...node.rows.flatMap((row) => [`${row.label}${row.marks?.join("") ?? ""}`, ...row.cells.map(cellText)]),
        ...node.notes,
      ];
  }
}

/** Words of a release document model, in order. */
export function extractModelWords(doc: ReleaseDocument): string[] {
  return doc.blocks.flatMap((block: Block) => describeNode(block)).flatMap(splitWords);
}
