/**
 * Cross-statement: a figure shown twice has one value. In the data: rows that repeat another
 * line (`formula: totalRevenues` with their own values, e.g. highlights in millions) and the
 * declared `tieOut.equal` pairs. In the composed document: every figure in a table cell or a
 * narrative `{{...}}` reference reads as the fact book's value, rounded as printed.
 */
import { unitScale } from "../data/schema.js";
import { roundTo } from "../finance/decimal.js";
import type { ReleaseDocument } from "../model/document.js";
import { type CheckContext, Decimal, describePeriod, differenceClause, formatExact, formatRounded, judge, judgeRounded, result } from "./context.js";
import { type DocumentFigure, listDocumentFigures } from "./document-figures.js";
import { checkRelations } from "./relations.js";
import { listComputedRows } from "./stated-rows.js";
import type { CheckResult } from "./types.js";

/** Runs the cross-statement check on the data and, when given, the composed document. */
export function checkCrossStatement(context: CheckContext): CheckResult[] {
  const results = [...checkRepeatedRows(context), ...checkRelations(context, "cross-statement", context.release.quarter.tieOut?.equal ?? [], ["tieOut", "equal"], false)];
  if (context.document) results.push(...checkDocument(context, context.document));
  return results;
}

function checkRepeatedRows(context: CheckContext): CheckResult[] {
  const { facts } = context.release;
  const results: CheckResult[] = [];
  for (const row of listComputedRows(context)) {
    if (row.formulaKey !== "formula" || row.formula.op !== "ref") continue;
    const source = facts.lines.get(row.formula.id);
    for (const [period, stated] of row.stated) {
      const subject = `${row.label}, ${describePeriod(context, period)}`;
      const path = row.valuePath(period);
      const display = row.displayAt(period);
      const statedText = formatExact(stated, display);
      const value = row.compute(period);
      if (!value) {
        results.push(
          result(context, "cross-statement", {
            status: "fail",
            subject,
            text: `${source?.label ?? row.formula.id} has no value for this period, so ${statedText} cannot be tied to it`,
            path,
          }),
        );
        continue;
      }
      const unit = new Decimal(10).pow(display.scale);
      const verdict = judgeRounded(context, { stated, display, computed: value, range: row.range(period, true), inputs: "the two figures", tolerance: row.tolerance });
      const status = verdict.status;
      const differenceText = formatExact(verdict.difference.times(unit), display);
      const lead = `${source?.label ?? row.formula.id} rounds to ${formatRounded(context, value, display)}`;
      results.push(
        result(context, "cross-statement", {
          status,
          subject,
          text: status === "pass" ? `${lead}, as stated` : `${lead} but the line is ${statedText}: ${verdict.clause}`,
          figures: [
            { label: row.label, value: statedText, period },
            { label: source?.label ?? row.formula.id, value: formatRounded(context, value, display), line: row.formula.id, period },
          ],
          difference: differenceText,
          tolerance: String(row.tolerance),
          path,
        }),
      );
    }
  }
  return results;
}

/** A printed figure read back: its value in display units, the power of ten, decimals, sign. */
interface ReadFigure {
  readonly value: Decimal;
  readonly scale: number;
  readonly decimals: number;
  /** False when the text shows no sign (an `abs=true` narrative amount). */
  readonly signed: boolean;
}

const unitWords: Record<string, number> = { thousand: 3, million: 6, billion: 9 };
const figurePattern = /^(\()?(-)?\$?(\()?(\d[\d,]*(?:\.\d+)?)\)?\s*(thousand|million|billion)?(%)?\)?$/;

/** Reads "$16.0 million", "($0.04)", "31%", "(3,195)"; undefined for words. */
export function readFigure(text: string, defaultScale: number): ReadFigure | undefined {
  const match = figurePattern.exec(text.trim());
  if (!match) return undefined;
  const [, open, minus, innerOpen, digits, unit, percent] = match;
  const negative = Boolean(open || minus || innerOpen);
  const plain = digits!.replace(/,/g, "");
  const value = new Decimal(plain);
  return { value: negative ? value.neg() : value, scale: percent ? -2 : unit ? unitWords[unit]! : defaultScale, decimals: plain.split(".")[1]?.length ?? 0, signed: negative };
}

