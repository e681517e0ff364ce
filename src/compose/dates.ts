/**
 * Dates and period names as releases print them: "Sept. 30, 2003", "Three Months Ended".
 */
import type { PeriodData } from "../data/schema.js";

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
// AP style: five-letter-or-shorter months are spelt out, the others abbreviated.
const apMonths = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

/** The date a period ends (an instant is its own end). */
export function periodEnd(period: PeriodData): string {
  return "instant" in period ? period.instant : period.end;
}

function parts(iso: string): { year: number; month: number; day: number } {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

/** "September 30, 2003". */
export function formatLongDate(iso: string): string {
  const { year, month, day } = parts(iso);
  return `${monthNames[month - 1]} ${day}, ${year}`;
}

/** "Oct. 21, 2003" (AP style, as datelines and short column headings have it). */
export function formatShortDate(iso: string): string {
  const { year, month, day } = parts(iso);
  return `${apMonths[month - 1]} ${day}, ${year}`;
}

/** Month and day for a column heading: "Sept. 30," or "September 30,". */
export function formatColumnDate(iso: string, style: "short" | "long"): { monthDay: string; year: string } {
  const { year, month, day } = parts(iso);
  const monthName = style === "short" ? apMonths[month - 1] : monthNames[month - 1];
  return { monthDay: `${monthName} ${day},`, year: String(year) };
}

const numberWords = [
  "Zero",
  "One",
  "Two",
  "Three",
  "Four",
  "Five",
  "Six",
  "Seven",
  "Eight",
  "Nine",
  "Ten",
  "Eleven",
  "Twelve",
  "Thirteen",
  "Fourteen",
  "Fifteen",
  "Sixteen",
  "Seventeen",
  "Eighteen",
  "Nineteen",
];
const tensWords = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];

/** 13 -> "Thirteen", 26 -> "Twenty-Six", 53 -> "Fifty-Three". */
export function numberInWords(value: number): string {
  if (value < 20) return numberWords[value]!;
  const tens = tensWords[Math.floor(value / 10)]!;
  return value % 10 === 0 ? tens : `${tens}-${numberWords[value % 10]}`;
}

/** Heading of a duration column group: "Three Months Ended", "Thirteen Weeks Ended"; undefined for instants. */
export function durationHeading(period: PeriodData): string | undefined {
  if ("heading" in period && period.heading !== undefined) return period.heading;
  if ("months" in period) return `${numberInWords(period.months)} ${period.months === 1 ? "Month" : "Months"} Ended`;
  if ("weeks" in period) return `${numberInWords(period.weeks)} ${period.weeks === 1 ? "Week" : "Weeks"} Ended`;
  return undefined;
}
