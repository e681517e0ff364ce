/**
 * Calendar: a month-based period ends where the company's fiscal calendar ends a quarter (a
 * fiscal year ending Jan. 31 has quarters ending April 30, July 31, Oct. 31 and Jan. 31). A period
 * that does not is a warning: a typo in a date moves every "Three Months Ended" heading with it.
 * Week-based periods (52/53-week years, 12/16-week quarters) follow no month rule and are not judged.
 */
import { formatLongDate } from "../compose/dates.js";
import { type CheckContext, result } from "./context.js";
import type { CheckResult } from "./types.js";

/** Runs the calendar check on every month-based period of the quarter file. */
export function checkCalendar(context: CheckContext): CheckResult[] {
  const { quarter, company } = context.release;
  const [fyMonth, fyDay] = company.fiscalYearEnd.split("-").map(Number) as [number, number];
  const fyMonthEnd = fyDay === lastDay(2001, fyMonth) || (fyMonth === 2 && fyDay >= 28);
  const results: CheckResult[] = [];
  for (const [id, period] of Object.entries(quarter.periods)) {
    if (!("months" in period)) continue;
    const [year, month, day] = period.end.split("-").map(Number) as [number, number, number];
    const onQuarterMonth = (((month - fyMonth) % 3) + 3) % 3 === 0;
    const onDay = fyMonthEnd ? day === lastDay(year, month) : day === fyDay;
    if (onQuarterMonth && onDay && period.months % 3 === 0) continue;
    const why =
      period.months % 3 !== 0
        ? `lasts ${period.months} months, not a number of fiscal quarters`
        : `ends on ${formatLongDate(period.end)}, which is not the end of a fiscal quarter of a year ending ${company.fiscalYearEnd} (company.yaml fiscalYearEnd)`;
    results.push(result(context, "calendar", { status: "warning", subject: `Period ${id}`, text: `${why}; check its end date`, path: ["periods", id] }));
  }
  return results;
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
