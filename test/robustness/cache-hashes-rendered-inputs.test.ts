/**
 * The build cache records the inputs a release was rendered from, read once: the key was taken
 * after rendering, from the files as they were then, so a quarter edited during a build got the
 * new text's hash beside outputs made from the old text, and was never rebuilt.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { makeTempDir, root, runCliCaptured } from "./run-cli.js";

const during = vi.hoisted(() => ({ edit: undefined as (() => void) | undefined }));

// The edit lands while the release renders: after it was loaded, before its manifest is written.
vi.mock("../../src/render.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/render.js")>();
  return {
    ...actual,
    renderRelease: async (...args: Parameters<typeof actual.renderRelease>) => {
      during.edit?.();
      during.edit = undefined;
      return actual.renderRelease(...args);
    },
  };
});

describe("cache hashes rendered inputs", () => {
  function writeCompany(): { quarter: string; company: string; out: string } {
    const dir = makeTempDir("cache-rendered");
    const folder = join(dir, "atg");
    mkdirSync(folder);
    copyFileSync(join(root, "data/atg/company.yaml"), join(folder, "company.yaml"));
    copyFileSync(join(root, "data/atg/2003-q3.yaml"), join(folder, "2003-q3.yaml"));
    return { quarter: join(folder, "2003-q3.yaml"), company: join(folder, "company.yaml"), out: join(dir, "out") };
  }

  const edit = (file: string, from: string, to: string) => () => {
    const text = readFileSync(file, "utf8");
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };

  it.each([
    ["the quarter file", "quarter", "headline: ATG Announces", "headline: EDITED ATG Announces", "EDITED ATG Announces"],
    ["the company file", "company", "ticker: ARTG", "ticker: EDTD", "EDTD"],
  ] as const)("%s edited during the build is built again by the next build", async (_name, which, from, to, shown) => {
    const files = writeCompany();
    during.edit = edit(files[which], from, to);
    const first = await runCliCaptured(["build", files.quarter, "--out", files.out, "--format", "txt"]);
    expect(first.code, first.stderr).toBe(0);
    const text = join(files.out, "atg/2003-q3/release.txt");
    expect(readFileSync(text, "utf8")).not.toContain(shown);

    const second = await runCliCaptured(["build", files.quarter, "--out", files.out, "--format", "txt"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout + second.stderr).not.toContain("unchanged since the last build");
    expect(readFileSync(text, "utf8")).toContain(shown);

    const third = await runCliCaptured(["build", files.quarter, "--out", files.out, "--format", "txt"]);
    expect(third.stdout + third.stderr).toContain("unchanged since the last build, skipped");
  });

  it("a company template edited during the build is built again by the next build", async () => {
    const files = writeCompany();
    const template = join(files.company, "..", "templates", "default", "exhibit.hbs");
    mkdirSync(join(template, ".."), { recursive: true });
    writeFileSync(template, "Exhibit {{exhibit}}");
    // The template is read at compose, before rendering: edit it between the key and the read.
    await runCliCaptured(["build", files.quarter, "--out", files.out, "--format", "txt"]);
    during.edit = () => writeFileSync(template, "EXHIBIT NO. {{exhibit}}");
    await runCliCaptured(["build", files.quarter, "--out", files.out, "--format", "txt", "--force"]);
    const next = await runCliCaptured(["build", files.quarter, "--out", files.out, "--format", "txt"]);
    expect(next.stdout + next.stderr).not.toContain("unchanged since the last build");
    expect(readFileSync(join(files.out, "atg/2003-q3/release.txt"), "utf8")).toContain("EXHIBIT NO. 99.1");
  });
});
