/**
 * The mutation test of issue 5: every amount of the default data's statements changed by +1 and
 * by x10 (a slipped digit), one at a time; the checks must fail for each amount that feeds a
 * total, and the amounts no check can see are listed with the reason (see README, Tie-out checks).
 */
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/run-checks.js";
import type { QuarterData } from "../../src/data/schema.js";
import { resolveColumns, statedColumns } from "../../src/finance/columns.js";
import { formulaReferences } from "../../src/finance/formula.js";
import { changed, defaultRelease } from "./tie-out.js";

interface Amount {
  readonly where: string;
  readonly line: string;
  /** Fact key (period id or column key) of the figure. */
  readonly key: string;
  readonly kind: string;
  readonly set: (quarter: QuarterData, value: number) => void;
  readonly value: number;
}

/** Every figure written in the statements (table rows' values) and the facts. */
function listAmounts(quarter: QuarterData): Amount[] {
  const amounts: Amount[] = [];
  quarter.tables.forEach((table, tableIndex) => {
    const keys = statedColumns(resolveColumns(table, quarter.periods, ["tables", tableIndex])).map((column) => column.key);
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row || !row.values) return;
      row.values.forEach((value, index) => {
        if (typeof value !== "number") return;
        const line = row.id ?? row.label;
        amounts.push({
          where: `${table.id}.${line}[${index}]`,
          line,
          key: keys[index]!,
          kind: row.format ?? "amount",
          value,
          set: (copy, next) => {
            const target = copy.tables[tableIndex]!.rows[rowIndex]!;
            if (typeof target !== "string" && !("heading" in target)) target.values![index] = next;
          },
        });
      });
    });
  });
  quarter.facts?.forEach((fact, factIndex) => {
    for (const [key, value] of Object.entries(fact.values)) {
      amounts.push({ where: `facts.${fact.id}.${key}`, line: fact.id, key, kind: fact.format ?? "amount", value, set: (copy, next) => void (copy.facts![factIndex]!.values[key] = next) });
    }
  });
  return amounts;
}

/** True when the changed data fails to load or fails a check. */
function isCaught(amount: Amount, next: number): boolean {
  try {
    return !runChecks(changed(defaultRelease, (quarter) => amount.set(quarter, next))).passed;
  } catch {
    return true; // a located load error
  }
}

describe("mutation test: every statement amount +1 and x10", () => {
  const amounts = listAmounts(defaultRelease.quarter);
  const outcomes = amounts
    .flatMap((amount) => [
      { amount, mutation: "+1", next: Number((amount.value + (amount.kind === "perShare" ? 0.01 : 1)).toFixed(2)) },
      { amount, mutation: "x10", next: amount.value * 10 },
    ])
    .map((trial) => ({ ...trial, same: trial.next === trial.amount.value, caught: trial.next !== trial.amount.value && isCaught(trial.amount, trial.next) }));

  // An amount feeds a total when a declared total stated at the same key adds it up (or is it).
  const totals = [...defaultRelease.facts.lines.values()].filter((line) => line.formulaKey === "total" && line.formula);
  const feedsTotal = (amount: Amount) => totals.some((total) => total.stated.has(amount.key) && (total.id === amount.line || formulaReferences(total.formula!).includes(amount.line)));

  it("catches every change of an amount that feeds a total (100%)", () => {
    const missed = outcomes.filter((outcome) => !outcome.same && !outcome.caught && feedsTotal(outcome.amount));
    expect(missed.map((outcome) => `${outcome.amount.where} ${outcome.mutation}`)).toEqual([]);
    expect(outcomes.filter((outcome) => feedsTotal(outcome.amount)).length).toBeGreaterThan(150);
  });

  it("misses only share counts whose change does not move a rounded per-share figure, and facts stated once", () => {
    const missed = outcomes.filter((outcome) => !outcome.same && !outcome.caught);
    for (const outcome of missed) {
      const line = defaultRelease.facts.lines.get(outcome.amount.line);
      expect(line?.kind === "shares" || outcome.amount.where.startsWith("facts."), outcome.amount.where).toBe(true);
    }
    const tried = outcomes.filter((outcome) => !outcome.same);
    const caught = tried.filter((outcome) => outcome.caught).length;
    // Printed for the README's table.
    const feedingTried = tried.filter((outcome) => feedsTotal(outcome.amount));
    console.info(
      `mutation test: ${amounts.length} amounts; ${caught} of ${tried.length} mutations caught (${((100 * caught) / tried.length).toFixed(1)}%); ${feedingTried.filter((outcome) => outcome.caught).length} of ${feedingTried.length} that feed a total; ${outcomes.length - tried.length} x10 of zero change nothing; missed: ${missed.map((outcome) => `${outcome.amount.where} ${outcome.mutation}`).join(", ") || "none"}`,
    );
    expect(caught / tried.length).toBeGreaterThan(0.9);
  });
});
