/**
 * `earnings-release schema`: the JSON Schema of the data files, for editor autocompletion.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";

/** Registers the command. */
export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of the data files (for editor autocompletion)")
    .option("-o, --out <file>", "write it to a file instead")
    .action(async (options: { out?: string }) => {
      // zod and the schema load when the command runs, not for `--help`.
      const { exportJsonSchema } = await import("../../data/schema.js");
      const text = `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    });
}
