import type { BranchEvent } from '@tellerline/engine';
import type { LiveStateStore } from '@tellerline/live';
import type { Logger } from '../logger.js';

/** The `cursors` of a consumer that keeps each followed branch's state: branchId -> its seq. */
export function seqCursors(states: { entries(): Iterable<[string, { seq: number }]> }): Record<string, number> {
  const cursors: Record<string, number> = {};
  for (const [id, st] of states.entries()) cursors[id] = st.seq;
  return cursors;
}

export interface BranchTailDeps {
  store: LiveStateStore;
  logger: Logger;
  /** Names the consumer in logs ("fan-out", "notifier"). */
  label: string;
  blockMs: number;
  discoverEveryMs: number;
  /** branchId -> last seq this consumer has applied; empty until discover() finds branches. */
  cursors(): Record<string, number>;
  /** Picks up branches this consumer does not follow yet. */
  discover(): Promise<void>;
  /** Periodic work of the consumer's own, run before each read. */
  tick?(): Promise<void>;
  onBatch(branchId: string, events: BranchEvent[]): Promise<void>;
}

/**
 * The loop every consumer of branch events runs (realtime fan-out, the notifier): discover new
 * branches now and then, block on one XREAD over all followed streams, hand each branch's batch
 * over in seq order, and keep going after errors. Stopping waits for the read in progress.
 */
export function tailBranches(deps: BranchTailDeps): { stop(): Promise<void> } {
  let running = true;
  let lastDiscovery = 0;
  let failing = false;
  const loop = (async () => {
    while (running) {
      try {
        if (Date.now() - lastDiscovery > deps.discoverEveryMs) {
          await deps.discover();
          lastDiscovery = Date.now();
        }
        await deps.tick?.();
        const cursors = deps.cursors();
        if (Object.keys(cursors).length === 0) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        const batches = await deps.store.waitEventsMany(cursors, deps.blockMs);
        for (const [branchId, events] of Object.entries(batches)) {
          if (events.length > 0) await deps.onBatch(branchId, events);
        }
        if (failing) deps.logger.info(`${deps.label} loop answers again`);
        failing = false;
      } catch (err) {
        if (!running) break;
        // Once per outage: while Redis is away this fails every few hundred milliseconds.
        if (!failing) deps.logger.error({ err }, `${deps.label} loop error; retrying every 500 ms`);
        failing = true;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
