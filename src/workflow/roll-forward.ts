/**
 * Roll forward: the next quarter's file from this one. Periods move by the company's fiscal
 * calendar, prior-period figures come from earlier quarter files, the new period's figures are
 * left blank (`~`) and listed in `rollForward.fill`, and the narrative is kept but marked
 * `rewrite: true`. The YAML is edited as a document, so comments and layout survive.
 */
import { basename } from "node:path";
import { type Document, isMap, isScalar, isSeq, parseDocument, Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { LoadedRelease } from "../data/load.js";
import { type FigureFormatName, type PeriodData, type QuarterData, unitScale } from "../data/schema.js";
import { Decimal, powerOfTen } from "../finance/decimal.js";
import {
  addDays,
  addMonths,
  addQuarters,
  daysBetween,
  endOf,
  type FiscalQuarter,
  instantId,
  isFiscalYearEnd,
  monthsBetween,
  parseQuarterId,
  periodKey,
  quartersBetween,
} from "./fiscal-calendar.js";

/** A roll-forward that cannot be done (not a quarter, a period not after the source). */
export class RollForwardError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RollForwardError";
  }
}

/** How the periods of a quarter file move to the target quarter. */
export interface PeriodPlan {
  readonly from: FiscalQuarter;
  readonly to: FiscalQuarter;
  /** Old period id -> new period id (two old periods may become one). */
  readonly rename: ReadonlyMap<string, string>;
  /** New period id -> definition, in the order of the old file. */
  readonly periods: ReadonlyMap<string, PeriodData>;
  /** The new reporting period's id. */
  readonly current: string;
  readonly notes: readonly string[];
}

/**
 * Plans the periods of `target` (`2003-q4`) from a quarter's: quarters and other durations move
 * by whole fiscal quarters (3 months, or 13 weeks on a 52/53-week calendar), year-to-date periods
 * grow to the new quarter's length, the balance-sheet comparative becomes the last fiscal year end
 * before the new period, other instants move with the quarter.
 */
export function planPeriods(quarter: QuarterData, fiscalYearEnd: string, target: string): PeriodPlan {
  const from = parseQuarterId(quarter.period);
  if (!from) throw new RollForwardError(`only quarter files roll forward; this file's period is "${quarter.period}"`);
  const to = parseQuarterId(target);
  if (!to) throw new RollForwardError(`--period takes a fiscal quarter such as 2003-q4, got "${target}"`);
  const shiftCount = quartersBetween(from, to);
  if (shiftCount <= 0) throw new RollForwardError(`--period ${target} is not after ${quarter.period}; roll forward to a later quarter`);
  const currentDefinition = quarter.periods[quarter.current]!;
  const currentEnd = endOf(currentDefinition);
  const weekBased = "weeks" in currentDefinition;
  const years = to.year - from.year;
  const shift = (iso: string, quarters: number) => (weekBased ? addDays(iso, 91 * quarters) : addMonths(iso, 3 * quarters));
  const quartersBack = (iso: string) => Math.round(weekBased ? daysBetween(iso, currentEnd) / 91 : monthsBetween(iso, currentEnd) / 3);
  const notes: string[] = [];
  const rename = new Map<string, string>();
  const periods = new Map<string, PeriodData>();

  for (const [id, period] of Object.entries(quarter.periods)) {
    let next: PeriodData;
    let nextId: string;
    if ("instant" in period) {
      const yearEnd = period.instant < currentEnd && isFiscalYearEnd(period.instant, fiscalYearEnd, weekBased);
      // The balance-sheet comparative is the last fiscal year end: it moves by whole years.
      const date = yearEnd ? (weekBased ? addDays(period.instant, 364 * years) : addMonths(period.instant, 12 * years)) : shift(period.instant, shiftCount);
      next = { instant: date };
      nextId = instantId(date);
    } else {
      const end = shift(period.end, shiftCount);
      const fiscal = addQuarters(to, -quartersBack(period.end));
      // The last three are decided below; `fiscal` is the new period's fiscal quarter.
      const quarters = "months" in period ? period.months / 3 : Math.round(period.weeks / 13);
      const quarterLength = "months" in period ? period.months === 3 : period.weeks === 13 || period.weeks === 14;
      const back = quartersBack(period.end);
      const yearToDate = !quarterLength && from.quarter > 1 && quarters === from.quarter && back >= 0 && back % 4 === 0;
      const fullYear = "months" in period ? period.months === 12 : period.weeks === 52 || period.weeks === 53;
      if (!yearToDate && fullYear && isFiscalYearEnd(period.end, fiscalYearEnd, weekBased)) {
        // A fiscal year (an outlook for the year, say) moves by whole years, like a year end.
        const yearEnd = weekBased ? addDays(period.end, 364 * years) : addMonths(period.end, 12 * years);
        next = { ...period, end: yearEnd };
        nextId = `fy_${addQuarters(from, -back).year + years}`;
      } else if (quarterLength || yearToDate) {
        const length = quarterLength ? 1 : fiscal.quarter;
        next = "months" in period ? { months: 3 * length, end } : { weeks: 13 * length, end };
        nextId = length === 1 ? `q${fiscal.quarter}_${fiscal.year}` : `${length === 4 ? "fy" : "ytd"}_${fiscal.year}`;
        if (yearToDate && length === 1) notes.push(`the year-to-date period ${id} became the quarter ${nextId}: its columns were merged with the quarter's`);
      } else {
        next = { ...period, end };
        nextId = `${"months" in period ? `m${period.months}` : `w${period.weeks}`}_${instantId(end)}`;
      }
    }
    rename.set(id, nextId);
    if (!periods.has(nextId)) periods.set(nextId, next);
  }
  if (weekBased) notes.push("periods moved by 13 weeks a quarter: check the dates if the new fiscal year has 53 weeks");
  if (shiftCount > 1) notes.push(`rolled ${shiftCount} quarters forward; the quarters between are skipped`);
  return { from, to, rename, periods, current: rename.get(quarter.current)!, notes };
}

