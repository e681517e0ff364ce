/**
 * Reads a YAML file into plain values while remembering where each value stands (line, column),
 * so that every later issue can point at its place in the file.
 */
import { readFileSync, statSync } from "node:fs";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { type DataIssue, type DataPath, formatDataPath, pathKey } from "./issues.js";

/** Largest data file accepted: real quarter files are a few tens of kilobytes. */
export const maxFileBytes = 2 * 1024 * 1024;
const maxNodes = 200_000;
const maxDepth = 64;

/** A parsed YAML file: its value and the location of every node. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** Location of a value (or, for a key path ending in a key, of that key). */
  locate(path: DataPath): { line: number; column: number };
}

const plainNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
// Invisible or direction-changing characters that make a file read differently from what it holds.
const invisibleCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uE000-\uF8FF]/u;

/** Reads and parses `file`, collecting every issue (syntax and value forms) instead of throwing. */
export function readYamlSource(file: string, issues: DataIssue[]): YamlSource | undefined {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > maxFileBytes) {
      issues.push({ code: "file_too_large", file, line: 1, column: 1, path: "", message: `the file is ${(size / 1048576).toFixed(1)} MB; data files are limited to ${maxFileBytes / 1048576} MB` });
      return undefined;
    }
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
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
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    const offset = Math.max(text.indexOf("\u0000"), text.indexOf("\uFFFD"));
    lineCounter.addNewLine(0);
    issues.push({ code: "binary", file, ...at(0), path: "", message: `the file is not text (a binary byte at offset ${offset}); save it as UTF-8 YAML` });
    return undefined;
  }
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: "core" });
  } catch (error) {
    issues.push({ code: "yaml_syntax", file, line: 1, column: 1, path: "", message: `the YAML cannot be read: ${(error as Error).message}` });
    return undefined;
  }
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      issues.push({ code: error.code === "DUPLICATE_KEY" ? "duplicate_key" : "yaml_syntax", file, ...at(error.pos[0]), path: "", message: explainYamlError(error.code, message) });
    }
    return undefined;
  }
  if (document.contents === null) {
    issues.push({ code: "empty", file, line: 1, column: 1, path: "", message: "the file is empty; expected a map of fields (see `earnings-release schema`)" });
    return undefined;
  }

  const locations = new Map<string, { line: number; column: number }>();
  let nodeCount = 0;
  const start = issues.length;
  const convert = (node: Node | null, path: DataPath, depth: number): unknown => {
    if (++nodeCount > maxNodes || depth > maxDepth) {
      if (nodeCount === maxNodes + 1 || depth === maxDepth + 1) {
        const where = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
        issues.push({ code: "too_large", file, ...where, path: formatDataPath(path), message: depth > maxDepth ? `nesting deeper than ${maxDepth} levels; a release needs a few` : `more than ${maxNodes} values (aliases expanded); a release needs a few thousand` });
      }
      return null;
    }
    if (node === null) return null;
    if (node.range) locations.set(pathKey(path), at(node.range[0]));
    if (isAlias(node)) return convert(node.resolve(document) ?? null, path, depth + 1);
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === "number" || typeof value === "bigint") {
        const source = (node.source ?? String(value)).trim();
        if (!plainNumber.test(source) || !Number.isFinite(Number(value))) {
          issues.push({ code: "number_form", file, ...at(node.range![0]), path: formatDataPath(path), message: `expected a plain decimal number, got ${source}; write digits with an optional minus and decimal point (1000, -0.04, 0.5)` });
          return null;
        }
        if (source.replace(/^-|\./g, "").replace(/^0+/, "").length > 15) {
          issues.push({ code: "number_precision", file, ...at(node.range![0]), path: formatDataPath(path), message: `${source} has more than 15 significant digits; state figures in a larger unit` });
          return null;
        }
        return Number(source);
      }
      if (typeof value === "string") {
        const bad = invisibleCharacters.exec(value);
        if (bad) {
          const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
          issues.push({ code: "invisible_character", file, ...at(node.range![0]), path: formatDataPath(path), message: `contains an invisible or control character U+${code} at position ${bad.index + 1}; retype the text` });
        }
      }
      return value;
    }
    if (isSeq(node)) return node.items.map((item, index) => convert(item as Node, [...path, index], depth + 1));
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
        if (key === undefined) {
          issues.push({ code: "bad_key", file, ...(keyNode?.range ? at(keyNode.range[0]) : { line: 1, column: 1 }), path: formatDataPath(path), message: "a key must be plain text" });
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
  const value = convert(document.contents as Node, [], 0);
  if (issues.length > start) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    issues.push({ code: "not_a_map", file, ...at(document.contents.range?.[0] ?? 0), path: "", message: `expected a map of fields at the top of the file, got ${Array.isArray(value) ? "a list" : describeValue(value)}` });
    return undefined;
  }
  return {
    file,
    value,
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

function explainYamlError(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return `${message}: a key appears twice in the same map; keep one`;
  if (code === "TAB_AS_INDENT" || /tab/i.test(message)) return `${message}; indent with spaces, not tabs`;
  return message;
}

/** A value as quoted in messages: `"16,009"`, `true`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return String(value);
}
