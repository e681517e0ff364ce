/**
 * Year to date: where the data has the earlier quarters of the year (in this file or in the
 * earlier quarter files given beside it), the quarters add up to the year-to-date figure.
 */
import type { LoadedRelease } from "../data/load.js";
import type { PeriodData } from "../data/schema.js";
import type { FactValue } from "../finance/facts.js";
import { figuresModeOf } from "../finance/display.js";
import { formulaReferences } from "../finance/formula.js";
import { addIntervals, type Interval } from "../finance/intervals.js";
import { type CheckContext, Decimal, describePeriod, displayOf, formatExact, judgeRounded, result, tableOf, toleranceOf, valuePath } from "./context.js";
import type { CheckResult } from "./types.js";

/** A duration as a range of months or days: (start, end]. */
interface Span {
  readonly unit: "months" | "days";
  readonly start: number;
  readonly end: number;
}

/** A piece of a tiling: a period of this release or of an earlier quarter file. */
interface Piece {
  readonly period: string;
  readonly release: LoadedRelease;
  readonly span: Span;
}

function spanOf(period: PeriodData): Span | undefined {
  if ("instant" in period) return undefined;
  const [year, month, day] = period.end.split("-").map(Number) as [number, number, number];
  if ("months" in period) return { unit: "months", start: year * 12 + month - period.months, end: year * 12 + month };
  const end = Date.UTC(year, month - 1, day) / 86_400_000;
  return { unit: "days", start: end - period.weeks * 7, end };
}

/** Shorter periods that cover `target` end to end, or undefined. */
function findTiling(target: Span, pieces: readonly Piece[]): Piece[] | undefined {
  const candidates = pieces.filter((piece) => piece.span.unit === target.unit && piece.span.end - piece.span.start < target.end - target.start);
  const search = (end: number, chosen: Piece[]): Piece[] | undefined => {
    if (end === target.start) return chosen;
    for (const piece of candidates.filter((candidate) => candidate.span.end === end && candidate.span.start >= target.start).sort((a, b) => a.span.start - b.span.start)) {
      const found = search(piece.span.start, [piece, ...chosen]);
      if (found) return found;
    }
    return undefined;
  };
  return search(target.end, []);
}

/** Runs the year-to-date check on every stated amount of a period longer than its parts. */
export function checkYearToDate(context: CheckContext): CheckResult[] {
  const { release } = context;
  const siblings = (context.options.siblings ?? []).filter((other) => other !== release && other.companyId === release.companyId);
  const pieces: Piece[] = [];
  for (const source of [release, ...siblings]) {
    for (const [period, definition] of Object.entries(source.quarter.periods)) {
      const span = spanOf(definition);
      if (!span) continue;
      // One piece per span: this file's own figures first, then the earlier files'.
      if (!pieces.some((piece) => piece.span.unit === span.unit && piece.span.start === span.start && piece.span.end === span.end)) pieces.push({ period, release: source, span });
    }
  }
  const results: CheckResult[] = [];
  let tiled = 0;
  for (const [period, definition] of Object.entries(release.quarter.periods)) {
    const span = spanOf(definition);
    if (!span) continue;
    const tiling = findTiling(span, pieces);
    if (!tiling) continue;
    tiled++;
    for (const line of release.facts.lines.values()) {
      if (line.kind !== "amount" || !line.stated.has(period) || isBalance(context, line.id)) continue;
      const values = tiling.map((piece) => ({ piece, value: piece.release.facts.value(line.id, piece.period) }));
      if (values.some((entry) => !entry.value)) continue; // the line is not in every quarter
      const display = displayOf(context, line.id, period);
      const tolerance = toleranceOf(context, line.id);
      const stated = line.stated.get(period)!;
      const sum = values.reduce((total, entry) => total.plus((entry.value as FactValue).value), new Decimal(0));
      const unit = new Decimal(10).pow(display.scale);
      // Quarters printed in a rounded table may miss the year by their rounding; a footed one may not.
      const table = tableOf(context, line)?.table;
      const footed = table ? figuresModeOf(table, release.company.figures) === "footed" : true;
      const zero = new Decimal(0);
      let range: Interval | "any" = { low: zero, high: zero };
      for (const { piece } of values) {
        const interval = piece.release.facts.interval(line.id, piece.period, !footed) ?? { low: zero, high: zero };
        range = range === "any" || interval === "any" ? "any" : addIntervals(range, interval);
      }
      const verdict = judgeRounded(context, { stated, display, computed: { value: sum, exact: true }, range, inputs: `the year and ${values.length} periods`, tolerance, footed });
      const status = verdict.status;
      const differenceText = formatExact(verdict.difference.times(unit), display);
      const parts = values.map(({ piece, value }) => `${formatExact(value!.value, display)} (${describeIn(context, piece)})`).join(" + ");
      const text =
        status === "pass"
          ? `the periods add up to ${formatExact(sum, display)}: ${parts}, as stated`
          : `the periods add up to ${formatExact(sum, display)} but the line is ${formatExact(stated, display)}: ${verdict.clause}; ${parts}`;
      results.push(
        result(context, "year-to-date", {
          status,
          subject: `${line.label}, ${describePeriod(context, period)}`,
          text,
          figures: [
            ...values.map(({ piece, value }) => ({ label: `${line.label}, ${describeIn(context, piece)}`, value: formatExact(value!.value, display), line: line.id, period: piece.period })),
            { label: line.label, value: formatExact(stated, display), line: line.id, period },
          ],
          difference: differenceText,
          tolerance: String(tolerance),
          path: valuePath(context, line.id, period),
        }),
      );
    }
  }
  // Only a file with a year-to-date period (longer than its shortest one) has something it could add up.
  const lengths = Object.values(release.quarter.periods)
    .map(spanOf)
    .filter((span): span is Span => span !== undefined)
    .map((span) => span.end - span.start);
  const hasLonger = lengths.some((length) => length >= 1.5 * Math.min(...lengths)); // a 14-week quarter beside a 13-week one is no year to date
  if (tiled === 0 && hasLonger) {
    results.push(
      result(context, "year-to-date", {
        status: "note",
        subject: "Year to date",
        text: "no period of the data is made of shorter periods it also has (earlier quarters of the year), so there is nothing to add up; give the earlier quarter files beside this one to check it",
        path: ["periods"],
      }),
    );
  }
  return results;
}

function describeIn(context: CheckContext, piece: Piece): string {
  const own = describePeriod({ ...context, release: piece.release }, piece.period);
  return piece.release === context.release ? own : `${own}, ${piece.release.file}`;
}

/** A balance (read at an instant, or computed from one: cash at the end of a period) does not add up over quarters. */
function isBalance(context: CheckContext, id: string, seen = new Set<string>()): boolean {
  const line = context.release.facts.lines.get(id);
  if (!line || seen.has(id)) return false;
  seen.add(id);
  if (line.at !== undefined) return true;
  return line.formula !== undefined && formulaReferences(line.formula).some((ref) => isBalance(context, ref, seen));
}
