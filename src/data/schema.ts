/**
 * The YAML format: a company file and quarter files, as zod schemas (exported as JSON Schema too).
 */
import { z } from "zod";
import { describeProperties } from "./field-descriptions.js";

const idPattern = /^[A-Za-z][A-Za-z0-9_]*$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A line or period id: letters, digits and underscores, starting with a letter. */
const Id = z
  .string({ error: "expected an id (letters, digits, _)" })
  .regex(idPattern, { error: "expected an id: a letter, then letters, digits or _ (no spaces)" });

/** A calendar date written YYYY-MM-DD. */
const IsoDate = z
  .string({ error: "expected a date written YYYY-MM-DD" })
  .regex(datePattern, { error: "expected a date written YYYY-MM-DD, e.g. 2003-09-30" })
  .refine((text) => isRealDate(text), { error: "is not a calendar date" });

const Text = z.string({ error: "expected text" }).min(1, { error: "must not be empty" });

/** A figure as written in the data: a plain decimal number (no quotes, commas or exponents). */
const Amount = z.number({ error: "expected a number (write 16009, not \"16,009\")" });

/** Text that may hold references to data values, e.g. `{{money totalRevenues q3_2003}}`. */
const Narrative = Text;

const Paragraph = z.union([
  Narrative,
  z.strictObject({
    text: Narrative,
    forwardLooking: z.boolean({ error: "expected true or false" }).optional(),
  }),
]);

/** A named prose section of the release body. */
const ProseSection = z.strictObject({
  id: Id,
  heading: Text.optional(),
  paragraphs: z.array(Paragraph).optional(),
  intro: Narrative.optional(),
  bullets: z.array(Paragraph).optional(),
  /** Paragraphs after the bullets. */
  closing: z.array(Paragraph).optional(),
  /** Carried from the last quarter by `new`: to be rewritten, then this flag deleted (`check` lists it). */
  rewrite: z.boolean({ error: "expected true or false" }).optional(),
});

const BodyItem = z.union([z.strictObject({ table: Id }), ProseSection]);

const Unit = z.enum(["units", "thousands", "millions", "billions"]);

/**
 * Earnings per share from income and weighted shares; diluted shares are not used in a loss
 * (anti-dilution). A release that prints only diluted shares gives `dilutedShares` alone.
 */
const PerShareRule = z
  .strictObject({ income: Id, basicShares: Id.optional(), dilutedShares: Id.optional() })
  .refine((rule) => rule.basicShares !== undefined || rule.dilutedShares !== undefined, { error: "a perShare rule needs basicShares, dilutedShares or both" });

/** A table row: a heading, a figure line, or a blank spacer. */
const HeadingRow = z.strictObject({
  heading: Text,
  level: z.int().min(0).max(6).optional(),
  centered: z.boolean().optional(),
});

/**
 * What a figure measures, which decides its scale and its signs: money (`amount`), a share count,
 * a per-share amount, a percentage, basis points, a plain count (stores, headcount: never scaled
 * by the table's unit), or a plain ratio (1.23).
 */
const FigureFormat = z.enum(["amount", "shares", "perShare", "percent", "basisPoints", "count", "ratio"]);

/**
 * A mark a cell prints instead of a figure: "n/m", "NM", "N/A", "*", a dash ("—" means nil to the
 * checks), or another short word. Words with digits are refused: "16,009" is a figure typed as text.
 */
/** Words YAML or a spreadsheet reads as numbers or booleans: typed in a figure's place, they are errors. */
const figureLikeWords = new Set(["nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf", ".nan", ".inf", "+.inf", "-.inf", "yes", "no", "on", "off", "true", "false", "y", "n", "null"]);
const CellText = z
  .string({ error: 'expected a number, ~ for a blank, or a mark such as "n/m"' })
  .max(24, { error: "a mark is at most 24 characters; write figures as numbers" })
  // A printed word or mark ("n/m", "*", "—", "down", "no impact"), never digits, NaN, no or Infinity.
  .refine((text) => text.trim() !== "" && !/[0-9]/.test(text) && !figureLikeWords.has(text.trim().toLowerCase()), {
    error: `expected a number (write 16009, not "16,009")`,
  });

