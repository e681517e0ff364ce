/**
 * Roll forward: the next quarter's file from this one. Periods move by the company's fiscal
 * calendar, every table keeps its columns (stated columns with their own keys too) with their
 * periods moved, year-to-date columns are added or dropped as the calendar requires, prior-period
 * figures come from earlier quarter files, the new period's figures are left blank (`~`) and listed
 * in `rollForward.fill`, and the narrative is kept but marked `rewrite: true`.
 *
 * The file is edited in place: the source is parsed with the yaml library's Document API, each
 * change is a replacement of one node's source range, and everything else (comments, key order,
 * flow style, folded paragraphs, blank lines) is the source's text, byte for byte.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type Document, isMap, isPair, isScalar, isSeq, type Node as YamlNode, parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { LoadedRelease } from "../data/load.js";
import { type FigureFormatName, type LineRowData, type PeriodData, type QuarterData, type TableData, unitScale } from "../data/schema.js";
import { Decimal, powerOfTen } from "../finance/decimal.js";
import { resolveColumns, type ResolvedColumn } from "../finance/columns.js";
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
  /** New period id -> definition, in the order of the old file (added year-to-date periods after their quarter). */
  readonly periods: ReadonlyMap<string, PeriodData>;
  /** New quarter id -> the year-to-date period added beside it (a first quarter rolled into the year). */
  readonly yearToDate: ReadonlyMap<string, string>;
  /** The new reporting period's id. */
  readonly current: string;
  readonly notes: readonly string[];
}

const isQuarterLength = (period: PeriodData) => ("months" in period ? period.months === 3 : "weeks" in period && (period.weeks === 13 || period.weeks === 14));

/**
 * Plans the periods of `target` (`2003-q4`) from a quarter's: quarters and other durations move
 * by whole fiscal quarters (3 months, or 13 weeks on a 52/53-week calendar), year-to-date periods
 * grow to the new quarter's length (a fourth quarter's year becomes the next first quarter), a
 * first quarter rolled into the year gains year-to-date periods, the balance-sheet comparative
 * becomes the last fiscal year end before the new period, other instants move with the quarter.
 * A period that does not change keeps its id.
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
      const quarters = "months" in period ? period.months / 3 : Math.round(period.weeks / 13);
      const quarterLength = isQuarterLength(period);
      const back = quartersBack(period.end);
      const yearToDate = !quarterLength && from.quarter > 1 && quarters === from.quarter && back >= 0 && back % 4 === 0;
      const fullYear = "months" in period ? period.months === 12 : period.weeks === 52 || period.weeks === 53;
      const { heading: _heading, ...definition } = period as PeriodData & { heading?: string };
      if (!yearToDate && fullYear && isFiscalYearEnd(period.end, fiscalYearEnd, weekBased)) {
        // A fiscal year (an outlook for the year, say) moves by whole years, like a year end; an
        // outlook whose year has ended by the new quarter is the outlook for the next year.
        const byYears = (iso: string, count: number) => (weekBased ? addDays(iso, 364 * count) : addMonths(iso, 12 * count));
        const future = period.end > currentEnd;
        let count = future ? 0 : years;
        while (future && byYears(period.end, count) <= shift(currentEnd, shiftCount)) count++;
        next = { ...definition, end: byYears(period.end, count) };
        const fiscalYear = addQuarters(from, -back).year;
        nextId = restyleId(id, { year: fiscalYear }, { year: fiscalYear + count }) ?? `fy_${fiscalYear + count}`;
      } else if (quarterLength || yearToDate) {
        const length = quarterLength ? 1 : fiscal.quarter;
        next = "months" in period ? { months: 3 * length, end } : { weeks: 13 * length, end };
        nextId =
          length === 1
            ? ((quarterLength ? restyleId(id, addQuarters(from, -back), fiscal) : undefined) ?? `q${fiscal.quarter}_${fiscal.year}`)
            : `${length === 4 ? "fy" : "ytd"}_${fiscal.year}`;
        if (yearToDate && length === 1) notes.push(`the year-to-date period ${id} became the quarter ${nextId}: its columns were dropped beside the quarter's`);
      } else {
        next = { ...definition, end };
        nextId = `${"months" in period ? `m${period.months}` : `w${period.weeks}`}_${instantId(end)}`;
      }
    }
    // A period that does not move (the year of an outlook within the year) keeps its id.
    if (periodKey(next) === periodKey(period)) nextId = id;
    rename.set(id, nextId);
    if (!periods.has(nextId)) periods.set(nextId, next);
  }
  // Periods that became the same (the nine months grown to the year of the outlook) are one, under
  // the id of the one that did not move if there is one.
  const chosen = new Map<string, string>();
  for (const [id, period] of periods) {
    const key = periodKey(period);
    const current = chosen.get(key);
    if (current === undefined || (id in quarter.periods && rename.get(id) === id && !(current in quarter.periods && rename.get(current) === current))) chosen.set(key, id);
  }
  if (chosen.size < periods.size) {
    const merged = new Map<string, PeriodData>();
    for (const [id, period] of periods) {
      const keep = chosen.get(periodKey(period))!;
      if (!merged.has(keep)) merged.set(keep, periods.get(keep)!);
      if (keep !== id) for (const [from, to] of rename) if (to === id) rename.set(from, keep);
    }
    periods.clear();
    for (const [id, period] of merged) periods.set(id, period);
  }

  // A first quarter rolled into a later quarter (the new quarter has no year to date yet): each
  // quarter that ends a whole number of years back gets its year to date (Q1 to Q2 adds six months).
  const yearToDate = new Map<string, string>();
  const newCurrentEnd = shift(currentEnd, shiftCount);
  const currentNext = periods.get(rename.get(quarter.current)!)!;
  const hasYearToDate = [...periods.values()].some((other) => "end" in other && other.end === endOf(currentNext) && !isQuarterLength(other) && periodKey(other) !== periodKey(currentNext));
  if (to.quarter > 1 && !hasYearToDate) {
    const withYearToDate = new Map<string, PeriodData>();
    for (const [id, period] of periods) {
      withYearToDate.set(id, period);
      if ("instant" in period || !isQuarterLength(period)) continue;
      const back = Math.round(weekBased ? daysBetween(period.end, newCurrentEnd) / 91 : monthsBetween(period.end, newCurrentEnd) / 3);
      if (back < 0 || back % 4 !== 0) continue;
      const definition: PeriodData = "months" in period ? { months: 3 * to.quarter, end: period.end } : { weeks: 13 * to.quarter, end: period.end };
      if ([...periods.values()].some((other) => periodKey(other) === periodKey(definition))) continue;
      let ytdId = `ytd_${to.year - back / 4}`;
      while (periods.has(ytdId) || withYearToDate.has(ytdId)) ytdId = `${ytdId}_${"months" in definition ? definition.months : definition.weeks}`;
      withYearToDate.set(ytdId, definition);
      yearToDate.set(id, ytdId);
    }
    if (yearToDate.size > 0) {
      periods.clear();
      for (const [id, period] of withYearToDate) periods.set(id, period);
    }
  }
  if (weekBased) notes.push("periods moved by 13 weeks a quarter: check the dates if the new fiscal year has 53 weeks");
  if (shiftCount > 1) notes.push(`rolled ${shiftCount} quarters forward; the quarters between are skipped`);
  return { from, to, rename, periods, yearToDate, current: rename.get(quarter.current)!, notes };
}

/**
 * The id of a moved quarter or fiscal year in the company's own naming, when the old id names its
 * fiscal year (`2024`, or `fy24`) and, for a quarter, its quarter (`q2`): `q2_fy24` -> `q3_fy24`,
 * `fy24` -> `fy25`. Undefined when the id does not say them.
 */