function checkDocument(context: CheckContext, document: ReleaseDocument): CheckResult[] {
  const { facts, quarter } = context.release;
  const results: CheckResult[] = [];
  const passed = new Map<string, Tally>();
  for (const figure of listDocumentFigures(document)) {
    if (!figure.fact) continue;
    const line = facts.lines.get(figure.fact.line);
    // A balance shown in a column of durations (`at: end`) is the instant that ends the period.
    const instant = facts.instantAtEnd(figure.fact.period);
    const value = facts.value(figure.fact.line, figure.fact.period) ?? (instant ? facts.value(figure.fact.line, instant) : undefined);
    const where = figure.source === "table" ? `the table "${figure.container}"` : `the section "${figure.container}"`;
    const subject = `${line?.label ?? figure.fact.line}, ${describePeriod(context, figure.fact.period)}, in ${where}`;
    if (!value || !line) {
      results.push(result(context, "cross-statement", { status: "fail", subject, text: `the document shows ${figure.text} but the data has no such figure`, path: figure.place }));
      continue;
    }
    const table = figure.source === "table" ? quarter.tables.find((candidate) => candidate.id === figure.container) : undefined;
    const cellDisplay = figure.cell?.type === "number" ? figure.cell.display : undefined;
    const tableScale = cellDisplay?.scale ?? (line.kind === "perShare" ? 0 : table ? unitScale[table.unit] : 0);
    if (figure.cell?.type === "number" && figure.cell.digits === "-") {
      if (!value.value.eq(0))
        results.push(
          result(context, "cross-statement", {
            status: "fail",
            subject,
            text: `the document shows a dash (nil) but the figure is ${formatExact(value.value, { scale: tableScale, decimals: 0 })}`,
            path: figure.place,
          }),
        );
      else tally(passed, figure);
      continue;
    }
    const read = readFigure(figure.text, cellDisplay ? cellDisplay.scale : line.kind === "percent" ? -2 : tableScale);
    if (!read) continue; // words or marks ("n/m"), not a figure
    const exactScaled = value.value.times(new Decimal(10).pow(-read.scale));
    const expected = roundTo(exactScaled, read.decimals, context.rounding, value.exact);
    const matches = expected.eq(read.value) || (!read.signed && figure.source === "narrative" && expected.abs().eq(read.value));
    if (matches) {
      tally(passed, figure);
      continue;
    }
    const display = { scale: read.scale, decimals: read.decimals };
    const difference = expected.minus(read.value).abs();
    const status = judge(difference, 0);
    results.push(
      result(context, "cross-statement", {
        status,
        subject,
        text: `the document shows ${figure.text} but the data gives ${formatRounded(context, value, display)} ${differenceClause(difference.toFixed(read.decimals), 0, status)}`,
        figures: [
          { label: `${line.label} (document)`, value: figure.text, line: line.id, period: figure.fact.period },
          { label: `${line.label} (data)`, value: formatRounded(context, value, display), line: line.id, period: figure.fact.period },
        ],
        difference: difference.toFixed(read.decimals),
        tolerance: "0",
        path: figure.place,
      }),
    );
  }
  for (const [container, entry] of passed) {
    const what = entry.source === "table" ? `the table "${container}"` : `the section "${container}"`;
    results.push(
      result(context, "cross-statement", {
        status: "pass",
        subject: `Figures in ${what}`,
        text: `${entry.count} figure${entry.count === 1 ? "" : "s"} read as the data states them`,
        path: entry.path,
      }),
    );
  }
  return results;
}

/** The figures of one section or table that read as the data states them. */
interface Tally {
  count: number;
  readonly path: DocumentFigure["containerPlace"];
  readonly source: DocumentFigure["source"];
}

function tally(passed: Map<string, Tally>, figure: DocumentFigure): void {
  const entry = passed.get(figure.container);
  if (entry) entry.count++;
  else passed.set(figure.container, { count: 1, path: figure.containerPlace, source: figure.source });
}