/** A cell with its own format, decimals, currency sign, footnote mark, or the fact it shows. */
const CellObject = z.strictObject({
  /** The figure as printed. */
  value: z.number({ error: "expected a number (write 16009, not \"16,009\")" }).optional(),
  /** The fact this cell shows (ids read at the cell's column; `id@key` at another key, `@end`/`@start` for instants); checked against `value`. */
  formula: z.string({ error: "expected a formula of line ids" }).min(1).optional(),
  format: FigureFormat.optional(),
  decimals: z.int().min(0).max(6).optional(),
  /** Print the currency sign in this cell. */
  dollar: z.boolean().optional(),
  /** A footnote mark after the figure, e.g. "(a)". */
  mark: z.string().min(1).max(16).optional(),
  /**
   * A published figure that no rounding explains, kept as printed after review: the reason. Its
   * failures become warnings that quote the reason (the report still shows them).
   */
  accepted: z.string().min(1).max(300).optional(),
});

/** How printed figures relate to the ledger: rounded one by one, or force-footed. */
const FiguresMode = z.enum(["rounded", "footed"]);

/**
 * A table column: a period id (its amounts), or an object: a stated column with its own fact key
 * (reconciliation "Adjustments", guidance "Low"/"High"), or a column computed from others.
 */
const Column = z.union([
  Id,
  z.strictObject({
    /** Key of the column's facts (defaults to the period id); unique within the quarter. */
    key: Id.optional(),
    /** The period the column shows; a computed column takes the period of its `of` column. */
    period: Id.optional(),
    /** Bottom heading instead of the year, e.g. "As reported", "% Change". */
    label: Text.optional(),
    /** Computed: the difference of two columns of the row. */
    change: z.strictObject({ of: Id, from: Id }).optional(),
    /** Computed: percentage change; "magnitude" compares sizes (a growing cost is positive). */
    percentChange: z
      .strictObject({
        of: Id,
        from: Id,
        convention: z.enum(["signed", "magnitude"]).optional(),
        /** Across a change of sign: "nm" prints n/m (default); "number" divides by the prior figure's size. */
        acrossSign: z.enum(["nm", "number"]).optional(),
      })
      .optional(),
    /** Computed: the row as a percentage of a line (e.g. net sales) in the same column. */
    percentOf: z.strictObject({ column: Id, line: Id }).optional(),
    /** Computed: the sum of columns of the row (as reported + adjustments). */
    sum: z.array(Id).min(2).optional(),
    /** Decimals of the column's figures (a computed percentage: default 0). */
    decimals: z.int().min(0).max(6).optional(),
    /** The column's figures are typed in `values` as the company printed them and checked against the rule. */
    printed: z.boolean().optional(),
    /** Format of the column's figures (an EPS column beside millions, a % column), over the row's. */
    format: FigureFormat.optional(),
    /** false: never print the currency sign in this column. */
    dollar: z.boolean().optional(),
  }),
]);

const LineRow = z.strictObject({
  id: Id.optional(),
  label: Text,
  level: z.int().min(0).max(6).optional(),
  /** One value per column; `~` (null) leaves a cell blank. */
  /** One value per stated column (derived columns are computed); `~` leaves a cell blank. */
  values: z.array(z.union([Amount, z.null(), CellText, CellObject], { error: 'expected a number (write 16009, not "16,009")' })).optional(),
  /** A sum or difference of line ids that the values must foot to. */
  total: Text.optional(),
  /** Any formula of line ids (ratio, per share ...), computed or checked. */
  formula: Text.optional(),
  /** Take instants at the end (or just before the start) of each duration column: cash in a table of quarters, cash at the beginning of a period. */
  at: z.enum(["end", "start"]).optional(),
  /** Decimals of this row's figures (a tax rate of 24.5%), instead of the table's. */
  decimals: z.int().min(0).max(6).optional(),
  /** Earnings per share from income and weighted shares (diluted shares unused in a loss). */
  perShare: PerShareRule.optional(),
  format: FigureFormat.optional(),
  /** Unit of this row's figures, instead of the table's (a row of units in a table in millions). */
  unit: Unit.optional(),
  style: z.enum(["item", "total", "grandTotal"]).optional(),
  /** Print the currency sign on this row (default: first figure row and grand totals). */
  dollar: z.boolean().optional(),
  /** Label footnote marks, e.g. ["(a)"]. */
  marks: z.array(Text).optional(),
  /** Footnote marks on single cells, by column key, e.g. { q2_2025: "(b)" }. */
  cellMarks: z.record(Id, Text).optional(),
});

const Row = z.union([z.literal("blank"), HeadingRow, LineRow]);

