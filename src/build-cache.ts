/**
 * Incremental builds: a manifest beside each release's outputs (`<out>/<co>/<period>/.build.json`)
 * records a hash of everything the outputs depend on (the quarter file, the company file, the
 * house style's files, the tool's code and dependencies, the build's settings) and a hash of each
 * output, so that a later build can skip the release when none of it changed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FileReadError, readBoundedFile } from "./data/read-text-file.js";
import { findBrowser } from "./pdf/find-browser.js";

/** File name of the manifest inside a release's output folder. */
export const buildManifestName = ".build.json";

const manifestVersion = 1;

/** What a build was asked for: anything that changes the outputs (formats, paper, draft ...). */
export type BuildSettings = Readonly<Record<string, unknown>>;

/** The inputs of one release, as the loader found them. */
export interface ReleaseInputs {
  /** The quarter file. */
  readonly file: string;
  readonly companyFile: string;
  /** The house style's name (the quarter's, else the company's, else "default"). */
  readonly style: string;
  /**
   * The texts of the quarter and company files as the loader read them: hashed instead of the
   * files, so that an edit during the build is not recorded beside outputs made from the old text.
   */
  readonly sources?: { readonly quarter: string; readonly company: string };
}

/** The manifest written beside the outputs. */
export interface BuildManifest {
  readonly version: number;
  /** Hash of every input and setting together. */
  readonly key: string;
  /** Absolute paths of the inputs. */
  readonly source: string;
  readonly companyFile: string;
  readonly style: string;
  readonly settings: BuildSettings;
  /** Output file name -> sha256 of its bytes. */
  readonly outputs: Readonly<Record<string, string>>;
}

const sha256 = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The shipped house styles (`builtInTemplatesDir` of src/templates/style.ts), found here rather
 * than imported: that module loads zod and Handlebars, which a build that skips every release
 * never needs.
 */
export const builtInTemplatesDir = join(packageRoot, "templates");

/** Folders a house style's files come from, most specific first (as `loadHouseStyle` looks). */
function styleFolders(companyFile: string, style: string): string[] {
  return [join(dirname(companyFile), "templates", style), join(builtInTemplatesDir, style), join(builtInTemplatesDir, "default")];
}

/** Every file below a folder with its content hash, or "absent"; folders rarely change within a run. */
function hashFolder(folder: string, cache: Map<string, string>): string {
  const cached = cache.get(folder);
  if (cached !== undefined) return cached;
  const hash = createHash("sha256");
  const visit = (current: string, prefix: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path, `${prefix}${entry.name}/`);
      // Never read a FIFO or device (it would block, or never end): its name alone counts.
      else if (!entry.isFile() && !entry.isSymbolicLink()) hash.update(`${prefix}${entry.name}\0special\n`);
      else hash.update(`${prefix}${entry.name}\0${hashBoundedFile(path)}\n`);
    }
  };
  if (existsSync(folder) && statSync(folder).isDirectory()) visit(folder, "");
  else hash.update("absent");
  const digest = hash.digest("hex");
  cache.set(folder, digest);
  return digest;
}

/** sha256 of a regular file of at most 64 MB; a FIFO, device or larger file gives a marker instead. */
function hashBoundedFile(path: string): string {
  try {
    return sha256(readBoundedFile(path, 64 * 1024 * 1024));
  } catch (error) {
    if (error instanceof FileReadError) return `unreadable:${error.code}`;
    throw error;
  }
}

/** The tool's fingerprint, taken once per process: the code running does not change under it. */
let toolFingerprint: string | undefined;

/**
 * The tool's own fingerprint: its version, a hash of its code (so that a changed build of the
 * tool rebuilds), the installed versions of its dependencies, and the browser that prints.
 */
