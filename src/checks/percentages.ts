/**
 * Percentages: margins and percentages stated in the data (gross profit % ...) equal the ones
 * computed from their formula, rounded as printed.
 */
import { type CheckContext, describePeriod, formatApprox, formatExact, formatRounded, judgeRounded, result } from "./context.js";
import { sumTerms } from "../finance/formula.js";
import { listComputedRows } from "./stated-rows.js";
import type { CheckResult } from "./types.js";

/** Runs the percentage check on every percent row with a formula and stated values. */
export function checkPercentages(context: CheckContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const row of listComputedRows(context)) {
    if (row.kind !== "percent" || row.formula.op === "ref") continue; // a repeated figure: cross-statement
    if (sumTerms(row.formula) !== null) continue; // percentage points that add up: footing and cross-footing
    for (const [period, stated] of row.stated) {
      const subject = `${row.label}, ${describePeriod(context, period)}`;
      const path = row.valuePath(period);
      const display = row.displayAt(period);
      const statedText = `${formatExact(stated, display)}%`;
      const computed = row.compute(period);
      if (!computed) {
        results.push(result(context, "percentages", { status: "fail", subject, text: `${row.formulaSource} has no value for this period, so ${statedText} cannot be checked`, path }));
        continue;
      }
      const verdict = judgeRounded(context, { stated, display, computed, range: row.range(period, true), inputs: `the figures of ${row.formulaSource}` });
      const difference = verdict.difference;
      const lead = `${row.formulaSource} = ${formatApprox(computed.value, { scale: -2, decimals: display.decimals + 2 })}%, which rounds to ${formatRounded(context, computed, display)}%`;
      const status = verdict.status;
      results.push(
        result(context, "percentages", {
          status,
          subject,
          text: status === "pass" ? `${lead}, as stated` : `${lead}, but the line is ${statedText}: ${verdict.clause}`,
          figures: [{ label: row.label, value: statedText, ...(row.id ? { line: row.id } : {}), period }],
          difference: difference.toString(),
          tolerance: "0",
          path,
        }),
      );
    }
  }
  return results;
}
