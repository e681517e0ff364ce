/**
 * Reads a YAML file into plain values while remembering where each value stands (line, column),
 * so that every later issue can point at its place in the file.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { type DataIssue, type DataPath, formatDataPath, pathKey } from "./issues.js";
import { FileReadError, maxFileBytes, readTextFile } from "./read-text-file.js";

export { maxFileBytes };
const maxNodes = 200_000;
const maxDepth = 64;

/** A parsed YAML file: its value and the location of every node. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** The text parsed, as read (once): what the build hashes and the checks quote. */
  readonly text: string;
  /** Location of a value (or, for a key path ending in a key, of that key). */
  locate(path: DataPath): { line: number; column: number };
}

const plainNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
// Invisible or direction-changing characters that make a file read differently from what it holds
// ("1.5$ million" shown for "$1.5 million"), and characters the formats do not agree on. C1 controls
// (U+0080-U+009F) come from text decoded in the wrong encoding; U+2028/9 break lines unseen; a tab
// or carriage return in a value prints differently in each format; non-characters (U+FFFE) and lone
// surrogates (from "\uD800" escapes) are not text. (A newline is a value's own line break.)
const invisibleCharacters = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\uE000-\uF8FF\uD800-\uDFFF\p{Bidi_Control}\p{Noncharacter_Code_Point}]/u;
// Characters shown escaped when a value is quoted in a message, so that the reader sees them.
const unseenCharacters = /[\u0000-\u001F\u007F-\u00A0\u00AD\u061C\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF\uFFF9-\uFFFB\uE000-\uF8FF\uD800-\uDFFF\p{Noncharacter_Code_Point}]/gu;
// Tags that only restate what a plain value already is; any other (!!binary, !!set, !custom) is refused.
const plainTags = new Set(["tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"]);

