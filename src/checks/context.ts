/**
 * What every check needs: period names, figures printed in their table's unit, tolerances, and
 * the place of a data path as `file:line`.
 */
import type { DataPath } from "../data/issues.js";
import { formatDataPath } from "../data/issues.js";
import type { LoadedRelease } from "../data/load.js";
import type { TableData } from "../data/schema.js";
import { formatShortDate, numberInWords } from "../compose/dates.js";
import { Decimal, powerOfTen, type RoundingPolicy, roundTo } from "../finance/decimal.js";
import { defaultDecimals, halfUnit, scaleOf } from "../finance/display.js";
import { type Interval, intersects } from "../finance/intervals.js";
import { resolveColumns, statedColumns } from "../finance/columns.js";
import type { FactValue, LineDefinition } from "../finance/facts.js";
import { groupThousands } from "../finance/format.js";
import type { ReleaseDocument, SourcePlace } from "../model/document.js";
import type { CheckFigure, CheckName, CheckOptions, CheckResult, CheckStatus } from "./types.js";

/** How a line's figures are shown: power of ten and decimals. */
export interface Display {
  readonly scale: number;
  readonly decimals: number;
}

/** The shared view of one release for the checks. */
export interface CheckContext {
  readonly release: LoadedRelease;
  readonly document?: ReleaseDocument;
  readonly options: CheckOptions;
  readonly rounding: RoundingPolicy;
}

/** Creates the context of one run. */
export function createCheckContext(release: LoadedRelease, document: ReleaseDocument | undefined, options: CheckOptions): CheckContext {
  return { release, document, options, rounding: release.company.rounding ?? "half-up" };
}

/**
 * "three months ended Sept. 30, 2003", "Sept. 30, 2003" for an instant; a column with its own
 * fact key adds it: "three months ended Sept. 30, 2003 (adjustments)".
 */
export function describePeriod(context: CheckContext, key: string): string {
  const period = context.release.facts.keyPeriods.get(key) ?? key;
  const definition = context.release.quarter.periods[period];
  if (!definition) return key;
  const suffix = period === key ? "" : ` (${key})`;
  if ("instant" in definition) return `${formatShortDate(definition.instant)}${suffix}`;
  const count = "months" in definition ? definition.months : definition.weeks;
  const noun = "months" in definition ? "month" : "week";
  return `${numberInWords(count).toLowerCase()} ${noun}${count === 1 ? "" : "s"} ended ${formatShortDate(definition.end)}${suffix}`;
}

/** The table a line is stated in. */
export function tableOf(context: CheckContext, line: LineDefinition): { table: TableData; index: number } | undefined {
  if (line.table === undefined) return undefined;
  const index = context.release.quarter.tables.findIndex((table) => table.id === line.table);
  return index < 0 ? undefined : { table: context.release.quarter.tables[index]!, index };
}

/** How a line's figures are printed: at a key where it is stated, else as its first stated cell, else by its kind. */
export function displayOf(context: CheckContext, id: string, key?: string): Display {
  const line = context.release.facts.lines.get(id);
  if (!line) return { scale: 0, decimals: 0 };
  const stated = (key !== undefined ? line.displays.get(key) : undefined) ?? line.displays.values().next().value;
  if (stated) return stated;
  if (line.nonGaap) return displayOf(context, line.nonGaap.gaap, key);
  const table = tableOf(context, line)?.table;
  const unit = table?.unit ?? (line.scale >= 9 ? "billions" : line.scale >= 6 ? "millions" : line.scale >= 3 ? "thousands" : "units");
  return { scale: scaleOf(line.kind, unit), decimals: defaultDecimals(line.kind, unit, table?.decimals) };
}

/** Declared tolerance of a line, in units of its table (table, then company, then 0). */
export function toleranceOf(context: CheckContext, id: string): number {
  const line = context.release.facts.lines.get(id);
  if (!line || line.kind === "perShare" || line.kind === "percent") return 0;
  return (line && tableOf(context, line)?.table.tolerance) ?? context.release.company.tolerance ?? 0;
}

