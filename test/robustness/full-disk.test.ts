/**
 * A full disk (ENOSPC) or a read-only one (EROFS, EACCES) while a release is written: a message
 * naming the file and what to do, exit 2, and no temporary file left behind (a failed write left
 * a partial `.tmp`). The failures are injected into node:fs, since the tests run as root.
 */
import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listFiles, makeTempDir, runCliCaptured } from "./run-cli.js";

const failure = vi.hoisted(() => ({ code: undefined as string | undefined, afterBytes: 0 }));

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    writeSync: (handle: number, data: Uint8Array, offset?: number, ...rest: unknown[]) => {
      if (failure.code !== undefined) {
        // Writes a little first, as a disk that fills up does, then fails.
        if (failure.afterBytes > 0) {
          const written = (actual.writeSync as (...args: unknown[]) => number)(handle, data, offset, Math.min(failure.afterBytes, data.length - (offset ?? 0)));
          failure.afterBytes = 0;
          return written;
        }
        throw Object.assign(new Error(`${failure.code}: simulated, write`), { code: failure.code, syscall: "write", errno: -28 });
      }
      return (actual.writeSync as (...args: unknown[]) => number)(handle, data, offset, ...rest);
    },
  };
});

afterEach(() => {
  failure.code = undefined;
});

describe("full disk", () => {
  it.each([
    ["ENOSPC", "the disk is full"],
    ["EROFS", "read-only disk"],
    ["EACCES", "not writable"],
  ])("%s while writing: exit 2, a message, no temporary file left", async (code, hint) => {
    const out = makeTempDir("full-disk");
    failure.code = code;
    failure.afterBytes = 100;
    const result = await runCliCaptured(["build", "data/atg/2003-q3.yaml", "--out", out, "--format", "txt,html", "--force"]);
    failure.code = undefined;
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`release\\.txt: cannot write \\(simulated, write\\); .*${hint}`));
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(
      listFiles(out).filter((name) => name.endsWith(".tmp")),
      "temporary files left",
    ).toEqual([]);
    expect(
      listFiles(out).filter((name) => !name.endsWith("/")),
      "nothing half-written",
    ).toEqual([]);
    expect(fs.existsSync(join(out, "atg/2003-q3/release.txt"))).toBe(false);
  });
});
