/**
 * Table cells from templates: the docx library builds and serialises a tree of objects for every
 * cell (properties, borders, paragraph, run), which made the Word writer the slowest stage of a
 * build. A cell's look (width, borders, paragraph and run properties) repeats down a column, so
 * the library's prepared XML of a look is made once per process, with placeholders where the
 * texts go, and each cell of that look is the template with its own texts put in: the same XML,
 * byte for byte, as the library writes for the cell itself.
 */
import { type TableCell, XmlComponent } from "docx";

/** Where a text goes in a template: the keys and indexes from the prepared object down to it. */
type HolePath = readonly (string | number)[];

interface CellTemplate {
  /** The library's prepared object of the cell, with a placeholder for each text. */
  readonly xml: Record<string, unknown>;
  /** Path of each placeholder, by text index. */
  readonly holes: readonly HolePath[];
}

/** Private-use characters around the text's index: a text holding one is built the library's way. */
const placeholder = (index: number) => `\uE000${index}\uE001`;
const reserved = /[\uE000\uE001]/;

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
    private readonly xml: Record<string, unknown>,
    columnSpan: number | undefined,
  ) {
    super("w:tc");
    this.options = { children: [], ...(columnSpan !== undefined ? { columnSpan } : {}) };
  }

  /** The cell has a width of its own: the table's column widths do not change it. */
  setColumnWidth(): void {}

  override prepForXml(): Record<string, unknown> {
    return this.xml;
  }
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
  let xml: unknown = template.xml;
  template.holes.forEach((path, index) => (xml = replaceAt(xml, path, 0, texts[index]!)));
  return new PreparedCell(xml as Record<string, unknown>, columnSpan) as unknown as TableCell;
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
  return { xml, holes };
}

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
