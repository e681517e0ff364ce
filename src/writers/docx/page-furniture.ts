/** Header, footer and draft mark of every page: company, period and status above, "Page X of Y" below. */
import { Footer, Header, PageNumber, Paragraph, Tab, TabStopType, TextRun } from "docx";
import { TextWatermark } from "docx/watermarks";
import type { DocumentMeta } from "../../model/document.js";
import { cleanText } from "./clean-text.js";
import { StyleId } from "./styles.js";

/** Right edge of the text on a Letter page with one-inch margins. */
const RIGHT_EDGE = 9360;

/** The draft label, "DRAFT 3 — 2003-10-20", or undefined for a final release. */
export function formatDraftLabel(meta: DocumentMeta, override?: string): string | undefined {
  if (meta.status.final) return undefined;
  return override ?? `DRAFT ${meta.status.draft} \u2014 ${meta.status.date}`;
}

/**
 * The page header: company left, period centred, a draft's status right (a final's none, as
 * printers print it); a draft adds its mark and failed checks. `rightEdge`: of a turned page.
 */
export function createPageHeader(meta: DocumentMeta, draftLabel: string | undefined, rightEdge = RIGHT_EDGE): Header {
  const status = draftLabel === undefined ? new TextRun("") : new TextRun({ text: cleanText(draftLabel), style: StyleId.draftMark });
  const line = new Paragraph({
    style: StyleId.header,
    tabStops: [
      { type: TabStopType.CENTER, position: rightEdge / 2 },
      { type: TabStopType.RIGHT, position: rightEdge },
    ],
    children: [new TextRun(cleanText(meta.company)), new TextRun({ children: [new Tab(), cleanText(meta.periodLabel), new Tab()] }), status],
  });
  if (draftLabel === undefined) return new Header({ children: [line] });
  const watermark = new TextWatermark({ text: cleanText(draftLabel), font: "Arial", color: "C0C0C0", opacity: 0.4 });
  const failures = meta.checkFailures.map((failure) => new Paragraph({ style: StyleId.header, children: [new TextRun({ text: cleanText(failure), color: "C00000" })] }));
  return new Header({ children: [new Paragraph({ style: StyleId.header, children: [watermark] }), line, ...failures] });
}

/** The page footer: "Page X of Y" as PAGE and NUMPAGES fields. */
export function createPageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: StyleId.footer,
        children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}