function restyleId(id: string, from: { year: number; quarter?: number }, to: { year: number; quarter?: number }): string | undefined {
  const yearPattern = new RegExp(`(?<![0-9])${from.year}(?![0-9])|(?<=fy_?)${String(from.year).slice(-2)}(?![0-9])`, "i");
  if (!yearPattern.test(id)) return undefined;
  let next = id.replace(yearPattern, (year) => (year.length === 4 ? String(to.year) : String(to.year).slice(-2)));
  if (from.quarter !== undefined) {
    const quarterPattern = new RegExp(`(?<![a-z0-9])q${from.quarter}(?![0-9])`, "i");
    if (!quarterPattern.test(next)) return undefined;
    next = next.replace(quarterPattern, (word) => `${word[0]}${to.quarter}`);
  } else if (!/fy/i.test(id)) return undefined;
  return next;
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

/** What a roll-forward did, for the user: each entry one sentence naming the table or part. */
export interface RollForwardReport {
  /** Columns and figures kept as they were (their period did not move, or it is a text). */
  readonly carried: readonly string[];
  /** Columns whose periods moved, and columns added or dropped by the calendar. */
  readonly moved: readonly string[];
  /** Figures left blank (`~`) to fill. */
  readonly emptied: readonly string[];
  /** What the tool could not decide: check it by hand. */
  readonly needsUser: readonly string[];
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
  readonly report: RollForwardReport;
}

interface KnownFigure {
  readonly value: number;
  /** The figure as the file wrote it (`0.00`, `1.50`). */
  readonly text?: string;
  readonly scale: number;
  readonly file: string;
}

const ordinals = ["first", "second", "third", "fourth"];
const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Third-Quarter 2003" -> "Fourth-Quarter 2003", "Q3 2003" -> "Q4 2003": quarter words and fiscal years, case kept. */
export function renameQuarterWords(text: string, from: FiscalQuarter, to: FiscalQuarter): string {
  const years = to.year - from.year;
  return text
    .replace(new RegExp(`\\b${ordinals[from.quarter - 1]}\\b`, "gi"), (word) => {
      const next = ordinals[to.quarter - 1]!;
      if (word === word.toUpperCase()) return next.toUpperCase();
      return word[0] === word[0]!.toUpperCase() ? next[0]!.toUpperCase() + next.slice(1) : next;
    })
    .replace(new RegExp(`\\b([Qq])${from.quarter}\\b`, "g"), (_word, q: string) => `${q}${to.quarter}`)
    .replace(/\b(19|20)\d\d\b/g, (year) => (Number(year) <= from.year && Number(year) >= from.year - 3 ? String(Number(year) + years) : year));
}

/** Renames period ids and column keys inside `{{...}}` references of a narrative text. */
export function renamePeriodReferences(text: string, rename: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{[^}]*\}\}/g, (reference) => reference.replace(/\b[A-Za-z][A-Za-z0-9_]*\b/g, (word) => rename.get(word) ?? word));
}

/** Renames the keys after `@` in formulas (`cash@end` stays, `netIncome@q2_2022` moves). */
function renameAtKeys(text: string, rename: ReadonlyMap<string, string>): string {
  return text.replace(/@([A-Za-z][A-Za-z0-9_]*)/g, (whole, key: string) => `@${rename.get(key) ?? key}`);
}

/** Replacements of source ranges, applied together; the text between them is the source's. */
class SourceEdit {
  private readonly patches: { start: number; end: number; text: string }[] = [];

  constructor(readonly source: string) {}

  /** Replaces `[start, end)`; patches inside that range are superseded. */
  replace(start: number, end: number, text: string): void {
    for (let index = this.patches.length - 1; index >= 0; index--) {
      const patch = this.patches[index]!;
      if (patch.start >= start && patch.end <= end && !(patch.start === patch.end && (patch.start === start || patch.start === end))) this.patches.splice(index, 1);
    }
    this.patches.push({ start, end, text });
  }

  insert(at: number, text: string): void {
    this.patches.push({ start: at, end: at, text });
  }

  /** The source of a node. */
  text(node: YamlNode): string {
    return this.source.slice(node.range![0], node.range![1]);
  }

  lineStart(offset: number): number {
    return this.source.lastIndexOf("\n", offset - 1) + 1;
  }

  lineEnd(offset: number): number {
    const end = this.source.indexOf("\n", offset);
    return end < 0 ? this.source.length : end;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  result(): string {
    const sorted = [...this.patches].sort((a, b) => b.start - a.start || b.end - a.end);
    let text = this.source;
    let limit = Infinity;
    for (const patch of sorted) {
      if (patch.end > limit) throw new Error(`overlapping edits at ${patch.start}`);
      text = text.slice(0, patch.start) + patch.text + text.slice(patch.end);
      limit = patch.start;
    }
    return text;
  }
}

/** The source of a node with its inner scalars changed by `change` (parent key given; undefined keeps). */
function renderNode(edit: SourceEdit, node: YamlNode, change: (scalar: Scalar, text: string, parentKey: string | undefined) => string | undefined): string {
  const [start, end] = node.range!;
  const patches: { start: number; end: number; text: string }[] = [];
  const visit = (current: unknown, parentKey: string | undefined) => {
    if (isScalar(current)) {
      const text = edit.text(current);
      const next = change(current, text, parentKey);
      if (next !== undefined && next !== text) patches.push({ start: current.range![0], end: current.range![1], text: next });
    } else if (isMap(current)) {
      for (const pair of current.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (isScalar(pair.key)) visit(pair.key, "<key>");
        visit(pair.value, key);
      }
    } else if (isSeq(current)) for (const item of current.items) visit(item, parentKey);
  };
  visit(node, undefined);
  let text = edit.source.slice(start, end);
  for (const patch of patches.sort((a, b) => b.start - a.start)) text = text.slice(0, patch.start - start) + patch.text + text.slice(patch.end - start);
  return text;
}

/** An id written as a scalar, renamed in place (quotes kept). */
function renameId(text: string, rename: ReadonlyMap<string, string>): string {
  return text.replace(/[A-Za-z][A-Za-z0-9_]*/, (word) => rename.get(word) ?? word);
}

/** Whether the source writes flow collections with inner spaces (`{ a: 1 }`, `[ 1 ]`). */
function padded(edit: SourceEdit, node: YamlNode): boolean {
  return edit.source[node.range![0] + 1] === " ";
}

/** A flow or block sequence rewritten with these items, in the source's style. */
function writeSequence(edit: SourceEdit, node: YAMLSeq, items: readonly string[]): void {
  const [start] = node.range!;
  if (node.flow) {
    const pad = padded(edit, node) && items.length > 0 ? " " : "";
    edit.replace(start, node.range![1], `[${pad}${items.join(", ")}${pad}]`);
    return;
  }
  const end = start + edit.source.slice(start, node.range![1]).trimEnd().length;
  const indent = " ".repeat(edit.column(start));
  edit.replace(start, end, items.length === 0 ? "[]" : items.map((item, index) => `${index === 0 ? "" : indent}- ${item}`).join("\n"));
}

/** `{ months: 6, end: "2003-06-30" }` in the style of a neighbouring flow map. */
function writePeriod(period: PeriodData, pad: boolean): string {
  const entries = Object.entries(period).map(([key, value]) => `${key}: ${typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `"${value}"` : String(value)}`);
  return pad ? `{ ${entries.join(", ")} }` : `{${entries.join(", ")}}`;
}

function longDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return `${monthNames[month - 1]} ${day}, ${year}`;
}

