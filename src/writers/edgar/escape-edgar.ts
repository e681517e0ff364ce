/**
 * ASCII-safe escaping for EDGAR HTML: markup characters as the four plain entities, every
 * character outside printable ASCII as a numeric entity, so the file is pure ASCII.
 */

const namedEntities: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes text for EDGAR element content and attribute values: `&amp; &lt; &gt; &quot;`, `&#NNNN;` for non-ASCII. */
export function escapeEdgar(text: string): string {
  let out = "";
  // for...of walks code points, so a character outside the BMP becomes one entity, not two halves.
  for (const char of text) {
    const named = namedEntities[char];
    if (named !== undefined) out += named;
    else {
      const code = char.codePointAt(0)!;
      out += (code >= 0x20 && code <= 0x7e) || char === "\n" || char === "\t" ? char : `&#${code};`;
    }
  }
  return out;
}
