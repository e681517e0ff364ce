/** Test helpers over Linux's /proc: the browsers a command started, and what is left of them. */
import { readdirSync, readFileSync } from "node:fs";

interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly state: string;
  readonly command: string;
}

/** Every process on the machine (those that vanish while read are skipped). */
export function listProcesses(): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      found.push({ pid: Number(entry), state: fields[0]!, ppid: Number(fields[1]), pgid: Number(fields[2]), command });
    } catch {
      continue;
    }
  }
  return found;
}

/** Chromium processes started by `parent` (Puppeteer launches the browser as a direct child). */
export function findBrowsersOf(parent: number): number[] {
  return listProcesses().filter((p) => p.ppid === parent && /chrom/i.test(p.command)).map((p) => p.pid);
}

/** Processes of a process group (a browser's: its pid) that are not zombies. */
export function listLiveGroup(pgid: number): number[] {
  return listProcesses().filter((p) => p.pgid === pgid && p.state !== "Z").map((p) => p.pid);
}

/** Polls `test` every 20 ms until it holds or `ms` pass. */
export async function waitFor(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return test();
}
