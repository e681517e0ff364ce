/**
 * Per share: net income / weighted shares rounds to the stated figure, basic and diluted. In a
 * loss period potential shares are anti-dilutive: diluted per-share uses basic shares, and the
 * diluted share count must equal the basic one; in an income period it may not be below it.
 */
import { roundTo } from "../finance/decimal.js";
import { divide } from "../finance/decimal.js";
import { divideIntervals } from "../finance/intervals.js";
import { type CheckContext, describePeriod, displayOf, formatApprox, formatExact, judgeRounded, result, valuePath } from "./context.js";
import type { CheckResult } from "./types.js";

/** A key of a computed column (a printed change or % change of per-share figures is checked as a column). */
function isComputedColumnKey(context: CheckContext, key: string): boolean {
  for (const columns of context.release.facts.tableColumns.values()) if (columns.some((column) => column.key === key && column.rule)) return true;
  return false;
}

/** Runs the per-share check on every line with a perShare rule and stated values. */
export function checkPerShare(context: CheckContext): CheckResult[] {
  const { facts } = context.release;
  const results: CheckResult[] = [];
  for (const line of facts.lines.values()) {
    const rule = line.perShare;
    if (!rule || line.stated.size === 0) continue;
    const label = (id: string) => facts.lines.get(id)?.label ?? id;
    for (const [period, stated] of line.stated) {
      // Income / shares holds where the cell is the period's per-share figure, not in a change or % column.
      if (context.release.facts.display(line.id, period)?.kind !== "perShare" && line.displays.has(period)) continue;
      if (isComputedColumnKey(context, period)) continue;
      const subject = `${line.label}, ${describePeriod(context, period)}`;
      const path = valuePath(context, line.id, period);
      const income = facts.value(rule.income, period);
      const basic = facts.value(rule.basicShares, period);
      const diluted = rule.dilutedShares ? facts.value(rule.dilutedShares, period) : undefined;
      const statedText = formatExact(stated, { scale: 0, decimals: 2 });
      if (!income || !basic || (rule.dilutedShares && !diluted)) {
        const missing = [!income && rule.income, !basic && rule.basicShares, rule.dilutedShares && !diluted && rule.dilutedShares].filter((id): id is string => typeof id === "string");
        results.push(
          result(context, "per-share", {
            status: "fail",
            subject,
            text: `${missing.map(label).join(", ")} ${missing.length > 1 ? "have" : "has"} no value for this period, so ${statedText} cannot be tied out`,
            path,
          }),
        );
        continue;
      }
      const loss = income.value.lt(0);
      const sharesDisplay = displayOf(context, rule.basicShares);
      if (diluted && loss && !diluted.value.eq(basic.value)) {
        results.push(
          result(context, "per-share", {
            status: "fail",
            subject,
            text: `in a loss period potential shares are anti-dilutive, so ${label(rule.dilutedShares!)} (${formatExact(diluted.value, sharesDisplay)}) must equal ${label(rule.basicShares)} (${formatExact(basic.value, sharesDisplay)})`,
            figures: [
              { label: label(rule.dilutedShares!), value: formatExact(diluted.value, sharesDisplay), line: rule.dilutedShares!, period },
              { label: label(rule.basicShares), value: formatExact(basic.value, sharesDisplay), line: rule.basicShares, period },
            ],
            path: valuePath(context, rule.dilutedShares!, period),
          }),
        );
      } else if (diluted && !loss && diluted.value.lt(basic.value)) {
        results.push(
          result(context, "per-share", {
            status: "fail",
            subject,
            text: `${label(rule.dilutedShares!)} (${formatExact(diluted.value, sharesDisplay)}) is below ${label(rule.basicShares)} (${formatExact(basic.value, sharesDisplay)}); diluted shares add potential shares to the basic ones`,
            figures: [
              { label: label(rule.dilutedShares!), value: formatExact(diluted.value, sharesDisplay), line: rule.dilutedShares!, period },
              { label: label(rule.basicShares), value: formatExact(basic.value, sharesDisplay), line: rule.basicShares, period },
            ],
            path: valuePath(context, rule.dilutedShares!, period),
          }),
        );
      }
      const useDiluted = diluted !== undefined && !loss;
      const shares = useDiluted ? diluted : basic;
      const sharesId = useDiluted ? rule.dilutedShares! : rule.basicShares;
      if (shares.value.eq(0)) {
        results.push(result(context, "per-share", { status: "fail", subject, text: `${label(sharesId)} is zero`, path }));
        continue;
      }
      const { quotient, exact } = divide(income.value, shares.value);
      const display = facts.display(line.id, period) ?? { kind: "perShare" as const, scale: 0, decimals: 2 };
      const rounded = roundTo(quotient, display.decimals, context.rounding, exact && income.exact && shares.exact);
      const incomeDisplay = displayOf(context, rule.income);
      const roundedText = formatExact(rounded, display);
      const [incomeRange, sharesRange] = [facts.interval(rule.income, period, true), facts.interval(sharesId, period, true)];
      const range =
        incomeRange === undefined || sharesRange === undefined ? undefined : incomeRange === "any" || sharesRange === "any" ? "any" : (divideIntervals(incomeRange, sharesRange) ?? "any");
      const verdict = judgeRounded(context, { stated, display, computed: { value: quotient, exact: exact && income.exact && shares.exact }, range, inputs: "the income and share figures" });
      const why = diluted && loss ? " (a loss period: diluted per share uses basic shares)" : "";
      const lead = `${label(rule.income)} ${formatExact(income.value, incomeDisplay)} / ${label(sharesId)} ${formatExact(shares.value, sharesDisplay)} = ${formatApprox(quotient, { scale: 0, decimals: 2 })}, which rounds to ${roundedText}${why}`;
      const difference = verdict.difference;
      const status = verdict.status;
      results.push(
        result(context, "per-share", {
          status,
          subject,
          text: status === "pass" ? `${lead}, as stated` : `${lead}, but the line is ${statedText}: ${verdict.clause}`,
          figures: [
            { label: label(rule.income), value: formatExact(income.value, incomeDisplay), line: rule.income, period },
            { label: label(sharesId), value: formatExact(shares.value, sharesDisplay), line: sharesId, period },
            { label: line.label, value: statedText, line: line.id, period },
          ],
          difference: difference.toFixed(2),
          tolerance: "0",
          path,
        }),
      );
    }
  }
  return results;
}
