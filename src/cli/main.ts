/**
 * The command line: `earnings-release build|schema ...`. Only this module prints and chooses
 * exit codes: 0 done, 1 a check failed, 2 bad input or usage.
 *
 * Start-up: this module and each command's `registerX` load only commander and light modules;
 * a command's pipeline loads inside its action, so `--help` and `--version` load none of it.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerBuild } from "./commands/build.js";
import { registerCheck } from "./commands/check.js";
import { registerSchema } from "./commands/schema.js";
import { registerNew } from "./commands/new.js";
import { registerDiff } from "./commands/diff.js";
import { registerApprove } from "./commands/approve.js";
import { registerPreview } from "./commands/preview.js";
import { registerInit } from "./commands/init.js";
import { exitCodes, UsageError } from "./errors.js";
import { InputError } from "./inputs.js";
import { isOutputFailure, OutputError, toOutputError } from "../pipeline/write-files.js";

/** The error classes of modules a command may have loaded; imported only once an error is caught. */
async function importErrorClasses() {
  const [{ FileReadError }, { PdfError }, { StyleError }] = await Promise.all([import("../data/read-text-file.js"), import("../pdf/pdf-error.js"), import("../templates/style.js")]);
  return { FileReadError, PdfError, StyleError };
}

export { exitCodes };

/** The package's version (package.json, two folders above src/cli and dist/cli). */
export const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Builds the command tree (exported for tests). */
export function createProgram(): Command {
  const program = new Command("earnings-release")
    .description("Quarterly earnings press releases from YAML data: wire text, HTML, PDF and Word.")
    .version(version, "-V, --version", "print the version")
    .showHelpAfterError()
    .exitOverride();
  registerBuild(program);
  registerCheck(program);
  registerSchema(program);
  registerNew(program);
  registerDiff(program);
  registerApprove(program);
  registerPreview(program);
  registerInit(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    }
    if (error instanceof UsageError || error instanceof InputError || error instanceof OutputError) {
      process.stderr.write(`${error.message}\n`);
      return exitCodes.badInput;
    }
    const { FileReadError, PdfError, StyleError } = await importErrorClasses();
    if (error instanceof StyleError) {
      process.stderr.write(`${error.message}\n`);
      return exitCodes.badInput;
    }
    // A file the command was told to write (schema --out, diff --out) that cannot be written.
    const written = toOutputError(error, undefined);
    if (written instanceof OutputError && isOutputFailure(error)) {
      process.stderr.write(`${written.message}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof FileReadError) {
      process.stderr.write(`${error.file}:1:1  ${error.message}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof PdfError) {
      process.stderr.write(`PDF: ${error.message}\n`);
      return exitCodes.badInput;
    }
    throw error;
  }
}
