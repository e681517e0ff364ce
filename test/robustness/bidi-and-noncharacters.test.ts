/**
 * Characters that make a release read otherwise than its data, or differ between formats, are
 * refused at load with their position: every bidirectional control (U+061C made a PDF read
 * "1.5$ million" while the tie-out passed), invisible format characters, non-characters (U+FFFE,
 * U+FFFF), lone surrogates, and a raw carriage return or tab in text.
 */
import { describe, expect, it } from "vitest";
import type { DataIssue } from "../../src/data/issues.js";
import { describeValue, parseYamlSource } from "../../src/data/yaml-source.js";

const refused: [string, string][] = [
  ["U+061C arabic letter mark", "\u061C"],
  ["U+200E left-to-right mark", "\u200E"],
  ["U+200F right-to-left mark", "\u200F"],
  ["U+202A left-to-right embedding", "\u202A"],
  ["U+202B right-to-left embedding", "\u202B"],
  ["U+202C pop directional formatting", "\u202C"],
  ["U+202D left-to-right override", "\u202D"],
  ["U+202E right-to-left override", "\u202E"],
  ["U+2066 left-to-right isolate", "\u2066"],
  ["U+2067 right-to-left isolate", "\u2067"],
  ["U+2068 first strong isolate", "\u2068"],
  ["U+2069 pop directional isolate", "\u2069"],
  ["U+180E mongolian vowel separator", "\u180E"],
  ["U+206A inhibit symmetric swapping", "\u206A"],
  ["U+FFF9 interlinear annotation anchor", "\uFFF9"],
  ["U+FFFE non-character", "\uFFFE"],
  ["U+FFFF non-character", "\uFFFF"],
  ["U+FDD0 non-character", "\uFDD0"],
  ["U+1FFFE non-character", "\u{1FFFE}"],
  ["U+0009 tab", "\t"],
  ["U+000D carriage return", "\r"],
];

function issuesOf(text: string): DataIssue[] {
  const issues: DataIssue[] = [];
  parseYamlSource("q.yaml", text, issues);
  return issues;
}

describe("bidi and non-characters", () => {
  it.each(refused)("%s in a headline, as typed, is refused with its position", (_name, character) => {
    const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    // Written raw inside a quoted value, and as a YAML escape.
    for (const text of [`headline: "Revenue of $1.5${character} million"\n`, `headline: "Revenue of $1.5${code.length === 4 ? `\\u${code}` : `\\U${code.padStart(8, "0")}`} million"\n`]) {
      const issues = issuesOf(text);
      expect(issues, JSON.stringify(text)).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: "invisible_character", line: 1, column: 11, path: "headline" });
      expect(issues[0]!.message).toContain(`U+${code} at position 16`);
    }
  });

  it("a lone surrogate (from a \\uD800 escape) is refused; a paired one is text", () => {
    const lone = issuesOf('headline: "Revenue \\uD800 up"\n');
    expect(lone).toHaveLength(1);
    expect(lone[0]!.message).toContain("U+D800 at position 9");
    expect(issuesOf('headline: "Revenue \\uD83D\\uDE00 up"\n')).toEqual([]);
  });

  it("says what to do about a tab and a carriage return", () => {
    expect(issuesOf('headline: "a\\tb"\n')[0]!.message).toMatch(/U\+0009 at position 2; a tab: write a space$/);
    expect(issuesOf('headline: "a\\rb"\n')[0]!.message).toMatch(/U\+000D at position 2; a carriage return/);
  });

  it("a file with Windows line endings (CRLF) loads: only a carriage return inside a value is refused", () => {
    expect(issuesOf("headline: >-\r\n  one\r\n  two\r\nperiod: 2003-q3\r\n")).toEqual([]);
  });

  it("messages show such characters escaped", () => {
    expect(describeValue("1.5\u061C$")).toBe('"1.5\\u061C$"');
    expect(describeValue("a\uFFFEb")).toBe('"a\\uFFFEb"');
  });
});
