/** Test helper: what the CLI prints, captured per test (the CLI writes to process.stdout/stderr). */
import { afterEach, beforeEach, vi } from "vitest";

/** What one test's CLI calls printed; the arrays are emptied (not replaced) before each test. */
export interface PrintedOutput {
  readonly stdout: string[];
  readonly stderr: string[];
  /** Both streams, in the order written. */
  readonly all: string[];
}

/**
 * Captures stdout and stderr for each test of the calling file, and resets `process.exitCode`
 * around each test. Call at the top level of a test file: `const { stdout, stderr } = capturePrintedOutput();`
 */
export function capturePrintedOutput(): PrintedOutput {
  const printed: PrintedOutput = { stdout: [], stderr: [], all: [] };
  beforeEach(() => {
    for (const list of [printed.stdout, printed.stderr, printed.all]) list.length = 0;
    process.exitCode = undefined;
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (printed.stdout.push(String(chunk)), printed.all.push(String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (printed.stderr.push(String(chunk)), printed.all.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  return printed;
}
