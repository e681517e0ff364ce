/**
 * Vitest global setup: the run gets a temporary folder of its own, and fails if a test leaves
 * anything in it.
 *
 * `TMPDIR` (and `TMP`/`TEMP`) is pointed at a fresh folder before any worker starts, so
 * `os.tmpdir()` in tests and in the product code, and every child process a test spawns (the
 * built CLI, Chromium, git, soffice), write there. Because the folder is this run's alone, other
 * processes on the machine cannot hide a leak or fake one. At teardown the folder must be empty:
 * otherwise the run fails naming each leftover entry. The folder is removed either way.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const names = ["TMPDIR", "TMP", "TEMP"] as const;

/** Entries below `folder` (two levels, enough to say what a leftover folder holds). */
function describeLeftovers(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .map((name) => {
      const path = join(folder, name);
      let inside = "";
      try {
        if (statSync(path).isDirectory()) {
          const children = readdirSync(path);
          inside = ` (folder: ${children.length === 0 ? "empty" : children.slice(0, 5).join(", ") + (children.length > 5 ? `, ... ${children.length} entries` : "")})`;
        }
      } catch {
        // Removed while we looked: still a leftover at the time of the listing.
      }
      return `${name}${inside}`;
    });
}

/** Creates the run's temporary folder; returns the teardown that checks and removes it. */
export default function setup(): () => void {
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  const folder = mkdtempSync(join(tmpdir(), "earnings-release-test-run-"));
  for (const name of names) process.env[name] = folder;
  process.env.EARNINGS_RELEASE_TEST_TMPDIR = folder;
  return () => {
    let leftovers: string[] = [];
    try {
      leftovers = describeLeftovers(folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      delete process.env.EARNINGS_RELEASE_TEST_TMPDIR;
    }
    if (leftovers.length > 0) {
      // Vitest logs an error thrown here but still exits 0: the exit code is set by hand.
      process.exitCode = 1;
      const error = new Error(
        `The tests left ${leftovers.length} ${leftovers.length === 1 ? "entry" : "entries"} in the temporary folder ${folder} ` +
          `(each test must remove what it makes, in a finally or an afterEach/afterAll):\n  ${leftovers.join("\n  ")}`,
      );
      error.stack = error.message; // the guard's own stack says nothing about the leak
      throw error;
    }
  };
}
