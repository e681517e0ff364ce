/**
 * Table cells from templates: the docx library builds and serialises a tree of objects for every
 * cell (properties, borders, paragraph, run), which made the Word writer the slowest stage of a
 * build. A cell's look (width, borders, paragraph and run properties) repeats down a column, so
 * the library's prepared XML of a look is made once per process, with placeholders where the
 * texts go, and each cell of that look is the template with its own texts put in: the same XML,
 * byte for byte, as the library writes for the cell itself.
 *
 * While `writeDocx` compiles a package (`collectCellXml`), a cell goes further: it is written as
 * its template's XML text with its escaped texts put in, and the library serialises only a marker
 * for it, which `fillCellMarkers` replaces in the part's text. The library then never builds or
 * walks the cell's tree of objects at all (J&J's Word file has about 4,000 cells).
 */
import { type TableCell, XmlComponent } from "docx";

/** Where a text goes in a template: the keys and indexes from the prepared object down to it. */
type HolePath = readonly (string | number)[];

interface CellTemplate {
  /** The library's prepared object of the cell, with a placeholder for each text. */
  readonly xml: Record<string, unknown>;
  /** Path of each placeholder, by text index. */
  readonly holes: readonly HolePath[];
  /** The cell's XML text split at its placeholders: parts[0], a text, parts[1], ... */
  readonly parts: readonly string[];
  /** The text index that goes after each part but the last. */
  readonly order: readonly number[];
}

/** Private-use characters around the text's index: a text holding one is built the library's way. */
const placeholder = (index: number) => `\uE000${index}\uE001`;
// A brace too: the library's own replacers look for {...} in a part's text after serialising it,
// which a cell written as text after them would escape.
const reserved = /[\uE000\uE001{}]/;

/** Templates by look; cleared when it holds this many (a long batch of different tables stays bounded). */
const templateLimit = 4096;
const templates = new Map<string, CellTemplate | null>();

/** The serialisation context a cell's own XML needs: none of its parts looks at the file. */
const detachedContext = { stack: [] as unknown[] } as unknown as Parameters<XmlComponent["prepForXml"]>[0];

/** A cell whose XML is a template's with its texts put in; to the table it looks like the cell it stands for. */
class PreparedCell extends XmlComponent {
  /** What `Table` reads of a cell: spans (no row span here) and that it has its own width. */
  readonly options: { readonly children: readonly never[]; readonly columnSpan?: number };

  constructor(
    private readonly template: CellTemplate,
    private readonly texts: readonly string[],
    columnSpan: number | undefined,
  ) {
    super("w:tc");
    this.options = { children: [], ...(columnSpan !== undefined ? { columnSpan } : {}) };
  }

  /** The cell has a width of its own: the table's column widths do not change it. */
  setColumnWidth(): void {}

  override prepForXml(): Record<string, unknown> {
    if (collected !== undefined) {
      collected.push(this.#xmlText());
      return { [markerName]: { _attr: { i: collected.length - 1 } } };
    }
    let xml: unknown = this.template.xml;
    this.template.holes.forEach((path, index) => (xml = replaceAt(xml, path, 0, this.texts[index]!)));
    return xml as Record<string, unknown>;
  }

  /** The XML text the library writes for this cell. */
  #xmlText(): string {
    const { parts, order } = this.template;
    let text = parts[0]!;
    for (let index = 0; index < order.length; index++) text += escapeXml(this.texts[order[index]!]!) + parts[index + 1]!;
    return text;
  }
}

/** The element a cell is serialised as while its XML text is collected: no data text can look like it (texts are escaped). */
const markerName = "er:prepared-cell";
const marker = /<er:prepared-cell i="(\d+)"\/>/g;

/** The XML text of each cell serialised as a marker, by marker number, while a package compiles. */
let collected: string[] | undefined;

/**
 * Runs `compile` (synchronous: one package at a time) with the cells written as markers, and
 * returns its result with the cells' XML texts, for `fillCellMarkers`.
 */
export function collectCellXml<T>(compile: () => T): { result: T; cells: readonly string[] } {
  const outer = collected;
  const cells: string[] = [];
  collected = cells;
  try {
    return { result: compile(), cells };
  } finally {
    collected = outer;
  }
}

/** A part's text with each cell marker replaced by that cell's XML text. */
export function fillCellMarkers(xml: string, cells: readonly string[]): string {
  if (cells.length === 0 || !xml.includes(`<${markerName} `)) return xml;
  return xml.replace(marker, (_match, index: string) => cells[Number(index)]!);
}

