/** A hand-written release page in the HTML writer's contract, for the PDF tests. */
import { readFileSync } from "node:fs";
import type { PdfDocumentInfo } from "../../src/pdf/index.js";
import { watermarkImageUrl } from "../../src/writers/html/watermark.js";

const printCss = readFileSync(new URL("../../templates/default/print.css", import.meta.url), "utf8");

/** Document facts of the sample; a draft unless `final`. */
export function sampleInfo(final: boolean): PdfDocumentInfo {
  return {
    title: "ATG Announces Third-Quarter 2003 Results",
    company: "Art Technology Group, Inc.",
    periodLabel: "Third Quarter 2003",
    releaseDate: "2003-10-21",
    status: final ? { final: true } : { final: false, draft: 3, date: "2003-10-20" },
    subject: "Earnings release, third quarter 2003",
    keywords: ["ATG", "earnings", "2003-q3"],
  };
}

const lorem =
  "Revenues for the third quarter of 2003 were $16.0 million, compared with $24.5 million for " +
  "the third quarter of 2002. Net loss for the quarter was $3.2 million, or ($0.04) per share, " +
  "compared with a net loss of $5.1 million, or ($0.07) per share, a year earlier.";

/** The label of statement row `n`: long enough to wrap in its column. */
export function longLabel(n: number): string {
  return `Line item ${n}, with a label long enough that it has to wrap inside the label column of the statement`;
}

/** Rows of a long statement: enough to break across a page. */
function statementRows(count: number): string {
  const rows: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const kind = i % 10 === 0 ? "row-total" : i % 7 === 0 ? "row-heading" : "row-item";
    const label = kind === "row-heading" ? `Group ${i}:` : longLabel(i);
    const cells =
      kind === "row-heading"
        ? "<td></td><td></td><td></td><td></td>"
        : `<td class="num">${i},${String(i * 7).padStart(3, "0")}</td><td class="num">(${i * 3})</td><td class="num">${i * 11}</td><td class="num">-</td>`;
    rows.push(`<tr class="${kind}"><td>${label}</td>${cells}</tr>`);
  }
  rows.push(`<tr class="row-grandTotal"><td>Net loss</td><td class="num">$(3,195)</td><td class="num">$(5,096)</td><td class="num">$(9,071)</td><td class="num">$(20,154)</td></tr>`);
  return rows.join("\n");
}

/** A release page: sections, then two statements that start on new pages. */
export function buildSamplePage(options: { final: boolean; extraHead?: string; extraBody?: string }): string {
  const info = sampleInfo(options.final);
  // The HTML writer's watermark: a picture of the word, no text.
  const watermark = info.status.final ? "" : `<div class="watermark" style="background-image: url('${watermarkImageUrl(`DRAFT ${info.status.draft}`)}')"></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${info.title}</title>
<style>${printCss}</style>${options.extraHead ?? ""}</head>
<body>${watermark}
<main class="release">
<p class="exhibit-label">Exhibit 99.1</p>
<h1>${info.title}</h1>
<section id="lead"><p>CAMBRIDGE, Mass.--(BUSINESS WIRE)--Oct. 21, 2003--ATG today announced its results. ${lorem}</p>
<p>${lorem}</p></section>
<section id="highlights"><h2>Third-Quarter Highlights</h2><ul><li>${lorem}</li><li>${lorem}</li></ul></section>
<section id="outlook"><h2>Outlook</h2><p>${lorem}</p><p>${lorem}</p></section>
${options.extraBody ?? ""}
<section id="about"><h2>About ATG</h2><p>${lorem} ${lorem}</p></section>
<h2 class="statement-title page-break">Condensed Consolidated Statements of Operations</h2>
<table class="statement">
<thead><tr><th></th><th colspan="2">Three Months Ended September 30,</th><th colspan="2">Nine Months Ended September 30,</th></tr>
<tr><th></th><th>2003</th><th>2002</th><th>2003</th><th>2002</th></tr></thead>
<tbody>${statementRows(70)}</tbody></table>
<h2 class="statement-title page-break">Condensed Consolidated Balance Sheets</h2>
<table class="statement">
<thead><tr><th></th><th>September 30, 2003</th><th>December 31, 2002</th><th></th><th></th></tr></thead>
<tbody>${statementRows(12)}</tbody></table>
</main></body></html>`;
}