/** A figure written in another unit: 68,558 thousands is 68.558 millions. */
function convert(figure: KnownFigure, kind: FigureFormatName, scale: number): string {
  const unscaled = kind === "percent" || kind === "perShare" || kind === "count" || kind === "ratio" || kind === "basisPoints";
  if (unscaled || figure.scale === scale) return figure.text ?? String(figure.value);
  const value = new Decimal(String(figure.value));
  const shift = figure.scale - scale;
  return (shift > 0 ? value.times(powerOfTen(shift)) : value.div(powerOfTen(-shift))).toString();
}

/** Every stated figure of a release at a plain period column, keyed by line id and period definition. */
function indexFigures(release: LoadedRelease, text: string | undefined, into: Map<string, KnownFigure>): void {
  const document = text === undefined ? undefined : parseDocument(text);
  const tablesNode = document?.get("tables", true);
  const add = (line: string, period: string, value: unknown, scale: number, node: unknown) => {
    const definition = release.quarter.periods[period];
    const figure =
      typeof value === "number"
        ? value
        : typeof value === "object" && value !== null && typeof (value as { value?: unknown }).value === "number"
          ? (value as { value: number }).value
          : undefined;
    if (!definition || figure === undefined) return;
    const key = `${line}|${periodKey(definition)}`;
    const written = isScalar(node) && typeof node.value === "number" && text !== undefined ? text.slice(node.range![0], node.range![1]) : undefined;
    if (!into.has(key)) into.set(key, { value: figure, ...(written ? { text: written } : {}), scale, file: release.file });
  };
  release.quarter.tables.forEach((table, tableIndex) => {
    const columns = resolveColumns(table, release.quarter.periods, ["tables", tableIndex]);
    const rowsNode = isSeq(tablesNode) && isMap(tablesNode.items[tableIndex]) ? tablesNode.items[tableIndex].get("rows", true) : undefined;
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row || !row.id || !row.values) return;
      const rowNode = isSeq(rowsNode) ? rowsNode.items[rowIndex] : undefined;
      const valuesNode = isMap(rowNode) ? rowNode.get("values", true) : undefined;
      const scale = unitScale[(row as { unit?: keyof typeof unitScale }).unit ?? table.unit];
      for (const column of columns) {
        if (column.rule || column.statedIndex === undefined || column.key !== column.period) continue;
        add(row.id, column.period, row.values[column.statedIndex], scale, isSeq(valuesNode) ? valuesNode.items[column.statedIndex] : undefined);
      }
    });
  });
  for (const fact of release.quarter.facts ?? []) {
    for (const [period, written] of Object.entries(fact.values)) add(fact.id, period, written, unitScale[fact.unit], undefined);
  }
}

function readSource(release: LoadedRelease): string | undefined {
  try {
    return readFileSync(release.file, "utf8");
  } catch {
    return undefined;
  }
}

const statusOf = (pair: unknown, key: string): YamlNode | undefined => (isPair(pair) && isScalar(pair.key) && pair.key.value === key ? (pair.value as YamlNode) : undefined);

/** What a roll-forward tells the user, filled step by step (see RollForwardReport). */
interface ReportLists {
  readonly carried: string[];
  readonly moved: string[];
  readonly emptied: string[];
  readonly needsUser: string[];
}

/** One roll-forward in progress: the plan, the edit of the source, the figures known, and what was done. */
interface Roll {
  readonly input: RollForwardInput;
  readonly quarter: QuarterData;
  readonly plan: PeriodPlan;
  readonly edit: SourceEdit;
  readonly document: Document;
  readonly root: YAMLMap;
  /** Period ids, and the column keys named after them, old -> new. */
  readonly rename: ReadonlyMap<string, string>;
  /** Each table's columns, resolved. */
  readonly resolvedTables: readonly (readonly ResolvedColumn[])[];
  /** Stated figures of the source and the earlier files, by `line|period definition`. */
  readonly known: ReadonlyMap<string, KnownFigure>;
  /** Instants a series of quarter ends needs that the plan did not have. */
  readonly addedInstants: Map<string, PeriodData>;
  /** New period ids with a figure left `~`. */
  readonly fill: Set<string>;
  /** The source's own `rollForward.fill`: its blanks were figures to fill too. */
  readonly oldFill: ReadonlySet<string>;
  /** New period id -> files its figures were taken from. */
  readonly filledFrom: Map<string, Set<string>>;
  /** `line|period` of every figure the tables state after the roll. */
  readonly stated: Set<string>;
  readonly notes: string[];
  readonly report: ReportLists;
}

/** Builds the next quarter's file (see the module comment); nothing is written. */
export function rollForward(input: RollForwardInput): RollForwardResult {
  const roll = startRoll(input);
  roll.quarter.tables.forEach((table, tableIndex) => rollTable(roll, table, tableIndex));
  rollFacts(roll);
  rollPeriods(roll);
  renameNarrativeReferences(roll);
  rollHeading(roll);
  markProseForRewrite(roll);
  const fill = recordRollForward(roll);
  writeNotice(roll);
  return {
    text: roll.edit.result(),
    plan: roll.plan,
    fill,
    filledFrom: new Map([...roll.filledFrom].map(([period, files]) => [period, [...files]])),
    notes: roll.notes,
    report: roll.report,
  };
}

/** Plans the periods, indexes the figures of the source and the earlier files, and parses the source for editing. */
function startRoll(input: RollForwardInput): Roll {
  const { source } = input;
  const quarter = source.quarter;
  const plan = planPeriods(quarter, source.company.fiscalYearEnd, input.period);
  const known = new Map<string, KnownFigure>();
  indexFigures(source, input.sourceText, known);
  for (const release of input.earlier) indexFigures(release, readSource(release), known);
  const document = parseDocument(input.sourceText);
  const resolvedTables = quarter.tables.map((table, index) => resolveColumns(table, quarter.periods, ["tables", index]));
  return {
    input,
    quarter,
    plan,
    edit: new SourceEdit(input.sourceText),
    document,
    root: document.contents as YAMLMap,
    rename: renameColumnKeys(plan, resolvedTables),
    resolvedTables,
    known,
    addedInstants: new Map(),
    fill: new Set(),
    oldFill: new Set(quarter.rollForward?.fill ?? []),
    filledFrom: new Map(),
    stated: new Set(),
    notes: [...plan.notes],
    report: { carried: [], moved: [], emptied: [], needsUser: [] },
  };
}

