import type { BranchEvent, BranchState } from '@tellerline/engine';
import {
  assertCommitInput,
  assertRestoreInput,
  type BranchCursors,
  type CommitResult,
  type LiveStateStore,
} from './live-state-store.js';

export interface MemoryLiveStoreOptions {
  /** Events kept per branch stream (exactly; Redis trims approximately). Default 10,000. */
  maxLen?: number;
}

interface BranchRecord {
  seq: number;
  /** Serialized like in Redis, so callers never share objects with the store. */
  stateJson: string;
  /**
   * Serialized events with their seqs, oldest first. Gapless, except after a restore over a
   * stale state (the stream is kept, the next commit continues above the restored seq).
   */
  events: { seq: number; json: string }[];
}

interface Waiter {
  branchIds: ReadonlySet<string>;
  wake: () => void;
}

const DEFAULT_LIMIT = 1000;

/**
 * In-process {@link LiveStateStore} with the same semantics as the Redis adapter, for pure tests
 * and the simulator. Single-threaded JavaScript makes each method atomic: nothing awaits between
 * the version check and the write.
 */
export class MemoryLiveStore implements LiveStateStore {
  readonly #branches = new Map<string, BranchRecord>();
  readonly #waiters = new Set<Waiter>();
  readonly #maxLen: number;
  #closed = false;

  constructor(options: MemoryLiveStoreOptions = {}) {
    this.#maxLen = options.maxLen ?? 10_000;
  }

  async load(branchId: string): Promise<BranchState | null> {
    const record = this.#branches.get(branchId);
    return record ? (JSON.parse(record.stateJson) as BranchState) : null;
  }

  async commit(branchId: string, expectedSeq: number, state: BranchState, events: BranchEvent[]): Promise<CommitResult> {
    assertCommitInput(branchId, expectedSeq, state, events);
    const record = this.#branches.get(branchId);
    const currentSeq = record?.seq ?? 0;
    if (currentSeq !== expectedSeq) return { ok: false, reason: 'conflict', currentSeq };

    const target = record ?? { seq: 0, stateJson: '', events: [] };
    target.seq = state.seq;
    target.stateJson = JSON.stringify(state);
    for (const event of events) target.events.push({ seq: event.seq, json: JSON.stringify(event) });
    const excess = target.events.length - this.#maxLen;
    if (excess > 0) target.events.splice(0, excess);
    this.#branches.set(branchId, target);
    this.#wake(branchId);
    return { ok: true };
  }

  async readEvents(branchId: string, afterSeq: number, limit = DEFAULT_LIMIT): Promise<BranchEvent[]> {
    return this.#read(branchId, afterSeq, limit);
  }

  async waitEvents(branchId: string, afterSeq: number, blockMs: number, limit = DEFAULT_LIMIT): Promise<BranchEvent[]> {
    const found = await this.waitEventsMany({ [branchId]: afterSeq }, blockMs, limit);
    return found[branchId] ?? [];
  }

  async waitEventsMany(
    cursors: BranchCursors,
    blockMs: number,
    limitPerBranch = DEFAULT_LIMIT,
  ): Promise<Record<string, BranchEvent[]>> {
    const collect = (): Record<string, BranchEvent[]> => {
      const found: Record<string, BranchEvent[]> = {};
      for (const [branchId, afterSeq] of Object.entries(cursors)) {
        const events = this.#read(branchId, afterSeq, limitPerBranch);
        if (events.length > 0) found[branchId] = events;
      }
      return found;
    };
    const now = collect();
    if (Object.keys(now).length > 0 || blockMs <= 0 || this.#closed) return now;

    await new Promise<void>((resolve) => {
      const waiter: Waiter = {
        branchIds: new Set(Object.keys(cursors)),
        wake: () => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, blockMs);
      this.#waiters.add(waiter);
    });
    return collect();
  }

  async restore(branchId: string, state: BranchState, expectedSeq = 0): Promise<boolean> {
    assertRestoreInput(branchId, state, expectedSeq);
    const record = this.#branches.get(branchId);
    const current = record?.stateJson ? record.seq : 0;
    if (current !== expectedSeq || (expectedSeq === 0 && record?.stateJson)) return false;
    // Over a stale state the stream stays (see the port); an orphaned one goes.
    const events = expectedSeq > 0 && record ? record.events : [];
    this.#branches.set(branchId, { seq: state.seq, stateJson: JSON.stringify(state), events });
    return true;
  }

  async deleteBranch(branchId: string): Promise<void> {
    this.#branches.delete(branchId);
  }

  async listBranches(): Promise<string[]> {
    return [...this.#branches.keys()];
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of [...this.#waiters]) waiter.wake();
  }

  #read(branchId: string, afterSeq: number, limit: number): BranchEvent[] {
    const record = this.#branches.get(branchId);
    if (!record || limit <= 0) return [];
    // Binary search: the first event above afterSeq (events are in seq order).
    let start = 0;
    for (let end = record.events.length; start < end; ) {
      const mid = (start + end) >>> 1;
      if (record.events[mid]!.seq > afterSeq) end = mid;
      else start = mid + 1;
    }
    return record.events.slice(start, start + limit).map((e) => JSON.parse(e.json) as BranchEvent);
  }

  #wake(branchId: string): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.branchIds.has(branchId)) waiter.wake();
    }
  }
}
