/**
 * Loads a quarter file and its company file, validates both, and builds the fact book; every
 * problem of both files is collected and thrown at once as a DataError.
 */
import { existsSync } from "node:fs";
import { dirname, basename, isAbsolute, resolve, relative } from "node:path";
import { z } from "zod";
import { buildFactBook, type FactBook } from "../finance/facts.js";
import { type DataIssue, type DataPath, DataError, formatDataPath } from "./issues.js";
import { CompanySchema, type CompanyData, QuarterSchema, type QuarterData } from "./schema.js";
import { describeValue, readYamlSource, type YamlSource } from "./yaml-source.js";

/** A quarter with its company, validated, with its figures. */
export interface LoadedRelease {
  /** The quarter file as given (relative paths stay relative, for messages). */
  readonly file: string;
  readonly companyFile: string;
  /** Folder name of the company, e.g. "atg". */
  readonly companyId: string;
  readonly quarter: QuarterData;
  readonly company: CompanyData;
  readonly facts: FactBook;
  /** The text of the quarter file and the company file as read, once, for this release. */
  readonly sources: { readonly quarter: string; readonly company: string };
  /** Location of a path in the quarter file. */
  locate(path: DataPath): { line: number; column: number };
  /** Location of a path in the company file. */
  locateCompany(path: DataPath): { line: number; column: number };
}

/** Loads and validates `file` (a quarter YAML); throws DataError listing every problem. */
export function loadRelease(file: string): LoadedRelease {
  const issues: DataIssue[] = [];
  const quarterSource = readYamlSource(file, issues);
  const quarter = quarterSource && validate(QuarterSchema, quarterSource, issues);
  const companyFile = resolveCompanyFile(file, quarterSource?.value);
  const namedCompany = quarterSource !== undefined && companyFile !== undefined && !existsSync(companyFile);
  if (namedCompany) {
    issues.push({ code: "no_company", file, ...quarterSource.locate(["company"]), path: "company", message: `no such file ${relative(process.cwd(), companyFile) || companyFile} (the path is relative to the quarter file's folder)` });
  }
  const companySource = companyFile === undefined || namedCompany ? undefined : readYamlSource(companyFile, issues);
  if (companyFile === undefined && quarterSource) {
    issues.push({ code: "no_company", file, line: 1, column: 1, path: "company", message: `no company file: put company.yaml beside ${basename(file)} or name it with company: <path>` });
  }
  const company = companySource && validate(CompanySchema, companySource, issues);
  if (!quarter || !company || !quarterSource) throw new DataError(issues);

  const { book, issues: factIssues } = buildFactBook(quarter);
  const place = (path: DataPath, code: string, message: string): DataIssue => ({
    code,
    file,
    ...quarterSource.locate(path),
    path: formatDataPath(path, quarterSource.value),
    message,
  });
  for (const issue of factIssues) issues.push(place(issue.path, issue.code, issue.message));
  for (const issue of checkReferences(quarter)) issues.push(place(issue.path, issue.code, issue.message));
  if (issues.length > 0) throw new DataError(issues);

  return {
    file,
    companyFile: companyFile!,
    companyId: basename(dirname(resolve(companyFile!))),
    quarter,
    company,
    facts: book,
    sources: { quarter: quarterSource.text, company: companySource.text },
    locate: (path) => quarterSource.locate(path),
    locateCompany: (path) => companySource.locate(path),
  };
}

function resolveCompanyFile(file: string, value: unknown): string | undefined {
  const named = value && typeof value === "object" ? (value as Record<string, unknown>).company : undefined;
  const candidate = typeof named === "string" ? resolve(dirname(file), named) : resolve(dirname(file), "company.yaml");
  if (!existsSync(candidate)) return typeof named === "string" ? candidate : undefined;
  // Relative to the working folder when inside it (data/atg/company.yaml); absolute otherwise, never ../../.
  const shown = relative(process.cwd(), candidate);
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? candidate : shown;
}

/** References between parts of the quarter that the schema alone cannot see. */
function checkReferences(quarter: QuarterData): { code: string; path: DataPath; message: string }[] {
  const issues: { code: string; path: DataPath; message: string }[] = [];
  const periods = Object.keys(quarter.periods);
  if (!periods.includes(quarter.current)) issues.push({ code: "unknown_period", path: ["current"], message: `no period "${quarter.current}" in periods (${periods.join(", ")})` });
  const tableIds = quarter.tables.map((table) => table.id);
  const seenTables = new Set<string>();
  quarter.tables.forEach((table, index) => {
    if (seenTables.has(table.id)) issues.push({ code: "duplicate_id", path: ["tables", index, "id"], message: `the table id "${table.id}" is used twice` });
    seenTables.add(table.id);
  });
  const sectionIds = new Set<string>();
  quarter.body.forEach((item, index) => {
    if ("table" in item) {
      if (!tableIds.includes(item.table)) issues.push({ code: "unknown_table", path: ["body", index, "table"], message: `no table "${item.table}" in tables (${tableIds.join(", ")})` });
      return;
    }
    if (sectionIds.has(item.id)) issues.push({ code: "duplicate_id", path: ["body", index, "id"], message: `the section id "${item.id}" is used twice` });
    sectionIds.add(item.id);
    if (!item.paragraphs && !item.bullets && !item.intro) issues.push({ code: "empty_section", path: ["body", index], message: "a section needs paragraphs, an intro or bullets" });
  });
  return issues;
}

