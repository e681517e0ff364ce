/**
 * The DRAFT watermark as a picture, not text: the letters are drawn as strokes in an SVG image
 * (a CSS background), so copying a draft's text or reading its tables never picks them up.
 */

/** Strokes of each letter on a 4 by 6 grid (y down), as SVG path data. */
const strokes: Readonly<Record<string, string>> = {
  D: "M0 0V6H2.4L4 4.4V1.6L2.4 0Z",
  R: "M0 6V0H3L4 1V2L3 3H0M2 3L4 6",
  A: "M0 6L2 0L4 6M0.7 4H3.3",
  F: "M4 0H0V6M0 3H3",
  T: "M0 0H4M2 0V6",
  "-": "M0.5 3H3.5",
  " ": "",
};

/** Seven-segment digits: a top, b upper right, c lower right, d bottom, e lower left, f upper left, g middle. */
const segments: Readonly<Record<string, string>> = { a: "M0 0H4", b: "M4 0V3", c: "M4 3V6", d: "M0 6H4", e: "M0 3V6", f: "M0 0V3", g: "M0 3H4" };
const digits = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"];

function glyph(char: string): string {
  if (/[0-9]/.test(char)) return [...digits[Number(char)]!].map((segment) => segments[segment]).join("");
  return strokes[char] ?? "";
}

/**
 * An SVG image of `text` (capitals, digits, spaces and hyphens) drawn in strokes, turned 30
 * degrees up, in a faint red; as a `data:` URL for a CSS `background-image`.
 */
export function watermarkImageUrl(text: string): string {
  const chars = [...text.toUpperCase()];
  const advance = 6;
  const paths = chars
    .map((char, index) => {
      const d = glyph(char);
      return d ? `<path transform="translate(${index * advance} 0)" d="${d}"/>` : "";
    })
    .join("");
  const width = chars.length * advance - 2;
  // Room for the turned word: its diagonal in both directions.
  const size = Math.ceil(Math.hypot(width, 6)) + 4;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-size / 2} ${-size / 2} ${size} ${size}">` +
    `<g transform="rotate(-30) translate(${-width / 2} -3)" fill="none" stroke="rgb(176,0,32)" stroke-opacity="0.16" stroke-width="0.7" stroke-linecap="round" stroke-linejoin="round">${paths}</g>` +
    `</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
