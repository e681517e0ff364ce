/** Typed errors of the PDF stage: what failed, with a code the CLI can map to a message. */

/** What went wrong while printing a PDF. */
export type PdfErrorCode =
  /** No Chromium or Chrome on this machine. */
  | "browserNotFound"
  /** The browser was found but did not start. */
  | "browserLaunchFailed"
  /** The browser died and could not be restarted (or died again after its one restart). */
  | "browserCrashed"
  /** A document took longer than the render time-out. */
  | "renderTimeout"
  /** Chromium could not print the page, or pdf-lib could not rewrite its metadata. */
  | "renderFailed"
  /** `print` was called after `close`. */
  | "printerClosed";

/** An error of the PDF stage; `cause` holds the underlying Puppeteer or system error. */
export class PdfError extends Error {
  override readonly name = "PdfError";
  readonly code: PdfErrorCode;

  constructor(code: PdfErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
