/**
 * Forward-looking statements (PSLRA safe harbor): when paragraphs are marked forward-looking, the
 * release carries the cautionary statement with its risk factors, and the safe-harbor sentence
 * names every section (and paragraph) so marked. Unmarked paragraphs that use forward-looking
 * words are listed for a reviewer.
 */
import { statementsSentence } from "../compose/forward-looking.js";
import type { DataPath } from "../data/issues.js";
import { inlineText, type SectionNode } from "../model/document.js";
import { type CheckContext, result } from "./context.js";
import { forEachParagraph, unplaced } from "./document-figures.js";
import type { CheckResult } from "./types.js";

const forwardWords = /\b(anticipates?|anticipated|expects?|expected|forecasts?|guidance|intends?|plans? to|believes?|projects?|projected|estimates?)\b/i;

/** Runs the forward-looking check. */
export function checkForwardLooking(context: CheckContext): CheckResult[] {
  const { quarter, company } = context.release;
  const results: CheckResult[] = [];
  const marked: { path: DataPath; section: string }[] = [];
  quarter.body.forEach((item, index) => {
    if ("table" in item) return;
    const visit = (entry: string | { text: string; forwardLooking?: boolean | undefined }, path: DataPath, name: string) => {
      if (typeof entry !== "string" && entry.forwardLooking) marked.push({ path, section: item.heading ?? item.id });
      else {
        const word = forwardWords.exec(typeof entry === "string" ? entry : entry.text)?.[0];
        if (word)
          results.push(
            result(context, "forward-looking", {
              status: "warning",
              subject: `Section "${item.heading ?? item.id}", ${name}`,
              text: `says "${word}" but is not marked forwardLooking: true; mark it if it speaks of the future, so the safe harbor names it`,
              path,
            }),
          );
      }
    };
    item.paragraphs?.forEach((entry, i) => visit(entry, ["body", index, "paragraphs", i], `paragraph ${i + 1}`));
    item.bullets?.forEach((entry, i) => visit(entry, ["body", index, "bullets", i], `bullet point ${i + 1}`));
    item.closing?.forEach((entry, i) => visit(entry, ["body", index, "closing", i], `closing paragraph ${i + 1}`));
  });
  if (marked.length === 0) {
    results.push(
      result(context, "forward-looking", {
        status: "pass",
        subject: "Forward-looking statements",
        text: "no paragraph is marked forward-looking, so no safe-harbor sentence is needed",
        path: ["body"],
      }),
    );
    return results;
  }
  const cautionary = company.safeHarbor.risks.length > 0 && company.safeHarbor.risksIntro.trim().length > 0;
  const document = context.document;
  const safeHarbor = document?.blocks.find((block): block is SectionNode => block.type === "section" && block.id === "safeHarbor");
  if (!cautionary || (document && !safeHarbor)) {
    results.push(
      result(context, "forward-looking", {
        status: "fail",
        subject: "Forward-looking statements",
        text: `${marked.length} paragraph${marked.length === 1 ? " is" : "s are"} marked forward-looking but the release has no cautionary statement naming the important risk factors`,
        path: marked[0]!.path,
      }),
    );
    return results;
  }
  if (!document || !safeHarbor) {
    results.push(
      result(context, "forward-looking", {
        status: "pass",
        subject: "Forward-looking statements",
        text: `${marked.length} marked paragraphs; the company's cautionary statement lists ${company.safeHarbor.risks.length} risk factors`,
        path: ["company", "safeHarbor"],
      }),
    );
    return results;
  }
  const sections = document.blocks.filter((block): block is SectionNode => block.type === "section");
  const sentence = statementsSentence(sections);
  const safeHarborText = safeHarbor.blocks.map((block) => (block.type === "paragraph" ? inlineText(block.content) : block.items.map((item) => inlineText(item.content)).join(" "))).join(" ");
  const risksPresent = company.safeHarbor.risks.every((risk) => safeHarborText.includes(risk.replace(/\s+/g, " ").trim()));
  if (!safeHarborText.includes(sentence) || !risksPresent) {
    results.push(
      result(context, "forward-looking", {
        status: "fail",
        subject: "Safe-harbor statement",
        text: !risksPresent ? "does not list the company's risk factors" : `does not contain the sentence naming the marked paragraphs: "${sentence}"`,
        path: ["company", "safeHarbor"],
      }),
    );
  }
  for (const section of sections) {
    let count = 0;
    forEachParagraph(section, (paragraph) => {
      if (paragraph.forwardLooking) count++;
    });
    if (count === 0) continue;
    const named = section.label === undefined || safeHarborText.includes(`section labeled "${section.label}"`);
    const name = section.label ? `Section "${section.label}"` : `Section "${section.id}"`;
    results.push(
      result(context, "forward-looking", {
        status: named ? "pass" : "fail",
        subject: name,
        text: named
          ? `${count} forward-looking paragraph${count === 1 ? "" : "s"}, named by the safe-harbor sentence`
          : `has ${count} forward-looking paragraph${count === 1 ? "" : "s"} but the safe-harbor sentence does not name the section`,
        path: section.place ?? unplaced,
      }),
    );
  }
  return results;
}
