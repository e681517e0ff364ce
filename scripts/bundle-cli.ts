/**
 * Bundles the command tree into dist/cli/main.js, over what tsc emitted there: src/cli/main.ts,
 * the commands' definitions and commander. `--help`, and the parsing of every command, then read
 * one file rather than some twenty modules and commander's CommonJS, each resolved and loaded by
 * Node's ESM loader (about 25 ms of a 140 ms start here). The entry, dist/cli/bin.js, stays tsc's
 * few lines (`--version` reads no more), and so does every other module: the bundle imports them
 * from dist/ as before, and a command's pipeline still loads only in its action.
 *
 * A module of the bundle imported by a module outside it would load twice, as two copies (two
 * `UsageError` classes, and `instanceof` true of neither's errors): the bundle is refused then.
 * Outside modules may import the bundle's entry, main.ts, which is the bundle itself.
 *
 * Run after tsc (`npm run build`); `compileDist` does both, for the tests and the bench.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The bundle's modules. Any other module of src/ (`source`) is left to tsc's output. */
export function isFrontModule(file: string, source = join(root, "src")): boolean {
  const path = relative(join(source, "cli"), file).split("\\").join("/");
  return /^(main|errors|inputs)\.ts$/.test(path) || /^commands\/[^/]+\.ts$/.test(path);
}

/** The bundle's entry: importing it from outside imports the bundle. */
function isEntry(file: string, source: string): boolean {
  return resolve(file) === join(source, "cli", "main.ts");
}

/** Resolves our relative imports: a module of the bundle is bundled; any other is external, named from dist/cli/. */
const frontOnly: Plugin = {
  name: "front-only",
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(join(root, "src") + "/")) return undefined; // inside a package
      const target = resolve(dirname(args.importer), args.path).replace(/\.js$/, ".ts");
      if (isFrontModule(target)) return undefined;
      const fromBin = relative(join(root, "src", "cli"), target).replace(/\.ts$/, ".js");
      return { path: fromBin.startsWith(".") ? fromBin : `./${fromBin}`, external: true };
    });
  },
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Modules of `source` outside the front that import a front module (which would then load twice). */
export async function importsOfTheFront(source = join(root, "src")): Promise<string[]> {
  const others = sourceFiles(source).filter((file) => !isFrontModule(file, source));
  // esbuild's own resolution of every module's imports (paths relative to absWorkingDir); type-only imports are gone by then.
  const base = dirname(source);
  const { metafile } = await build({
    entryPoints: others,
    absWorkingDir: base,
    bundle: true,
    write: false,
    outdir: join(base, "dist"),
    platform: "node",
    format: "esm",
    packages: "external",
    metafile: true,
    logLevel: "silent",
  });
  return Object.entries(metafile.inputs).flatMap(([input, { imports }]) => {
    const importer = resolve(base, input);
    if (isFrontModule(importer, source)) return [];
    return imports
      .filter((found) => isFrontModule(resolve(base, found.path), source) && !isEntry(resolve(base, found.path), source))
      .map((found) => `${relative(base, importer)} imports ${found.path}`);
  });
}

/** Writes dist/cli/main.js as one ESM file of the command tree; throws when one of its modules is imported from outside it. */
export async function bundleCli(): Promise<void> {
  const crossing = await importsOfTheFront();
  if (crossing.length > 0) {
    throw new Error(`bundle-cli: these modules import a module of the command tree's bundle, which would then load twice; move what they need out of it:\n  ${crossing.join("\n  ")}`);
  }
  await build({
    entryPoints: [join(root, "src", "cli", "main.ts")],
    outfile: join(root, "dist", "cli", "main.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // commander is CommonJS: its require() of Node's modules needs a require in an ES module.
    banner: { js: `import { createRequire as createRequireOfBundle } from "node:module";\nconst require = createRequireOfBundle(import.meta.url);` },
    plugins: [frontOnly],
    logLevel: "warning",
    legalComments: "inline",
  });
}

/**
 * tsc then the bundle, as `npm run build` does, for the tests and the bench: synchronous, each in a
 * child process. Returns tsc's exit status (it emits despite type errors); a refused bundle throws.
 */
export function compileDist(): number | null {
  const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const bundle = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (bundle.status !== 0) throw new Error(bundle.stderr || `bundle-cli stopped with status ${String(bundle.status)}`);
  return tsc.status;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleCli().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
