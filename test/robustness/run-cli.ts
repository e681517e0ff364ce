/** Test helpers: the CLI in-process (output captured) and as a built program (`dist/cli/bin.js`). */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileDist } from "../../scripts/bundle-cli.js";
import { runCli } from "../../src/cli/main.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";

/** The repository root (tests run with it as the working folder). */
export const root = fileURLToPath(new URL("../..", import.meta.url));
/** The built CLI. */
export const binPath = join(root, "dist/cli/bin.js");

/** What a CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `runCli(argv)` in this process, capturing what it prints. */
export async function runCliCaptured(argv: readonly string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  // The methods are put back on their own streams in `finally`, never called unbound.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const writeOut = process.stdout.write;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const writeErr = process.stderr.write;
  process.stdout.write = (chunk: string | Uint8Array) => ((stdout += String(chunk)), true);
  process.stderr.write = (chunk: string | Uint8Array) => ((stderr += String(chunk)), true);
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
  }
}

/** A new empty folder under the temporary folder, removed after the test file's last test. */
export function makeTempDir(prefix: string): string {
  return makeTemporaryFolder(prefix);
}

/** Every file below a folder, as paths relative to it, sorted. */
export function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else found.push(`${prefix}${entry.name}`);
    }
  };
  walk(folder, "");
  return found.sort();
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles dist/ (tsc, then the CLI's bundle) when it is missing or older than src/ (CI builds before testing). */
export function ensureBuilt(): void {
  const fresh = () => existsSync(binPath) && statSync(binPath).mtimeMs >= newestSource(join(root, "src"));
  if (fresh()) return;
  // A type error elsewhere still emits JavaScript; only a build that wrote nothing fails here.
  compileDist();
  if (!fresh()) throw new Error("npm run build wrote no dist/cli/bin.js");
}

/** Starts `node dist/cli/bin.js ...args` in the repository root. */
export function spawnCli(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [binPath, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs the built CLI to its end. */
export function runBuiltCli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
