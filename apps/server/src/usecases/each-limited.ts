/**
 * Runs `fn` over `items` with at most `limit` calls in flight, and resolves when all are done.
 * Start-up walks every branch (hundreds) through a few Redis and PostgreSQL round trips each:
 * one at a time, the process sits idle waiting on the network for most of a restart; all at
 * once, a large bank would open a connection storm. If a call fails, no new calls start, the
 * ones in flight finish, and the first error is thrown.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        if (!failed) firstError = err;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failed) throw firstError;
}
