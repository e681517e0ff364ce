/**
 * `earnings-release schema`: the JSON Schema of the data files, for editor autocompletion.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { exportJsonSchema } from "../../data/schema.js";

/** Registers the command. */
export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of the data files (for editor autocompletion)")
    .option("-o, --out <file>", "write it to a file instead")
    .action((options: { out?: string }) => {
      const text = `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    });
}
