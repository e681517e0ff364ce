/**
 * `earnings-release preview <quarter.yaml> [--port N]`: serve the release on 127.0.0.1 with live
 * reload, the tie-out report, PDF and Word downloads and the redline; runs until Ctrl-C.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { exitCodes, UsageError } from "../errors.js";

interface PreviewCommandOptions {
  readonly port: string;
}

async function preview(file: string, options: PreviewCommandOptions): Promise<number> {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number (0 for any free port), got "${options.port}"`);
  let server;
  try {
    const [{ startPreview }, { PdfPrinter }] = await Promise.all([import("../../workflow/preview-server.js"), import("../../pdf/pdf-printer.js")]);
    server = await startPreview({ file, port, createPrinter: () => new PdfPrinter() });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new UsageError(`port ${port} is in use; choose another with --port`, { cause: error });
    throw error;
  }
  process.stdout.write(`previewing ${file} at ${server.url} (loopback only; Ctrl-C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return exitCodes.ok;
}

/** Registers the command. */
export function registerPreview(program: Command): void {
  program
    .command("preview")
    .description("serve a release on 127.0.0.1 with live reload, the tie-out report, PDF/Word downloads and the redline against the last commit")
    .argument("<quarter>", "the quarter YAML file")
    .option("-p, --port <number>", "port on 127.0.0.1 (0: any free port)", "4300")
    .action(async (file: string, options: PreviewCommandOptions) => {
      process.exitCode = await preview(file, options);
    });
}
