/**
 * Problems found in data files, as data: code, file, line, column, YAML path and message.
 */

/** A path into a data file: keys and list indexes. */
export type DataPath = readonly (string | number)[];

/** One problem in a data file. */
export interface DataIssue {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Readable YAML path, e.g. `tables[operations].rows[totalRevenues].values[0]`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown when data files have problems; carries every issue found, not only the first. */
export class DataError extends Error {
  constructor(readonly issues: readonly DataIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "DataError";
  }
}

/** `data/atg/2003-q3.yaml:41:7  tables[operations].rows[totalRevenues]  expected a number ...` */
export function formatIssue(issue: DataIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return issue.path ? `${where}  ${issue.path}  ${issue.message}` : `${where}  ${issue.message}`;
}

/** A stable key of a path, for lookups. */
export function pathKey(path: DataPath): string {
  return path.map(String).join("\u0001");
}

/**
 * A path as users read it. With the file's value, list items that have an `id` (or a `heading`,
 * or a `table`) are named by it: `rows[licenseRevenue]` rather than `rows[1]`.
 */
export function formatDataPath(path: DataPath, root?: unknown): string {
  let text = "";
  let node: unknown = root;
  for (const part of path) {
    if (typeof part === "number") {
      const item = Array.isArray(node) ? (node[part] as unknown) : undefined;
      const name = item && typeof item === "object" ? ((item as Record<string, unknown>).id ?? (item as Record<string, unknown>).table) : undefined;
      text += typeof name === "string" && /^[A-Za-z][A-Za-z0-9_]*$/.test(name) ? `[${name}]` : `[${part}]`;
      node = item;
    } else {
      text += text === "" ? part : `.${part}`;
      node = node && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>)[part] : undefined;
    }
  }
  return text;
}
