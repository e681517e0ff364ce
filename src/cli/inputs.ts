/**
 * Which quarter files a command works on: files as given, folders searched for quarter files.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** An input path that does not exist or holds no quarter file. */
export class InputError extends Error {}

const quarterFile = /\.ya?ml$/i;
const skippedFolders = new Set(["templates", "node_modules", "output"]);

/** Quarter files of the inputs: a folder gives every YAML file below it but company files. */
export function findQuarterFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) throw new InputError(`no such file or folder: ${input}`);
    if (statSync(input).isDirectory()) {
      const found = collect(input);
      if (found.length === 0) throw new InputError(`no quarter files (*.yaml other than company.yaml) in ${input}`);
      files.push(...found);
    } else files.push(input);
  }
  // One file named twice (data/a.yaml and ./data/a.yaml) is built once.
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(resolve(file)) && Boolean(seen.add(resolve(file))));
}

function collect(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) found.push(...collect(path));
    } else if (quarterFile.test(entry.name) && !/^company\.ya?ml$/i.test(entry.name)) found.push(path);
  }
  return found;
}
