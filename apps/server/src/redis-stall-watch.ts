/**
 * Finds a Redis connection that stopped answering while commands keep being written to it.
 *
 * Why: the client's `socketTimeout` is Node's socket idle timer, which every write restarts, not
 * only every byte read. A Redis that stalled (a paused VM or container) was found only after 3 s
 * without traffic either way: on a quiet node the first requests took 3–5 s to get their 503, and
 * on a node answering a request at least every 3 s it was never found. Every request then waited
 * until traffic paused (measured: a request every 0.5 s for 12 s, all answered after 14 s). So
 * this probe asks Redis for a PING and, when none has come back within `stallMs`, ends the
 * connection: its commands fail at once (503 TEMPORARILY_UNAVAILABLE) and the client connects
 * again (commands sent meanwhile time out after the client's command timeout).
 */
export interface StallWatchedClient {
  readonly isReady: boolean;
  ping(): Promise<unknown>;
  /** Closes at once, failing every pending command. */
  destroy(): void;
  connect(): Promise<unknown>;
}

export function watchRedisStall(
  client: StallWatchedClient,
  opts: {
    stallMs: number;
    everyMs?: number;
    now?: () => number;
    onStall: () => void;
    /**
     * A probe was answered. More telling than the client's 'ready': a stalled Redis still accepts
     * connections (its kernel does), so the client turns ready without Redis answering anything.
     */
    onAnswer?: () => void;
  },
): () => void {
  const now = opts.now ?? (() => Date.now());
  let probeSince: number | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    if (probeSince === null) {
      if (!client.isReady) return;
      const sent = now();
      probeSince = sent;
      client.ping().then(
        () => {
          if (probeSince === sent) probeSince = null;
          opts.onAnswer?.();
        },
        () => {
          if (probeSince === sent) probeSince = null;
        },
      );
      return;
    }
    if (now() - probeSince < opts.stallMs) return;
    probeSince = null;
    opts.onStall();
    client.destroy();
    // Reconnects with the client's own strategy; resolves once Redis answers again.
    client.connect().catch(() => undefined);
  }, opts.everyMs ?? 250);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
