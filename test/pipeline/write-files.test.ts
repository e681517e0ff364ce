/** Temporary output names: the form the next build reads back to remove a killed build's leftovers. */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect, it } from "vitest";
import { temporaryPath, writeFilesAtomically } from "../../src/pipeline/write-files.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

it("names each temporary .<name>.<pid>.<8 hex digits>.tmp, a new one each call", () => {
  const names = Array.from({ length: 1000 }, () => basename(temporaryPath("/out/atg/2003-q3/release.pdf")));
  for (const name of names) expect(name).toMatch(new RegExp(`^\\.release\\.pdf\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
  expect(new Set(names).size).toBe(names.length);
});

it("a build removes the temporaries a killed build left beside its files, in that same form", () => {
  const folder = makeTemporaryFolder("write-files");
  // A process id no system gives out: the build that left this file is not running.
  const left = basename(temporaryPath(join(folder, "release.txt"))).replace(`.${process.pid}.`, ".4294967295.");
  writeFileSync(join(folder, left), "half a file");
  writeFilesAtomically(new Map([[join(folder, "release.txt"), new TextEncoder().encode("whole")]]));
  expect(existsSync(join(folder, left))).toBe(false);
  expect(readdirSync(folder)).toEqual(["release.txt"]);
});
