/** Makes a .docx reproducible: fixed timestamps, fixed shape ids, fixed zip entry dates and order. */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

/** Parts whose text the docx library stamps with the clock or a random id. */
const CORE_PART = "docProps/core.xml";
const WATERMARK_ID = /PowerPlusWaterMarkObject[0-9a-z_-]+/g;

/** Noon UTC of the release date, so the date reads the same in every time zone. */
function formatTimestamp(releaseDate: string): string {
  return `${releaseDate}T12:00:00Z`;
}

/** Rewrites the parts that differ between two builds of one document. */
function normalizePart(path: string, data: Uint8Array, timestamp: string): Uint8Array {
  if (path === CORE_PART) {
    const xml = strFromU8(data).replace(
      /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_match, open: string, _name: string, close: string) => `${open}${timestamp}${close}`,
    );
    return strToU8(xml);
  }
  if (/^word\/header\d*\.xml$/.test(path)) {
    let serial = 0;
    return strToU8(strFromU8(data).replace(WATERMARK_ID, () => `PowerPlusWaterMarkObject${++serial}`));
  }
  return data;
}

/**
 * Zips a package's parts (path -> bytes, in the order the docx library writes them) with the
 * release date as every timestamp: `[Content_Types].xml` first, each entry dated the release date.
 */
export function zipPackage(parts: Readonly<Record<string, Uint8Array>>, releaseDate: string): Uint8Array {
  const timestamp = formatTimestamp(releaseDate);
  // Zip entries hold local wall-clock time: noon of the release date in this zone reads the same everywhere.
  const [year = 1980, month = 1, day = 1] = releaseDate.split("-").map(Number);
  const mtime = new Date(year, month - 1, day, 12, 0, 0);
  const names = Object.keys(parts).sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
  const zippable: Zippable = {};
  for (const name of names) {
    const data = parts[name];
    if (data !== undefined) zippable[name] = [normalizePart(name, data, timestamp), { mtime }];
  }
  return zipSync(zippable, { level: 6 });
}

/** Re-zips a packed .docx as `zipPackage` zips its parts. */
export function normalizePackage(packed: Uint8Array, releaseDate: string): Uint8Array {
  return zipPackage(unzipSync(packed), releaseDate);
}
