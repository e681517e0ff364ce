/**
 * Cross-footing: results built from other totals or by subtraction hold, down the statement of
 * operations from revenues through gross profit and the operating result to net income (and
 * total assets from its subtotals); computed amount lines with stated values are recomputed.
 */
import { sumTerms } from "../finance/formula.js";
import { type CheckContext, Decimal, describePeriod, formatApprox, formatExact, formatRounded, judgeRounded, result } from "./context.js";
import { checkSumAt, isFootingRow } from "./footing.js";
import { listComputedRows } from "./stated-rows.js";
import type { CheckResult } from "./types.js";

/** Runs cross-footing on every total that is not a plain column footing, and on computed amounts. */
export function checkCrossFooting(context: CheckContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const row of listComputedRows(context)) {
    const isSum = sumTerms(row.formula) !== null;
    // Percentage points and per-share amounts that add up are cross-footed; their ratios are the percentages and per-share checks'.
    if (isFootingRow(context, row) || ((row.kind === "percent" || row.kind === "perShare") && !isSum)) continue;
    if (row.formulaKey === "formula" && row.formula.op === "ref") continue; // a repeated figure: cross-statement
    for (const [period, stated] of row.stated) {
      if (isSum) {
        results.push(checkSumAt(context, "cross-footing", row, period));
        continue;
      }
      const subject = `${row.label}, ${describePeriod(context, period)}`;
      const computed = row.compute(period);
      const statedText = formatExact(stated, row.displayAt(period));
      if (!computed) {
        results.push(
          result(context, "cross-footing", {
            status: "fail",
            subject,
            text: `the formula ${row.formulaSource} has no value for this period, so ${statedText} cannot be tied out`,
            path: row.valuePath(period),
          }),
        );
        continue;
      }
      const display = row.displayAt(period);
      const unit = new Decimal(10).pow(display.scale);
      const verdict = judgeRounded(context, { stated, display, computed, range: row.range(period, true), inputs: `the inputs of ${row.formulaSource}`, tolerance: row.tolerance });
      const status = verdict.status;
      const differenceText = formatExact(verdict.difference.times(unit), display);
      const lead = `${row.formulaSource} = ${formatApprox(computed.value, display)}, which rounds to ${formatRounded(context, computed, display)}`;
      results.push(
        result(context, "cross-footing", {
          status,
          subject,
          text: status === "pass" ? `${lead}, as stated` : `${lead}, but the line is ${statedText}: ${verdict.clause}`,
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
