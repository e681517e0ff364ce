#!/usr/bin/env node
/** Entry point of the `earnings-release` command. */
import { runCli } from "./main.js";

// A reader that stops early (`| head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runCli(process.argv.slice(2)).then(
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
