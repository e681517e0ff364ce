/**
 * The computed-column rules, one typed entry each: what a rule reads, how it computes a cell from
 * the row's other cells, and the range it allows when its inputs are rounded figures. Compose, the
 * tie-out, roll-forward, unfinished work and the prose helpers use these entries and nothing else.
 */
import { Decimal, divide } from "./decimal.js";
import type { FactValue } from "./facts.js";
import { absInterval, divideIntervals, type Interval, subtractIntervals, addIntervals } from "./intervals.js";

/** How a computed column derives its cell from the row's other cells. */
export type ColumnRule =
  | { readonly kind: "change"; readonly of: string; readonly from: string }
  | {
      readonly kind: "percentChange";
      readonly of: string;
      readonly from: string;
      readonly convention: "signed" | "magnitude";
      /** "nm": not meaningful across a change of sign; "number": divided by the prior figure's size. */
      readonly acrossSign: "nm" | "number";
    }
  | { readonly kind: "percentOf"; readonly column: string; readonly line: string }
  | { readonly kind: "sum"; readonly columns: readonly string[] };

export type ColumnRuleKind = ColumnRule["kind"];

/** A cell's figure, a mark or word ("n/m"), or "" for a blank. */
export type CellFigure = FactValue | string;

/** What a rule may read: the row's cells in other columns, and other lines (the base of a percentage). */
export interface RuleInputs<T> {
  cell(key: string): T | undefined;
  line(id: string, key: string): T | undefined;
}

/** One rule kind. */
interface RuleEntry<R extends ColumnRule> {
  /** The columns the rule reads. */
  readonly operands: (rule: R) => readonly string[];
  /** The result is a percentage whatever the row measures. */
  readonly percent: boolean;
  /** The rule is linear, so a total row's sum holds in this column too (a change of a sum is the sum of the changes). */
  readonly additive: boolean;
  /** Heading when the data gives no label. */
  readonly label: string;
  readonly compute: (rule: R, inputs: RuleInputs<FactValue>) => CellFigure;
  /** The values the rule can take when each input may be anywhere in its interval; "any" when unbounded. */
  readonly range: (rule: R, inputs: RuleInputs<Interval>) => Interval | "any" | undefined;
  /** How the rule reads, for messages: "(now - before) / |before|". */
  readonly describe: (rule: R) => string;
}

type Registry = { readonly [K in ColumnRuleKind]: RuleEntry<Extract<ColumnRule, { kind: K }>> };

const both = (exact: boolean[]) => exact.every(Boolean);

/** The registry of computed-column rules. */
export const columnRules: Registry = {
  change: {
    operands: (rule) => [rule.of, rule.from],
    percent: false,
    additive: true,
    label: "Change",
    compute(rule, inputs) {
      const [of, from] = [inputs.cell(rule.of), inputs.cell(rule.from)];
      if (!of || !from) return "";
      return { value: of.value.minus(from.value), exact: both([of.exact, from.exact]) };
    },
    range(rule, inputs) {
      const [of, from] = [inputs.cell(rule.of), inputs.cell(rule.from)];
      return of && from ? subtractIntervals(of, from) : undefined;
    },
    describe: (rule) => `${rule.of} - ${rule.from}`,
  },
  percentChange: {
    operands: (rule) => [rule.of, rule.from],
    percent: true,
    additive: false,
    label: "% Change",
    compute(rule, inputs) {
      const [of, from] = [inputs.cell(rule.of), inputs.cell(rule.from)];
      if (!of || !from) return "";
      return percentChange(of, from, rule.convention, rule.acrossSign);
    },
    range(rule, inputs) {
      const [of, from] = [inputs.cell(rule.of), inputs.cell(rule.from)];
      if (!of || !from) return undefined;
      const base = absInterval(from);
      if (base.low.eq(0)) return "any";
      const change = rule.convention === "magnitude" ? subtractIntervals(absInterval(of), base) : subtractIntervals(of, from);
      return divideIntervals(change, base) ?? "any";
    },
    describe: (rule) => (rule.convention === "magnitude" ? `(|${rule.of}| - |${rule.from}|) / |${rule.from}|` : `(${rule.of} - ${rule.from}) / |${rule.from}|`),
  },
  percentOf: {
    operands: (rule) => [rule.column],
    percent: true,
    additive: false,
    label: "% of Total",
    compute(rule, inputs) {
      const value = inputs.cell(rule.column);
      const base = inputs.line(rule.line, rule.column);
      if (!value || !base) return "";
      if (base.value.eq(0)) return "n/m";
      const { quotient, exact } = divide(value.value, base.value);
      return { value: quotient, exact: exact && value.exact && base.exact };
    },
    range(rule, inputs) {
      const value = inputs.cell(rule.column);
      const base = inputs.line(rule.line, rule.column);
      if (!value || !base) return undefined;
      return divideIntervals(value, base) ?? "any";
    },
    describe: (rule) => `${rule.column} / ${rule.line}`,
  },
  sum: {
    operands: (rule) => rule.columns,
    percent: false,
    additive: true,
    label: "Total",
    compute(rule, inputs) {
      const parts = rule.columns.map((key) => inputs.cell(key));
      // A blank term of a sum is nil (a reconciling item present in one period only).
      if (parts.every((part) => part === undefined)) return "";
      return parts.reduce<FactValue>((sum, part) => (part ? { value: sum.value.plus(part.value), exact: sum.exact && part.exact } : sum), { value: new Decimal(0), exact: true });
    },
    range(rule, inputs) {
      const parts = rule.columns.map((key) => inputs.cell(key));
      if (parts.every((part) => part === undefined)) return undefined;
      const zero = new Decimal(0);
      return parts.reduce<Interval>((sum, part) => (part ? addIntervals(sum, part) : sum), { low: zero, high: zero });
    },
    describe: (rule) => rule.columns.join(" + "),
  },
};

/** The entry of a rule. */
export function ruleEntry<R extends ColumnRule>(rule: R): RuleEntry<R> {
  return columnRules[rule.kind] as unknown as RuleEntry<R>;
}

/** The columns a rule reads. */
export function ruleOperands(rule: ColumnRule): readonly string[] {
  return ruleEntry(rule).operands(rule);
}

/** Computes a rule's cell. */
export function computeRule(rule: ColumnRule, inputs: RuleInputs<FactValue>): CellFigure {
  return ruleEntry(rule).compute(rule, inputs);
}

/** The range a rule allows for rounded inputs. */
export function ruleRange(rule: ColumnRule, inputs: RuleInputs<Interval>): Interval | "any" | undefined {
  return ruleEntry(rule).range(rule, inputs);
}

/**
 * A percentage change as a ratio: (now - before) / |before|, or by magnitude; "n/m" from a zero
 * base, and across a change of sign unless `acrossSign` is "number". The prose helper uses it too.
 */
export function percentChange(of: FactValue, from: FactValue, convention: "signed" | "magnitude" = "signed", acrossSign: "nm" | "number" = "nm"): CellFigure {
  if (from.value.eq(0)) return "n/m";
  if (acrossSign === "nm" && !of.value.eq(0) && of.value.lt(0) !== from.value.lt(0)) return "n/m";
  const change = convention === "magnitude" ? of.value.abs().minus(from.value.abs()) : of.value.minus(from.value);
  const { quotient, exact } = divide(change, from.value.abs());
  return { value: quotient, exact: exact && of.exact && from.exact };
}
