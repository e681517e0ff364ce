/**
 * A quarter file as it was at a git revision (`--from HEAD~1`): the file, its company file and
 * the company's own templates, read with `git show` into a temporary folder and loaded there.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative, resolve } from "node:path";
import { parse } from "yaml";
import { type LoadedRelease, loadRelease } from "../data/load.js";

/** A revision or path git cannot show. */
export class RevisionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RevisionError";
  }
}

function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = ((error as { stderr?: string | Buffer }).stderr ?? "").toString().trim().split("\n")[0];
    throw new RevisionError(`git ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`, { cause: error });
  }
}

/** A release loaded from a revision; `dispose()` removes its temporary copy. */
export interface RevisionRelease {
  readonly release: LoadedRelease;
  /** `HEAD~1:data/atg/2003-q3.yaml`, for headings. */
  readonly label: string;
  /** A closure, not a method: it may be passed on alone (`disposers.push(revision.dispose)`). */
  readonly dispose: () => void;
}

/** Loads `file` as it was at `revision` (with its company file and templates at that revision). */
export function loadRevision(file: string, revision: string): RevisionRelease {
  // git would read "--output=..." as an option, whatever comes after it; no revision starts with "-".
  if (revision === "" || revision.startsWith("-"))
    throw new RevisionError(`"${revision}" is not a git revision (a revision never starts with "-"); name a commit, branch or tag such as HEAD~1`);
  if (/[\u0000-\u001F\u007F]/.test(revision)) throw new RevisionError(`${JSON.stringify(revision)} is not a git revision (it holds a control character)`);
  const top = git(dirname(resolve(file)), ["rev-parse", "--show-toplevel"]).trim();
  const path = relative(top, resolve(file)).split("\\").join("/");
  const folder = mkdtempSync(join(tmpdir(), "earnings-release-rev-"));
  const copy = (repoPath: string) => {
    const target = join(folder, ...repoPath.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, git(top, ["show", "--end-of-options", `${revision}:${repoPath}`]));
    return target;
  };
  try {
    const quarterFile = copy(path);
    const named = (parse(git(top, ["show", "--end-of-options", `${revision}:${path}`])) as { company?: unknown } | null)?.company;
    const companyPath = posix.normalize(posix.join(posix.dirname(path), typeof named === "string" ? named : "company.yaml"));
    copy(companyPath);
    const templates = git(top, ["ls-tree", "-r", "--name-only", "--end-of-options", revision, "--", posix.join(posix.dirname(companyPath), "templates")]);
    for (const templatePath of templates.split("\n").filter(Boolean)) copy(templatePath);
    return { release: loadRelease(quarterFile), label: `${revision}:${path}`, dispose: () => rmSync(folder, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
