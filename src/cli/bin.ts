#!/usr/bin/env node
/** Entry point of the `earnings-release` command. */
import { readFileSync } from "node:fs";

// A reader that stops early (`| head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

async function run(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    // The version alone needs no command tree: printed as commander prints it, nothing else loaded.
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const { runCli } = await import("./main.js");
  return runCli(argv);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Not a user's mistake: say so plainly; DEBUG=1 shows where.
    const detail = error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error);
    process.stderr.write(`internal error (please report): ${detail}\n`);
    process.exitCode = 70;
  },
);