/**
 * A table cell of the look `key` holding `texts`: `build` makes the library's cell for given
 * texts (called once per look, with placeholders, and for texts the template cannot hold).
 * `key` must name everything but the texts that `build` depends on.
 */
export function createPreparedCell(key: string, texts: readonly string[], build: (texts: readonly string[]) => TableCell, columnSpan?: number): TableCell {
  if (texts.some((text) => reserved.test(text))) return build(texts);
  let template = templates.get(key);
  if (template === undefined) {
    if (templates.size >= templateLimit) templates.clear();
    template = createTemplate(build(texts.map((_text, index) => placeholder(index))), texts.length);
    templates.set(key, template);
  }
  // null: a look whose texts the library does not write as plain strings (a tab, a field ...).
  if (template === null) return build(texts);
  return new PreparedCell(template, texts, columnSpan) as unknown as TableCell;
}

function createTemplate(cell: TableCell, count: number): CellTemplate | null {
  const xml = cell.prepForXml(detachedContext);
  if (xml === undefined) return null;
  const holes: HolePath[] = [];
  const visit = (value: unknown, path: (string | number)[]): boolean => {
    if (typeof value === "string") {
      const match = /^\uE000(\d+)\uE001$/.exec(value);
      if (match !== null) {
        if (holes[Number(match[1])] !== undefined) return false; // written twice: not a plain text
        holes[Number(match[1])] = [...path];
      } else if (reserved.test(value)) return false; // split or changed by the library
      return true;
    }
    if (typeof value !== "object" || value === null) return true;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    return entries.every(([key, child]) => visit(child, [...path, key]));
  };
  if (!visit(xml, [])) return null;
  for (let index = 0; index < count; index++) if (holes[index] === undefined) return null;
  const pieces = stringifyElement(xml).split(/\uE000(\d+)\uE001/);
  const parts = pieces.filter((_piece, index) => index % 2 === 0);
  const order = pieces.filter((_piece, index) => index % 2 === 1).map(Number);
  // Each text once, where the object has it: else the text is not what the library writes.
  if (order.length !== count || new Set(order).size !== count) return null;
  return { xml, holes, parts, order };
}

/**
 * The XML text of one prepared object, as the docx library's serialiser writes it without
 * indenting (docx 9's `stringifyXmlable`, which keeps the xml package's quirks; not exported by
 * the library, so repeated here and tested against its output in
 * test/performance/docx-prepared-cells.test.ts).
 */
function stringifyElement(data: Record<string, unknown>): string {
  const name = Object.keys(data)[0];
  const values = name === undefined ? undefined : data[name];
  const attributes: string[] = [];
  const content: (string | Record<string, unknown>)[] = [];
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attr)) attributes.push(`${key}="${String(escapeValue(value))}"`);
  };
  if (typeof values === "object") {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) addAttributes(attr);
      if (cdata) content.push(`<![CDATA[${cdata.replace(/\]\]>/g, "]]]]><![CDATA[>")}]]>`);
      if (Array.isArray(values)) {
        let isStringContent = false;
        content.push("");
        for (const value of values as unknown[]) {
          if (typeof value === "object" && value !== null) {
            if (Object.keys(value)[0] === "_attr") addAttributes((value as { _attr: Record<string, unknown> })._attr);
            else content.push(value as Record<string, unknown>);
          } else {
            content.pop();
            isStringContent = true;
            content.push(String(escapeValue(value)));
          }
        }
        if (!isStringContent) content.push("");
      }
    }
  } else content.push(String(escapeValue(values)));
  const open = (name ? `<${name}` : "") + (attributes.length > 0 ? ` ${attributes.join(" ")}` : "") + (content.length > 0 ? (name ? ">" : "") : "/>");
  if (content.length === 0) return open;
  return open + content.map((child) => (typeof child === "string" ? child : stringifyElement(child))).join("") + (name ? `</${name}>` : "");
}

const escapes: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };

/** Escapes a text as the library does: the five XML characters, and control characters dropped. */
function escapeXml(value: string): string {
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => escapes[char] ?? "");
}

const escapeValue = (value: unknown): unknown => (typeof value === "string" ? escapeXml(value) : value);

/** A copy of `value` with the string at `path` replaced: only the objects along the path are copied. */
function replaceAt(value: unknown, path: HolePath, depth: number, text: string): unknown {
  if (depth === path.length) return text;
  const key = path[depth]!;
  if (Array.isArray(value)) {
    const copy = value.slice();
    copy[key as number] = replaceAt(value[key as number], path, depth + 1, text);
    return copy;
  }
  const object = value as Record<string, unknown>;
  return { ...object, [key]: replaceAt(object[key as string], path, depth + 1, text) };
}
