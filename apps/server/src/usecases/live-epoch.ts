import type { Logger } from '../logger.js';

/**
 * A marker key in Redis naming the current "life" of its live data. Written once the live state
 * is prepared from PostgreSQL; a Redis that restarted empty (or was flushed) no longer has it.
 */
export interface EpochMarker {
  /** The marker's value, or null when Redis has none (it lost its data). */
  read(): Promise<string | null>;
  /** Writes `candidate` unless a marker exists (SET NX); returns the marker now in place. */
  claim(candidate: string): Promise<string>;
}

/** How often each node looks at the marker: a lost Redis is found within this, without traffic. */
export const EPOCH_CHECK_EVERY_MS = 1000;

/**
 * Notices that Redis lost its data while the server runs, and puts the live state back.
 *
 * Without this a Redis that came back empty left every branch dead until a server restart
 * (BRANCH_UNKNOWN, lost timers, silent screens): the rebuild from PostgreSQL ran only at start.
 * Each node checks the marker every second and when its Redis client reconnects:
 * - marker missing: Redis lost its data. Prepare every branch again (`prepare`: the same work as
 *   start-up: rebuild from PostgreSQL, re-arm timers), write a new marker, resync this node's
 *   clients (`resync`).
 * - marker changed (another node rebuilt first): prepare (idempotent; this node's roles may re-arm
 *   what the other's do not) and resync this node's clients too.
 * - after a reconnect: prepare even with the marker in place, as a Redis restored from an older
 *   snapshot keeps the marker but not the latest state (`prepare` rebuilds a stale branch).
 * Readiness fails while the marker is missing, differs from the one this node prepared, or a
 * rebuild is running: the load balancer keeps traffic away until the branches are live again.
 */
export function createLiveEpoch(deps: {
  marker: EpochMarker;
  prepare: () => Promise<void>;
  resync: () => void;
  /** The live state was lost or replaced (before it is prepared again): what Redis held beside it, staff sessions, is gone too. */
  lost?: () => void;
  newId: () => string;
  logger: Logger;
  checkEveryMs?: number;
}) {
  const { marker, logger } = deps;
  let known: string | null = null;
  let rebuilding = false;
  let running: Promise<void> | null = null;
  let forcePending = false;
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let failing = false;

  async function round(force: boolean): Promise<void> {
    const current = await marker.read();
    if (current !== null && current === known && !force) return;
    rebuilding = true;
    try {
      if (current === null) logger.warn('Redis has lost its data (live epoch marker missing): rebuilding every branch from PostgreSQL');
      // A marker this node did not write: another node rebuilt, or Redis came back from a snapshot
      // holding an older marker (one node alone sees this after a restore).
      else if (current !== known) logger.warn('live state was rebuilt by another node or an earlier attempt, or Redis was restored from an older snapshot: preparing branches and resyncing clients here');
      if (current === null || current !== known) deps.lost?.();
      await deps.prepare();
      const before = known;
      known = await marker.claim(deps.newId());
      if (current === null || known !== before) {
        deps.resync();
        logger.warn('live state rebuilt from PostgreSQL; clients resync (staff whose sessions were lost sign in again)');
      }
    } finally {
      rebuilding = false;
    }
  }

  /** One check; concurrent calls share the one in progress (a forced one runs after it). */
  function check(force = false): Promise<void> {
    if (known === null && !started) return Promise.resolve();
    if (running) {
      if (force) forcePending = true;
      return running;
    }
    running = round(force)
      .then(() => {
        if (failing) logger.info('live epoch check answers again');
        failing = false;
      })
      .catch((err: unknown) => {
        // Once per outage: while Redis is away this fails every second (the client logs its errors).
        if (!failing) logger.error({ err }, 'live epoch check failed; will retry every second');
        failing = true;
      })
      .finally(() => {
        running = null;
        if (forcePending) {
          forcePending = false;
          void check(true);
        }
      });
    return running;
  }

  return {
    /** After start-up's own preparation: takes (or adopts) the marker and starts checking. */
    async start(): Promise<void> {
      known = await marker.claim(deps.newId());
      started = true;
      timer = setInterval(() => void check(), deps.checkEveryMs ?? EPOCH_CHECK_EVERY_MS);
      timer.unref();
    },
    check,
    /** The Redis client reconnected: Redis may have restarted empty or from an older snapshot. */
    reconnected(): void {
      void check(true);
    },
    /** Throws while the live state is missing or being rebuilt (a readiness check). */
    async assertReady(): Promise<void> {
      if (rebuilding) throw new Error('live state is being rebuilt');
      const current = await marker.read();
      if (current === null || current !== known) throw new Error('live state missing');
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      started = false;
      await running;
    },
  };
}

export type LiveEpoch = ReturnType<typeof createLiveEpoch>;
