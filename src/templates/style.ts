/**
 * House styles: a folder of templates and settings (`templates/<style>/`) that overrides any file
 * of the default style; a company can keep its own styles beside its data (`data/<co>/templates/`).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type Handlebars from "handlebars";
import { z } from "zod";
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

/**
 * Compiled styles, most recently used last, at most `styleCacheSize`: a batch of many companies
 * (or a preview whose templates are edited, a new key each time) must not keep every one.
 */
const styleCache = new Map<string, HouseStyle>();
const styleCacheSize = 32;

/** The style a release uses: the quarter's, the company's, or its wire's (PR Newswire, GlobeNewswire). */
export function resolveStyleName(quarter: { readonly style?: string }, company: { readonly style?: string; readonly wire: string }): string {
  return quarter.style ?? company.style ?? (company.wire === "prnewswire" || company.wire === "globenewswire" ? company.wire : "default");
}

/** The folders searched for a company's own styles, before the shipped ones. */
export function companyStyleDirs(companyFile: string): string[] {
  return [join(dirname(companyFile), "templates")];
}

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
  if (cached) {
    styleCache.delete(key);
    styleCache.set(key, cached);
    return cached;
  }
  const find = (file: string): string => {
    const found = folders.map((folder) => join(folder, file)).find((path) => existsSync(path));
    if (!found) throw new StyleError(`the house style "${name}" has no ${file} (looked in ${folders.join(", ")})`);
    return found;
  };
  // Settings merge: the default's, then each more specific folder's; each file checked on its own.
  const merged = [...folders].reverse().reduce<Record<string, unknown>>((merged, folder) => {
    const path = join(folder, "style.json");
    return existsSync(path) ? { ...merged, ...readStyleJson(path) } : merged;
  }, {});
  const complete = StyleSettingsSchema.safeParse(merged);
  if (!complete.success) throw new StyleError(`the house style "${name}" lacks settings: ${complete.error.issues.map((issue) => issue.path.join(".")).join(", ")} (looked in ${folders.join(", ")})`);
  const settings: StyleSettings = complete.data;
  const environment = createHouseEnvironment();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const style: HouseStyle = {
    name,
    settings,
    render(template, context) {
      const path = find(`${template}.hbs`);
      let delegate = compiled.get(template);
      if (!delegate) {
        delegate = environment.compile(readStyleFile(path), { strict: true, knownHelpersOnly: true, noEscape: true });
        compiled.set(template, delegate);
      }
      try {
        // Only the template file's final newline goes: a dateline may end in a space.
        return delegate(context).replace(/\n+$/, "");
      } catch (error) {
        // Handlebars compiles at the first call: syntax errors and unknown names both land here.
        throw templateError(path, error);
      }
    },
    readFile: (file) => readStyleFile(find(file)),
  };
  styleCache.set(key, style);
  if (styleCache.size > styleCacheSize) styleCache.delete(styleCache.keys().next().value!);
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

/**
 * The settings of style.json, each bounded: a `paragraphGap` or `textWidth` of 1e8 made the text
 * writer build strings until V8 failed. A file may set any of them; together they must set all.
 */
const StyleSettingsSchema = z.strictObject({
  textWidth: z.int().min(30).max(400),
  headingCase: z.enum(["upper", "as-is"]),
  narrativeUnit: z.enum(["millions", "thousands", "billions"]),
  narrativeDecimals: z.int().min(0).max(3),
  contactsLabel: z.string().min(1).max(80).regex(/^[^\u0000-\u001F\u007F-\u009F]*$/, "no control characters"),
  paragraphIndent: z.int().min(0).max(20),
  paragraphGap: z.int().min(0).max(5),
  headingIndent: z.int().min(0).max(20),
  bullet: z.string().max(20).regex(/^[^\u0000-\u001F\u007F-\u009F]*$/, "no control characters"),
});
const StyleFileSchema = StyleSettingsSchema.partial();

/** A template's Handlebars error as a StyleError located in its file (`dateline.hbs:1:12  ...`). */
function templateError(path: string, error: unknown): StyleError {
  if (error instanceof StyleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const located = error as { lineNumber?: unknown; column?: unknown };
  const parse = /^Parse error on line (\d+):/.exec(message);
  const runtime = / - (\d+):(\d+)$/.exec(message.split("\n")[0]!);
  const line = typeof located.lineNumber === "number" ? located.lineNumber : parse ? Number(parse[1]) : runtime ? Number(runtime[1]) : 1;
  const column = typeof located.column === "number" ? located.column + 1 : runtime ? Number(runtime[2]) + 1 : 1;
  const lines = message.split("\n");
  // A parse error shows the text before the fault, then a caret under its end: quote that text.
  const near = parse ? (lines[1] ?? "").slice(0, Math.max(0, (lines[2] ?? "").indexOf("^"))).replace(/^\.\.\./, "") : "";
  const what = parse ? `cannot be read after "${near}": a {{...}} that is not closed, or a {{#block}} without its {{/block}}` : lines[0]!.replace(/ in \[object Object\]/, "").replace(/ - \d+:\d+$/, "");
  return new StyleError(`${path}:${line}:${column}  ${what}`, { cause: error });
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
  const checked = StyleFileSchema.safeParse(value);
  if (!checked.success) {
    // Located at the key's line: JSON keeps no positions, but a style.json names each key once.
    const messages = checked.error.issues.map((issue) => {
      const key = issue.code === "unrecognized_keys" ? issue.keys[0]! : String(issue.path[0] ?? "");
      const offset = Math.max(0, text.indexOf(JSON.stringify(key)));
      const before = text.slice(0, offset);
      const where = `${path}:${before.split("\n").length}:${offset - before.lastIndexOf("\n")}`;
      if (issue.code === "unrecognized_keys") return `${where}  unknown setting "${key}"; a style.json sets ${Object.keys(StyleSettingsSchema.shape).join(", ")}`;
      const got = (value as Record<string, unknown>)[key];
      return `${where}  ${key}: ${describeBound(issue)}, got ${JSON.stringify(got)}`;
    });
    throw new StyleError(messages.join("\n"));
  }
  return checked.data;
}

/** zod's message for a setting, in words: "expected at most 5". */
function describeBound(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_big") return `expected at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : ""}`;
  if (issue.code === "too_small") return `expected at least ${String(issue.minimum)}${issue.origin === "string" ? " characters" : ""}`;
  if (issue.code === "invalid_type") return `expected ${issue.expected === "int" || issue.expected === "number" ? "a whole number" : issue.expected}`;
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
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