/** What `rollForward` needs: the source quarter (loaded and as text) and earlier quarter files. */
export interface RollForwardInput {
  readonly source: LoadedRelease;
  readonly sourceText: string;
  /** Other quarter files of the company, searched in order for prior-period figures. */
  readonly earlier: readonly LoadedRelease[];
  /** The target quarter, e.g. `2003-q4`. */
  readonly period: string;
  /** Date of the first draft (YYYY-MM-DD). */
  readonly today: string;
}

/** The new quarter file and what was done to make it. */
export interface RollForwardResult {
  /** The new file's YAML. */
  readonly text: string;
  readonly plan: PeriodPlan;
  /** New period ids with figures still to fill (also written to `rollForward.fill`). */
  readonly fill: readonly string[];
  /** Files that gave figures for periods the source did not have: new period id -> file names. */
  readonly filledFrom: ReadonlyMap<string, readonly string[]>;
  readonly notes: readonly string[];
}

interface KnownFigure {
  readonly written: number | string;
  readonly scale: number;
  readonly file: string;
}

const computedColumnKeys = ["change", "percentChange", "percentOf", "sum"];

/** The period id of each column that holds stated values (computed columns hold none). */
function statedColumns(columns: readonly unknown[]): { column: unknown; period: string | undefined; plain: boolean }[] {
  return columns
    .filter((column) => typeof column === "string" || (typeof column === "object" && column !== null && !computedColumnKeys.some((key) => key in column)))
    .map((column) => {
      if (typeof column === "string") return { column, period: column, plain: true };
      const { key, period } = column as { key?: string; period?: string };
      return { column, period: period ?? key, plain: key === undefined || key === period };
    });
}

/** Every stated figure of a release, keyed by line id and period definition. */
function indexFigures(release: LoadedRelease, into: Map<string, KnownFigure>): void {
  const add = (line: string, period: string, written: unknown, scale: number) => {
    const definition = release.quarter.periods[period];
    if (!definition || written === null || written === undefined) return;
    const key = `${line}|${periodKey(definition)}`;
    if (!into.has(key)) into.set(key, { written: written as number | string, scale, file: release.file });
  };
  for (const table of release.quarter.tables) {
    const columns = statedColumns(table.columns as readonly unknown[]);
    for (const row of table.rows) {
      if (typeof row === "string" || "heading" in row || !row.id || !row.values) continue;
      row.values.forEach((written, index) => {
        const column = columns[index];
        if (column?.plain && column.period) add(row.id!, column.period, written, unitScale[table.unit]);
      });
    }
  }
  for (const fact of release.quarter.facts ?? []) {
    for (const [period, written] of Object.entries(fact.values)) add(fact.id, period, written, unitScale[fact.unit]);
  }
}