/** Validates a parsed file against a schema, turning zod issues into located DataIssues. */
function validate<T>(schema: z.ZodType<T>, source: YamlSource, issues: DataIssue[]): T | undefined {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  // One issue per value: a date that fails its pattern need not also fail its calendar check.
  const seen = new Set<string>();
  for (const issue of flattenIssues(result.error.issues, [])) {
    const key = `${issue.code === "unrecognized_keys" ? "keys" : "value"}\u0001${issue.path.map(String).join("\u0001")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(toDataIssue(issue, source));
  }
  return undefined;
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly ZodIssueLike[])[];
  readonly expected?: string;
  readonly values?: readonly unknown[];
}

/** A union's issues are those of the branch that got furthest, so messages stay specific. */
function flattenIssues(issues: readonly ZodIssueLike[], prefix: readonly PropertyKey[]): ZodIssueLike[] {
  const flat: ZodIssueLike[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors && issue.errors.length > 0) {
      const progress = (branch: readonly ZodIssueLike[]) => Math.max(...branch.map((inner) => inner.path.length + (inner.code === "invalid_type" && inner.path.length === 0 ? -1 : 0)));
      const best = [...issue.errors].sort((a, b) => progress(b) - progress(a) || a.length - b.length)[0]!;
      if (progress(best) > 0) {
        flat.push(...flattenIssues(best, path));
        continue;
      }
      // No form got further than the value itself: a union's own message, else its first form's.
      if (issue.message === "Invalid input") {
        flat.push(...flattenIssues(issue.errors[0]!, path));
        continue;
      }
    }
    flat.push({ ...issue, path });
  }
  return flat;
}

const knownFields = collectFieldNames();

function toDataIssue(issue: ZodIssueLike, source: YamlSource): DataIssue {
  const path = issue.path.map((part) => (typeof part === "number" ? part : String(part)));
  const value = valueAt(source.value, path);
  let message: string;
  let target: DataPath = path;
  if (issue.code === "unrecognized_keys" && issue.keys) {
    const key = issue.keys[0]!;
    target = [...path, key];
    const near = suggestField(key);
    message = `unknown field "${key}"${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).map((k) => `"${k}"`).join(", ")})` : ""}; ${near ? `did you mean "${near}"?` : "remove it or check the spelling (see `earnings-release schema`)"}`;
  } else if (issue.code === "invalid_type" && value === undefined) {
    message = `missing: ${explainZodMessage(issue.message)}`;
  } else if (issue.code === "invalid_value" && issue.values) {
    message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(value)}`;
  } else if (issue.code === "invalid_union" && issue.message === "Invalid input") {
    message = `this entry does not fit any of its allowed forms, got ${describeValue(value)} (see \`earnings-release schema\`)`;
  } else {
    const hint = typeof value === "string" && /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(value) && /boolean/.test(issue.message) ? " (YAML 1.2 reads yes, no, on and off as text: write true or false)" : "";
    message = `${explainZodMessage(issue.message)}, got ${describeValue(value)}${hint}`;
  }
  return { code: issue.code, file: source.file, ...source.locate(target), path: formatDataPath(path, source.value), message };
}

function valueAt(root: unknown, path: DataPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = Object.prototype.hasOwnProperty.call(node, part) ? (node as Record<string | number, unknown>)[part] : undefined;
  }
  return node;
}

const typeNames: Record<string, string> = { string: "text", number: "a number", int: "a whole number", boolean: "true or false", array: "a list", object: "a map" };

/** zod's generic wording ("Invalid input: expected int, received number") in the words of the data. */
function explainZodMessage(message: string): string {
  const type = /^Invalid input: expected (\w+)(?:, received \w+)?$/.exec(message);
  if (type) return `expected ${typeNames[type[1]!] ?? type[1]}`;
  const bound = /^Too (small|big): expected (?:number|int) to be ([<>]=?)(-?[\d.]+)$/.exec(message);
  if (bound) return `expected ${bound[2]!.startsWith(">") ? "at least" : "at most"} ${bound[3]}`;
  const size = /^Too (small|big): expected (?:array|string) to have ([<>]=?)(\d+) (items|characters)$/.exec(message);
  if (size) return `expected ${size[2]!.startsWith(">") ? "at least" : "at most"} ${size[3]} ${size[4] === "items" ? "entries" : "characters"}`;
  return message;
}

/** The known field nearest a misspelt one, if near enough to be a typo (`totl` -> `total`). */
function suggestField(key: string): string | undefined {
  const limit = Math.min(2, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const field of knownFields) {
    const distance = typoDistance(field.toLowerCase(), key.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [field, distance];
  }
  return best;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (`vaules` -> `values`). */
function typoDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Every field name of both schemas, for "did you mean" suggestions. */
function collectFieldNames(): string[] {
  const names = new Set<string>();
  const visit = (schema: Record<string, unknown>) => {
    if (!schema || typeof schema !== "object") return;
    const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
    if (properties) for (const [name, inner] of Object.entries(properties)) {
      names.add(name);
      visit(inner);
    }
    for (const key of ["items", "additionalProperties"]) if (schema[key] && typeof schema[key] === "object") visit(schema[key] as Record<string, unknown>);
    for (const key of ["anyOf", "oneOf", "allOf"]) (schema[key] as Record<string, unknown>[] | undefined)?.forEach(visit);
    if (schema.$defs) Object.values(schema.$defs as Record<string, Record<string, unknown>>).forEach(visit);
  };
  visit(z.toJSONSchema(QuarterSchema, { unrepresentable: "any" }));
  visit(z.toJSONSchema(CompanySchema, { unrepresentable: "any" }));
  return [...names];
}
