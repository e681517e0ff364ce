/**
 * Figures for prose: the narrative helpers' view of the fact book ("$16.0 million", "($0.04)").
 */
import type { LoadedRelease } from "../data/load.js";
import { unitScale } from "../data/schema.js";
import { type FactValue } from "../finance/facts.js";
import { figureText, formatFigure, formatPercent } from "../finance/format.js";
import type { RoundingPolicy } from "../finance/decimal.js";
import { percentChange } from "../finance/column-rules.js";
import { type FigureSource, markFigure, NarrativeError } from "../templates/environment.js";
import type { StyleSettings } from "../templates/style.js";
import { formatLongDate, periodEnd } from "./dates.js";

/** The figure source of one release, for the narrative helpers. */
export function createFigureSource(release: LoadedRelease, settings: StyleSettings): FigureSource {
  const rounding: RoundingPolicy = release.company.rounding ?? "half-up";
  const lookup = (line: string, period: string): FactValue => {
    if (!release.facts.lines.has(line)) throw new NarrativeError(`"${line}" is not a line id`);
    if (!release.facts.keyPeriods.has(period)) throw new NarrativeError(`"${period}" is not a period id or column key`);
    const value = release.facts.value(line, period);
    if (!value) throw new NarrativeError(`"${line}" has no value for ${period}`);
    return value;
  };
  const prose = release.company.prose ?? {};
  return {
    money(line, period, abs, format = {}) {
      const { value, exact } = lookup(line, period);
      const unit = format.scale ?? prose.scale ?? settings.narrativeUnit;
      const scale = unitScale[unit];
      const unitWord = unit === "thousands" ? "thousand" : unit === "billions" ? "billion" : "million";
      const decimals = format.decimals ?? prose.decimals ?? settings.narrativeDecimals;
      const shown = abs ? value.abs() : value;
      const figure = formatFigure(shown, { scale, decimals, rounding }, exact);
      const digits = figure.nil ? "0" : figure.digits;
      const text = figure.negative ? `($${digits}) ${unitWord}` : `$${digits} ${unitWord}`;
      return markFigure(text, { line, period }, { value: shown.toString(), display: { kind: "amount", scale, decimals } });
    },
    perShare(line, period, decimals = 2) {
      const { value, exact } = lookup(line, period);
      const figure = formatFigure(value, { scale: 0, decimals, rounding }, exact);
      const digits = figure.nil ? (0).toFixed(decimals) : figure.digits;
      return markFigure(figure.negative ? `($${digits})` : `$${digits}`, { line, period }, { value: value.toString(), display: { kind: "perShare", scale: 0, decimals } });
    },
    percent(line, period, decimals) {
      const { value, exact } = lookup(line, period);
      return markFigure(`${figureText(formatPercent(value, decimals, rounding, exact))}%`, { line, period }, { value: value.toString(), display: { kind: "percent", scale: -2, decimals } });
    },
    incomeOrLoss(line, period) {
      return lookup(line, period).value.lt(0) ? "loss" : "income";
    },
    percentChange(line, period, from, abs, decimals = 1, acrossSign = "nm") {
      const [now, before] = [lookup(line, period), lookup(line, from)];
      if (before.value.eq(0)) throw new NarrativeError(`"${line}" is zero for ${from}: a percentage change from it is not meaningful`);
      // The same rule as a % change column: not meaningful across a change of sign, unless told.
      const change = percentChange(now, before, "signed", acrossSign);
      if (typeof change === "string") return markFigure(change);
      const ratio = abs ? change.value.abs() : change.value;
      const figure = formatPercent(ratio, decimals, rounding, change.exact);
      return markFigure(`${figureText(figure)}%`, undefined, { value: ratio.toString(), display: { kind: "percent", scale: -2, decimals } });
    },
    increaseOrDecrease(line, period, from) {
      const [now, before] = [lookup(line, period), lookup(line, from)];
      return now.value.gt(before.value) ? "increased" : now.value.lt(before.value) ? "decreased" : "was unchanged";
    },
    date(period) {
      const definition = release.quarter.periods[period];
      if (!definition) throw new NarrativeError(`"${period}" is not a period id`);
      return formatLongDate(periodEnd(definition));
    },
  };
}
