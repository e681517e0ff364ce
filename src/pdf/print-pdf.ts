/** One-shot printing: a printer for a single document, closed afterwards. */
import { PdfPrinter, type PdfPrinterOptions, type PrintOptions } from "./pdf-printer.js";

/**
 * Prints one HTML page to PDF with a browser of its own, closed before returning. For a build of
 * many documents, share one `PdfPrinter` instead.
 *
 * @throws {PdfError} as `PdfPrinter.print`.
 */
export async function printPdf(html: string, options: PrintOptions & PdfPrinterOptions): Promise<Uint8Array> {
  const printer = new PdfPrinter(options);
  try {
    return await printer.print(html, options);
  } finally {
    await printer.close();
  }
}
