/**
 * Word-level differences between two renditions of a release, for the terminal (plain or in
 * colour), as an HTML blackline, and as a count of real changes. Changes of whitespace alone
 * (a paragraph re-wrapped around a longer word, a column re-aligned) are not changes.
 */
import { diffArrays } from "diff";
import picocolors from "picocolors";

const pc = picocolors.createColors(true);

/** A run of text: common to both, only in the old text, or only in the new. */
export interface DiffSegment {
  readonly kind: "same" | "removed" | "added";
  readonly text: string;
}

/**
 * The word diff of two texts. Words are runs of non-space characters, so a figure changes as a
 * whole (`[-$3.2-]{+$3.3+}`, where diffWordsWithSpace would split at the point). Differences of
 * whitespace alone are common text with the new spacing, so a re-wrapped paragraph is no change.
 */
export function diffReleaseText(oldText: string, newText: string): DiffSegment[] {
  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment["kind"], text: string) => {
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) segments[segments.length - 1] = { kind, text: last.text + text };
    else if (text !== "") segments.push({ kind, text });
  };
  const squeeze = (text: string) => text.replace(/\s+/g, "");
  let removed = "";
  let added = "";
  const flush = () => {
    if (squeeze(removed) === squeeze(added)) push("same", added);
    else {
      push("removed", removed);
      push("added", added);
    }
    removed = added = "";
  };
  for (const change of diffArrays(tokenize(oldText), tokenize(newText))) {
    const value = change.value.join("");
    if (change.removed) removed += value;
    else if (change.added) added += value;
    else if (value.trim() === "" && (removed !== "" || added !== "")) {
      // Spaces between a removed word and its added twin belong to both sides of the change.
      removed += value;
      added += value;
    } else {
      flush();
      push("same", value);
    }
  }
  flush();
  return segments;
}

/** Words and the whitespace between them. */
function tokenize(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

/** How many separate changes: runs of removed and added text not parted by common words. */
export function countChanges(segments: readonly DiffSegment[]): number {
  let count = 0;
  let inChange = false;
  for (const segment of segments) {
    if (segment.kind === "same" && segment.text.trim() !== "") inChange = false;
    else if (segment.kind !== "same" && !inChange) {
      count++;
      inChange = true;
    }
  }
  return count;
}

/** Options of `formatWordDiff`. */
export interface WordDiffFormat {
  /** ANSI colours (red struck-through deletions, green underlined insertions) instead of [-...-]{+...+}. */
  readonly color?: boolean;
}

/**
 * The lines that changed, each with its line number in the new text, deletions as `[-old-]` and
 * insertions as `{+new+}` (git's --word-diff=plain), or in colour.
 */
export function formatWordDiff(segments: readonly DiffSegment[], format: WordDiffFormat = {}): string {
  const mark = (segment: DiffSegment, text: string) => {
    if (segment.kind === "same" || text === "") return text;
    if (format.color) return segment.kind === "removed" ? pc.red(pc.strikethrough(text)) : pc.green(pc.underline(text));
    return segment.kind === "removed" ? `[-${text}-]` : `{+${text}+}`;
  };
  const lines: { number: number; text: string; changed: boolean }[] = [{ number: 1, text: "", changed: false }];
  let lineNumber = 1;
  for (const segment of segments) {
    segment.text.split("\n").forEach((piece, index) => {
      if (index > 0) {
        if (segment.kind !== "removed") lineNumber++;
        lines.push({ number: lineNumber, text: "", changed: false });
      }
      const line = lines[lines.length - 1]!;
      line.text += mark(segment, piece);
      if (segment.kind !== "same") line.changed = true;
    });
  }
  const width = String(lineNumber).length;
  return lines
    .filter((line) => line.changed)
    .map((line) => `${String(line.number).padStart(width)}: ${line.text}`)
    .join("\n");
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => escapes[character]!);
}

/** Whether a change is a figure: digits with separators, sign, parentheses, $ or %. */
function isFigure(text: string): boolean {
  return /\d/.test(text) && /^[\s$(),.%\d-]+$/.test(text);
}

/**
 * The diff as HTML for a blackline: insertions underlined (`ins`), deletions struck through
 * (`del`), changed figures highlighted (class `figure`), inside a `pre` that keeps the wire layout.
 */
export function blacklineHtml(segments: readonly DiffSegment[]): string {
  return segments
    .map((segment) => {
      const text = escapeHtml(segment.text);
      if (segment.kind === "same") return text;
      const tag = segment.kind === "added" ? "ins" : "del";
      return `<${tag}${isFigure(segment.text) ? ' class="figure"' : ""}>${text}</${tag}>`;
    })
    .join("");
}