function fingerprintTool(withBrowser: boolean, cache: Map<string, string>): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version?: string; dependencies?: Record<string, string> };
  const dependencies = Object.keys(manifest.dependencies ?? {}).map((name) => {
    const path = join(packageRoot, "node_modules", name, "package.json");
    return `${name}@${existsSync(path) ? String((JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version) : "?"}`;
  });
  let browser = "none";
  if (withBrowser) {
    try {
      const { executablePath } = findBrowser();
      const stat = statSync(executablePath);
      browser = `${executablePath}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      // No browser: the build itself will say so.
    }
  }
  return sha256([manifest.version, hashFolder(dirname(fileURLToPath(import.meta.url)), cache), ...dependencies, browser].join("\n"));
}

/**
 * Remembers what previous builds into one output folder wrote, and tells whether a release is
 * up to date. Input files are hashed once per instance: create one per command.
 */
export class BuildCache {
  readonly #manifests = new Map<string, { folder: string; manifest: BuildManifest }>();
  readonly #folderHashes = new Map<string, string>();
  readonly #fileHashes = new Map<string, string>();
  #tool: string | undefined;

  /** Reads the manifests of `<outDir>/<company>/<period>/`. */
  constructor(readonly outDir: string) {
    // A folder that cannot be listed holds no manifest this build can use: it rebuilds.
    const list = (folder: string) => {
      try {
        return readdirSync(folder, { withFileTypes: true });
      } catch {
        return [];
      }
    };
    for (const company of list(outDir)) {
      if (!company.isDirectory()) continue;
      for (const period of list(join(outDir, company.name))) {
        const folder = join(outDir, company.name, period.name);
        const manifest = period.isDirectory() ? readManifest(folder) : undefined;
        if (manifest !== undefined) this.#manifests.set(manifest.source, { folder, manifest });
      }
    }
  }

  /**
   * The output folder of `file` when its outputs are up to date for `settings`: the same inputs
   * and settings as when they were written, and every output still as written. Else undefined.
   */
  findUpToDate(file: string, settings: BuildSettings): string | undefined {
    const found = this.#manifests.get(resolve(file));
    if (found === undefined) return undefined;
    const { folder, manifest } = found;
    try {
      const key = this.computeKey({ file, companyFile: manifest.companyFile, style: manifest.style }, settings);
      if (key !== manifest.key) return undefined;
      for (const [name, hash] of Object.entries(manifest.outputs)) {
        if (sha256(readFileSync(join(folder, name))) !== hash) return undefined;
      }
      return folder;
    } catch {
      return undefined; // an input or output vanished: rebuild
    }
  }

  /**
   * The hash of a release's inputs, the tool and the settings. Take it before rendering, with the
   * texts the release was loaded from: a later edit then makes the next build's key differ.
   */
  computeKey(inputs: ReleaseInputs, settings: BuildSettings): string {
    this.#tool ??= toolFingerprint ??= fingerprintTool(true, new Map());
    const fileHash = (path: string): string => {
      const absolute = resolve(path);
      let hash = this.#fileHashes.get(absolute);
      if (hash === undefined) this.#fileHashes.set(absolute, (hash = sha256(readFileSync(absolute))));
      return hash;
    };
    return sha256(
      JSON.stringify({
        version: manifestVersion,
        tool: this.#tool,
        // A text the loader read re-encodes to the bytes it was read from (invalid UTF-8 is refused).
        quarter: inputs.sources ? sha256(inputs.sources.quarter) : fileHash(inputs.file),
        company: inputs.sources ? sha256(inputs.sources.company) : fileHash(inputs.companyFile),
        style: inputs.style,
        templates: styleFolders(resolve(inputs.companyFile), inputs.style).map((folder) => hashFolder(folder, this.#folderHashes)),
        settings,
      }),
    );
  }

  /**
   * The manifest file to write with a release's outputs (`outputs`: file name -> bytes). Input
   * hashes are taken once per instance, so an input edited during the build is built again next time.
   */
  createManifest(key: string, inputs: ReleaseInputs, settings: BuildSettings, outputs: ReadonlyMap<string, Uint8Array>): Uint8Array {
    const manifest: BuildManifest = {
      version: manifestVersion,
      key,
      source: resolve(inputs.file),
      companyFile: resolve(inputs.companyFile),
      style: inputs.style,
      settings,
      outputs: Object.fromEntries([...outputs].map(([name, data]) => [name, sha256(data)])),
    };
    return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/** The manifest in a folder, or undefined when there is none or it is not one this version reads. */
export function readManifest(folder: string): BuildManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(folder, buildManifestName), "utf8")) as BuildManifest;
    return manifest.version === manifestVersion && typeof manifest.source === "string" && typeof manifest.key === "string" ? manifest : undefined;
  } catch {
    return undefined;
  }
}
