/**
 * The safe-harbor sentence that names the forward-looking paragraphs by position, written from
 * the paragraphs the data marks, so it stays right when paragraphs move.
 */
import type { SectionNode } from "../model/document.js";

/** "paragraphs 3 and 4", "1, 2 and 5", "paragraph 2". */
function numbered(noun: string, numbers: readonly number[]): string {
  const list = numbers.length === 1 ? String(numbers[0]) : `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
  return `${noun}${numbers.length === 1 ? "" : "s"} ${list}`;
}

/**
 * "The statements in paragraphs 3 and 4, bullet point 4 of the section labeled "Third-Quarter
 * Highlights" and the statements in paragraphs 1 and 2 of the section labeled "Outlook" include
 * forward-looking statements." Paragraphs before the first labeled section are numbered from the
 * top of the release; within a labeled section, paragraphs and bullet points are numbered apart.
 */
export function statementsSentence(sections: readonly SectionNode[]): string {
  const phrases: string[] = [];
  let topParagraph = 0;
  const topMarked: number[] = [];
  let seenLabeled = false;
  for (const section of sections) {
    if (section.label === undefined && !seenLabeled) {
      for (const block of section.blocks) {
        if (block.type !== "paragraph") continue;
        topParagraph++;
        if (block.forwardLooking) topMarked.push(topParagraph);
      }
      continue;
    }
    if (section.label === undefined) continue;
    if (!seenLabeled && topMarked.length > 0) phrases.push(numbered("paragraph", topMarked));
    seenLabeled = true;
    const paragraphs: number[] = [];
    const bullets: number[] = [];
    let paragraphCount = 0;
    let bulletCount = 0;
    for (const block of section.blocks) {
      if (block.type === "paragraph") {
        paragraphCount++;
        if (block.forwardLooking) paragraphs.push(paragraphCount);
      } else {
        for (const item of block.items) {
          bulletCount++;
          if (item.forwardLooking) bullets.push(bulletCount);
        }
      }
    }
    // An intro line before bullets is not counted as a paragraph when it is not marked.
    const parts = [...(paragraphs.length ? [numbered("paragraph", paragraphs)] : []), ...(bullets.length ? [numbered("bullet point", bullets)] : [])];
    if (parts.length) phrases.push(`${parts.join(" and ")} of the section labeled "${section.label}"`);
  }
  if (!seenLabeled && topMarked.length > 0) phrases.push(numbered("paragraph", topMarked));
  if (phrases.length === 0) return "";
  const head = phrases.slice(0, -1).join(", ");
  const last = phrases[phrases.length - 1]!;
  const listed = phrases.length === 1 ? last : `${head} and the statements in ${last}`;
  return `The statements in ${listed} include forward-looking statements.`;
}
