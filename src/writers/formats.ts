/** The shipped output formats' names, in the order a build writes them (no writer loads for this list). */
export const outputFormats = ["txt", "html", "edgar", "docx", "pdf"] as const;

/** The file name a build gives the EDGAR rendition (EDGAR: at most 32 characters, no spaces). */
export const edgarFileName = "release.edgar.htm";