/** The plan's renames, and column keys that name a moved period moved with it (q2_2025_adjustments -> q3_2025_adjustments). */
function renameColumnKeys(plan: PeriodPlan, resolvedTables: readonly (readonly ResolvedColumn[])[]): Map<string, string> {
  const rename = new Map(plan.rename);
  for (const columns of resolvedTables) {
    for (const column of columns) {
      const period = plan.rename.get(column.period);
      if (column.key === column.period || !period || period === column.period || rename.has(column.key) || !column.key.includes(column.period)) continue;
      rename.set(column.key, column.key.replace(column.period, period));
    }
  }
  return rename;
}

const oldKey = (roll: Roll, id: string) => periodKey(roll.quarter.periods[id]!);
const newKey = (roll: Roll, id: string) => periodKey(roll.plan.periods.get(id)!);

/** A line's figure at a new period from the known figures, in the unit it is written in; notes the file it came from. */
function lookup(roll: Roll, line: string, period: string, kind: FigureFormatName, scale: number): string | undefined {
  const figure = roll.known.get(`${line}|${newKey(roll, period)}`);
  if (!figure) return undefined;
  if (figure.file !== roll.input.source.file) roll.filledFrom.set(period, (roll.filledFrom.get(period) ?? new Set()).add(basename(figure.file)));
  return convert(figure, kind, scale);
}

/** Replaces a scalar's source with `change(source)` when that differs. */
function patchScalar(edit: SourceEdit, node: YamlNode, change: (text: string) => string): void {
  const text = edit.text(node);
  const next = change(text);
  if (next !== text) edit.replace(node.range![0], node.range![1], next);
}

/** Every string scalar below a node, changed in place. */
function visitStrings(edit: SourceEdit, node: unknown, change: (text: string) => string): void {
  if (isScalar(node)) {
    if (typeof node.value === "string") patchScalar(edit, node, change);
  } else if (isMap(node)) for (const pair of node.items) visitStrings(edit, pair.value, change);
  else if (isSeq(node)) for (const item of node.items) visitStrings(edit, item, change);
}

/** The top-level pair of the quarter file with this key. */
const topPair = (roll: Roll, key: string) => roll.root.items.find((pair) => statusOf(pair, key));

/**
 * A table of consecutive quarter ends (trailing five quarters of a metric) moves every column by
 * the same quarters, the year end among them too; instants it then needs are added to the plan.
 * Old period id -> new, or undefined when the columns are not such a series.
 */
function seriesOf(roll: Roll, columns: readonly ResolvedColumn[]): Map<string, string> | undefined {
  const { quarter, plan } = roll;
  const weekBased = "weeks" in quarter.periods[quarter.current]!;
  const moveInstant = (iso: string) => (weekBased ? addDays(iso, 91 * quartersBetween(plan.from, plan.to)) : addMonths(iso, 3 * quartersBetween(plan.from, plan.to)));
  const instants = columns.filter((column) => !column.rule && column.key === column.period).map((column) => column.period);
  if (instants.length < 3 || instants.length !== columns.length) return undefined;
  const dates = instants.map((id) => quarter.periods[id]).map((period) => (period && "instant" in period ? period.instant : undefined));
  if (dates.some((date) => date === undefined)) return undefined;
  const sorted = [...(dates as string[])].sort().reverse();
  const step = (a: string, b: string) => (weekBased ? Math.abs(daysBetween(b, a) - 91) <= 7 : monthsBetween(b, a) === 3);
  if (!sorted.every((date, index) => index === 0 || step(sorted[index - 1]!, date))) return undefined;
  const map = new Map<string, string>();
  instants.forEach((id, index) => {
    const date = moveInstant(dates[index]!);
    const existing = [...plan.periods].find(([, period]) => "instant" in period && period.instant === date)?.[0];
    const newId = existing ?? instantId(date);
    if (!existing) {
      roll.addedInstants.set(newId, { instant: date });
      (plan.periods as Map<string, PeriodData>).set(newId, { instant: date });
    }
    map.set(id, newId);
  });
  return map;
}

/** One old column of a table, as it moves: its new period, key and source text, and whether it stays. */
interface ColumnMove {
  readonly column: ResolvedColumn;
  readonly period: string;
  readonly key: string;
  readonly text: string;
  /** false for a later duplicate (two periods that became one). */
  readonly keep: boolean;
  readonly index: number;
  /** Its period's dates changed (its figures are not the old ones). */
  readonly moved: boolean;
}

/** A year-to-date column added beside the quarter columns it repeats. */
interface AddedColumn {
  readonly text: string;
  readonly period: string;
  readonly key: string;
  readonly takesValues: boolean;
  readonly sourceIndex?: number;
}

/** A column of the rolled table, in order: a kept old one, or an added one (no `old`). */
interface NewColumn {
  readonly text: string;
  readonly period: string;
  readonly takesValues: boolean;
  readonly old?: ColumnMove;
}

/** A table's columns moved, added and written, its words renamed, and every row's values redone. */
function rollTable(roll: Roll, table: TableData, tableIndex: number): void {
  const tablesNode = roll.document.get("tables", true) as YAMLSeq;
  const tableNode = tablesNode.items[tableIndex] as YAMLMap;
  const name = `tables[${table.id}]`;
  const columnsNode = tableNode.get("columns", true) as unknown as YAMLSeq;
  const cashFlowLike = table.rows.some((row) => typeof row === "object" && "at" in row && row.at === "start");
  const series = seriesOf(roll, roll.resolvedTables[tableIndex]!);
  if (series) roll.report.moved.push(`${name}: a series of quarter ends; every column moved by the same quarters`);
  const moves = moveColumns(roll, name, roll.resolvedTables[tableIndex]!, columnsNode, series, cashFlowLike);
  const { added, insertAfter } = cashFlowLike ? { added: [], insertAfter: -1 } : addYearToDateColumns(roll, name, moves, columnsNode);
  const newColumns = writeColumns(roll, name, moves, added, insertAfter, columnsNode);
  const keptCount = moves.filter((entry) => entry.keep).length;
  renameTableWords(roll, tableNode, added.length === 0 ? undefined : { repeat: added.length === keptCount, span: added.length });
  const handSetHeader = table.header !== undefined && "rows" in table.header && table.header.rows !== undefined;
  if (added.length > 0 && handSetHeader) {
    roll.report.needsUser.push(`${name}: its header rows were ${added.length === keptCount ? "repeated" : "extended with an empty cell"} over the added year-to-date columns; check them`);
  }
  rollRowValues(roll, table, name, tableNode, newColumns);
  if (handSetHeader) roll.report.needsUser.push(`${name}: its header rows are written by hand; their quarter words and dates were renamed, check them`);
}

