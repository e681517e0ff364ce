/** The running header (company, period, status) and footer (`Page X of Y`) of printed pages. */
import type { ReleaseStatus } from "../model/document.js";
import { fontFamilies } from "./font-face-css.js";

/** What the running header shows. */
export interface PageHeaderInfo {
  readonly company: string;
  readonly periodLabel: string;
  readonly status: ReleaseStatus;
}

/** Page margins, shared by the page and by the header and footer that sit inside them. */
export const pageMargins = { top: "0.85in", right: "0.8in", bottom: "0.8in", left: "0.8in" } as const;

/** The first Chromium with CSS page-margin boxes (`@top-left` ... in `@page`). */
export const firstChromiumWithMarginBoxes = 131;

/**
 * The words for a release's status: "DRAFT 3 — 2003-10-20" for a draft, "FINAL" for a final.
 * The watermark and the running header both use it, so they never disagree.
 */
export function formatReleaseStatus(status: ReleaseStatus): string {
  return status.final ? "FINAL" : `DRAFT ${status.draft} \u2014 ${status.date}`;
}

/**
 * What the running head says of a release's status: a draft's label, nothing for a final
 * (printers print no status word on a final).
 */
export function runningHeadStatus(status: ReleaseStatus): string {
  return status.final ? "" : formatReleaseStatus(status);
}

/**
 * The running header and footer as CSS page-margin boxes, with the page margins. They belong to
 * the page itself, so they use the shipped fonts (Puppeteer's header and footer templates are
 * separate documents that reach no page font and load no `data:` font in time).
 */
export function buildPageMarginCss(info: PageHeaderInfo): string {
  const box = `font-family: ${fontFamilies.sans}; font-size: 7.5pt; color: #333;`;
  const head = `${box} vertical-align: bottom; padding-bottom: 0.22in;`;
  const status = info.status.final ? `${head}` : `${head} font-weight: bold; color: #b00020;`;
  const { top, right, bottom, left } = pageMargins;
  return [
    `@page {`,
    `  margin: ${top} ${right} ${bottom} ${left};`,
    `  @top-left { content: ${cssString(info.company)}; ${head} text-align: left; }`,
    `  @top-center { content: ${cssString(info.periodLabel)}; ${head} text-align: center; }`,
    ...(info.status.final ? [] : [`  @top-right { content: ${cssString(runningHeadStatus(info.status))}; ${status} text-align: right; }`]),
    `  @bottom-center { content: "Page " counter(page) " of " counter(pages); ${box} vertical-align: top; padding-top: 0.22in; }`,
    `}`,
  ].join("\n");
}

/**
 * Puppeteer `headerTemplate`, for a Chromium older than page-margin boxes: company left, period
 * centre, status right. Chromium renders it in its own document, so it gets system fonts.
 */
export function buildHeaderTemplate(info: PageHeaderInfo): string {
  const status = runningHeadStatus(info.status);
  const statusStyle = info.status.final ? "" : "font-weight: bold; color: #b00020;";
  return (
    `<div style="${templateStyle} padding-top: 0.35in;">` +
    `<span>${escapeHtml(info.company)}</span>` +
    `<span>${escapeHtml(info.periodLabel)}</span>` +
    `<span style="${statusStyle}">${escapeHtml(status)}</span>` +
    `</div>`
  );
}

/** Puppeteer `footerTemplate`, for a Chromium older than page-margin boxes: `Page X of Y`. */
export function buildFooterTemplate(): string {
  return (
    `<div style="${templateStyle} justify-content: center; padding-bottom: 0.3in;">` + `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>` + `</div>`
  );
}

/** Templates see no page CSS: sizes are set inline (Chromium's default there is unreadable). */
const templateStyle =
  `font-family: ${fontFamilies.sans}; font-size: 7.5pt; color: #333; width: 100%; ` +
  `margin: 0 ${pageMargins.right} 0 ${pageMargins.left}; display: flex; ` +
  `justify-content: space-between; gap: 1em; -webkit-print-color-adjust: exact;`;

/** A CSS string literal of data: quotes, backslashes, controls and `<` escaped (no `</style>`). */
function cssString(text: string): string {
  const escaped = text.replace(/[\\"<>&\u0000-\u001f\u007f]/g, (c) => {
    if (c < " " || c === "\u007f") return " ";
    return `\\${c.charCodeAt(0).toString(16)} `;
  });
  return `"${escaped}"`;
}

/** Escapes text for an HTML template: data is text, never markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
