/**
 * Footing: the items of a column add up to their declared total (revenues, operating expenses,
 * current assets ...), at every period the total is stated.
 */
import { type FactValue } from "../finance/facts.js";
import { sumTerms } from "../finance/formula.js";
import { type CheckContext, Decimal, describePeriod, differenceClause, formatExact, formatRounded, judge, result, roundDisplayed } from "./context.js";
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
  const statedText = formatExact(stated, row.display);
  const path = row.valuePath(period);
  const values = terms.map((term) => ({ term, value: facts.value(term.id, period) }));
  const missing = values.filter((entry) => !entry.value).map((entry) => facts.lines.get(entry.term.id)?.label ?? entry.term.id);
  if (missing.length > 0) {
    return result(context, check, { status: "fail", subject, text: `${missing.join(", ")} ${missing.length > 1 ? "have" : "has"} no value for this period, so the total ${statedText} cannot be tied out`, path });
  }
  let sum = new Decimal(0);
  let exact = true;
  for (const { term, value } of values) {
    sum = term.sign === 1 ? sum.plus(value!.value) : sum.minus(value!.value);
    exact &&= value!.exact;
  }
  const computed: FactValue = { value: sum, exact };
  const rounded = roundDisplayed(context, computed, row.display);
  const statedScaled = stated.times(new Decimal(10).pow(-row.display.scale));
  const difference = rounded.minus(statedScaled).abs();
  const status = judge(difference, row.tolerance);
  const differenceText = formatExact(difference.times(new Decimal(10).pow(row.display.scale)), row.display);
  const sumText = formatRounded(context, computed, row.display);
  const exactNote = rounded.eq(sum.times(new Decimal(10).pow(-row.display.scale))) ? "" : ` (exactly ${formatExact(sum, row.display)})`;
  const figures = [
    ...values.map(({ term, value }) => ({ label: facts.lines.get(term.id)?.label ?? term.id, value: formatExact(value!.value, row.display), line: term.id, period })),
    { label: row.label, value: statedText, ...(row.id ? { line: row.id } : {}), period },
  ];
  const lead =
    check === "footing"
      ? `the components sum to ${sumText}${exactNote}`
      : `${values.map(({ term, value }, index) => `${index === 0 ? (term.sign === 1 ? "" : "- ") : term.sign === 1 ? "+ " : "- "}${facts.lines.get(term.id)?.label ?? term.id} ${formatExact(value!.value, row.display)}`).join(" ")} = ${sumText}${exactNote}`;
  const text = status === "pass" ? `${lead}, as stated` : `${lead} but the ${check === "footing" ? "total" : "line"} is ${statedText} ${differenceClause(differenceText, row.tolerance, status)}`;
  return result(context, check, { status, subject, text, figures, difference: differenceText, tolerance: String(row.tolerance), path });
}
