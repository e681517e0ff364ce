/**
 * Fiscal-calendar arithmetic for rolling a quarter forward: shifting dates by quarters and years,
 * quarter ids such as `2003-q4`, and naming periods (`q4_2003`, `fy_2003`, `dec31_2003`).
 */
import type { PeriodData } from "../data/schema.js";

/** A fiscal quarter: `2003-q4` is `{ year: 2003, quarter: 4 }`. */
export interface FiscalQuarter {
  readonly year: number;
  readonly quarter: number;
}

/** Reads a quarter id (`2003-q4`); undefined for anything else (`2003-h1`, `2003-fy`). */
export function parseQuarterId(id: string): FiscalQuarter | undefined {
  const match = /^(\d{4})-q([1-4])$/.exec(id);
  return match ? { year: Number(match[1]), quarter: Number(match[2]) } : undefined;
}

/** Quarters from `from` to `to` (positive when `to` is later). */
export function quartersBetween(from: FiscalQuarter, to: FiscalQuarter): number {
  return to.year * 4 + to.quarter - (from.year * 4 + from.quarter);
}

/** The quarter `count` quarters after `start` (before, when negative). */
export function addQuarters(start: FiscalQuarter, count: number): FiscalQuarter {
  const index = start.year * 4 + (start.quarter - 1) + count;
  return { year: Math.floor(index / 4), quarter: (((index % 4) + 4) % 4) + 1 };
}

function parts(iso: string): [number, number, number] {
  return iso.split("-").map(Number) as [number, number, number];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a date is the last day of its month. */
export function isMonthEnd(iso: string): boolean {
  const [year, month, day] = parts(iso);
  return day === daysInMonth(year, month);
}

/** Adds months; a month-end date stays a month end (Sept. 30 + 3 months = Dec. 31). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = parts(iso);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const last = daysInMonth(newYear, newMonth);
  return format(newYear, newMonth, isMonthEnd(iso) ? last : Math.min(day, last));
}

/** Adds days. */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = parts(iso);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** Whole months from `a` to `b`, counting month ends as equal days. */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = parts(a);
  const [yb, mb] = parts(b);
  return (yb - ya) * 12 + (mb - ma);
}

/**
 * Whether a date is a fiscal year end of a company whose `fiscalYearEnd` is `MM-DD`: the same day
 * (or the month's end, when the year ends at a month end), or, for a 52/53-week calendar, within
 * six days of it.
 */
export function isFiscalYearEnd(iso: string, fiscalYearEnd: string, weekBased: boolean): boolean {
  const [year, month, day] = parts(iso);
  const [endMonth, endDay] = fiscalYearEnd.split("-").map(Number) as [number, number];
  if (!weekBased) return month === endMonth && (day === endDay || (isMonthEnd(iso) && endDay >= daysInMonth(year, endMonth)));
  return [year - 1, year, year + 1].some((candidate) => Math.abs(daysBetween(format(candidate, endMonth, Math.min(endDay, daysInMonth(candidate, endMonth))), iso)) <= 6);
}

const monthIds = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** `dec31_2003`: the id of an instant, by its date. */
export function instantId(iso: string): string {
  const [year, month, day] = parts(iso);
  return `${monthIds[month - 1]}${day}_${year}`;
}

/** A key equal for equal periods, whatever their ids: `m3:2003-12-31`, `i:2003-12-31`. */
export function periodKey(period: PeriodData): string {
  if ("instant" in period) return `i:${period.instant}`;
  return "months" in period ? `m${period.months}:${period.end}` : `w${period.weeks}:${period.end}`;
}

/** The date a period ends. */
export function endOf(period: PeriodData): string {
  return "instant" in period ? period.instant : period.end;
}
