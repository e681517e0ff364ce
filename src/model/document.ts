/**
 * The release document tree: the one model between compose and every writer.
 *
 * Compose turns validated quarter data into a `ReleaseDocument`; each writer (text, html, docx,
 * edgar) turns the tree into its format with one handler per node type. Every figure is already
 * formatted here, so no two writers can disagree about a number. Composed nodes say where in the
 * data they come from (`place`), as mdast nodes carry positions; writers ignore it.
 */
import type { DataPath } from "../data/issues.js";

/** Whether a release is final or a numbered draft (from the quarter file, or `build --draft`). */
export type ReleaseStatus = { readonly final: true } | { readonly final: false; readonly draft: number; readonly date: string };

/** Facts about the document that writers put in headers, footers and file properties. */
export interface DocumentMeta {
  /** The headline, e.g. "ATG Announces Third-Quarter 2003 Results". */
  readonly title: string;
  /** Legal name of the company, e.g. "Art Technology Group, Inc.". */
  readonly company: string;
  /** Folder name of the company in data/, e.g. "atg". */
  readonly companyId: string;
  /** Quarter id, e.g. "2003-q3". */
  readonly periodId: string;
  /** Human label of the reporting period, e.g. "Third Quarter 2003". */
  readonly periodLabel: string;
  /** Release date, ISO `YYYY-MM-DD`; also the document date of PDF and Word files. */
  readonly releaseDate: string;
  readonly status: ReleaseStatus;
  /** Subject line for file properties, e.g. "Earnings release, third quarter 2003". */
  readonly subject: string;
  readonly keywords: readonly string[];
  /** Line width of the wire text rendition (Business Wire: 70). */
  readonly textWidth: number;
  /** Further layout of the wire text (Business Wire's when absent). */
  readonly textStyle?: TextStyle;
  /** The house style the release was composed in, and the company folders searched before the shipped ones. */
  readonly style?: { readonly name: string; readonly dirs: readonly string[] };
  /** Failed tie-out checks to stamp on a draft's cover; empty for a clean or final release. */
  readonly checkFailures: readonly string[];
}

/** Layout of the wire text beyond its width: paragraph indents, gaps, the bullet marker. */
export interface TextStyle {
  /** Spaces before a paragraph's first line (Business Wire: 4). */
  readonly paragraphIndent: number;
  /** Blank lines between consecutive paragraphs (Business Wire: 0). */
  readonly paragraphGap: number;
  /** Spaces before a section heading (Business Wire: 4). */
  readonly headingIndent: number;
  /** Bullet marker, its length is the hanging indent (Business Wire: "    --  "). */
  readonly bullet: string;
}

/**
 * Where a node comes from: the data file and the YAML path inside it, e.g. the quarter file at
 * `["tables", 2, "rows", 5]`. Checks and messages locate a node by it (file and line through the
 * loader's positions) instead of re-deriving compose's order. Absent on hand-built trees.
 */
export interface SourcePlace {
  /** The quarter file, or the company file it names (`company.yaml`). */
  readonly file: "quarter" | "company";
  /** Keys and list indexes inside that file. */
  readonly path: DataPath;
}

/** A run of words; a `figure` is a number taken from the data (and says which fact it shows). */
export type Inline =
  | { readonly type: "text"; readonly text: string }
  | {
      readonly type: "figure";
      readonly text: string;
      readonly fact?: FactRef;
      /** The exact value in base units (dollars, a ratio), as a decimal string, as a number cell's. */
      readonly value?: string;
      /** How it was printed: printed x 10^scale = value, rounded to `decimals`. */
      readonly display?: { readonly kind: string; readonly scale: number; readonly decimals: number };
    };

/** Which fact a figure shows: a line id at a period id. */
export interface FactRef {
  readonly line: string;
  readonly period: string;
}

/** A paragraph of prose. */
export interface ParagraphNode {
  readonly type: "paragraph";
  /** Lead-in printed before the text, e.g. "CAMBRIDGE, Mass.--(BUSINESS WIRE)--Oct. 21, 2003--". */
  readonly dateline?: string;
  readonly content: readonly Inline[];
  /** Marked forward-looking in the data (named by the safe-harbor sentence). */
  readonly forwardLooking?: boolean;
  /** The paragraph's place: a body item's `paragraphs[i]`, `bullets[i]`, a company field ... */
  readonly place?: SourcePlace;
}

/** A bulleted list; items are paragraphs. */
export interface BulletListNode {
  readonly type: "bulletList";
  readonly items: readonly ParagraphNode[];
  /** The list's place: a body item's `bullets`. */
  readonly place?: SourcePlace;
}

/** A labelled part of the release (quotes, highlights, outlook, about ...). */
export interface SectionNode {
  readonly type: "section";
  /** Stable id, used for anchors and bookmarks, e.g. "outlook". */
  readonly id: string;
  /** Heading as printed (house style applied, e.g. capitals), absent for unheaded parts. */
  readonly heading?: string;
  /** Heading as the text refers to it ("the section labeled 'Outlook'"). */
  readonly label?: string;
  readonly blocks: readonly (ParagraphNode | BulletListNode)[];
  /** The section's place: `body[i]`, or the company's field for boilerplate. */
  readonly place?: SourcePlace;
}

/** The exhibit label above the headline, e.g. "Exhibit 99.1". */
export interface ExhibitLabelNode {
  readonly type: "exhibitLabel";
  readonly text: string;
  /** Where the node comes from in the data. */
  readonly place?: SourcePlace;
}

