/**
 * Nothing lost: a build killed with SIGKILL at random moments leaves every output file either
 * the previous complete one or the new complete one, and the next build removes the temporaries.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, listFiles, makeTempDir, root, runBuiltCli, spawnCli } from "./run-cli.js";

const kills = Number(process.env.KILL_RUNS ?? 50);
const lanes = 2;
const formats = "txt,html,docx";
const releaseFiles = ["release.docx", "release.html", "release.txt"];
const temporary = /^\.release\.(docx|html|txt)\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Two versions of the same quarter (same company folder and period: the same output folder). */
function writeVariants(dir: string): [string, string] {
  const variants = ["a", "b"].map((name) => {
    const folder = join(dir, name, "atg");
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(root, "data/atg/company.yaml"), join(folder, "company.yaml"));
    const quarter = readFileSync(join(root, "data/atg/2003-q3.yaml"), "utf8");
    writeFileSync(join(folder, "2003-q3.yaml"), name === "a" ? quarter : quarter.replace("headline: ATG Announces", "headline: ATG Reports"));
    return join(folder, "2003-q3.yaml");
  });
  return [variants[0]!, variants[1]!];
}

async function buildFully(file: string, out: string): Promise<Map<string, Buffer>> {
  const result = await runBuiltCli(["build", file, "--out", out, "--format", formats]);
  expect(result.code, result.stderr).toBe(0);
  const folder = join(out, "atg/2003-q3");
  return new Map(releaseFiles.map((name) => [name, readFileSync(join(folder, name))]));
}

/** Starts a build and kills it after `delayMs`; resolves once the process is gone. */
function killBuildAfter(file: string, out: string, delayMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    // --force: a lane builds the same variant again and again; each run must really build, not skip.
    const child = spawnCli(["build", file, "--out", out, "--format", formats, "--force"]);
    const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

describe("kill -9 during a build", () => {
  let variants: [string, string];
  let known: [Map<string, Buffer>, Map<string, Buffer>];
  let fullMs = 0;

  beforeAll(async () => {
    ensureBuilt();
    const dir = makeTempDir("kill");
    variants = writeVariants(dir);
    const started = performance.now();
    const a = await buildFully(variants[0], join(dir, "known-a"));
    fullMs = performance.now() - started;
    known = [a, await buildFully(variants[1], join(dir, "known-b"))];
    for (const name of releaseFiles) expect(known[0].get(name)!.equals(known[1].get(name)!), `${name} differs between the variants`).toBe(false);
  }, 120_000);

  it(`leaves each output the old or the new complete file (${kills} random kills)`, async () => {
    const outcomes = { killed: 0, finished: 0 };
    let seed = Number(process.env.KILL_SEED ?? Date.now() % 100_000);
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

    const runLane = async (lane: number) => {
      const out = makeTempDir(`kill-lane${lane}`);
      const folder = join(out, "atg/2003-q3");
      await buildFully(variants[0], out); // the previous complete release
      for (let run = lane; run < kills; run += lanes) {
        // Half the kills anywhere in a build, half near its end, where files are written.
        const delay = random() < 0.5 ? random() * fullMs * 1.1 : fullMs * (0.6 + random() * 0.5);
        const signal = await killBuildAfter(variants[run % 2 === 0 ? 1 : 0], out, delay);
        outcomes[signal === "SIGKILL" ? "killed" : "finished"]++;
        const present = listFiles(folder);
        for (const name of releaseFiles) {
          expect(present, `seed ${seed}: ${name} missing after a kill at ${delay.toFixed(0)} ms`).toContain(name);
          const bytes = readFileSync(join(folder, name));
          const whole = known.some((version) => version.get(name)!.equals(bytes));
          expect(whole, `seed ${seed}: ${name} is neither complete version after a kill at ${delay.toFixed(0)} ms`).toBe(true);
        }
        for (const name of present.filter((file) => !releaseFiles.includes(file) && file !== ".build.json")) {
          expect(name, "only temporaries of killed builds are left").toMatch(temporary);
        }
      }
      // The next complete build leaves exactly the new release and removes stale temporaries.
      const final = await buildFully(variants[1], out);
      for (const name of releaseFiles) expect(final.get(name)!.equals(known[1].get(name)!)).toBe(true);
      expect(listFiles(folder).filter((file) => temporary.test(file))).toEqual([]);
    };
    await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane)));
    expect(outcomes.killed + outcomes.finished).toBe(kills);
    expect(outcomes.killed, "most runs are killed before they end").toBeGreaterThan(kills / 2);
  }, 300_000);
});