/** A figure written in another unit: 68,558 thousands is 68.558 millions. */
function convert(figure: KnownFigure, kind: FigureFormatName, scale: number): number | string {
  if (typeof figure.written === "string" || kind === "percent" || kind === "perShare" || figure.scale === scale) return figure.written;
  const value = new Decimal(String(figure.written));
  const shift = figure.scale - scale;
  return Number((shift > 0 ? value.times(powerOfTen(shift)) : value.div(powerOfTen(-shift))).toString());
}

const ordinals = ["first", "second", "third", "fourth"];

/** "Third-Quarter 2003" -> "Fourth-Quarter 2003": quarter words and fiscal years, case kept. */
export function renameQuarterWords(text: string, from: FiscalQuarter, to: FiscalQuarter): string {
  const years = to.year - from.year;
  return text
    .replace(new RegExp(`\\b${ordinals[from.quarter - 1]}\\b`, "gi"), (word) => {
      const next = ordinals[to.quarter - 1]!;
      if (word === word.toUpperCase()) return next.toUpperCase();
      return word[0] === word[0]!.toUpperCase() ? next[0]!.toUpperCase() + next.slice(1) : next;
    })
    .replace(/\b(19|20)\d\d\b/g, (year) => (Number(year) <= from.year && Number(year) >= from.year - 3 ? String(Number(year) + years) : year));
}

/** Renames period ids inside `{{...}}` references of a narrative text. */
export function renamePeriodReferences(text: string, rename: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{[^}]*\}\}/g, (reference) => reference.replace(/\b[A-Za-z][A-Za-z0-9_]*\b/g, (word) => rename.get(word) ?? word));
}

