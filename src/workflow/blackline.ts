/**
 * The blackline document: the new draft's wire text with deletions struck through, insertions
 * underlined and changed figures highlighted, then the changed figures by line item and period.
 * One self-contained, script-free HTML page; the PDF is this page printed by the PdfPrinter.
 */
import { type FigureChange, formatPrintedFigureChange, type PrintedFigureChange } from "./figure-changes.js";
import { blacklineHtml, countChanges, type DiffSegment, escapeHtml } from "./word-diff.js";

/** What a blackline shows. */
export interface BlacklineInput {
  /** The release's headline. */
  readonly title: string;
  /** Names of the two drafts, e.g. file names or `HEAD~1:data/atg/2003-q3.yaml`. */
  readonly oldLabel: string;
  readonly newLabel: string;
  readonly segments: readonly DiffSegment[];
  readonly figureChanges: readonly FigureChange[];
  /** Printed figures that changed without a change of their fact (highlights, prose). */
  readonly printedChanges?: readonly PrintedFigureChange[];
}

const css = `
body { font-family: "Liberation Serif", "Times New Roman", serif; margin: 0.5in; color: #000; }
h1 { font-size: 14pt; margin: 0 0 4pt; }
p.drafts, p.legend { font-size: 9pt; margin: 2pt 0; }
pre { font-family: "Liberation Mono", "Courier New", monospace; font-size: 8.5pt; line-height: 1.25; white-space: pre-wrap; }
ins { text-decoration: underline; color: #0b3d91; background: #e6efff; }
del { text-decoration: line-through; color: #a00000; background: #fde8e8; }
ins.figure, del.figure { background: #ffe94d; }
table { border-collapse: collapse; font-size: 9pt; margin-top: 6pt; }
th, td { border: 1px solid #999; padding: 2pt 6pt; text-align: left; }
td.figure { text-align: right; font-family: "Liberation Mono", monospace; }
@media print { h2 { break-before: page; } }
`;

/** Writes the blackline page. */
export function writeBlacklineHtml(input: BlacklineInput): string {
  const changes = countChanges(input.segments);
  const rows = input.figureChanges
    .map(
      (change) =>
        `<tr><td>${escapeHtml(change.label)} <code>${escapeHtml(change.line)}</code>${change.computed ? " (computed)" : ""}</td><td>${escapeHtml(change.period)}</td><td class="figure">${escapeHtml(change.before ?? "none")}</td><td class="figure">${escapeHtml(change.after ?? "none")}</td></tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Blackline: ${escapeHtml(input.title)}</title>
<style>${css}</style>
</head>
<body>
<h1>Blackline: ${escapeHtml(input.title)}</h1>
<p class="drafts">From <strong>${escapeHtml(input.oldLabel)}</strong> to <strong>${escapeHtml(input.newLabel)}</strong>: ${changes} change${changes === 1 ? "" : "s"} in the text, ${input.figureChanges.length} changed figure${input.figureChanges.length === 1 ? "" : "s"}.</p>
<p class="legend"><ins>inserted</ins> <del>deleted</del> <ins class="figure">changed figure</ins></p>
<pre>${blacklineHtml(input.segments)}</pre>
<h2>Changed figures</h2>
${input.figureChanges.length === 0 ? "<p>None.</p>" : `<table>\n<tr><th>Line item</th><th>Period</th><th>Before</th><th>After</th></tr>\n${rows}\n</table>`}
${(input.printedChanges ?? []).length === 0 ? "" : `<p>Printed figures changed without a change of the figure in the data:</p>\n<ul>\n${input.printedChanges!.map((change) => `<li>${escapeHtml(formatPrintedFigureChange(change))}</li>`).join("\n")}\n</ul>`}
</body>
</html>
`;
}