/** Each column's new period and key; later duplicates (periods that became one) are dropped. */
function moveColumns(roll: Roll, name: string, columns: readonly ResolvedColumn[], columnsNode: YAMLSeq, series: Map<string, string> | undefined, cashFlowLike: boolean): ColumnMove[] {
  const { plan, rename, quarter, edit } = roll;
  const renameInColumn = series
    ? new Map([...rename, ...series])
    : cashFlowLike
      ? new Map([...rename, ...[...plan.rename].map(([from, to]) => [from, plan.yearToDate.get(to) ?? to] as [string, string])])
      : rename;
  const operand = (id: string) => series?.get(id) ?? plan.rename.get(id) ?? rename.get(id) ?? id;
  const seen = new Set<string>();
  const moves = columns.map((column, index): ColumnMove => {
    let period = series?.get(column.period) ?? plan.rename.get(column.period) ?? column.period;
    // A cash-flow statement shows the year to date only: its quarter columns become the year to date.
    if (cashFlowLike && !column.rule && plan.yearToDate.has(period)) period = plan.yearToDate.get(period)!;
    const key = column.key === column.period && !column.rule ? period : (rename.get(column.key) ?? column.key);
    const text = renderNode(edit, columnsNode.items[index] as YamlNode, (_scalar, text, parentKey) => {
      if (parentKey === "label") return renameQuarterWords(text, plan.from, plan.to);
      if (parentKey === "line" || parentKey === "decimals" || parentKey === "<key>") return undefined;
      return renameId(text, renameInColumn);
    });
    // A computed column is the same as another when its rule reads the same columns after the move.
    const rule =
      column.rule &&
      JSON.stringify(column.rule, (name, value: unknown) =>
        ["of", "from", "column"].includes(name) && typeof value === "string"
          ? operand(value)
          : name === "columns" && Array.isArray(value)
            ? value.map((item) => operand(String(item)))
            : value,
      );
    const identity = rule ? `c:${rule}:${column.label ?? ""}` : column.key === column.period ? `p:${period}` : `k:${key}`;
    const keep = !seen.has(identity);
    seen.add(identity);
    const known = column.period in quarter.periods && plan.periods.has(period);
    return { column, period, key, text, keep, index, moved: known ? periodKey(plan.periods.get(period)!) !== oldKey(roll, column.period) : false };
  });
  const dropped = moves.filter((entry) => !entry.keep);
  if (dropped.length > 0)
    roll.report.moved.push(
      `${name}: column${dropped.length === 1 ? "" : "s"} ${dropped.map((entry) => entry.column.key).join(", ")} dropped (their periods became ${[...new Set(dropped.map((entry) => entry.period))].join(", ")}, already shown)`,
    );
  return moves;
}

/**
 * A first quarter rolled into the year: the quarter columns (and the computed columns over them)
 * are repeated for the year to date, after the last of them (`insertAfter`, an old column index).
 */
function addYearToDateColumns(roll: Roll, name: string, moves: readonly ColumnMove[], columnsNode: YAMLSeq): { added: AddedColumn[]; insertAfter: number } {
  const { plan, rename, edit } = roll;
  const added: AddedColumn[] = [];
  let insertAfter = -1;
  if (plan.yearToDate.size === 0) return { added, insertAfter };
  const group = moves.filter((entry) => entry.keep && plan.yearToDate.has(entry.period) && !entry.column.rule);
  if (group.length === 0) return { added, insertAfter };
  const groupKeys = new Set(group.map((entry) => entry.key));
  // Periods become their year to date; a keyed column gets a key of its own (hl_q2_2023 -> hl_ytd_2023, adj -> adj_ytd).
  const ytdRename = new Map<string, string>();
  for (const entry of group) {
    const ytd = plan.yearToDate.get(entry.period)!;
    ytdRename.set(entry.period, ytd);
    if (entry.key !== entry.period) ytdRename.set(entry.key, entry.key.includes(entry.period) ? entry.key.replace(entry.period, ytd) : `${entry.key}_ytd`);
  }
  const computed = moves.filter((entry) => entry.keep && entry.column.rule && columnOperands(entry.column).every((operand) => groupKeys.has(rename.get(operand) ?? operand)));
  for (const entry of computed) ytdRename.set(entry.key, `${entry.key}_ytd`);
  for (const entry of [...group, ...computed].sort((a, b) => a.index - b.index)) {
    const text = renderNode(edit, columnsNode.items[entry.index] as YamlNode, (_scalar, text, parentKey) => {
      if (parentKey === "label") return renameQuarterWords(text, plan.from, plan.to);
      if (parentKey === "line" || parentKey === "decimals" || parentKey === "<key>") return undefined;
      return renameId(renameId(text, rename), ytdRename);
    });
    const period = plan.yearToDate.get(entry.period) ?? entry.period;
    added.push({
      text,
      period,
      key: ytdRename.get(entry.key) ?? entry.key,
      takesValues: entry.column.statedIndex !== undefined,
      sourceIndex: entry.column.rule ? undefined : entry.column.statedIndex,
    });
    insertAfter = Math.max(insertAfter, entry.index);
  }
  roll.report.moved.push(`${name}: year-to-date columns ${added.map((entry) => entry.key).join(", ")} added`);
  if (group.some((entry) => entry.column.label !== undefined))
    roll.report.needsUser.push(`${name}: the added year-to-date columns took the labels of the quarter columns they repeat; relabel them`);
  return { added, insertAfter };
}

/** Writes the table's new columns (kept ones, added ones after `insertAfter`) and reports what moved and what was carried. */
function writeColumns(roll: Roll, name: string, moves: readonly ColumnMove[], added: readonly AddedColumn[], insertAfter: number, columnsNode: YAMLSeq): NewColumn[] {
  const { edit } = roll;
  const newColumns: NewColumn[] = [];
  for (const entry of moves) {
    if (entry.keep) newColumns.push({ text: entry.text, period: entry.period, takesValues: entry.column.statedIndex !== undefined, old: entry });
    if (entry.index === insertAfter) for (const extra of added) newColumns.push({ text: extra.text, period: extra.period, takesValues: extra.takesValues });
  }
  const columnTexts = newColumns.map((entry) => entry.text);
  if (columnTexts.join("\n") !== columnsNode.items.map((item) => edit.text(item as YamlNode)).join("\n")) writeSequence(edit, columnsNode, columnTexts);
  const movedColumns = moves.filter((entry) => entry.keep && (entry.column.rule ? entry.key !== entry.column.key : entry.period !== entry.column.period));
  if (movedColumns.length > 0) roll.report.moved.push(`${name}: ${movedColumns.map((entry) => `${entry.column.key} -> ${entry.key}`).join(", ")}`);
  const unmoved = moves.filter((entry) => entry.keep && !entry.moved);
  if (unmoved.length > 0)
    roll.report.carried.push(
      `${name}: column${unmoved.length === 1 ? "" : "s"} ${unmoved.map((entry) => entry.key).join(", ")} carried with ${unmoved.length === 1 ? "its" : "their"} figures (same period)`,
    );
  return newColumns;
}

