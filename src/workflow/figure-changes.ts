/**
 * Changed figures between two drafts, by line item and period: what a reviewer ticks first.
 */
import type { FactBook, FactValue, LineDefinition } from "../finance/facts.js";
import { powerOfTen } from "../finance/decimal.js";

/** One figure that differs (or exists in one draft only). */
export interface FigureChange {
  readonly line: string;
  readonly label: string;
  readonly period: string;
  /** As written in the data's unit ("16,009" thousands is "16009"); absent when the draft has none. */
  readonly before?: string;
  readonly after?: string;
  /** Neither draft states it: it is computed (a total, a measure, a per-share amount). */
  readonly computed: boolean;
}

function written(value: FactValue, line: LineDefinition): string {
  if (line.kind === "percent") return `${value.value.times(100).round(2).toString()}%`;
  if (line.kind === "perShare") return value.value.round(4).toString();
  return value.value.div(powerOfTen(line.scale)).round(3).toString();
}

/**
 * Lists the figures of `after` that differ from `before`, line by line in the order of the new
 * draft, each at every period either draft has; stated figures and computed ones.
 */
export function listFigureChanges(before: FactBook, after: FactBook): FigureChange[] {
  const changes: FigureChange[] = [];
  const ids = [...new Set([...after.lines.keys(), ...before.lines.keys()])];
  const periods = [...new Set([...Object.keys(after.periods), ...Object.keys(before.periods)])];
  for (const id of ids) {
    const oldLine = before.lines.get(id);
    const newLine = after.lines.get(id);
    const line = (newLine ?? oldLine)!;
    for (const period of periods) {
      const oldValue = oldLine && period in before.periods ? before.value(id, period) : undefined;
      const newValue = newLine && period in after.periods ? after.value(id, period) : undefined;
      if (!oldValue && !newValue) continue;
      if (oldValue && newValue && oldValue.value.eq(newValue.value)) continue;
      changes.push({
        line: id,
        label: line.label,
        period,
        ...(oldValue ? { before: written(oldValue, oldLine!) } : {}),
        ...(newValue ? { after: written(newValue, newLine!) } : {}),
        computed: !oldLine?.stated.has(period) && !newLine?.stated.has(period),
      });
    }
  }
  return changes;
}

/** `otherIncome (Interest and Other Income, net) q3_2003: 17 -> 18`. */
export function formatFigureChange(change: FigureChange): string {
  return `${change.line} (${change.label}) ${change.period}: ${change.before ?? "none"} -> ${change.after ?? "none"}${change.computed ? " (computed)" : ""}`;
}
