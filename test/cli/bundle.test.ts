/**
 * The command tree bundled into dist/cli/main.js (scripts/bundle-cli.ts): the built CLI answers as
 * the sources' command tree does, the bundle holds commander and the commands (so `--help` reads
 * two files), and a module of the bundle imported from outside it, which would load twice, is found.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importsOfTheFront, isFrontModule } from "../../scripts/bundle-cli.js";
import { makeTemporaryFolder } from "../helpers/temporary-folder.js";
import { ensureBuilt, root, runBuiltCli, runCliCaptured } from "../robustness/run-cli.js";

describe("the bundled command line", () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it.each([[["--help"]], [["build", "--help"]], [["check", "--help"]], [["diff", "--help"]], [["build", "--format", "rtf", "data/atg/2003-q3.yaml"]]])(
    "answers %j as the command tree of the sources does",
    async (argv) => {
      const [bundled, sources] = [await runBuiltCli(argv), await runCliCaptured(argv)];
      expect(bundled.code).toBe(sources.code);
      expect(bundled.stdout).toBe(sources.stdout);
      expect(bundled.stderr).toBe(sources.stderr);
      expect(bundled.stdout + bundled.stderr).not.toBe("");
    },
    30_000,
  );

  it("holds commander and the command tree, and imports the pipeline's modules from dist/", () => {
    const text = readFileSync(join(root, "dist", "cli", "main.js"), "utf8");
    expect(text).not.toMatch(/from "commander"|import\("commander"\)/);
    expect(text).toContain("function registerBuild(");
    // The pipeline stays as tsc emitted it, loaded in a command's action.
    expect(text).toContain('import("../pipeline/batch.js")');
  });
});

describe("the bundle's modules", () => {
  it("is main, errors, inputs and the commands' definitions", () => {
    const cli = join(root, "src", "cli");
    for (const file of ["main.ts", "errors.ts", "inputs.ts", "commands/build.ts"]) expect(isFrontModule(join(cli, file))).toBe(true);
    for (const file of ["bin.ts", "build-report.ts", "../pipeline/batch.ts", "../index.ts"]) expect(isFrontModule(join(cli, file))).toBe(false);
  });

  it("is imported by no module outside it in src/", async () => {
    expect(await importsOfTheFront()).toEqual([]);
  });

  it("is found when a module outside it imports it, statically or lazily, but not for a type or the entry", async () => {
    const source = join(makeTemporaryFolder("bundle-front"), "src");
    mkdirSync(join(source, "cli"), { recursive: true });
    mkdirSync(join(source, "pipeline"), { recursive: true });
    writeFileSync(join(source, "cli", "errors.ts"), "export class UsageError extends Error {}\n");
    writeFileSync(join(source, "cli", "inputs.ts"), "export type Inputs = readonly string[];\n");
    writeFileSync(join(source, "pipeline", "eager.ts"), 'import { UsageError } from "../cli/errors.js";\nexport const made = new UsageError("x");\n');
    writeFileSync(join(source, "pipeline", "lazy.ts"), 'export const load = () => import("../cli/errors.js");\n');
    writeFileSync(join(source, "pipeline", "typed.ts"), 'import type { Inputs } from "../cli/inputs.js";\nexport const none: Inputs = [];\n');
    writeFileSync(join(source, "cli", "main.ts"), 'export { UsageError } from "./errors.js";\n');
    writeFileSync(join(source, "cli", "bin.ts"), 'export const run = () => import("./main.js");\n');
    expect((await importsOfTheFront(source)).sort()).toEqual(["src/pipeline/eager.ts imports src/cli/errors.ts", "src/pipeline/lazy.ts imports src/cli/errors.ts"]);
  });
});
