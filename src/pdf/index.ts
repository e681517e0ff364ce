/** The PDF stage: Chromium printing the HTML writer's page, isolated, with shipped fonts. */
export { findBrowser, browserInstallHint } from "./find-browser.js";
export type { BrowserLocation, BrowserSource, FindBrowserOptions } from "./find-browser.js";
export { fontFaceCss, fontFamilies, respondWithShippedFont, shippedFontOrigin, shippedFontResponse } from "./font-face-css.js";
export { buildPageMarginCss, formatReleaseStatus, pageMargins, runningHeadStatus } from "./page-templates.js";
export { PdfError } from "./pdf-error.js";
export type { PdfErrorCode } from "./pdf-error.js";
export { PdfPrinter, injectHeadStyle } from "./pdf-printer.js";
export type { DocumentPrinter, PaperSize, PdfDocumentInfo, PdfPrinterOptions, PrintOptions } from "./pdf-printer.js";
export { printPdf } from "./print-pdf.js";
export { readPrintCss, printCssUrl } from "./read-print-css.js";
export { setPdfMetadata } from "./set-pdf-metadata.js";
export type { PdfMetadata } from "./set-pdf-metadata.js";