/** How many cells of a table were left blank, taken from earlier files, or carried as marks. */
interface ValueCounts {
  blanks: number;
  fromEarlier: number;
  marks: number;
}

/** Values: one entry per column that takes values, in the new column order, for every row of the table. */
function rollRowValues(roll: Roll, table: TableData, name: string, tableNode: YAMLMap, newColumns: readonly NewColumn[]): void {
  const { edit } = roll;
  const rowsNode = tableNode.get("rows", true) as unknown as YAMLSeq;
  const counts: ValueCounts = { blanks: 0, fromEarlier: 0, marks: 0 };
  table.rows.forEach((row, rowIndex) => {
    if (typeof row === "string" || "heading" in row) return;
    const rowNode = rowsNode.items[rowIndex] as YAMLMap;
    renameCellMarks(roll, rowNode);
    if (!row.values) return;
    const valuesNode = rowNode.get("values", true) as unknown as YAMLSeq;
    const texts: string[] = [];
    for (const entry of newColumns) if (entry.takesValues) texts.push(rollCell(roll, table, name, row, valuesNode, entry, counts));
    const current = valuesNode.items.map((item) => edit.text(item as YamlNode));
    if (texts.join("\u0000") !== current.join("\u0000")) writeSequence(edit, valuesNode, texts);
  });
  if (counts.blanks > 0) roll.report.emptied.push(`${name}: ${counts.blanks} figure${counts.blanks === 1 ? "" : "s"} left ~ to fill`);
  if (counts.fromEarlier > 0) roll.report.carried.push(`${name}: ${counts.fromEarlier} prior-period figure${counts.fromEarlier === 1 ? "" : "s"} taken from earlier quarter files`);
  if (counts.marks > 0) roll.report.needsUser.push(`${name}: ${counts.marks} mark${counts.marks === 1 ? "" : "s"} (n/m, dashes) carried into moved periods; confirm them`);
}

/**
 * The source text of one rolled cell: the same figure for an unmoved period, a figure from an
 * earlier file, a carried mark or cell object, or `~` (a figure to fill).
 */
function rollCell(roll: Roll, table: TableData, name: string, row: LineRowData, valuesNode: YAMLSeq, entry: NewColumn, counts: ValueCounts): string {
  const { edit, rename } = roll;
  const kind = row.format ?? "amount";
  const scale = unitScale[(row as { unit?: keyof typeof unitScale }).unit ?? table.unit];
  const label = row.id ?? row.label;
  const old = entry.old;
  const stateIndex = old?.column.statedIndex;
  const value = stateIndex === undefined ? undefined : row.values![stateIndex];
  const node = stateIndex === undefined ? undefined : (valuesNode.items[stateIndex] as YamlNode | undefined);
  const plainColumn = old ? !old.column.rule && old.column.key === old.column.period : true;
  let text: string | undefined;
  if (old && !old.moved && node) {
    text = renameAtKeys(edit.text(node), rename); // same period: the figure stays
  } else if (typeof value === "string" && node) {
    text = row.id && plainColumn ? lookup(roll, row.id, entry.period, kind, scale) : undefined;
    if (text !== undefined) counts.fromEarlier++;
    else {
      text = edit.text(node); // a mark ("n/m", a dash) is carried; confirm it for the new period
      counts.marks++;
    }
  } else if (value !== null && typeof value === "object" && node && isMap(node)) {
    const found = row.id && plainColumn ? lookup(roll, row.id, entry.period, kind, scale) : undefined;
    const cell = value as { value?: number; formula?: string };
    if (found !== undefined) text = renderNode(edit, node, (_scalar, text, parentKey) => (parentKey === "value" ? found : parentKey === "formula" ? renameAtKeys(text, rename) : undefined));
    else if (cell.formula !== undefined) {
      // The cell's own format and formula are kept; without its printed value it shows the computation.
      const pad = padded(edit, node) ? " " : "";
      const pairs = node.items
        .filter((pair) => !(isScalar(pair.key) && pair.key.value === "value"))
        .map(
          (pair) =>
            `${edit.text(pair.key as YamlNode)}: ${isScalar(pair.key) && pair.key.value === "formula" ? renameAtKeys(edit.text(pair.value as YamlNode), rename) : edit.text(pair.value as YamlNode)}`,
        );
      text = `{${pad}${pairs.join(", ")}${pad}}`;
      roll.report.needsUser.push(`${name}.rows[${label}]: the cell at ${entry.period} shows its formula's figure; give its printed value again`);
    } else {
      roll.report.needsUser.push(`${name}.rows[${label}]: the cell at ${entry.period} had its own format (${edit.text(node)}); it is left ~, set the format again when you fill it`);
    }
    if (found !== undefined) counts.fromEarlier++;
  } else if (value !== null && value !== undefined && row.id && plainColumn) {
    text = lookup(roll, row.id, entry.period, kind, scale);
    if (text !== undefined) counts.fromEarlier++;
  } else if (!old && row.id) {
    text = lookup(roll, row.id, entry.period, kind, scale);
    if (text !== undefined) counts.fromEarlier++;
  }
  const wasFigure = old ? value !== null || roll.oldFill.has(old.column.period) : true;
  if (text === undefined) {
    if (wasFigure) {
      roll.fill.add(entry.period);
      counts.blanks++;
    }
    return "~";
  }
  if (row.id) roll.stated.add(`${row.id}|${entry.period}`);
  return text;
}

/** A row's `cellMarks` keys renamed with their columns. */
function renameCellMarks(roll: Roll, rowNode: YAMLMap): void {
  const marks = rowNode.get("cellMarks", true);
  if (!isMap(marks)) return;
  for (const pair of marks.items) if (isScalar(pair.key)) patchScalar(roll.edit, pair.key, (text) => renameId(text, roll.rename));
}

/** Title, caption and hand-set header rows; `extend` widens each header row over added columns. */
function renameTableWords(roll: Roll, tableNode: YAMLMap, extend?: { repeat: boolean; span: number }): void {
  const { edit, plan, quarter } = roll;
  const words = (text: string) => renameQuarterWords(text, plan.from, plan.to);
  const title = tableNode.get("title", true);
  if (isSeq(title)) for (const item of title.items) if (isScalar(item)) patchScalar(edit, item, words);
  const caption = tableNode.get("caption", true);
  if (isScalar(caption)) patchScalar(edit, caption, words);
  // Hand-set header rows: quarter words, and the long dates of moved periods.
  const header = tableNode.get("header", true);
  const rows = isMap(header) ? header.get("rows", true) : undefined;
  if (!isSeq(rows)) return;
  const dates = [...plan.rename].flatMap(([from, to]) => {
    const before = quarter.periods[from]!;
    const after = plan.periods.get(to)!;
    return endOf(before) === endOf(after) ? [] : [[longDate(endOf(before)), longDate(endOf(after))] as const];
  });
  const redate = (text: string) => dates.reduce((current, [before, after]) => current.split(before).join(after), words(text));
  for (const row of rows.items) {
    if (!isSeq(row)) continue;
    if (extend) {
      const cells = row.items.map((cell) => renderNode(edit, cell as YamlNode, (_scalar, text, parentKey) => (parentKey === "span" || parentKey === "<key>" ? undefined : redate(text))));
      const pad = row.flow && padded(edit, row) ? " " : "";
      writeSequence(edit, row, [...cells, ...(extend.repeat ? cells : [`{${pad}text: "", span: ${extend.span}${pad}}`])]);
      continue;
    }
    for (const cell of row.items) {
      if (isScalar(cell)) patchScalar(edit, cell, redate);
      else if (isMap(cell)) {
        const text = cell.get("text", true);
        if (isScalar(text)) patchScalar(edit, text, redate);
      }
    }
  }
}