const TextLayout = z.strictObject({
  labelWidth: z.int().min(8).max(120).optional(),
  columnWidth: z.int().min(4).max(40).optional(),
  indents: z.array(z.int().min(0).max(20)).optional(),
  titleAlign: z.enum(["left", "center"]).optional(),
  /** Right edge of the figures, if narrower than the text width. */
  width: z.int().min(20).max(200).optional(),
});


const Table = z.strictObject({
  id: Id,
  title: z.array(Text).min(1),
  /** Outline/bookmark label; defaults to the most descriptive title line. */
  caption: Text.optional(),
  unit: Unit,
  /** Decimals shown for amounts (default: 0 in thousands, 1 in millions). */
  decimals: z.int().min(0).max(6).optional(),
  columns: z.array(Column).min(1),
  header: z
    .strictObject({
      dateStyle: z.enum(["short", "long"]).optional(),
      /** 1: each date on one header line ("November 20, 2022"); 2 (default): the year on a line of its own. */
      dateLines: z.union([z.literal(1), z.literal(2)]).optional(),
      /** A heading over every column, e.g. "As of the period ended". */
      over: Text.optional(),
      /** Explicit header rows, replacing the ones derived from the periods. */
      /** Explicit header rows (a cell may be empty: ""). */
      rows: z.array(z.array(z.union([z.string({ error: "expected a heading" }), z.strictObject({ text: z.string({ error: "expected a heading" }), span: z.int().min(1) })]))).optional(),
    })
    .optional(),
  rows: z.array(Row).min(1),
  notes: z.array(Text).optional(),
  /** Printed instead of a figure that rounds to zero but is not nil, e.g. "*" (with a note). */
  smallMark: Text.optional(),
  /** An override: differences up to this many units in the table's unit are rounding, whatever the intervals say. */
  tolerance: z.int().min(0).optional(),
  /** rounded: figures rounded one by one (default in millions); footed: force-footed (default in thousands). */
  figures: FiguresMode.optional(),
  /** Every computed column of the table is printed (its figures typed in `values`). */
  printed: z.boolean().optional(),
  /** Currency symbol (default "$"). */
  currency: z.string().min(1).max(4).optional(),
  /** How an exact zero prints: a dash (default) or digits ("0", "0.00"). */
  zero: z.enum(["dash", "digits"]).optional(),
  pageBreakBefore: z.boolean().optional(),
  text: TextLayout.optional(),
});

const Period = z.union([
  z.strictObject({ months: z.int().min(1).max(24), end: IsoDate, heading: Text.optional() }),
  z.strictObject({ weeks: z.int().min(1).max(106), end: IsoDate, heading: Text.optional() }),
  z.strictObject({ instant: IsoDate }),
]);

/** A value known outside the statements, e.g. cash at a date no balance sheet shows. */
const Fact = z.strictObject({
  /** A new id, or the id of a statement line whose value at another date this adds. */
  id: Id,
  label: Text.optional(),
  unit: Unit,
  format: FigureFormat.optional(),
  values: z.record(Id, Amount),
});

/** A measure computed from the statements, e.g. a non-GAAP figure or per-share amount. */
const Measure = z.strictObject({
  id: Id,
  label: Text,
  formula: Text.optional(),
  perShare: PerShareRule.optional(),
  /** The GAAP measure this non-GAAP measure reconciles to. */
  nonGaap: z.strictObject({ gaap: Id }).optional(),
  format: FigureFormat.optional(),
});

const Status = z.union([
  z.literal("final"),
  z.strictObject({ draft: z.int().min(1), date: IsoDate }),
]);

/** One quarter's release. */
export const QuarterSchema = z.strictObject({
  company: Text.optional(),
  period: z.string().regex(/^\d{4}-(q[1-4]|h[12]|fy)$/, { error: "expected a period id such as 2003-q3" }),
  periodLabel: Text,
  status: Status,
  releaseDate: IsoDate,
  exhibit: Text.optional(),
  headline: Text,
  /** Lines under the headline. */
  subheadline: z.union([Text, z.array(Text).min(1)]).optional(),
  /** The period the release reports on (a period id). */
  current: Id,
  periods: z.record(Id, Period),
  tables: z.array(Table).min(1),
  facts: z.array(Fact).optional(),
  measures: z.array(Measure).optional(),
  body: z.array(BodyItem).min(1),
  forwardLooking: z
    .strictObject({
      /** Sentences after the generated "The statements in paragraphs ..." sentence. */
      additional: Narrative.optional(),
      /** Carried from the last quarter by `new`: to be rewritten, then this flag deleted. */
      rewrite: z.boolean({ error: "expected true or false" }).optional(),
    })
    .optional(),
  /** Replaces the company's financial presentation (non-GAAP policy) paragraphs. */
  financialPresentation: z.array(Narrative).optional(),
  style: Id.optional(),
  /**
   * Written by `new`: the file it was rolled forward from, and the periods whose blank (`~`) cells
   * are figures still to fill rather than intended blanks (`check` lists them).
   */
  rollForward: z.strictObject({ from: Text, fill: z.array(Id) }).optional(),
  /** Relations the tie-out checks hold beyond the totals (see README "Tie-out checks"). */
  tieOut: z
    .strictObject({
      /** Identities that hold at every date, e.g. "totalAssets = totalLiabilitiesAndEquity". */
      balances: z.array(Text).optional(),
      /** A figure shown twice must have one value, e.g. "netIncomeLoss = cashFlowNetIncome". */
      equal: z.array(Text).optional(),
    })
    .optional(),
});

