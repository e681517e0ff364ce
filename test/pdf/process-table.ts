/** Test helpers over Linux's /proc: which processes a browser left, and in what state. */
import { readdirSync, readFileSync } from "node:fs";

/** A process as /proc/<pid>/stat tells it. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** R, S, D, Z (zombie), T ... */
  readonly state: string;
  /** The command name (comm). */
  readonly command: string;
}

/** Whether this machine has a /proc to read. */
export const hasProcFs = process.platform === "linux";

/** Every process on the machine (those that vanish while read are skipped). */
export function listProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    found.push({ pid: Number(entry), state: fields[0] ?? "?", ppid: Number(fields[1]), pgid: Number(fields[2]), command });
  }
  return found;
}

/** Every process in a process group (Chromium's: the browser's pid), zombies included. */
export function listProcessGroup(pgid: number): ProcessInfo[] {
  return listProcesses().filter((info) => info.pgid === pgid);
}

/** Processes of a process group that are not zombies. */
export function listLiveGroup(pgid: number): number[] {
  return listProcessGroup(pgid)
    .filter((info) => info.state !== "Z")
    .map((info) => info.pid);
}

/** Chromium processes started by `parent` (Puppeteer launches the browser as a direct child). */
export function findBrowsersOf(parent: number): number[] {
  return listProcesses()
    .filter((info) => info.ppid === parent && /chrom/i.test(info.command))
    .map((info) => info.pid);
}

/** The `--user-data-dir` a Chromium process was started with. */
export function readUserDataDir(pid: number): string | undefined {
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  return args.find((arg) => arg.startsWith("--user-data-dir="))?.slice("--user-data-dir=".length);
}

/** Waits until `check` holds, polling, for at most `ms`; returns whether it held. */
export async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
