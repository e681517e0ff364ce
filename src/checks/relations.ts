/**
 * Declared relations `left = right` (tieOut.balances, tieOut.equal): both sides evaluated at
 * every period where both have values, compared in the unit of the left side's first line.
 */
import type { DataPath } from "../data/issues.js";
import { type Formula, FormulaSyntaxError, formulaReferences, parseFormula } from "../finance/formula.js";
import { type CheckContext, Decimal, describePeriod, differenceClause, displayOf, formatExact, judge, judgeRounded, result, valuePath as valuePathOf } from "./context.js";
import type { CheckName, CheckResult } from "./types.js";

/** Checks each relation at every period both sides have; `exactOnly` ignores declared tolerances. */
export function checkRelations(context: CheckContext, check: CheckName, sources: readonly string[], basePath: DataPath, exactOnly: boolean): CheckResult[] {
  const { facts } = context.release;
  const results: CheckResult[] = [];
  sources.forEach((source, index) => {
    const path = [...basePath, index];
    const sides = source.split("=");
    let left: Formula;
    let right: Formula;
    try {
      if (sides.length !== 2) throw new FormulaSyntaxError('write one "=" between two sides', 0);
      left = parseFormula(sides[0]!);
      right = parseFormula(sides[1]!);
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
      results.push(result(context, check, { status: "fail", subject: `"${source}"`, text: `cannot read the relation: ${error.message}`, path }));
      return;
    }
    const unknown = [...formulaReferences(left), ...formulaReferences(right)].filter((id) => !facts.lines.has(id));
    if (unknown.length > 0) {
      results.push(
        result(context, check, {
          status: "fail",
          subject: `"${source}"`,
          text: `${unknown.map((id) => `"${id}"`).join(", ")} ${unknown.length > 1 ? "are not line ids" : "is not a line id"}`,
          path,
        }),
      );
      return;
    }
    const firstId = formulaReferences(left)[0];
    const display = firstId ? displayOf(context, firstId) : { scale: 0, decimals: 0 };
    const tolerance = exactOnly || !firstId ? 0 : (context.release.company.tolerance ?? 0);
    const name = (formula: Formula, text: string) => (formula.op === "ref" ? (facts.lines.get(formula.id)?.label ?? formula.id) : text.trim());
    const [leftName, rightName] = [name(left, sides[0]!), name(right, sides[1]!)];
    let compared = 0;
    // A relation whose every reference names its key holds once, not at every key.
    const pinned = [left, right].every((side) => allPinned(side));
    const keys = pinned ? [facts.keyPeriods.keys().next().value ?? ""] : [...facts.keyPeriods.keys()];
    for (const period of keys) {
      const a = facts.evaluate(left, period);
      const b = facts.evaluate(right, period);
      if (!a || !b) continue;
      compared++;
      const keyDisplay = firstId ? displayOf(context, firstId, left.op === "ref" ? (facts.refKey(left, period) ?? period) : period) : display;
      const unit = new Decimal(10).pow(keyDisplay.scale);
      const [aText, bText] = [formatExact(a.value, keyDisplay), formatExact(b.value, keyDisplay)];
      let status: ReturnType<typeof judge>;
      let clause: string;
      let differenceText: string;
      if (exactOnly || a.value.eq(b.value)) {
        // An identity (assets = liabilities and equity) holds exactly, in every unit.
        const difference = a.value.minus(b.value).abs().div(unit);
        status = judge(difference, tolerance);
        differenceText = formatExact(difference.times(unit), keyDisplay);
        clause = differenceClause(differenceText, tolerance, status);
      } else {
        // The same fact printed twice: the left figure against the right side, within their rounding.
        const range = facts.formulaInterval(right, period, true);
        const verdict = judgeRounded(context, { stated: a.value, display: keyDisplay, computed: b, range, inputs: "the two sides", tolerance });
        status = verdict.status;
        differenceText = formatExact(verdict.difference.times(unit), keyDisplay);
        clause = `: ${verdict.clause}`;
      }
      const subject = `${check === "balance" ? "Balance" : leftName}, ${describePeriod(context, period)}`;
      const text =
        status === "pass" ? `${leftName} ${aText} equals ${rightName} ${bText}` : `${leftName} is ${aText} but ${rightName} is ${bText}${clause.startsWith(":") ? clause : ` ${clause}`}`;
      const valuePath = left.op === "ref" ? linePath(context, left.id, period) : path;
      results.push(
        result(context, check, {
          status,
          subject,
          text,
          figures: [
            { label: leftName, value: aText, period },
            { label: rightName, value: bText, period },
          ],
          difference: differenceText,
          tolerance: String(tolerance),
          path: valuePath,
        }),
      );
    }
    if (compared === 0) results.push(result(context, check, { status: "fail", subject: `"${source}"`, text: "no period has values on both sides, so nothing could be compared", path }));
  });
  return results;
}

function linePath(context: CheckContext, id: string, period: string): DataPath {
  const line = context.release.facts.lines.get(id)!;
  return line.stated.has(period) ? valuePathOf(context, id, period) : line.path;
}

function allPinned(formula: Formula): boolean {
  if (formula.op === "ref") return formula.at !== undefined && formula.at !== "end" && formula.at !== "start";
  if (formula.op === "const") return true;
  if (formula.op === "neg") return allPinned(formula.arg);
  return allPinned(formula.left) && allPinned(formula.right);
}