/** Reads and parses `file`, collecting every issue (syntax and value forms) instead of throwing. */
export function readYamlSource(file: string, issues: DataIssue[]): YamlSource | undefined {
  let text: string;
  try {
    // Bounded by the bytes actually read, regular files only: /dev/zero, a FIFO are refused.
    text = readTextFile(file, maxFileBytes);
  } catch (error) {
    if (error instanceof FileReadError) {
      const limit = `data files are limited to ${maxFileBytes / 1048576} MB`;
      const size = error.bytes === undefined ? `holds more than ${maxFileBytes / 1048576} MB` : `is ${(error.bytes / 1048576).toFixed(1)} MB`;
      const message = error.code === "file_too_large" ? `the file ${size}; ${limit}` : `cannot read the file: ${error.message}`;
      issues.push({ code: error.code, file, line: 1, column: 1, path: "", message });
      return undefined;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message;
    issues.push({ code: "unreadable", file, line: 0, column: 0, path: "", message: `cannot read the file: ${reason}` });
    return undefined;
  }
  return parseYamlSource(file, text, issues);
}

/** Parses YAML text (see readYamlSource). */
export function parseYamlSource(file: string, text: string, issues: DataIssue[]): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    issues.push({ code: "binary", file, ...lineAndColumn(text, nul), path: "", message: "the file is not text (it holds a NUL byte here); a quarter file is UTF-8 YAML" });
    return undefined;
  }
  const replaced = text.indexOf("\uFFFD");
  if (replaced >= 0) {
    issues.push({ code: "encoding", file, ...lineAndColumn(text, replaced), path: "", message: "the file is not valid UTF-8 here (saved as Latin-1 or Windows-1252?); save it as UTF-8" });
    return undefined;
  }
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: "core" });
  } catch (error) {
    // The parser recurses per nesting level: thousands of levels can exhaust the stack.
    const message = error instanceof RangeError ? tooDeepMessage : `the YAML cannot be read: ${(error as Error).message}`;
    issues.push({ code: error instanceof RangeError ? "too_deep" : "yaml_syntax", file, line: 1, column: 1, path: "", message });
    return undefined;
  }
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      const code = error.code === "DUPLICATE_KEY" ? "duplicate_key" : /call stack/i.test(message) ? "too_deep" : "yaml_syntax";
      // An exhausted stack fails every enclosing level too: one message says it.
      if (code === "too_deep" && issues.some((issue) => issue.file === file && issue.code === "too_deep")) continue;
      issues.push({ code, file, ...at(error.pos[0]), path: "", message: explainYamlError(error.code, message, text.slice(error.pos[0], error.pos[0] + 200)) });
    }
    return undefined;
  }
  if (document.contents === null) {
    issues.push({ code: "empty", file, line: 1, column: 1, path: "", message: "the file is empty; expected a map of fields (see `earnings-release schema`)" });
    return undefined;
  }

  const locations = new Map<string, { line: number; column: number }>();
  let nodeCount = 0;
  const found: { code: string; offset: number | undefined; path: DataPath; message: string }[] = [];
  const report = (code: string, node: Node | null | undefined, path: DataPath, message: string) => found.push({ code, offset: node?.range?.[0], path, message });
  // `[1,500]` is two figures to YAML, 1 and 500, but a thousands group to the eye: refused.
  const checkThousandsGroups = (items: readonly Node[], path: DataPath) => {
    for (let index = 1; index < items.length; index++) {
      const [first, second] = [items[index - 1], items[index]];
      if (!isScalar(first) || !isScalar(second) || !first.range || !second.range) continue;
      const [left, right] = [String(first.source ?? ""), String(second.source ?? "")];
      if (typeof first.value !== "number" || typeof second.value !== "number" || !/^-?\d{1,3}$/.test(left) || !/^\d{3}(?:\.\d+)?$/.test(right) || !plainNumber.test(right)) continue;
      if (!/^\s*,$/.test(text.slice(first.range[1], second.range[0]))) continue;
      report("thousands_group", first, [...path, index - 1], `${left},${right} in a [...] list reads as two figures, ${left} and ${right}; write ${left}${right} for one figure, or put a space after the comma (${left}, ${right}) for two`);
      index++; // 1,500,250: one message for the first group
    }
  };
  const convert = (node: Node | null, path: DataPath, depth: number): unknown => {
    if (++nodeCount > maxNodes || depth > maxDepth) {
      if (nodeCount === maxNodes + 1 || depth === maxDepth + 1) {
        report(depth > maxDepth ? "too_deep" : "too_large", node, path, depth > maxDepth ? `nesting deeper than ${maxDepth} levels; a release needs a few` : `more than ${maxNodes} values once aliases are expanded (an alias bomb?); a release needs a few thousand`);
      }
      return null;
    }
    if (node === null) return null;
    if (node.range) locations.set(pathKey(path), at(node.range[0]));
    if (node.tag !== undefined && !plainTags.has(node.tag)) {
      report("yaml_tag", node, path, `the YAML tag ${node.tag.replace(/^tag:yaml\.org,2002:/, "!!")} is not used in release data; write the value plainly`);
      return null;
    }
    if (isAlias(node)) return convert(node.resolve(document) ?? null, path, depth + 1);
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === "number" || typeof value === "bigint") {
        const source = (node.source ?? String(value)).trim();
        if (!plainNumber.test(source) || !Number.isFinite(Number(value))) {
          // "16,009" unquoted in a flow list reads as two numbers, the second with leading zeros.
          const hint = /^0\d+$/.test(source) ? "; a comma splits a number in two inside [...]: write 16009, not 16,009" : "; write digits with an optional minus and decimal point (1000, -0.04, 0.5)";
          report("number_form", node, path, `expected a plain decimal number, got ${source}${hint}`);
          return null;
        }
        if (source.replace(/^-|\./g, "").replace(/^0+/, "").length > 15) {
          report("number_precision", node, path, `${source} has more than 15 significant digits; state figures in a larger unit`);
          return null;
        }
        return Number(source);
      }
      if (typeof value === "string") {
        const bad = invisibleCharacters.exec(value);
        if (bad) {
          const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
          const hint = bad[0] === "\t" ? "a tab: write a space" : bad[0] === "\r" ? "a carriage return: write the text on one line, or break it with a newline" : "retype the text";
          report("invisible_character", node, path, `contains an invisible or control character U+${code} at position ${bad.index + 1}; ${hint}`);
        }
      }
      return value;
    }
    if (isSeq(node)) {
      if (node.flow) checkThousandsGroups(node.items as Node[], path);
      return node.items.map((item, index) => convert(item as Node, [...path, index], depth + 1));
    }
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyValue: unknown = isScalar(keyNode) ? keyNode.value : undefined;
        const key = typeof keyValue === "string" || typeof keyValue === "number" || typeof keyValue === "boolean" || typeof keyValue === "bigint" ? String(keyValue) : undefined;
        if (key === undefined) {
          report("bad_key", keyNode ?? node, path, isScalar(keyNode) ? "a key is missing before the colon" : "a key must be plain text");
          continue;
        }
        const keyPath = [...path, key];
        if (keyNode?.range) locations.set(`${pathKey(keyPath)}#key`, at(keyNode.range[0]));
        // defineProperty: a key named __proto__ stays an ordinary (unknown) field.
        Object.defineProperty(result, key, { value: convert(pair.value as Node | null, keyPath, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return result;
    }
    return null;
  };
  const value = convert(document.contents, [], 0);
  // Paths are written once the whole value exists, so list items are named by their ids.
  for (const issue of found) issues.push({ code: issue.code, file, ...(issue.offset === undefined ? { line: 1, column: 1 } : at(issue.offset)), path: formatDataPath(issue.path, value), message: issue.message });
  if (found.length > 0) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    issues.push({ code: "not_a_map", file, ...at(document.contents.range?.[0] ?? 0), path: "", message: `expected a map of fields at the top of the file, got ${Array.isArray(value) ? "a list" : describeValue(value)}` });
    return undefined;
  }
  return {
    file,
    value,
    text,
    locate(path) {
      for (let length = path.length; length >= 0; length--) {
        const prefix = pathKey(path.slice(0, length));
        const found = (length === path.length && locations.get(`${prefix}#key`)) || locations.get(prefix);
        if (found) return found;
      }
      return { line: 1, column: 1 };
    },
  };
}

const tooDeepMessage = "the data is nested too deeply to read (thousands of levels); a release needs a few levels";

function explainYamlError(code: string, message: string, source: string): string {
  if (code === "DUPLICATE_KEY") {
    const key = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:,{}[\]\n]+)/.exec(source)?.[1]?.trim();
    return `${key ? `the key ${key.startsWith('"') || key.startsWith("'") ? key : `"${key}"`}` : "a key"} appears twice in the same map; keep one`;
  }
  if (/call stack/i.test(message)) return tooDeepMessage;
  if (/multiple documents/i.test(message)) return "a second YAML document starts here (a line ---): a quarter file holds one document; remove the line or split the file";
  if (code === "TAB_AS_INDENT" || /tab/i.test(message)) return `${message}; indent with spaces, not tabs`;
  return message;
}

/** A value as quoted in messages: `"16,009"`, `true`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") {
    const quoted = JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    return quoted.replace(unseenCharacters, (character) => `\\u${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return typeof value;
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
