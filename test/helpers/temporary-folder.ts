/**
 * Test helper: temporary folders that are removed after the test file's last test.
 *
 * The `afterAll` below is registered when a test file first imports this module (Vitest
 * evaluates each test file's imports afresh, so every file gets its own hook), and removes every
 * folder this file made, whether its tests passed or failed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const made = new Set<string>();

afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
  made.clear();
});

/** A new empty folder under the temporary folder, removed after this test file's last test. */
export function makeTemporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `earnings-release-${prefix}-`));
  made.add(folder);
  return folder;
}

/** Removes a folder made by `makeTemporaryFolder` now (a test that makes many, or large ones). */
export function removeTemporaryFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  made.delete(folder);
}
