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

/**
 * The words for a release's status: "DRAFT 3 — 2003-10-20" for a draft, "FINAL" for a final.
 * The watermark and the running header both use it, so they never disagree.
 */
export function formatReleaseStatus(status: ReleaseStatus): string {
  return status.final ? "FINAL" : `DRAFT ${status.draft} \u2014 ${status.date}`;
}

/**
 * Chromium renders these templates in their own document: no page CSS reaches them, sizes must be
 * set inline, and only system fonts or the page's already-loaded faces are available.
 */
const templateStyle =
  `font-family: ${fontFamilies.sans}; font-size: 7.5pt; color: #333; width: 100%; ` +
  `margin: 0 ${pageMargins.right} 0 ${pageMargins.left}; display: flex; ` +
  `justify-content: space-between; gap: 1em; -webkit-print-color-adjust: exact;`;

/** Puppeteer `headerTemplate`: company left, period centre, status right. */
export function buildHeaderTemplate(info: PageHeaderInfo): string {
  const status = formatReleaseStatus(info.status);
  const statusStyle = info.status.final ? "" : "font-weight: bold; color: #b00020;";
  return (
    `<div style="${templateStyle} padding-top: 0.35in;">` +
    `<span>${escapeHtml(info.company)}</span>` +
    `<span>${escapeHtml(info.periodLabel)}</span>` +
    `<span style="${statusStyle}">${escapeHtml(status)}</span>` +
    `</div>`
  );
}

/** Puppeteer `footerTemplate`: `Page X of Y`, centred. */
export function buildFooterTemplate(): string {
  return (
    `<div style="${templateStyle} justify-content: center; padding-bottom: 0.3in;">` +
    `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>` +
    `</div>`
  );
}

/** Escapes text for an HTML template: data is text, never markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