/** A figure scaled to its unit, exact: 16009000 at scale 3 -> "16,009"; negatives in parentheses. */
export function formatExact(value: Decimal, display: Display): string {
  const scaled = value.times(powerOfTen(-display.scale));
  const text = scaled.abs().toFixed(Math.max(display.decimals, decimalsOf(scaled)));
  return wrapSign(text, scaled.lt(0));
}

/** A figure rounded as the release prints it: 0.04434 per share -> "(0.04)". */
export function formatRounded(context: CheckContext, value: FactValue, display: Display): string {
  const rounded = roundDisplayed(context, value, display);
  return wrapSign(rounded.abs().toFixed(display.decimals), rounded.lt(0));
}

/** The printed value (in display units) of an exact one. */
export function roundDisplayed(context: CheckContext, value: FactValue, display: Display): Decimal {
  return roundTo(value.value.times(powerOfTen(-display.scale)), display.decimals, context.rounding, value.exact);
}

/** Limits an exact quotient to a readable number of decimals (4 past the display). */
export function formatApprox(value: Decimal, display: Display): string {
  const scaled = value.times(powerOfTen(-display.scale));
  const decimals = Math.min(decimalsOf(scaled), display.decimals + 2);
  return wrapSign(scaled.abs().toFixed(decimals, 0), scaled.lt(0));
}

function decimalsOf(value: Decimal): number {
  return Math.max(0, value.c.length - value.e - 1);
}

function wrapSign(text: string, negative: boolean): string {
  const [integer = "0", fraction] = text.split(".");
  const grouped = fraction === undefined ? groupThousands(integer) : `${groupThousands(integer)}.${fraction}`;
  return negative ? `(${grouped})` : grouped;
}

/**
 * File, line and readable path of a place: a composed node's `place`, or a path in the quarter
 * file (in the company file when it starts with "company").
 */
export function placeOf(context: CheckContext, where: DataPath | SourcePlace): { file: string; line: number; path: string } {
  const { release } = context;
  const place: SourcePlace = isSourcePlace(where) ? where : where[0] === "company" ? { file: "company", path: where.slice(1) } : { file: "quarter", path: where };
  if (place.file === "company") return { file: release.companyFile, line: release.locateCompany(place.path).line, path: formatDataPath(place.path) };
  return { file: release.file, line: release.locate(place.path).line, path: formatDataPath(place.path, release.quarter) };
}

function isSourcePlace(where: DataPath | SourcePlace): where is SourcePlace {
  return !Array.isArray(where);
}

/** Path of a line's stated value at a fact key (the row's `values[i]`), or of the row. */
export function valuePath(context: CheckContext, id: string, period: string): DataPath {
  const line = context.release.facts.lines.get(id);
  if (!line) return [];
  const found = tableOf(context, line);
  const keys = found ? statedColumns(resolveColumns(found.table, context.release.quarter.periods, ["tables", found.index])).map((column) => column.key) : [];
  const column = keys.indexOf(period);
  if (line.stated.has(period) && column >= 0) return [...line.path, "values", column];
  if (line.path[0] === "facts" && line.stated.has(period)) return [...line.path, "values", period];
  return line.path;
}

/** Everything a result needs but the verdict; `result` completes the message with its place. */
export interface ResultDraft {
  readonly status: CheckStatus;
  readonly subject: string;
  /** The message after "<subject>: ", without the place. */
  readonly text: string;
  readonly figures?: readonly CheckFigure[];
  readonly difference?: string;
  readonly tolerance?: string;
  /** Where the result points: a path (see `placeOf`) or a composed node's place. */
  readonly path: DataPath | SourcePlace;
}

/** Builds a result: "<subject>: <text> at <file>:<line>". */
export function result(context: CheckContext, check: CheckName, draft: ResultDraft): CheckResult {
  const place = placeOf(context, draft.path);
  return {
    check,
    status: draft.status,
    subject: draft.subject,
    message: `${draft.subject}: ${draft.text} at ${place.file}:${place.line}`,
    figures: draft.figures ?? [],
    ...(draft.difference !== undefined ? { difference: draft.difference } : {}),
    ...(draft.tolerance !== undefined ? { tolerance: draft.tolerance } : {}),
    file: place.file,
    line: place.line,
    path: place.path,
  };
}