/** Builds the next quarter's file (see the module comment); nothing is written. */
export function rollForward(input: RollForwardInput): RollForwardResult {
  const { source } = input;
  const quarter = source.quarter;
  const plan = planPeriods(quarter, source.company.fiscalYearEnd, input.period);
  const notes = [...plan.notes];
  const known = new Map<string, KnownFigure>();
  for (const release of [source, ...input.earlier]) indexFigures(release, known);
  const document = parseDocument(input.sourceText);
  const oldKeys = new Map(Object.entries(quarter.periods).map(([id, period]) => [id, periodKey(period)]));
  const newKey = (id: string) => periodKey(plan.periods.get(id)!);
  const fill = new Set<string>();
  const oldFill = new Set(quarter.rollForward?.fill ?? []);
  const filledFrom = new Map<string, Set<string>>();
  const stated = new Set<string>();
  const lookup = (line: string, period: string, kind: FigureFormatName, scale: number): number | string | undefined => {
    const figure = known.get(`${line}|${newKey(period)}`);
    if (!figure) return undefined;
    if (figure.file !== source.file) filledFrom.set(period, (filledFrom.get(period) ?? new Set()).add(basename(figure.file)));
    return convert(figure, kind, scale);
  };

  const tablesNode = document.get("tables", true) as unknown as YAMLSeq;
  quarter.tables.forEach((table, tableIndex) => {
    const tableNode = tablesNode.items[tableIndex] as YAMLMap;
    const columns = statedColumns(table.columns as readonly unknown[]);
    // Columns that became the same period are shown once.
    const seen = new Set<string>();
    const keep = columns.map((column) => {
      const period = column.period && (plan.rename.get(column.period) ?? column.period);
      const key = `${period}|${column.plain}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const newColumns = (table.columns as readonly unknown[]).filter((column) => {
      const index = columns.findIndex((stated) => stated.column === column);
      return index < 0 || keep[index];
    });
    tableNode.set("columns", flowNode(document, newColumns.map((column) => renameInColumn(column, plan.rename))));
    renameTableWords(tableNode, plan);

    const rowsNode = tableNode.get("rows", true) as unknown as YAMLSeq;
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row || !row.values) return;
      const kind = row.format ?? "amount";
      const scale = unitScale[table.unit];
      const values: unknown[] = [];
      row.values.forEach((old, index) => {
        const column = columns[index];
        if (!column || !keep[index]) return;
        const period = column.period === undefined ? undefined : plan.rename.get(column.period);
        let value: unknown = null;
        if (period === undefined || oldKeys.get(column.period!) === newKey(period)) value = old ?? null;
        else if (row.id && column.plain) value = lookup(row.id, period, kind, scale) ?? null;
        if (value === null && period !== undefined && (old !== null || oldFill.has(column.period!))) fill.add(period);
        if (value !== null && row.id && period !== undefined) stated.add(`${row.id}|${period}`);
        values.push(value);
      });
      (rowsNode.items[rowIndex] as YAMLMap).set("values", flowNode(document, values));
    });
  });

  rollFacts(document, quarter, plan, stated, (line, period, kind, scale) => lookup(line, period, kind, scale));
  const periodsNode = document.createNode(Object.fromEntries([...plan.periods].map(([id, period]) => [id, flowNode(document, quoteDates(period))])));
  document.set("periods", periodsNode);
  document.set("period", input.period);
  document.set("current", plan.current);
  document.set("status", flowNode(document, quoteDates({ draft: 1, date: input.today })));
  const releaseDate = new Scalar(addMonths(quarter.releaseDate, 3 * quartersBetween(plan.from, plan.to)));
  releaseDate.type = Scalar.QUOTE_DOUBLE;
  releaseDate.comment = " estimated from the last release: confirm";
  document.set("releaseDate", releaseDate);
  for (const key of ["headline", "periodLabel"]) document.set(key, renameQuarterWords(String(document.get(key)), plan.from, plan.to));

  renameNarrative(document, plan.rename);
  for (const item of (document.get("body", true) as unknown as YAMLSeq).items) {
    if (!isMap(item) || !item.has("id")) continue;
    if (item.has("heading")) item.set("heading", renameQuarterWords(String(item.get("heading")), plan.from, plan.to));
    insertAfter(document, item, "id", "rewrite", true);
  }
  const forwardLooking = document.get("forwardLooking", true);
  if (isMap(forwardLooking)) forwardLooking.set("rewrite", true);

  const fillList = [...plan.periods.keys()].filter((id) => fill.has(id));
  insertAfter(document, document.contents as YAMLMap, "current", "rollForward", flowNode(document, { from: basename(source.file), fill: fillList }));
  for (const id of plan.periods.keys()) {
    if (fill.has(id) && !endsWithCurrent(plan, id)) notes.push(`no earlier quarter file has every figure for ${id}: fill those too`);
  }
  document.commentBefore = [
    " yaml-language-server: $schema=../../schema/earnings-release.schema.json",
    ` ${quarter.periodLabel} rolled forward to ${input.period} by \`earnings-release new\` on ${input.today}.`,
    " Fill the figures left ~ (`earnings-release check` lists them), rewrite every section marked",
    " rewrite: true and then delete the flag; delete rollForward once the release is complete.",
  ].join("\n");
  const first = (document.contents as YAMLMap).items[0];
  if (first && isScalar(first.key)) first.key.commentBefore = undefined;

  return {
    text: foldLongLines(document.toString({ lineWidth: 0, nullStr: "~", flowCollectionPadding: false }), 100),
    plan,
    fill: fillList,
    filledFrom: new Map([...filledFrom].map(([period, files]) => [period, [...files]])),
    notes,
  };
}

function endsWithCurrent(plan: PeriodPlan, id: string): boolean {
  return endOf(plan.periods.get(id)!) === endOf(plan.periods.get(plan.current)!);
}

function rollFacts(
  document: Document,
  quarter: QuarterData,
  plan: PeriodPlan,
  stated: ReadonlySet<string>,
  lookup: (line: string, period: string, kind: FigureFormatName, scale: number) => number | string | undefined,
): void {
  const factsNode = document.get("facts", true);
  if (!isSeq(factsNode) || !quarter.facts) return;
  const tableLines = new Set(quarter.tables.flatMap((table) => table.rows.flatMap((row) => (typeof row === "object" && "label" in row && row.id ? [row.id] : []))));
  const keepIndexes: number[] = [];
  quarter.facts.forEach((fact, index) => {
    const values: Record<string, number | string> = {};
    for (const old of Object.keys(fact.values)) {
      const period = plan.rename.get(old);
      // A figure the statements now state at this date is stated once, there.
      if (!period || stated.has(`${fact.id}|${period}`) || period in values) continue;
      const value = lookup(fact.id, period, fact.format ?? "amount", unitScale[fact.unit]);
      if (value !== undefined) values[period] = value;
    }
    if (Object.keys(values).length === 0 && tableLines.has(fact.id)) return;
    (factsNode.items[index] as YAMLMap).set("values", flowNode(document, values));
    keepIndexes.push(index);
  });
  factsNode.items = keepIndexes.map((index) => factsNode.items[index]!);
  if (factsNode.items.length === 0) document.delete("facts");
}

function renameInColumn(column: unknown, rename: ReadonlyMap<string, string>): unknown {
  if (typeof column === "string") return rename.get(column) ?? column;
  if (Array.isArray(column)) return column.map((item) => renameInColumn(item, rename));
  if (typeof column === "object" && column !== null) {
    return Object.fromEntries(Object.entries(column).map(([key, value]) => [key, key === "label" ? value : renameInColumn(value, rename)]));
  }
  return column;
}

function renameTableWords(tableNode: YAMLMap, plan: PeriodPlan): void {
  const title = tableNode.get("title", true);
  if (isSeq(title)) for (const item of title.items) if (isScalar(item) && typeof item.value === "string") item.value = renameQuarterWords(item.value, plan.from, plan.to);
  const caption = tableNode.get("caption");
  if (typeof caption === "string") tableNode.set("caption", renameQuarterWords(caption, plan.from, plan.to));
}

/** Renames period ids in every `{{...}}` of the narrative parts, keeping each scalar's style. */
function renameNarrative(document: Document, rename: ReadonlyMap<string, string>): void {
  const visit = (node: unknown): void => {
    if (isScalar(node)) {
      if (typeof node.value === "string" && node.value.includes("{{")) node.value = renamePeriodReferences(node.value, rename);
    } else if (isMap(node)) for (const pair of node.items) visit(pair.value);
    else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  for (const key of ["body", "forwardLooking", "financialPresentation"]) visit(document.get(key, true));
}

/** Dates as quoted strings, as the data files write them. */
function quoteDates(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => {
    if (typeof item !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(item)) return [key, item];
    const scalar = new Scalar(item);
    scalar.type = Scalar.QUOTE_DOUBLE;
    return [key, scalar];
  }));
}

/**
 * Folds the long lines of folded block scalars (`>-`) at spaces, as the data files are written;
 * flow rows stay on one line each.
 */
export function foldLongLines(text: string, width: number): string {
  const out: string[] = [];
  let blockIndent = -1;
  for (const line of text.split("\n")) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && line.trim() !== "" && indent <= blockIndent) blockIndent = -1;
    if (blockIndent >= 0 && line.length > width) {
      let rest = line.slice(indent);
      while (indent + rest.length > width) {
        let at = -1;
        for (let i = Math.min(rest.length - 1, width - indent); i > 0; i--) {
          const inReference = rest.lastIndexOf("{{", i) > rest.lastIndexOf("}}", i);
          if (rest[i] === " " && rest[i - 1] !== " " && rest[i + 1] !== " " && rest[i + 1] !== undefined && !inReference) {
            at = i;
            break;
          }
        }
        if (at < 0) break;
        out.push(" ".repeat(indent) + rest.slice(0, at));
        rest = rest.slice(at + 1);
      }
      out.push(" ".repeat(indent) + rest);
      continue;
    }
    out.push(line);
    if (/(^|\s|:)>-?\s*$/.test(line)) blockIndent = indent;
  }
  return out.join("\n");
}

function flowNode(document: Document, value: unknown): unknown {
  const node = document.createNode(value);
  if (isMap(node) || isSeq(node)) node.flow = true;
  return node;
}

function insertAfter(document: Document, map: YAMLMap, after: string, key: string, value: unknown): void {
  if (map.has(key)) {
    map.set(key, value);
    return;
  }
  const index = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === after);
  map.items.splice(index + 1, 0, document.createPair(key, value) as (typeof map.items)[number]);
}
