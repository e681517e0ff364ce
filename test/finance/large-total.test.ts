/** A total of 10,000 terms (issue 13, scale): parsed, computed and footed without a stack overflow. */
import { expect, it } from "vitest";
import { runChecks } from "../../src/checks/run-checks.js";
import { changed, defaultRelease } from "../checks/tie-out.js";

it("foots a total of 10,000 terms", () => {
  const count = 10_000;
  const release = changed(defaultRelease, (quarter) => {
    const rows = Array.from({ length: count }, (_, index) => ({ id: `item${index}`, label: `Item ${index}`, values: [index % 7, 1] }));
    const total = { id: "manyTotal", label: "Total of many", total: rows.map((row) => row.id).join(" + "), values: [rows.reduce((sum, row) => sum + row.values[0]!, 0), count] };
    quarter.tables.push({ id: "many", title: ["Many items"], unit: "thousands", columns: ["q3_2003", "q3_2002"], rows: [...rows, total] });
  });
  const footing = runChecks(release).results.filter((item) => item.check === "footing" && item.subject.startsWith("Total of many"));
  expect(footing.map((item) => item.status)).toEqual(["pass", "pass"]);
});
