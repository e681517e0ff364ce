/**
 * Writes output files so that a crash at any moment leaves the old file or the new one, never
 * half of one: every file goes to a temporary name in its folder and is renamed into place.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** `.release.pdf.<pid>.<random>.tmp`: the temporary name of an output file while it is written. */
const temporaryName = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes each file atomically; files are renamed only once all of them are written. Temporary
 * files that a killed build left beside these files (their process no longer runs) are removed.
 */
export function writeFilesAtomically(files: ReadonlyMap<string, Uint8Array>): void {
  const staged: [string, string][] = [];
  try {
    for (const [path, data] of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      writeDurably(temporary, data);
      staged.push([temporary, path]);
    }
    for (const [temporary, path] of staged) renameSync(temporary, path);
  } catch (error) {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
    throw error;
  }
  for (const folder of new Set([...files.keys()].map((path) => dirname(path)))) {
    removeStaleTemporaries(folder, new Set([...files.keys()].filter((path) => dirname(path) === folder).map((path) => basename(path))));
  }
}

/** Writes and flushes a file, so that the rename never publishes a file the disk does not hold. */
function writeDurably(path: string, data: Uint8Array): void {
  const handle = openSync(path, "wx");
  try {
    for (let offset = 0; offset < data.length; ) offset += writeSync(handle, data, offset);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** Removes temporaries of `names` in `folder` whose writing process has ended (kill -9, power loss). */
function removeStaleTemporaries(folder: string, names: ReadonlySet<string>): void {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = temporaryName.exec(entry);
    if (!match || !names.has(match[1]!) || isRunning(Number(match[2]))) continue;
    rmSync(join(folder, entry), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
