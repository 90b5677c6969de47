import { evolve, type BranchEvent, type Ticket } from '@tellerline/engine';
import type { TicketView } from '@tellerline/contracts';
import type { LiveStateStore } from '@tellerline/live';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Views } from '../usecases/views.js';
import type { RealtimeServer } from './realtime-server.js';
import { LiveIndex } from './live-index.js';
import { rooms } from './rooms.js';
import { seqCursors, tailBranches } from '../usecases/branch-tail.js';
import { emitLobbyChanged } from './lobby-changed.js';

/** Branch states read from Redis at once while discovering. */
const DISCOVER_BATCH = 16;

const FINISHED: Record<string, Ticket['status']> = {
  'ticket-completed': 'done',
  'ticket-no-show': 'no-show',
  'ticket-cancelled': 'cancelled',
};

/** What a phone shows: the view without its seq (which moves with every event). */
function viewKey(view: TicketView): string {
  const { seq: _seq, ...shown } = view;
  return JSON.stringify(shown);
}

/**
 * Tails every branch's event stream and pushes what changed to this node's sockets.
 *
 * Each realtime node tails on its own, so a call made through any node reaches screens on every
 * node with no leader to elect. The node keeps each branch's state and folds events into it
 * with the engine's `evolve` (the same code that committed them), so it knows the exact state
 * after each event without reading it back from Redis; a gap in seq makes it reload.
 * A burst of events costs one snapshot per branch and batch, not one per event.
 */
export function startFanout(deps: {
  io: RealtimeServer;
  store: LiveStateStore;
  views: Views;
  logger: Logger;
  metrics: Metrics;
  /** The states this node keeps (shared with the socket handlers); a fresh one if not given. */
  live?: LiveIndex;
  blockMs?: number;
  discoverEveryMs?: number;
}) {
  const { io, store, views, logger, metrics } = deps;
  // Short blocking reads: a stop waits for the one in progress (an idle XREAD over every branch
  // stream four times a second costs next to nothing).
  const blockMs = deps.blockMs ?? 250;
  const states = deps.live ?? new LiveIndex();
  /** Per branch: token -> the view last sent to that ticket's phones (without its seq). */
  const lastViews = new Map<string, Map<string, string>>();

  async function discover(): Promise<void> {
    const unfollowed = (await store.listBranches()).filter((id) => !states.has(id));
    // At start every branch is new, and the node waits for them before it listens (web.ts):
    // a batch of reads at a time, not one round trip after another.
    for (let k = 0; k < unfollowed.length; k += DISCOVER_BATCH) {
      await Promise.all(unfollowed.slice(k, k + DISCOVER_BATCH).map((branchId) => states.current(branchId, (id) => store.load(id))));
    }
  }

  const listening = (room: string) => (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;

  async function push(branchId: string, events: BranchEvent[]): Promise<void> {
    metrics.fanoutEvents.inc(events.length);
    let state = states.get(branchId)!;
    const signage = rooms.signage(branchId);
    const signageOn = listening(signage);
    for (const e of events) {
      if (e.seq !== state.seq + 1) {
        // We missed something (stream trimmed, or the branch was rebuilt): start from the truth.
        const fresh = await store.load(branchId);
        if (!fresh) return;
        state = fresh;
        if (e.seq <= state.seq) continue;
      }
      const before = state;
      state = evolve(state, e);
      views.seen(before, e);
      if (signageOn) {
        const call = views.publicCall(state, e);
        if (call) io.to(signage).emit('signage:call', call);
        for (const change of views.callPhaseChanges(before, state, e)) io.to(signage).emit('signage:call-phase', change);
      }
      const finished = FINISHED[e.type];
      if (finished && 'ticketId' in e) {
        const t = before.tickets[e.ticketId];
        if (t && listening(rooms.ticket(t.token))) {
          io.to(rooms.ticket(t.token)).emit('ticket:update', { ...views.ticketFrom(before, t), seq: e.seq, status: finished, ahead: 0, wait: null });
        }
      }
    }
    states.set(branchId, state);
    if (signageOn) io.to(signage).emit('queue:summary', { seq: state.seq, services: views.services(state) });
    // A service or counter renamed: lobby screens read their calls again (labels, service names).
    if (signageOn && events.some((e) => e.type === 'branch-configured')) await emitLobbyChanged(io, views, branchId);
    const staff = rooms.staff(branchId);
    if (listening(staff)) io.to(staff).emit('staff:changed', await views.staffFrom(state));
    // Any event can move a waiting customer's place, so look at every phone connected here, but
    // send only to those whose view changed: most events (a start, another service's call) change
    // nothing for most phones, and each message is a write per socket.
    const before = lastViews.get(branchId);
    const after = new Map<string, string>();
    for (const t of Object.values(state.tickets)) {
      const room = rooms.ticket(t.token);
      if (!listening(room)) continue;
      // Never waits for PostgreSQL: a transfer this node folded is known (`seen` above), one made
      // before it started is read by the phone's own resync, and the phone keeps it meanwhile.
      const view = views.ticketFrom(state, t);
      const key = viewKey(view);
      after.set(t.token, key);
      if (before?.get(t.token) !== key) io.to(room).emit('ticket:update', view);
    }
    lastViews.set(branchId, after);
  }

  let resetPending = false;
  const tail = tailBranches({
    store,
    logger,
    label: 'fan-out',
    blockMs,
    discoverEveryMs: deps.discoverEveryMs ?? 5000,
    cursors: () => seqCursors(states),
    discover,
    // Between two reads, so no batch is being pushed from the states being dropped.
    tick: async () => {
      if (!resetPending) return;
      resetPending = false;
      states.clear();
      lastViews.clear();
      await discover();
      // Every client here resyncs: closing the transport (not a server disconnect) makes
      // Socket.IO clients reconnect by themselves and ask for a fresh snapshot.
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
      logger.info('fan-out followed the rebuilt live states; clients resync');
    },
    onBatch: push,
  });

  return {
    stop: () => tail.stop(),
    /**
     * The live states were rebuilt (Redis had lost its data): their seqs may be below the ones
     * followed here, so reading on from our cursors would miss events. Start again from the
     * rebuilt states and have every connected screen, phone and panel resync.
     */
    reset: () => void (resetPending = true),
    /**
     * Tail branches created after start right away (tests, new branches). Awaited once before the
     * node listens, so reconnecting phones and screens are answered from memory (web.ts).
     */
    discover,
    /**
     * A remote ticket's holder checked in at a kiosk (the views know it already): that ticket's
     * phones and the branch's staff panels get it now. No event moved the branch's seq, so the
     * phone takes the view as it takes any of the same seq.
     */
    async arrived(branchId: string, ticketId: string): Promise<void> {
      const state = states.get(branchId);
      const t = state?.tickets[ticketId];
      if (!state || !t) return;
      const room = rooms.ticket(t.token);
      if (listening(room)) {
        const view = views.ticketFrom(state, t);
        lastViews.get(branchId)?.set(t.token, viewKey(view));
        io.to(room).emit('ticket:update', view);
      }
      const staff = rooms.staff(branchId);
      if (listening(staff)) io.to(staff).emit('staff:changed', await views.staffFrom(state));
    },
  };
}
