/**
 * Approved snapshots: the wire text of an approved release, pinned beside its data
 * (`2003-q3.yaml` -> `2003-q3.approved.txt`), and the comparison `check` makes with it, so that a
 * change of data, template or tool that alters an approved release's text is caught.
 */
import { existsSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { LoadedRelease } from "../data/load.js";
import { maxFileBytes, readTextFile } from "../data/read-text-file.js";
import { countChanges, diffReleaseText, formatWordDiff } from "./word-diff.js";

/** The snapshot file of a quarter file: `data/atg/2003-q3.approved.txt`. */
export function approvedFileOf(quarterFile: string): string {
  return join(dirname(quarterFile), `${basename(quarterFile, extname(quarterFile))}.approved.txt`);
}

/** The outcome of comparing a release's text with its approved snapshot. */
export type ApprovalComparison =
  | { readonly status: "unapproved"; readonly file: string }
  | { readonly status: "unchanged"; readonly file: string }
  | {
      readonly status: "changed";
      readonly file: string;
      /** Separate changes in the text. */
      readonly changes: number;
      /** The changed lines, `[-old-]{+new+}`, numbered as in the new text. */
      readonly diff: string;
      /** One sentence for a report. */
      readonly message: string;
    };

/**
 * Compares `text` (the release's wire text as rendered now) with the approved snapshot of
 * `release`, if it has one. Whitespace-only differences count as unchanged.
 */
export function compareWithApproved(release: Pick<LoadedRelease, "file">, text: string): ApprovalComparison {
  const file = approvedFileOf(release.file);
  if (!existsSync(file)) return { status: "unapproved", file };
  const approved = readTextFile(file, maxFileBytes);
  if (approved === text) return { status: "unchanged", file };
  const segments = diffReleaseText(approved, text);
  const changes = countChanges(segments);
  if (changes === 0) return { status: "unchanged", file };
  return {
    status: "changed",
    file,
    changes,
    diff: formatWordDiff(segments),
    message: `the text of this approved release differs from ${file} in ${changes} place${changes === 1 ? "" : "s"}; if the change is intended, approve it again (earnings-release approve ${release.file})`,
  };
}
