/** The calendar check: month-based periods end where the fiscal calendar ends a quarter. */
import { expect, it } from "vitest";
import { runChecks } from "../../src/checks/run-checks.js";
import { changed, defaultRelease } from "./tie-out.js";

const warnings = (release: typeof defaultRelease) =>
  runChecks(release)
    .results.filter((item) => item.check === "calendar")
    .map((item) => item.message.replace(/ at [^ ]+:\d+$/, ""));

it("is silent where every period ends a fiscal quarter", () => {
  expect(warnings(defaultRelease)).toEqual([]);
});

it("warns of a period that ends off the fiscal calendar (a typo in a date)", () => {
  const release = changed(defaultRelease, (quarter) => void (quarter.periods.q3_2003 = { months: 3, end: "2003-09-29" }));
  expect(warnings(release)).toEqual([
    "Period q3_2003: ends on September 29, 2003, which is not the end of a fiscal quarter of a year ending 12-31 (company.yaml fiscalYearEnd); check its end date",
  ]);
});