/** Facts move to the new periods; a fact the statements now state is dropped (and the facts key with the last). */
function rollFacts(roll: Roll): void {
  const { edit, plan, quarter } = roll;
  const factsPair = topPair(roll, "facts");
  const factsNode = factsPair?.value;
  if (!isSeq(factsNode) || !quarter.facts) return;
  const tableLines = new Set(quarter.tables.flatMap((table) => table.rows.flatMap((row) => (typeof row === "object" && "label" in row && row.id ? [row.id] : []))));
  let kept = 0;
  quarter.facts.forEach((fact, index) => {
    const item = factsNode.items[index] as YAMLMap;
    const valuesNode = item.get("values", true) as unknown as YAMLMap;
    const entries: string[] = [];
    const periods = new Set<string>();
    for (const pair of valuesNode.items) {
      const old = String((pair.key as Scalar).value);
      const period = plan.rename.get(old);
      // A figure the statements now state at this date is stated once, there.
      if (!period || roll.stated.has(`${fact.id}|${period}`) || periods.has(period)) continue;
      const value = oldKey(roll, old) === newKey(roll, period) ? edit.text(pair.value as YamlNode) : lookup(roll, fact.id, period, fact.format ?? "amount", unitScale[fact.unit]);
      if (value === undefined) continue;
      periods.add(period);
      entries.push(`${period}: ${value}`);
    }
    if (entries.length === 0 && tableLines.has(fact.id) && !factsNode.flow) {
      const start = edit.lineStart(item.range![0]);
      edit.replace(start, edit.lineEnd(item.range![1] - 1) + 1, "");
      roll.report.moved.push(`facts[${fact.id}]: dropped (the statements state it at the new dates)`);
      return;
    }
    kept++;
    const pad = padded(edit, valuesNode) ? " " : "";
    const text = entries.length === 0 ? "{}" : `{${pad}${entries.join(", ")}${pad}}`;
    if (text !== edit.text(valuesNode)) edit.replace(valuesNode.range![0], valuesNode.range![1], text);
  });
  if (kept === 0 && !factsNode.flow) {
    // The facts key goes, with the comment lines just above it (they describe it).
    let start = edit.lineStart((factsPair!.key as YamlNode).range![0]);
    while (start > 0 && edit.source.slice(edit.lineStart(start - 1), start).startsWith("#")) start = edit.lineStart(start - 1);
    const end = start + edit.source.slice(start, factsNode.range![1]).trimEnd().length;
    let stop = edit.lineEnd(end - 1) + 1;
    if (edit.source[stop] === "\n" && start > 0 && edit.source[start - 2] === "\n") stop++;
    edit.replace(start, stop, "");
  }
}

/**
 * Periods: each id renamed and its dates moved in place; merged periods' lines removed; added
 * year-to-date periods written after their quarter, added instants at the end.
 */
function rollPeriods(roll: Roll): void {
  const { edit, plan } = roll;
  const periodsNode = roll.document.get("periods", true) as YAMLMap;
  if (periodsNode.flow) {
    // A flow map of periods (`periods: { q3_2003: {...}, ... }`) is written again whole, in its style.
    const pad = padded(edit, periodsNode) ? " " : "";
    edit.replace(periodsNode.range![0], periodsNode.range![1], `{${pad}${[...plan.periods].map(([id, period]) => `${id}: ${writePeriod(period, pad === " ")}`).join(", ")}${pad}}`);
    return;
  }
  renamePeriodEntries(roll, periodsNode);
  appendAddedInstants(roll, periodsNode);
}

