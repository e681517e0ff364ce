/**
 * The EDGAR HTML rendition and its validator.
 */
export { edgarFileName, writeEdgarHtml } from "./write-edgar-html.js";
export { type EdgarIssue, type EdgarIssueCode, validateEdgarFileName, validateEdgarHtml } from "./validate-edgar-html.js";
export { escapeEdgar } from "./escape-edgar.js";
