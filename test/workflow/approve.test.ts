/** Approved snapshots: `approve` pins the text; `check` fails with the word diff when it changes. */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approvedFileOf, compareWithApproved } from "../../src/workflow/approved.js";

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "approve-"));
  copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
  copyFileSync("data/atg/2003-q3.yaml", join(folder, "2003-q3.yaml"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the CLI in its own process, as a user would (house templates are cached per process). */
function cli(...args: string[]): { status: number | null; output: string } {
  // Without TSX_DISABLE_CACHE, tsx leaves its compile cache in the temporary folder (tsx-<uid>/).
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/bin.ts", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", TSX_DISABLE_CACHE: "1" } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("earnings-release approve, then check", () => {
  it("fails check with the changed template word in the diff, and passes again once it is reverted", () => {
    const quarter = join(folder, "2003-q3.yaml");
    const approve = cli("approve", quarter);
    expect(approve.status, approve.output).toBe(0);
    expect(existsSync(join(folder, "2003-q3.approved.txt"))).toBe(true);
    expect(readFileSync(join(folder, "2003-q3.approved.txt"), "utf8").replace(/\s+/g, " ")).toContain("These risks include");
    const clean = cli("check", quarter);
    expect(clean.status, clean.output).toBe(0);

    // The company's own copy of a house template, one word changed.
    const override = join(folder, "templates", "default", "safe-harbor.hbs");
    mkdirSync(join(folder, "templates", "default"), { recursive: true });
    const template = readFileSync("templates/default/safe-harbor.hbs", "utf8");
    expect(template).toContain("These risks include");
    writeFileSync(override, template.replace("These risks include", "These risks comprise"));
    const changed = cli("check", quarter);
    expect(changed.status, changed.output).toBe(1);
    expect(changed.output).toContain("Approved text changed");
    expect(changed.output).toContain("[-include-]{+comprise+}");

    rmSync(override);
    const reverted = cli("check", quarter);
    expect(reverted.status, reverted.output).toBe(0);
  }, 60_000);
});

describe("compareWithApproved", () => {
  it("says unapproved, unchanged or changed, and ignores whitespace-only differences", () => {
    const release = { file: join(folder, "2003-q3.yaml") };
    expect(approvedFileOf(release.file)).toBe(join(folder, "2003-q3.approved.txt"));
    expect(compareWithApproved(release, "text").status).toBe("unapproved");
    writeFileSync(approvedFileOf(release.file), "Net loss was $3.2 million.\n");
    expect(compareWithApproved(release, "Net loss was $3.2 million.\n").status).toBe("unchanged");
    expect(compareWithApproved(release, "Net loss was\n$3.2 million.\n").status).toBe("unchanged");
    const changed = compareWithApproved(release, "Net loss was $3.3 million.\n");
    expect(changed.status).toBe("changed");
    if (changed.status === "changed") {
      expect(changed.changes).toBe(1);
      expect(changed.diff).toContain("[-$3.2-]{+$3.3+}");
    }
  });
});
