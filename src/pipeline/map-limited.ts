/** Bounded parallelism: a few releases in flight at once, not all of them. */

/**
 * Runs `work` on every item, at most `limit` at once, starting them in order; resolves when all
 * are done. Keeps memory flat over a long batch and the event loop free for the browser's replies.
 */
export async function mapLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
