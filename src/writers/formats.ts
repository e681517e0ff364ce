/** The shipped output formats' names, in the order a build writes them (no writer loads for this list). */
export const outputFormats = ["txt", "html", "edgar", "docx", "pdf"] as const;
