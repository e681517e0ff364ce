/**
 * Exact decimal arithmetic for money: big.js values, never binary floats, and explicit rounding.
 */
import BigImport from "big.js";
import type { Big as BigType, BigConstructor, RoundingMode } from "big.js";

/** A private big.js constructor, so that no other code's global settings can change ours. */
export const Decimal: BigConstructor = BigImport();
/** Digits kept by a division; quotients are truncated there and rounded once, exactly (see `divide`). */
Decimal.DP = 40;
Decimal.RM = 0; // round down (truncate): the final rounding happens in `roundTo`
// toString never uses exponents: a value carried as a decimal string reads "0.00000012", not "1.2e-7".
Decimal.NE = -60;
Decimal.PE = 60;
export type Decimal = BigType;

/** The company's rounding policy for displayed figures. */
export type RoundingPolicy = "half-up" | "half-even";

const roundingModes: Record<RoundingPolicy, RoundingMode> = {
  "half-up": 1, // ROUND_HALF_UP: ties away from zero, 0.045 -> 0.05, -0.005 -> -0.01
  "half-even": 2, // ROUND_HALF_EVEN: banker's rounding
};

/**
 * Parses a decimal written in the data ("5001", "-0.04"); the caller has checked the form.
 */
export function parseDecimal(source: string): Decimal {
  return new Decimal(source);
}

/** Numerator / denominator, truncated at 40 digits, with a flag saying whether that was exact. */
export function divide(numerator: Decimal, denominator: Decimal): { quotient: Decimal; exact: boolean } {
  const quotient = numerator.div(denominator);
  return { quotient, exact: quotient.times(denominator).eq(numerator) };
}

/**
 * Rounds to `places` decimals under the policy. Ties are decided on the exact value: a truncated
 * quotient that lands on a tie is only a tie when the division was exact (`exact`), otherwise the
 * true value lies beyond it and rounds away from zero.
 */
export function roundTo(value: Decimal, places: number, policy: RoundingPolicy, exact = true): Decimal {
  if (!exact) {
    const scaled = value.times(new Decimal(10).pow(places + 1));
    const lastDigit = scaled.abs().mod(10);
    if (scaled.eq(scaled.round(0, 0)) && lastDigit.eq(5)) {
      // value sits on a tie only because it was truncated: the true value is past it.
      return value.round(places, 3);
    }
  }
  return value.round(places, roundingModes[policy]);
}

/** 10 to the power `exponent` (may be negative). */
export function powerOfTen(exponent: number): Decimal {
  let power = powers.get(exponent);
  if (power === undefined) {
    // Made once per exponent (a release uses a handful: its scales): the checks asked for one per figure.
    power = Object.freeze(exponent >= 0 ? new Decimal(10).pow(exponent) : new Decimal(1).div(new Decimal(10).pow(-exponent)));
    if (powers.size < 256) powers.set(exponent, power);
  }
  return power;
}

/** Powers of ten by exponent, frozen: big.js operations return new values and never change these. */
const powers = new Map<number, Decimal>();
