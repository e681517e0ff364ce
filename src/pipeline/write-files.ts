/**
 * Writes output files so that a crash at any moment leaves the old file or the new one, never
 * half of one: every file goes to a temporary name in its folder and is renamed into place.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Where this process's temporary names start: a random 32-bit number, then one more each name. */
let temporaries = Math.floor(Math.random() * 0x1_0000_0000);

/**
 * A name beside `path` for its temporary file, `.<name>.<pid>.<8 hex digits>.tmp` (the form
 * `temporaryName` reads back to remove a killed build's leftovers): unique in this process (a
 * counter from a random start) and among processes (the pid). The file is created exclusively
 * (`wx`), so a name in use fails rather than overwrite. Not node:crypto's random bytes: that
 * module would load with every command, `--help` included.
 */
export function temporaryPath(path: string): string {
  temporaries = (temporaries + 1) >>> 0;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${temporaries.toString(16).padStart(8, "0")}.tmp`);
}

/** `.release.pdf.<pid>.<8 hex digits>.tmp`: the temporary name of an output file while it is written. */
const temporaryName = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes each file atomically; files are renamed only once all of them are written. Temporary
 * files that a killed build left beside these files (their process no longer runs) are removed.
 */
export function writeFilesAtomically(files: ReadonlyMap<string, Uint8Array>): void {
  const staged: [string, string][] = [];
  let current: string | undefined;
  try {
    for (const [path, data] of files) {
      current = path;
      mkdirSync(dirname(path), { recursive: true });
      const temporary = temporaryPath(path);
      // Staged before it is written: a full disk must not leave half a temporary behind.
      staged.push([temporary, path]);
      writeDurably(temporary, data);
    }
    for (const [temporary, path] of staged) {
      current = path;
      renameSync(temporary, path);
    }
  } catch (error) {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
    throw toOutputError(error, current);
  }
  for (const folder of new Set([...files.keys()].map((path) => dirname(path)))) {
    removeStaleTemporaries(folder, new Set([...files.keys()].filter((path) => dirname(path) === folder).map((path) => basename(path))));
  }
}

/** An output file that cannot be written (read-only or full disk, a file where a folder should be). */
export class OutputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OutputError";
  }
}

const outputHints: Record<string, string> = {
  EACCES: "the output folder is not writable: choose another with --out",
  EPERM: "the output folder is not writable: choose another with --out",
  EROFS: "the output folder is on a read-only disk: choose another with --out",
  ENOSPC: "the disk is full: free some space, or choose another folder with --out",
  EDQUOT: "the disk quota is used up: free some space, or choose another folder with --out",
  ENOTDIR: "a file stands where a folder is needed: remove it, or choose another folder with --out",
  EEXIST: "a file stands where a folder is needed: remove it, or choose another folder with --out",
  EISDIR: "a folder stands where an output file goes: remove it",
};

/** True for a system error of writing a file (not writable, disk full, a file in the way). */
export function isOutputFailure(error: unknown): boolean {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return code !== undefined && code in outputHints && ["open", "write", "mkdir", "rename", "fsync", "close"].includes(String(syscall));
}

/** A system error of writing `path` as an OutputError that says what to do. */
export function toOutputError(error: unknown, path: string | undefined): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined || !(error instanceof Error)) return error;
  const reason = error.message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
  return new OutputError(`${path ?? (error as NodeJS.ErrnoException).path ?? "output"}: cannot write (${reason}); ${outputHints[code] ?? "check the output folder"}`, { cause: error });
}

/** Writes and flushes a file, so that the rename never publishes a file the disk does not hold. */
function writeDurably(path: string, data: Uint8Array): void {
  const handle = openSync(path, "wx");
  try {
    for (let offset = 0; offset < data.length;) offset += writeSync(handle, data, offset);
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
