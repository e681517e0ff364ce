/**
 * Unlinked numbers: every number typed in prose (headline, narrative, quotes, highlights,
 * outlook, boilerplate) rather than referenced from the data with `{{...}}`, listed with its
 * place as a warning for a reviewer (the reference's "$11.8 million excess lease obligation" is
 * one). Years, days of dates, clock times and numbers inside web addresses are not listed.
 */
import type { DataPath } from "../data/issues.js";
import { type CheckContext, placeOf, result } from "./context.js";
import type { CheckResult } from "./types.js";

/** A prose field: its text, its path, and how a reviewer names it. */
interface ProseField {
  readonly text: string;
  readonly path: DataPath;
  readonly name: string;
}

const monthWords = "Jan\\.?|January|Feb\\.?|February|March|April|May|June|July|Aug\\.?|August|Sept?\\.?|September|Oct\\.?|October|Nov\\.?|November|Dec\\.?|December";
const numberPattern = /(?<![\w.,$])\$?\d+(?:,\d{3})*(?:\.\d+)?(?![\w])%?(?:\s+(?:million|billion|thousand|percent)\b)?/g;
const masks = [
  /\{\{[\s\S]*?\}\}/g, // references to data: linked, not typed
  /\b(?:https?:\/\/|www\.)\S+/g, // web addresses
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail
  /\b\d{1,2}:\d{2}\b/g, // clock times
  new RegExp(`\\b(?:${monthWords})\\s+\\d{1,2}\\b`, "g"), // day of a date
  /\b\d{1,2}-[A-Z]\b/g, // form names: 8-K, 10-Q
];

/** Runs the unlinked-numbers check over every prose field of the quarter and company files. */
export function checkUnlinkedNumbers(context: CheckContext): CheckResult[] {
  const results: CheckResult[] = [];
  const sourceLines = { quarter: context.options.sources?.quarter?.split("\n"), company: context.options.sources?.company?.split("\n") };
  for (const field of listProseFields(context)) {
    let masked = field.text;
    for (const mask of masks) masked = masked.replace(mask, (match) => " ".repeat(match.length));
    const inCompany = field.path[0] === "company";
    const lines = inCompany ? sourceLines.company : sourceLines.quarter;
    const start = placeOf(context, field.path).line;
    let cursor = { line: start - 1, column: 0 };
    for (const match of masked.matchAll(numberPattern)) {
      const token = match[0];
      const digits = token
        .replace(/^\$/, "")
        .replace(/[%].*$/, "")
        .replace(/\s.*$/, "");
      if (/^(19|20)\d\d$/.test(digits) && !token.startsWith("$") && !/\s/.test(token)) continue; // a year
      const found = lines ? findToken(lines, digits, cursor) : undefined;
      if (found) cursor = { line: found.line, column: found.column + digits.length };
      const line = found ? found.line + 1 : start;
      // About 40 characters either side, cut at word boundaries.
      const before = match.index > 40 ? field.text.slice(match.index - 40, match.index).replace(/^\S*\s/, "...") : field.text.slice(0, match.index);
      const end = match.index + token.length;
      const after = end + 40 < field.text.length ? `${field.text.slice(end, end + 40).replace(/\s\S*$/, "")}...` : field.text.slice(end);
      const place = result(context, "unlinked-numbers", {
        status: "warning",
        subject: field.name,
        text: `"${token}" is typed, not taken from the data ("${before}${token}${after}"); link it with {{money line period}} or have a reviewer confirm it`,
        figures: [{ label: "typed", value: token }],
        path: field.path,
      });
      results.push({ ...place, line, message: place.message.replace(/:\d+$/, `:${line}`) });
    }
  }
  return results;
}

/** Finds `token` as a whole number at or after `from` in the source lines. */
function findToken(lines: readonly string[], token: string, from: { line: number; column: number }): { line: number; column: number } | undefined {
  const pattern = new RegExp(`(?<![\\w.,])${token.replace(/[.$]/g, "\\$&")}(?![\\w]|[.,]\\d)`, "g");
  for (let line = Math.max(0, from.line); line < Math.min(lines.length, from.line + 200); line++) {
    pattern.lastIndex = line === from.line ? from.column : 0;
    const match = pattern.exec(lines[line]!);
    if (match) return { line, column: match.index };
  }
  return undefined;
}

function listProseFields(context: CheckContext): ProseField[] {
  const { quarter, company } = context.release;
  const fields: ProseField[] = [{ text: quarter.headline, path: ["headline"], name: "Headline" }];
  const text = (item: string | { text: string }) => (typeof item === "string" ? item : item.text);
  quarter.body.forEach((item, index) => {
    if ("table" in item) return;
    const base: DataPath = ["body", index];
    const section = `Section "${item.heading ?? item.id}"`;
    item.paragraphs?.forEach((paragraph, i) => fields.push({ text: text(paragraph), path: [...base, "paragraphs", i], name: `${section}, paragraph ${i + 1}` }));
    if (item.intro) fields.push({ text: item.intro, path: [...base, "intro"], name: `${section}, introduction` });
    item.bullets?.forEach((bullet, i) => fields.push({ text: text(bullet), path: [...base, "bullets", i], name: `${section}, bullet point ${i + 1}` }));
    item.closing?.forEach((paragraph, i) => fields.push({ text: text(paragraph), path: [...base, "closing", i], name: `${section}, closing paragraph ${i + 1}` }));
  });
  if (quarter.forwardLooking?.additional) fields.push({ text: quarter.forwardLooking.additional, path: ["forwardLooking", "additional"], name: "Safe harbor, additional sentences" });
  quarter.financialPresentation?.forEach((paragraph, i) => fields.push({ text: paragraph, path: ["financialPresentation", i], name: `Financial presentation, paragraph ${i + 1}` }));
  if (!quarter.financialPresentation)
    company.financialPresentation?.paragraphs.forEach((paragraph, i) =>
      fields.push({ text: paragraph, path: ["company", "financialPresentation", "paragraphs", i], name: `Financial presentation (company), paragraph ${i + 1}` }),
    );
  company.about.paragraphs.forEach((paragraph, i) => fields.push({ text: paragraph, path: ["company", "about", "paragraphs", i], name: `About (company), paragraph ${i + 1}` }));
  if (company.trademark) fields.push({ text: company.trademark, path: ["company", "trademark"], name: "Trademark notice (company)" });
  fields.push({ text: company.safeHarbor.risksIntro, path: ["company", "safeHarbor", "risksIntro"], name: "Safe harbor (company), risks introduction" });
  company.safeHarbor.risks.forEach((risk, i) => fields.push({ text: risk, path: ["company", "safeHarbor", "risks", i], name: `Safe harbor (company), risk ${i + 1}` }));
  if (company.safeHarbor.closing) fields.push({ text: company.safeHarbor.closing, path: ["company", "safeHarbor", "closing"], name: "Safe harbor (company), closing" });
  return fields;
}
