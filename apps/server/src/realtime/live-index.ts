import type { BranchState, Ticket } from '@tellerline/engine';
import type { TicketRecord } from '../usecases/ports.js';

/**
 * The branch states a realtime node keeps current (the fan-out folds every event into them), with
 * their live tickets indexed by token. A phone's handshake and resync, and a lobby screen's
 * resync, are answered from here instead of PostgreSQL and Redis: after a restart thousands of
 * them arrive within seconds, and each used to cost two database queries and a full state read.
 *
 * Never ahead of what this node has pushed to its sockets by more than the batch being pushed,
 * and never behind by more than the events not yet read from the stream (which are then pushed),
 * so a client that resyncs from here misses nothing.
 */
export class LiveIndex {
  private readonly states = new Map<string, BranchState>();
  private readonly loading = new Map<string, Promise<BranchState | undefined>>();
  private readonly tokens = new Map<string, { branchId: string; ticketId: string }>();
  private readonly tokensOf = new Map<string, Set<string>>();

  has(branchId: string): boolean {
    return this.states.has(branchId);
  }

  get(branchId: string): BranchState | undefined {
    return this.states.get(branchId);
  }

  /**
   * The branch's state, loading it with `load` if this node does not follow the branch yet. A
   * client must resync from a state the fan-out follows: the fan-out pushes every event after
   * the states it holds, so a snapshot taken from elsewhere (an earlier read of Redis, before the
   * node started following the branch) could miss the events in between.
   */
  async current(branchId: string, load: (branchId: string) => Promise<BranchState | null>): Promise<BranchState | undefined> {
    const known = this.states.get(branchId);
    if (known) return known;
    let pending = this.loading.get(branchId);
    if (!pending) {
      pending = load(branchId).then((state) => {
        this.loading.delete(branchId);
        if (state && !this.states.has(branchId)) this.set(branchId, state);
        return this.states.get(branchId);
      });
      this.loading.set(branchId, pending);
    }
    return pending;
  }

  set(branchId: string, state: BranchState): void {
    this.states.set(branchId, state);
    const before = this.tokensOf.get(branchId);
    const now = new Set<string>();
    for (const t of Object.values(state.tickets)) {
      now.add(t.token);
      if (!before?.has(t.token)) this.tokens.set(t.token, { branchId, ticketId: t.id });
    }
    if (before) for (const token of before) if (!now.has(token)) this.tokens.delete(token);
    this.tokensOf.set(branchId, now);
  }

  /** Forgets every branch (after Redis lost its data and the states were rebuilt): each is loaded again when next asked for. */
  clear(): void {
    this.states.clear();
    this.loading.clear();
    this.tokens.clear();
    this.tokensOf.clear();
  }

  entries(): IterableIterator<[string, BranchState]> {
    return this.states.entries();
  }

  get size(): number {
    return this.states.size;
  }

  /** The live ticket holding `token`, with its branch state; null once it has finished (or unknown here). */
  ticket(token: string): { state: BranchState; ticket: Ticket } | null {
    const hit = this.tokens.get(token);
    const state = hit && this.states.get(hit.branchId);
    const ticket = hit && state?.tickets[hit.ticketId];
    return state && ticket && ticket.token === token ? { state, ticket } : null;
  }

  /** The same ticket as the database's TicketLookup would describe it (null: ask the database). */
  record(token: string): TicketRecord | null {
    const hit = this.ticket(token);
    if (!hit) return null;
    const t = hit.ticket;
    return {
      branchId: hit.state.branchId,
      ticketId: t.id,
      token: t.token,
      number: t.number,
      serviceId: t.serviceId,
      status: t.status,
      issuedAt: t.issuedAt,
      calledAt: t.calledAt ?? null,
      counterId: t.counterId ?? null,
    };
  }
}