/** Each period of a block map renamed and re-dated in place (a merged one's line removed), its added year to date after it. */
function renamePeriodEntries(roll: Roll, periodsNode: YAMLMap): void {
  const { edit, plan } = roll;
  const written = new Set<string>();
  for (const pair of periodsNode.items) {
    const oldId = String((pair.key as Scalar).value);
    const newId = plan.rename.get(oldId)!;
    const keyNode = pair.key as YamlNode;
    const valueNode = pair.value as YamlNode;
    if (written.has(newId)) {
      edit.replace(edit.lineStart(keyNode.range![0]), edit.lineEnd(valueNode.range![1] - 1) + 1, "");
      continue;
    }
    written.add(newId);
    patchScalar(edit, keyNode, () => newId);
    const next = plan.periods.get(newId)!;
    if (isMap(valueNode)) {
      for (const field of valueNode.items) {
        const name = String((field.key as Scalar).value);
        const value = (next as Record<string, string | number | undefined>)[name];
        if (value === undefined || !isScalar(field.value)) continue;
        patchScalar(edit, field.value, (text) => (typeof value === "number" ? String(value) : /^["']/.test(text) ? `${text[0]}${value}${text[0]}` : String(value)));
      }
    }
    const ytd = plan.yearToDate.get(newId);
    if (ytd) {
      const indent = " ".repeat(edit.column(keyNode.range![0]));
      edit.insert(
        edit.lineEnd(valueNode.range![1] - 1),
        `\n${indent}${ytd}: ${writePeriod(plan.periods.get(ytd)!, isMap(valueNode) && valueNode.flow === true ? padded(edit, valueNode) : true)}`,
      );
    }
  }
}

/** Instants a series of quarter ends needed, written after the last period. */
function appendAddedInstants(roll: Roll, periodsNode: YAMLMap): void {
  const { edit } = roll;
  const lastPeriod = periodsNode.items.at(-1);
  if (!lastPeriod || roll.addedInstants.size === 0) return;
  const keyNode = lastPeriod.key as YamlNode;
  const valueNode = lastPeriod.value as YamlNode;
  const indent = " ".repeat(edit.column(keyNode.range![0]));
  const pad = isMap(valueNode) && valueNode.flow === true ? padded(edit, valueNode) : true;
  edit.insert(edit.lineEnd(valueNode.range![1] - 1), [...roll.addedInstants].map(([id, period]) => `\n${indent}${id}: ${writePeriod(period, pad)}`).join(""));
}

/** The narrative: period ids and keys renamed inside every {{...}}, `@key` in formulas. */
function renameNarrativeReferences(roll: Roll): void {
  const { edit, rename, document } = roll;
  for (const key of ["body", "forwardLooking", "financialPresentation", "subheadline"])
    visitStrings(edit, document.get(key, true), (text) => (text.includes("{{") ? renamePeriodReferences(text, rename) : text));
  for (const key of ["tieOut", "measures"]) visitStrings(edit, document.get(key, true), (text) => (text.includes("@") ? renameAtKeys(text, rename) : text));
}

/** The heading of the release: quarter words, period, current, a first draft's status, the estimated release date. */
function rollHeading(roll: Roll): void {
  const { edit, plan, input, quarter } = roll;
  const words = (text: string) => renameQuarterWords(text, plan.from, plan.to);
  for (const key of ["headline", "periodLabel"]) {
    const node = topPair(roll, key)?.value;
    if (isScalar(node)) patchScalar(edit, node, words);
  }
  const subheadline = topPair(roll, "subheadline")?.value;
  if (subheadline) visitStrings(edit, subheadline, words);
  patchScalar(edit, topPair(roll, "period")?.value as YamlNode, () => input.period);
  patchScalar(edit, topPair(roll, "current")!.value as YamlNode, () => plan.current);
  const statusNode = topPair(roll, "status")!.value as YamlNode;
  const pad = isMap(statusNode) && statusNode.flow ? padded(edit, statusNode) : true;
  edit.replace(statusNode.range![0], statusNode.range![1], pad ? `{ draft: 1, date: "${input.today}" }` : `{draft: 1, date: "${input.today}"}`);
  const releaseDateNode = topPair(roll, "releaseDate")!.value as YamlNode;
  const releaseDate = addMonths(quarter.releaseDate, 3 * quartersBetween(plan.from, plan.to));
  patchScalar(edit, releaseDateNode, (text) => (/^["']/.test(text) ? `${text[0]}${releaseDate}${text[0]}` : releaseDate));
  const releaseDateLineEnd = edit.lineEnd(releaseDateNode.range![1]);
  if (!edit.source.slice(releaseDateNode.range![1], releaseDateLineEnd).includes("#")) edit.insert(releaseDateLineEnd, "  # estimated from the last release: confirm");
}

/** Prose sections (their headings' quarter words renamed) and the forward-looking sentences are marked for rewriting. */
function markProseForRewrite(roll: Roll): void {
  const { edit, plan, document } = roll;
  const bodyNode = document.get("body", true);
  if (isSeq(bodyNode)) {
    for (const item of bodyNode.items) {
      if (!isMap(item) || !item.has("id")) continue;
      const heading = item.get("heading", true);
      if (isScalar(heading)) patchScalar(edit, heading, (text) => renameQuarterWords(text, plan.from, plan.to));
      markRewrite(edit, item);
    }
  }
  const forwardLooking = document.get("forwardLooking", true);
  if (isMap(forwardLooking)) markRewrite(edit, forwardLooking);
}

/** Sets `rewrite: true` on a map, in its style (a flow map, a block map's first line). */
function markRewrite(edit: SourceEdit, map: YAMLMap): void {
  const existing = map.items.find((pair) => statusOf(pair, "rewrite"));
  if (existing) {
    patchScalar(edit, existing.value as YamlNode, () => "true");
    return;
  }
  const first = map.items[0]!;
  const keyNode = first.key as YamlNode;
  const indent = " ".repeat(edit.column(keyNode.range![0]));
  if (map.flow) {
    const last = map.items.at(-1)!;
    edit.insert(((last.value as YamlNode | null) ?? (last.key as YamlNode)).range![1], ", rewrite: true");
    return;
  }
  const value = first.value as YamlNode | null;
  if (value === null || (isScalar(value) && !edit.text(value).includes("\n"))) {
    // After the first pair's line (`- id: lead`), at the indentation of its key.
    edit.insert(edit.lineEnd((value ?? keyNode).range![1]), `\n${indent}rewrite: true`);
  } else if (edit.source.slice(edit.lineStart(keyNode.range![0]), keyNode.range![0]).trim() === "") {
    edit.insert(edit.lineStart(keyNode.range![0]), `${indent}rewrite: true\n`);
  } else {
    const end = value.range![1];
    edit.insert(edit.source[end - 1] === "\n" ? end : edit.lineEnd(end) + 1, `${indent}rewrite: true\n`);
  }
}

/** Writes `rollForward: { from, fill }` and the closing notes and report lines; returns the periods to fill. */
function recordRollForward(roll: Roll): string[] {
  const { edit, plan } = roll;
  const fillList = [...plan.periods.keys()].filter((id) => roll.fill.has(id));
  const rollText = `{ from: ${basename(roll.input.source.file)}, fill: [${fillList.join(", ")}] }`;
  const existingRoll = topPair(roll, "rollForward");
  if (existingRoll) edit.replace((existingRoll.value as YamlNode).range![0], (existingRoll.value as YamlNode).range![1], rollText);
  else edit.insert(edit.lineEnd((topPair(roll, "current")!.value as YamlNode).range![1]), `\nrollForward: ${rollText}`);
  for (const id of plan.periods.keys()) {
    if (roll.fill.has(id) && !endsWithCurrent(plan, id)) roll.notes.push(`no earlier quarter file has every figure for ${id}: fill those too`);
  }
  for (const [id, files] of roll.filledFrom) roll.report.carried.push(`${id}: figures from ${[...files].join(", ")}`);
  if (fillList.length > 0) roll.report.needsUser.push(`figures of ${fillList.join(", ")} left ~ : fill them (\`earnings-release check\` lists each)`);
  roll.report.needsUser.push("every prose section and the forward-looking sentences are marked rewrite: true: rewrite them, then delete the flag");
  return fillList;
}

/** A note at the top (after the schema line), replacing the note of an earlier roll-forward. */
function writeNotice(roll: Roll): void {
  const { input, edit } = roll;
  const notice = [
    `# Rolled forward from ${basename(input.source.file)} to ${input.period} by \`earnings-release new\` on ${input.today}: fill the`,
    "#   figures left ~ (`earnings-release check` lists them), rewrite each section marked rewrite: true and",
    "#   delete the flag, then delete rollForward and this note once the release is complete.",
  ].join("\n");
  const lines = input.sourceText.split("\n");
  let offset = 0;
  let noticeStart = -1;
  let noticeEnd = -1;
  let afterSchema = 0;
  for (const [index, line] of lines.entries()) {
    if (index === 0 && line.startsWith("# yaml-language-server:")) afterSchema = line.length + 1;
    if (line.startsWith("# Rolled forward from ")) noticeStart = offset;
    else if (noticeStart >= 0 && noticeEnd < 0 && !line.startsWith("#   ")) noticeEnd = offset;
    offset += line.length + 1;
    if (!line.startsWith("#")) break;
  }
  if (noticeStart >= 0) edit.replace(noticeStart, noticeEnd < 0 ? noticeStart : noticeEnd, `${notice}\n`);
  else edit.insert(afterSchema, `${notice}\n`);
}

function columnOperands(column: ResolvedColumn): string[] {
  const rule = column.rule as { kind: string; of?: string; from?: string; column?: string; columns?: readonly string[] } | undefined;
  if (!rule) return [];
  if (rule.columns) return [...rule.columns];
  return [rule.of, rule.from, rule.column].filter((operand): operand is string => operand !== undefined);
}

function endsWithCurrent(plan: PeriodPlan, id: string): boolean {
  return endOf(plan.periods.get(id)!) === endOf(plan.periods.get(plan.current)!);
}
