/** Structure-element ids of a tagged PDF renumbered in order of appearance, length kept. */
import { describe, expect, it } from "vitest";
import { normalizeNodeIds } from "../../src/pdf/normalize-node-ids.js";

const pdf = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("normalizeNodeIds", () => {
  it("gives the same bytes whatever the renderer's counter started at, and keeps every offset", () => {
    const printed = (base: number) =>
      `1 0 obj << /ID (node${String(base + 7).padStart(8, "0")}) >> 2 0 obj << /ID (node${String(base + 9).padStart(8, "0")}) /Headers [(node${String(base + 7).padStart(8, "0")})] >>`;
    const first = normalizeNodeIds(pdf(printed(36)));
    const second = normalizeNodeIds(pdf(printed(1994)));
    expect(text(first)).toBe(text(second));
    expect(text(first)).toBe("1 0 obj << /ID (node00000001) >> 2 0 obj << /ID (node00000002) /Headers [(node00000001)] >>");
    expect(first.length).toBe(pdf(printed(1994)).length);
  });

  it("keeps a wider number's width and leaves other strings alone", () => {
    expect(text(normalizeNodeIds(pdf("(node123456789) (node42) (Title)")))).toBe("(node000000001) (node42) (Title)");
  });
});
