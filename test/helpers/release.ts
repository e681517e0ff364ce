/** Test helpers that read like the domain: the embedded default release, composed and written. */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { composeRelease } from "../../src/compose/release.js";
import { loadRelease } from "../../src/data/load.js";
import type { ReleaseDocument } from "../../src/model/document.js";
import { writeText } from "../../src/writers/text/index.js";
import { makeTemporaryFolder } from "./temporary-folder.js";

/** The embedded default quarter file. */
export const defaultQuarter = "data/atg/2003-q3.yaml";

/** The reference release the default reproduces (beside the repository, in ../shared). */
export const referenceRelease = new URL("../../../shared/reference/atg-2003-q3-exhibit-99.1.txt", import.meta.url);

/** Loads and composes a quarter file. */
export function composeFile(file: string = defaultQuarter): ReleaseDocument {
  return composeRelease(loadRelease(file));
}

/** The wire text of a quarter file. */
export function textOf(file: string = defaultQuarter): string {
  return writeText(composeFile(file));
}

/** Numbers as they appear in running text and tables: 16,009 / (3,195) / 0.04 / 31%. */
export function numbersIn(text: string): string[] {
  return text.match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
}

/**
 * Writes a copy of the default quarter, changed by `edit`, beside a copy of its company file in a
 * fresh temporary folder (removed after the test file's last test); returns the quarter file's
 * path. The edit must change something.
 */
export function writeEditedDefault(edit: (text: string) => string): string {
  const original = readFileSync(defaultQuarter, "utf8");
  const changed = edit(original);
  expect(changed).not.toBe(original);
  const folder = makeTemporaryFolder("edited");
  copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
  const file = join(folder, "2003-q3.yaml");
  writeFileSync(file, changed);
  return file;
}

/**
 * Writes the default quarter beside a copy of its company file changed by `edit`, in a fresh
 * temporary folder (removed after the test file's last test); returns the company file's path.
 */
export function writeEditedDefaultCompany(edit: (text: string) => string): { quarterFile: string; companyFile: string } {
  const original = readFileSync("data/atg/company.yaml", "utf8");
  const changed = edit(original);
  expect(changed).not.toBe(original);
  const folder = makeTemporaryFolder("edited-company");
  const companyFile = join(folder, "company.yaml");
  writeFileSync(companyFile, changed);
  const quarterFile = join(folder, "2003-q3.yaml");
  copyFileSync(defaultQuarter, quarterFile);
  return { quarterFile, companyFile };
}
