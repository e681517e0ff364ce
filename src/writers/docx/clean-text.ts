/** Text as Word can hold it: XML 1.0 has no way to write most control characters, even escaped. */

/** C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops the characters XML 1.0 forbids; the docx library escapes `<`, `&` and the rest. */
export function cleanText(text: string): string {
  return text.replace(XML_INVALID, "");
}
