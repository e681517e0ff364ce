/**
 * Footing: the items of a column add up to their declared total (revenues, operating expenses,
 * current assets ...), at every period the total is stated.
 */
import { type FactValue } from "../finance/facts.js";
import { sumTerms } from "../finance/formula.js";
import { addIntervals, type Interval, point, subtractIntervals } from "../finance/intervals.js";
import { type CheckContext, countWords, Decimal, describePeriod, formatExact, formatRounded, judgeRounded, result, roundDisplayed } from "./context.js";
import { type ComputedRow, listComputedRows } from "./stated-rows.js";
import type { CheckName, CheckResult } from "./types.js";

/** A total of item lines only, every one added: a column that foots. */
export function isFootingRow(context: CheckContext, row: ComputedRow): boolean {
  if (row.formulaKey !== "total") return false;
  const terms = sumTerms(row.formula);
  return terms !== null && terms.every((term) => term.sign === 1 && context.release.facts.lines.get(term.id)?.formulaKey !== "total");
}

/** Runs the footing check on every declared total of items. */
export function checkFooting(context: CheckContext): CheckResult[] {
  return listComputedRows(context)
    .filter((row) => isFootingRow(context, row))
    .flatMap((row) => [...row.stated.keys()].map((period) => checkSumAt(context, "footing", row, period)));
}

/**
 * Checks one total at one period: the exact sum of its terms, rounded as printed, against the
 * stated figure. Footing words it as "the components sum to"; cross-footing spells the terms out.
 */
export function checkSumAt(context: CheckContext, check: CheckName, row: ComputedRow, period: string): CheckResult {
  const { facts } = context.release;
  const subject = `${row.label}, ${describePeriod(context, period)}`;
  const stated = row.stated.get(period)!;
  const terms = sumTerms(row.formula)!;
  const statedText = formatExact(stated, row.displayAt(period));
  const path = row.valuePath(period);
  // A blank cell of a stated line is nil in a total (a reconciling item present in one period only),
  // unless the period is still to fill after a roll forward.
  const toFill = context.release.quarter.rollForward?.fill.includes(facts.keyPeriods.get(period) ?? period) ?? false;
  const blankIsNil = (id: string) => {
    const line = facts.lines.get(id);
    return !toFill && line !== undefined && !line.formula && !line.perShare && !line.cellFormulas.has(period) && line.stated.size > 0;
  };
  const zero: FactValue = { value: new Decimal(0), exact: true };
  const values = terms.map((term) => ({ term, value: facts.value(term.id, period) ?? (blankIsNil(term.id) ? zero : undefined) }));
  const missing = values.filter((entry) => !entry.value).map((entry) => facts.lines.get(entry.term.id)?.label ?? entry.term.id);
  if (missing.length > 0) {
    return result(context, check, {
      status: "fail",
      subject,
      text: `${missing.join(", ")} ${missing.length > 1 ? "have" : "has"} no value for this period, so the total ${statedText} cannot be tied out`,
      path,
    });
  }
  let sum = new Decimal(0);
  let exact = true;
  for (const { term, value } of values) {
    sum = term.sign === 1 ? sum.plus(value!.value) : sum.minus(value!.value);
    exact &&= value!.exact;
  }
  const computed: FactValue = { value: sum, exact };
  const display = row.displayAt(period);
  const verdict = judgeRounded(context, {
    stated,
    display,
    computed,
    range: row.footed ? undefined : sumRange(context, terms, period),
    inputs: `a total and ${countWords(terms.length, "term")}`,
    tolerance: row.tolerance,
    footed: row.footed,
  });
  const status = verdict.status;
  const differenceText = formatExact(verdict.difference.times(new Decimal(10).pow(display.scale)), display);
  const sumText = formatRounded(context, computed, display);
  const exactNote = roundDisplayed(context, computed, display).eq(sum.times(new Decimal(10).pow(-display.scale))) ? "" : ` (exactly ${formatExact(sum, display)})`;
  const figures = [
    ...values.map(({ term, value }) => ({
      label: facts.lines.get(term.id)?.label ?? term.id,
      value: formatExact(value!.value, facts.display(term.id, period) ?? display),
      line: term.id,
      period,
    })),
    { label: row.label, value: statedText, ...(row.id ? { line: row.id } : {}), period },
  ];
  const lead =
    check === "footing"
      ? `the components sum to ${sumText}${exactNote}`
      : `${values.map(({ term, value }, index) => `${index === 0 ? (term.sign === 1 ? "" : "- ") : term.sign === 1 ? "+ " : "- "}${facts.lines.get(term.id)?.label ?? term.id} ${formatExact(value!.value, facts.display(term.id, period) ?? display)}`).join(" ")} = ${sumText}${exactNote}`;
  const text = status === "pass" ? `${lead}, as stated` : `${lead} but the ${check === "footing" ? "total" : "line"} is ${statedText}: ${verdict.clause}`;
  return result(context, check, { status, subject, text, figures, difference: differenceText, tolerance: String(row.tolerance), path });
}

/** The values a sum may take when each stated term is anywhere in its rounding interval (a blank term is nil). */
function sumRange(context: CheckContext, terms: readonly { id: string; sign: 1 | -1 }[], period: string): Interval | "any" | undefined {
  let range: Interval = point(new Decimal(0));
  for (const term of terms) {
    const interval = context.release.facts.interval(term.id, period, true) ?? point(new Decimal(0));
    if (interval === "any") return "any";
    range = term.sign === 1 ? addIntervals(range, interval) : subtractIntervals(range, interval);
  }
  return range;
}