/**
 * Compares two figures in display units: pass when equal, a rounding note when the difference is
 * within the tolerance, fail beyond it.
 */
export function judge(difference: Decimal, tolerance: number): CheckStatus {
  if (difference.eq(0)) return "pass";
  return difference.lte(tolerance) ? "note" : "fail";
}

/** "(difference 1, tolerance 0)", or "(difference 1, within the tolerance of 2: rounding)". */
export function differenceClause(difference: string, tolerance: number, status: CheckStatus): string {
  return status === "note" ? `(difference ${difference}, within the tolerance of ${tolerance}: rounding)` : `(difference ${difference}, tolerance ${tolerance})`;
}

/** A verdict on a printed figure against a computation, with the words that explain it. */
export interface RoundingVerdict {
  readonly status: CheckStatus;
  /** Difference between the printed figure and the computation on the printed figures, in display units. */
  readonly difference: Decimal;
  /** The largest difference the rounding intervals allow, in display units (undefined when exact or unbounded). */
  readonly allowed?: Decimal;
  /** "differs by 2; a total and 21 terms, each rounded, allow up to 11: rounding", or "" when it passes. */
  readonly clause: string;
}

/**
 * Judges a printed figure by the intervals its inputs stand for: pass when it equals the
 * computation on the printed figures (rounded as printed); a rounding note when some unrounded
 * values inside the inputs' intervals make it hold; fail when none do. A declared tolerance is an
 * override (in display units). `inputs` names what was rounded ("a total and 21 terms").
 */
export function judgeRounded(
  context: CheckContext,
  args: {
    readonly stated: Decimal;
    readonly display: Display;
    readonly computed: FactValue;
    readonly range: Interval | "any" | undefined;
    readonly inputs: string;
    readonly tolerance?: number;
    readonly footed?: boolean;
  },
): RoundingVerdict {
  const { stated, display, computed, range } = args;
  const printed = stated.times(powerOfTen(-display.scale));
  const difference = roundDisplayed(context, computed, display).minus(printed).abs();
  if (difference.eq(0)) return { status: "pass", difference, clause: "" };
  const differs = `differs by ${trimDecimals(difference, display.decimals)}`;
  if (args.tolerance !== undefined && args.tolerance > 0) {
    const within = difference.lte(args.tolerance);
    return { status: within ? "note" : "fail", difference, clause: `${differs}; the declared tolerance is ${args.tolerance}: ${within ? "rounding" : "an error"}` };
  }
  if (range === "any") return { status: "note", difference, clause: `${differs}; a divisor that may be zero within its rounding allows any value: rounding` };
  const half = halfUnit(display);
  const own: Interval = { low: stated.minus(half), high: stated.plus(half) };
  const center = computed.value;
  const allowedBase =
    range === undefined ? half : (range.high.minus(center).abs().gt(range.low.minus(center).abs()) ? range.high.minus(center).abs() : range.low.minus(center).abs()).plus(half);
  const allowed = allowedBase.times(powerOfTen(-display.scale));
  const allowedText = trimDecimals(allowed, display.decimals + 2);
  if (args.footed) return { status: "fail", difference, clause: `${differs}; the table's figures are force-footed (figures: footed), so they must add exactly: an error` };
  if (range !== undefined && intersects(own, range)) return { status: "note", difference, allowed, clause: `${differs}; ${args.inputs}, each rounded, allow up to ${allowedText}: rounding` };
  return { status: "fail", difference, allowed, clause: `${differs}; ${args.inputs}, each rounded, allow less than ${allowedText}: an error` };
}

/** A decimal with at most `places` decimals, trailing zeros dropped: 0.0500 -> "0.05". */
export function trimDecimals(value: Decimal, places: number): string {
  const text = value.round(places, 0).toFixed(places);
  const trimmed = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  const [integer = "0", fraction] = trimmed.split(".");
  return fraction === undefined ? groupThousands(integer) : `${groupThousands(integer)}.${fraction}`;
}

/** "a total and 3 terms", "a figure and 2 inputs". */
export function countWords(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

export { Decimal };