const Contact = z.strictObject({ name: Text, phone: Text.optional(), email: Text.optional() });

/** Facts about a company that rarely change, shared by its quarter files. */
export const CompanySchema = z.strictObject({
  name: Text,
  shortName: Text,
  exchange: Text,
  ticker: Text,
  location: Text,
  wire: z.enum(["businesswire", "prnewswire", "globenewswire"]),
  style: Id.optional(),
  rounding: z.enum(["half-up", "half-even"]).optional(),
  /** Default footing tolerance in units of each table's unit (a table's own `tolerance` wins); 0 if absent. */
  tolerance: z.int().min(0).optional(),
  /** Default of every table's `figures` (rounded one by one, or force-footed). */
  figures: FiguresMode.optional(),
  /** Currency symbol (default "$"). */
  currency: z.string().min(1).max(4).optional(),
  /** How an exact zero prints: a dash (default) or digits ("0", "0.00"). */
  zero: z.enum(["dash", "digits"]).optional(),
  /** Amounts in prose: the unit and decimals of {{money}} unless a helper says otherwise. */
  prose: z.strictObject({ scale: z.enum(["thousands", "millions", "billions"]).optional(), decimals: z.int().min(0).max(3).optional() }).optional(),
  fiscalYearEnd: z.string().regex(/^\d{2}-\d{2}$/, { error: "expected MM-DD, e.g. 12-31" }),
  about: z.strictObject({ heading: Text, paragraphs: z.array(Narrative).min(1) }),
  trademark: Narrative.optional(),
  financialPresentation: z.strictObject({ heading: Text, paragraphs: z.array(Narrative).min(1) }).optional(),
  safeHarbor: z.strictObject({
    risksIntro: Narrative,
    risks: z.array(Text).min(1),
    closing: Narrative.optional(),
  }),
  contacts: z.strictObject({ organization: Text, people: z.array(Contact).min(1) }),
});

export type QuarterData = z.infer<typeof QuarterSchema>;
export type CompanyData = z.infer<typeof CompanySchema>;
export type TableData = z.infer<typeof Table>;
export type RowData = z.infer<typeof Row>;
export type LineRowData = z.infer<typeof LineRow>;
export type PeriodData = z.infer<typeof Period>;
export type ColumnData = z.infer<typeof Column>;
export type ParagraphData = z.infer<typeof Paragraph>;
export type ProseSectionData = z.infer<typeof ProseSection>;
export type FigureFormatName = z.infer<typeof FigureFormat>;
export type UnitName = z.infer<typeof Unit>;
export type CellObjectData = z.infer<typeof CellObject>;
export type CellEntry = NonNullable<LineRowData["values"]>[number];
export type FiguresModeName = z.infer<typeof FiguresMode>;

/** Power of ten of each unit. */
export const unitScale: Record<UnitName, number> = { units: 0, thousands: 3, millions: 6, billions: 9 };

function isRealDate(text: string): boolean {
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The JSON Schema of both files, for editors (`earnings-release schema`). */
export function exportJsonSchema(): Record<string, unknown> {
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "earnings-release data files",
    $defs: {
      quarter: z.toJSONSchema(QuarterSchema, { target: "draft-2020-12", unrepresentable: "any" }),
      company: z.toJSONSchema(CompanySchema, { target: "draft-2020-12", unrepresentable: "any" }),
    },
    anyOf: [{ $ref: "#/$defs/quarter" }, { $ref: "#/$defs/company" }],
  };
  describeProperties(schema);
  return schema;
}
