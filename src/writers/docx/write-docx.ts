/** The Word writer: a release document as a native, editable .docx built with the docx library. */
import { Document, Packer, PageOrientation, type FileChild, type ISectionOptions } from "docx";
import type { Block, Node, ReleaseDocument } from "../../model/document.js";
import { docxHandlers, type DocxContext, type DocxHandlers } from "./handlers.js";
import { normalizePackage, zipPackage } from "./normalize-package.js";
import { createPageFooter, createPageHeader, formatDraftLabel } from "./page-furniture.js";
import { createNumbering, createStyles } from "./styles.js";
import { collectCellXml, fillCellMarkers } from "./prepared-cell.js";
import { fitDocxTable } from "./table.js";

/** Options of the Word writer. */
export interface DocxOptions {
  /** Text of the draft mark instead of "DRAFT n — date"; ignored in a final release. */
  readonly draftLabel?: string;
  /** Handlers that take the place of the default ones, by node type. */
  readonly handlers?: Partial<DocxHandlers>;
}

/** Letter paper with one-inch margins, header and footer half an inch from the edge. */
const PAGE = {
  size: { width: 12240, height: 15840 },
  margin: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 720, footer: 720 },
} as const;

/** A context whose `render` dispatches each node to its handler. */
function createContext(handlers: DocxHandlers): DocxContext {
  const context: DocxContext = {
    render: (node: Node): FileChild[] => {
      const handle = handlers[node.type] as (node: Node, context: DocxContext) => FileChild[];
      return handle(node, context);
    },
  };
  return context;
}

/** The docx library's document object for a release, before packing. */
export function createDocxDocument(doc: ReleaseDocument, options: DocxOptions = {}): Document {
  const { meta } = doc;
  const context = createContext({ ...docxHandlers, ...options.handlers });
  const draftLabel = formatDraftLabel(meta, options.draftLabel);
  const headers = { default: createPageHeader(meta, draftLabel) };
  const landscapeHeaders = { default: createPageHeader(meta, draftLabel, PAGE.size.height - PAGE.margin.left - PAGE.margin.right) };
  const footers = { default: createPageFooter() };
  // A table too wide for an upright page even at 7 pt gets a landscape section of its own.
  const sections: ISectionOptions[] = groupSections(doc.blocks).map(({ landscape, blocks }) => ({
    properties: { page: landscape ? { ...PAGE, size: { ...PAGE.size, orientation: PageOrientation.LANDSCAPE } } : PAGE },
    headers: landscape ? landscapeHeaders : headers,
    footers,
    children: blocks.flatMap((block) => context.render(block)),
  }));
  return new Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.company,
    lastModifiedBy: meta.company,
    keywords: meta.keywords.join(", "),
    description: draftLabel ?? `${meta.periodLabel}, final`,
    ...(meta.status.final ? {} : { revision: meta.status.draft }),
    styles: createStyles(),
    numbering: createNumbering(),
    sections,
  });
}

/** Runs of blocks on upright pages, and each landscape table on its own. */
function groupSections(blocks: readonly Block[]): { landscape: boolean; blocks: Block[] }[] {
  const groups: { landscape: boolean; blocks: Block[] }[] = [];
  for (const block of blocks) {
    const landscape = block.type === "table" && fitDocxTable(block).landscape;
    const last = groups[groups.length - 1];
    if (last && !landscape && !last.landscape) last.blocks.push(block);
    else groups.push({ landscape, blocks: [block] });
  }
  return groups;
}

/** The docx library's compiler: the package's parts before zipping (not in its typings; checked before use). */
interface PartCompiler {
  compile(file: Document): Map<string, string | ArrayBufferView | ArrayBuffer>;
}
const compiler = (Packer as unknown as { compiler?: Partial<PartCompiler> }).compiler;
const encoder = new TextEncoder();
const bytesOf = (data: string | ArrayBufferView | ArrayBuffer): Uint8Array =>
  typeof data === "string" ? encoder.encode(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/**
 * Writes a release as a .docx file: named styles, native tables, page furniture and properties.
 * Two calls on one document give the same bytes (every timestamp is the release date).
 */
export async function writeDocx(doc: ReleaseDocument, options: DocxOptions = {}): Promise<Uint8Array> {
  const document = createDocxDocument(doc, options);
  if (typeof compiler?.compile === "function") {
    // Zipped once, with the fixed dates: not zipped by the library, unzipped and zipped again.
    const parts: Record<string, Uint8Array> = {};
    // Table cells are serialised as markers and their XML texts put in afterwards (prepared-cell.ts).
    const { result: compiled, cells } = collectCellXml(() => compiler.compile!.call(compiler, document));
    for (const [path, data] of compiled) parts[path] = bytesOf(typeof data === "string" ? fillCellMarkers(data, cells) : data);
    return zipPackage(parts, doc.meta.releaseDate);
  }
  const packed = await Packer.toBuffer(document);
  return normalizePackage(new Uint8Array(packed), doc.meta.releaseDate);
}
