/** The default print stylesheet, for the HTML writer to inline in its page. */
import { readFile } from "node:fs/promises";

/** Location of the default print CSS, from src/pdf or dist/pdf alike. */
export const printCssUrl = new URL("../../templates/default/print.css", import.meta.url);

/** Reads `templates/default/print.css`: page breaks, table rules, the DRAFT watermark. */
export function readPrintCss(): Promise<string> {
  return readFile(printCssUrl, "utf8");
}