/** The headline, and the lines under it (a subheadline). */
export interface TitleNode {
  readonly type: "title";
  readonly text: string;
  readonly subheadlines?: readonly string[];
  /** The headline's place: `headline`. */
  readonly place?: SourcePlace;
}

/** Contacts block at the end: a label ("CONTACT") and its lines. */
export interface ContactsNode {
  readonly type: "contacts";
  readonly label: string;
  readonly lines: readonly string[];
  /** The company's `contacts`. */
  readonly place?: SourcePlace;
}

/** How a numeric cell's value reads: writers align digits and hang the closing mark. */
export interface NumberCell {
  readonly type: "number";
  /** Digits with separators and decimals, no sign, no currency: "3,212", "0.04", "-" for nil. */
  readonly digits: string;
  readonly negative: boolean;
  /** Currency symbol printed before the number (or before its opening parenthesis). */
  readonly currency?: string;
  /** Printed after the digits in the hang column, e.g. "%"; a negative's ")" also hangs there. */
  readonly suffix?: string;
  /** Footnote marks after the number, e.g. ["(a)"]. */
  readonly marks?: readonly string[];
  readonly fact?: FactRef;
  /** The exact value in base units (dollars, shares, a ratio), as a decimal string: "16009000". */
  readonly value?: string;
  /** What the figure measures and how it was printed: printed x 10^scale = value, rounded to `decimals`. */
  readonly display?: { readonly kind: string; readonly scale: number; readonly decimals: number };
  /** The printed figure was typed in the data (true), or computed by the tool (false). */
  readonly stated?: boolean;
  /** The data entry typed for this cell (`tables[i].rows[j].values[k]`); absent for a computed cell. */
  readonly place?: SourcePlace;
}

/** A cell that is words, not a number: "n/m", "N/A", or a blank. */
export interface TextCell {
  readonly type: "text";
  readonly text: string;
}

export type Cell = NumberCell | TextCell;

/** A table row. `cells` has one entry per column, or none for a heading row. */
export interface TableRow {
  /**
   * heading: a label with no figures ("Revenues:"); item: a line; total: a subtotal (rule above
   * in print); grandTotal: a bottom line (rule above, double rule below); blank: a spacer.
   */
  readonly kind: "heading" | "item" | "total" | "grandTotal" | "blank";
  readonly label: string;
  /** Nesting level of the label: 0, 1, 2 ... */
  readonly level: number;
  /** Centre the label across the label column (balance-sheet "Assets"). */
  readonly centered?: boolean;
  readonly cells: readonly Cell[];
  /** Footnote marks after the label. */
  readonly marks?: readonly string[];
  /** The data line this row shows, for messages and links. */
  readonly line?: string;
  /** The row's place: `tables[i].rows[j]`. */
  readonly place?: SourcePlace;
}

/** One header cell; `span` columns wide (1 when absent). */
export interface HeaderCell {
  readonly text: string;
  readonly span: number;
}

/** Fixed-width layout of a table in the text rendition (house style or the table's data). */
export interface TextTableLayout {
  /** Characters a label may take before it wraps. */
  readonly labelWidth: number;
  /** Width of each figure column, including the hang column for ")" and "%" (the widest, when they differ). */
  readonly columnWidth: number;
  /** Width of each figure column when they differ (fitted to their figures and headings). */
  readonly columnWidths?: readonly number[];
  /** Spaces of label indent per nesting level, e.g. [0, 2, 4]. */
  readonly indents: readonly number[];
  /** Title lines left-aligned (a highlights caption) or centred (a statement). */
  readonly titleAlign: "left" | "center";
  /** Right edge of the figure columns when narrower than the text width. */
  readonly width?: number;
}

/** A table of figures: a financial statement, the highlights, a reconciliation. */
export interface TableNode {
  readonly type: "table";
  readonly id: string;
  /** Title lines, e.g. company name, statement name, "(In thousands ...)", "(Unaudited)". */
  readonly titleLines: readonly string[];
  /** Bookmark/outline label, e.g. "Condensed Consolidated Statements of Operations". */
  readonly caption: string;
  /** Header rows, top to bottom; each row's spans add up to the number of columns. */
  readonly headerRows: readonly (readonly HeaderCell[])[];
  /** Number of figure columns (every row has this many cells, heading and blank rows none). */
  readonly columnCount: number;
  readonly rows: readonly TableRow[];
  /** Notes printed under the table, e.g. "(a) Includes ...". */
  readonly notes: readonly string[];
  /** Start on a new page in paged formats. */
  readonly pageBreakBefore: boolean;
  readonly textLayout: TextTableLayout;
  /** The table's place: `tables[i]`. */
  readonly place?: SourcePlace;
}

/** Every block node; writers map each `type` to one handler. */
export type Block = ExhibitLabelNode | TitleNode | SectionNode | TableNode | ContactsNode;

/** Every node type a writer handles. */
export type Node = Block | ParagraphNode | BulletListNode;

/** The whole composed release. */
export interface ReleaseDocument {
  readonly meta: DocumentMeta;
  readonly blocks: readonly Block[];
}

/** The plain text of inline content, as every writer prints it. */
export function inlineText(content: readonly Inline[]): string {
  return content.map((inline) => inline.text).join("");
}

/** The printed text of a cell, as the wire text shows it: "$(3,195)", "31%", "-". */
export function cellText(cell: Cell): string {
  if (cell.type === "text") return cell.text;
  const marks = cell.marks?.join("") ?? "";
  const body = cell.negative ? `(${cell.digits})` : cell.digits;
  return `${cell.currency ?? ""}${body}${cell.suffix ?? ""}${marks}`;
}
