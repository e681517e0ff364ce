/**
 * House styles: a folder of templates and settings (`templates/<style>/`) that overrides any file
 * of the default style; a company can keep its own styles beside its data (`data/<co>/templates/`).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type Handlebars from "handlebars";
import { maxFileBytes, readTextFile } from "../data/read-text-file.js";
import { createHouseEnvironment } from "./environment.js";

/** The folder of the templates shipped with the tool. */
export const builtInTemplatesDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../templates");

/** Settings of a house style (`style.json`). */
export interface StyleSettings {
  /** Width of the wire text, in characters. */
  readonly textWidth: number;
  /** Section headings as written (`as-is`) or in capitals (`upper`), as wire text has them. */
  readonly headingCase: "upper" | "as-is";
  /** Amounts in prose: unit and decimals ("$16.0 million"). */
  readonly narrativeUnit: "millions" | "thousands" | "billions";
  readonly narrativeDecimals: number;
  /** Label of the contacts block. */
  readonly contactsLabel: string;
  /** Wire text layout: paragraph indent and gap, heading indent, bullet marker. */
  readonly paragraphIndent: number;
  readonly paragraphGap: number;
  readonly headingIndent: number;
  readonly bullet: string;
}

/** A loaded house style: settings and compiled templates. */
export interface HouseStyle {
  readonly name: string;
  readonly settings: StyleSettings;
  /** Renders a template of the style by name (`dateline-businesswire`, `safe-harbor` ...). */
  render(name: string, context: Record<string, unknown>): string;
  /** Reads a non-template file of the style (release.css, print.css). */
  readFile(name: string): string;
}

const styleCache = new Map<string, HouseStyle>();

/** Loads a style, looking in `extraDirs` (e.g. the company's own templates) before the built-in ones. */
export function loadHouseStyle(name: string, extraDirs: readonly string[] = []): HouseStyle {
  const candidates = [...extraDirs.map((dir) => join(dir, name)), join(builtInTemplatesDir, name), join(builtInTemplatesDir, "default")];
  if (name !== "default" && !candidates.slice(0, -1).some((folder) => existsSync(folder))) {
    throw new StyleError(`no house style "${name}": looked in ${candidates.slice(0, -1).join(", ")}`);
  }
  // Keyed by the folders that exist: every company without templates of its own shares one style.
  const folders = candidates.filter((folder) => existsSync(folder));
  // ... and by their files' sizes and times, so an edited template is read again (preview, tests).
  const key = `${name}\u0000${folders.map(describeFolder).join("\u0000")}`;
  const cached = styleCache.get(key);
  if (cached) return cached;
  const find = (file: string): string => {
    const found = folders.map((folder) => join(folder, file)).find((path) => existsSync(path));
    if (!found) throw new StyleError(`the house style "${name}" has no ${file} (looked in ${folders.join(", ")})`);
    return found;
  };
  // Settings merge: the default's, then each more specific folder's.
  const settings = [...folders].reverse().reduce<Record<string, unknown>>((merged, folder) => {
    const path = join(folder, "style.json");
    return existsSync(path) ? { ...merged, ...readStyleJson(path) } : merged;
  }, {}) as unknown as StyleSettings;
  const environment = createHouseEnvironment();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const style: HouseStyle = {
    name,
    settings,
    render(template, context) {
      let delegate = compiled.get(template);
      if (!delegate) {
        delegate = environment.compile(readStyleFile(find(`${template}.hbs`)), { strict: true, knownHelpersOnly: true, noEscape: true });
        compiled.set(template, delegate);
      }
      // Only the template file's final newline goes: a dateline may end in a space.
      return delegate(context).replace(/\n+$/, "");
    },
    readFile: (file) => readStyleFile(find(file)),
  };
  styleCache.set(key, style);
  return style;
}

/** A file of a style, bounded by the bytes read, regular files only (a FIFO would block). */
function readStyleFile(path: string): string {
  try {
    return readTextFile(path, maxFileBytes);
  } catch (error) {
    throw new StyleError(`${path}:1:1  cannot be read as a template: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A style.json as a map of settings; a syntax error is a StyleError naming the file and place. */
function readStyleJson(path: string): Record<string, unknown> {
  const text = readStyleFile(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const offset = position ? Number(position[1]) : 0;
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    throw new StyleError(`${path}:${line}:${column}  is not valid JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/s, "")}`, { cause: error });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new StyleError(`${path}:1:1  expected a JSON object of settings`);
  return value as Record<string, unknown>;
}

/** A folder's path with each file's name, size and modification time. */
function describeFolder(folder: string): string {
  const files = readdirSync(folder).sort().map((file) => {
    const stat = statSync(join(folder, file));
    return `${file}:${stat.size}:${stat.mtimeMs}`;
  });
  return `${folder}|${files.join("|")}`;
}

/** A house style that cannot be found or read. */
export class StyleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StyleError";
  }
}
