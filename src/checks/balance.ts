/**
 * Balance: the balance sheet balances at every date (tieOut.balances, e.g. `totalAssets =
 * totalLiabilitiesAndEquity`), exactly: balance sheets are not allowed rounding differences.
 */
import { type CheckContext, result } from "./context.js";
import { checkRelations } from "./relations.js";
import type { CheckResult } from "./types.js";

/** Runs the balance check; warns when a table of dates exists but no identity is declared. */
export function checkBalance(context: CheckContext): CheckResult[] {
  const { quarter } = context.release;
  const declared = quarter.tieOut?.balances ?? [];
  if (declared.length > 0) return checkRelations(context, "balance", declared, ["tieOut", "balances"], true);
  const sheetIndex = quarter.tables.findIndex((table) =>
    table.columns.every((column) => {
      const period = quarter.periods[typeof column === "string" ? column : (column.period ?? "")];
      return period !== undefined && "instant" in period;
    }),
  );
  if (sheetIndex < 0) return [];
  const table = quarter.tables[sheetIndex]!;
  return [
    result(context, "balance", {
      status: "warning",
      subject: table.caption ?? table.title.find((line) => !line.startsWith("(") && line !== context.release.company.name) ?? table.title[0]!,
      text: 'a table of balances at dates but no declared identity, so nothing proves it balances; add tieOut: { balances: ["totalAssets = totalLiabilitiesAndEquity"] }',
      path: ["tables", sheetIndex],
    }),
  ];
}
