/**
 * Group commit for single-row writes on a hot path: calls made while a write is running wait for
 * it and are then written together, in one statement. No added delay when idle (a call that
 * finds nothing running starts at once); under load, one round trip for many rows. `write` must
 * return one result per item, in order. If a group fails, its items are retried one by one, so
 * one bad item fails only its own caller.
 */
export function groupCommit<I, O>(write: (items: I[]) => Promise<O[]>, maxItems = 500): (item: I) => Promise<O> {
  let queue: { item: I; resolve: (o: O) => void; reject: (err: unknown) => void }[] = [];
  let running = false;

  async function flush(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const group = queue.slice(0, maxItems);
      queue = queue.slice(group.length);
      try {
        const out = await write(group.map((p) => p.item));
        group.forEach((p, i) => p.resolve(out[i]!));
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        else {
          for (const p of group) {
            try {
              p.resolve((await write([p.item]))[0]!);
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void flush();
    });
}
