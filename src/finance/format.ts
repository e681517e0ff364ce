/**
 * Figures as printed: scaling, exact rounding, thousands separators, signs in parentheses.
 */
import { Decimal, type RoundingPolicy, powerOfTen, roundTo } from "./decimal.js";

/** A figure rounded and split into what writers align: digits, sign, and whether it is nil. */
export interface FormattedFigure {
  /** "3,212", "0.04", "-" when the exact value is zero. */
  readonly digits: string;
  readonly negative: boolean;
  /** The exact value was zero (printed as a dash), not a value that rounds to zero. */
  readonly nil: boolean;
}

/** How to print one figure. */
export interface FigureStyle {
  /** Power of ten of the unit shown: 3 for thousands, 6 for millions, 0 for dollars. */
  readonly scale: number;
  readonly decimals: number;
  readonly rounding: RoundingPolicy;
}

/** Groups integer digits by thousands: "76977" -> "76,977". */
export function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Rounds an exact value (in base units, e.g. dollars) to the style and splits it for printing.
 * A value that rounds to zero keeps its sign only if the rounded figure is non-zero: -0.001 in
 * cents prints "0.00", never "(0.00)".
 */
export function formatFigure(value: Decimal, style: FigureStyle, exact = true): FormattedFigure {
  if (value.eq(0)) return { digits: "-", negative: false, nil: true };
  const scaled = value.times(powerOfTen(-style.scale));
  const rounded = roundTo(scaled, style.decimals, style.rounding, exact);
  const text = rounded.abs().toFixed(style.decimals);
  const [integer = "0", fraction] = text.split(".");
  const digits = fraction === undefined ? groupThousands(integer) : `${groupThousands(integer)}.${fraction}`;
  return { digits, negative: rounded.lt(0), nil: false };
}

/** A ratio as a whole percentage figure: 0.3124 -> "31". */
export function formatPercent(ratio: Decimal, decimals: number, rounding: RoundingPolicy, exact = true): FormattedFigure {
  return formatFigure(ratio.times(100), { scale: 0, decimals, rounding }, exact);
}

/** The figure as one string in table form: "(3,212)", "-", "0.04". */
export function figureText(figure: FormattedFigure): string {
  return figure.negative ? `(${figure.digits})` : figure.digits;
}

export { Decimal };
