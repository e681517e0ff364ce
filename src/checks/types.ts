/**
 * Tie-out results as data: each check's verdict on one figure or relation, located in the data.
 */

/** The checks, in the order a report lists them. */
export const checkNames = [
  "footing",
  "cross-footing",
  "computed-columns",
  "balance",
  "per-share",
  "percentages",
  "cross-statement",
  "year-to-date",
  "calendar",
  "non-gaap",
  "unlinked-numbers",
  "forward-looking",
] as const;

/** The name of a check. */
export type CheckName = (typeof checkNames)[number];

/**
 * fail: an error to fix; warning: for a reviewer to look at, not an error; note: a difference
 * within the declared tolerance (a rounding note) or a check that had nothing to compare; pass.
 */
export type CheckStatus = "fail" | "warning" | "note" | "pass";

/** A figure a result involves, as printed in the message. */
export interface CheckFigure {
  readonly label: string;
  /** As printed in the table's unit: "16,009", "(0.04)", "68". */
  readonly value: string;
  readonly line?: string;
  readonly period?: string;
}

/** One verdict. */
export interface CheckResult {
  readonly check: CheckName;
  readonly status: CheckStatus;
  /** What was checked: "Total Revenues, three months ended Sept. 30, 2003". */
  readonly subject: string;
  /** The full sentence, ending with the place in the data. */
  readonly message: string;
  readonly figures: readonly CheckFigure[];
  /** Absolute difference in the unit of the figures ("1"), when figures were compared. */
  readonly difference?: string;
  /** Declared tolerance in the same unit ("0"). */
  readonly tolerance?: string;
  /** The data file and line the result concerns. */
  readonly file: string;
  readonly line: number;
  /** Readable data path, e.g. `tables[operations].rows[totalRevenues]`. */
  readonly path?: string;
}

/** Every result for one quarter file, failures first. */
export interface CheckReport {
  readonly file: string;
  readonly results: readonly CheckResult[];
  readonly counts: Readonly<Record<CheckStatus, number>>;
  /** True when no result failed (warnings and notes do not fail a release). */
  readonly passed: boolean;
}

/** What the checks may use beyond the release and its document. */
export interface CheckOptions {
  /**
   * Text of the data files (see `readCheckSources`), so that unlinked numbers are located on
   * their own line inside a long paragraph; without it they point at the paragraph.
   */
  readonly sources?: { readonly quarter?: string; readonly company?: string };
  /** Other quarters of the same company (earlier quarter files), for year-to-date sums. */
  readonly siblings?: readonly import("../data/load.js").LoadedRelease[];
}
