/**
 * Cross-footing: results built from other totals or by subtraction hold, down the statement of
 * operations from revenues through gross profit and the operating result to net income (and
 * total assets from its subtotals); computed amount lines with stated values are recomputed.
 */
import { sumTerms } from "../finance/formula.js";
import { type CheckContext, Decimal, describePeriod, differenceClause, formatApprox, formatExact, formatRounded, judge, result, roundDisplayed } from "./context.js";
import { checkSumAt, isFootingRow } from "./footing.js";
import { listComputedRows } from "./stated-rows.js";
import type { CheckResult } from "./types.js";

/** Runs cross-footing on every total that is not a plain column footing, and on computed amounts. */
export function checkCrossFooting(context: CheckContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const row of listComputedRows(context)) {
    if (isFootingRow(context, row) || row.kind === "percent" || row.kind === "perShare") continue;
    if (row.formulaKey === "formula" && row.formula.op === "ref") continue; // a repeated figure: cross-statement
    const isSum = sumTerms(row.formula) !== null;
    for (const [period, stated] of row.stated) {
      if (isSum) {
        results.push(checkSumAt(context, "cross-footing", row, period));
        continue;
      }
      const subject = `${row.label}, ${describePeriod(context, period)}`;
      const computed = row.compute(period);
      const statedText = formatExact(stated, row.display);
      if (!computed) {
        results.push(result(context, "cross-footing", { status: "fail", subject, text: `the formula ${row.formulaSource} has no value for this period, so ${statedText} cannot be tied out`, path: row.valuePath(period) }));
        continue;
      }
      const unit = new Decimal(10).pow(row.display.scale);
      const difference = roundDisplayed(context, computed, row.display).minus(stated.div(unit)).abs();
      const status = judge(difference, row.tolerance);
      const differenceText = formatExact(difference.times(unit), row.display);
      const lead = `${row.formulaSource} = ${formatApprox(computed.value, row.display)}, which rounds to ${formatRounded(context, computed, row.display)}`;
      results.push(
        result(context, "cross-footing", {
          status,
          subject,
          text: status === "pass" ? `${lead}, as stated` : `${lead}, but the line is ${statedText} ${differenceClause(differenceText, row.tolerance, status)}`,
          figures: [{ label: row.label, value: statedText, ...(row.id ? { line: row.id } : {}), period }],
          difference: differenceText,
          tolerance: String(row.tolerance),
          path: row.valuePath(period),
        }),
      );
    }
  }
  return results;
}
