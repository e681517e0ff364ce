/**
 * Writes output files so that a crash at any moment leaves the old file or the new one, never
 * half of one: every file goes to a temporary name in its folder and is renamed into place.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Writes each file atomically; files are renamed only once all of them are written. */
export function writeFilesAtomically(files: ReadonlyMap<string, Uint8Array>): void {
  const staged: [string, string][] = [];
  try {
    for (const [path, data] of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      writeFileSync(temporary, data);
      staged.push([temporary, path]);
    }
    for (const [temporary, path] of staged) renameSync(temporary, path);
  } catch (error) {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
    throw error;
  }
}
