/** The code names no company: a company's release is data alone (issue 14). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)]));
}

it("names none of the training releases' companies in src/", () => {
  const names = /costco|salesforce|mcdonald|johnson|\bintel\b/i;
  const hits = filesUnder("src").flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
      .filter(({ line }) => names.test(line))
      .map(({ line, where }) => `${where}: ${line.trim()}`),
  );
  expect(hits).toEqual([]);
});
