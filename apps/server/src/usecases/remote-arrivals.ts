import type { Ticket } from '@tellerline/engine';

/** Tickets remembered per process: a branch day's remote tickets, with room to spare. */
const REMEMBERED = 20_000;
/**
 * How long "not here yet" is believed without asking PostgreSQL again. An arrival made through
 * any node is signalled to every node at once (`arrival-signal.ts`); this only bounds how long a
 * signal lost while a node reconnected leaves its screens saying "not here yet".
 */
const NOT_YET_TTL_MS = 60_000;

/**
 * When remote tickets' holders confirmed at the kiosk that they are in the branch. Arrivals live
 * in PostgreSQL beside the queue (not in the engine's state: they change nothing about routing),
 * so the screens' views, built from the live state on the hot fan-out path, read them from here.
 * An arrival never changes once recorded (the first one wins), so it is kept for good; "not
 * arrived" is kept briefly and read again.
 */
export function createRemoteArrivals(deps: { read: (ticketIds: readonly string[]) => Promise<Record<string, number>>; now: () => number; remembered?: number }) {
  const remembered = deps.remembered ?? REMEMBERED;
  const arrived = new Map<string, number>();
  const notYet = new Map<string, number>();

  function note(ticketId: string, at: number): void {
    notYet.delete(ticketId);
    if (arrived.has(ticketId)) return;
    arrived.set(ticketId, at);
    // A Map iterates in insertion order: the first key is the one remembered longest ago.
    if (arrived.size > remembered) arrived.delete(arrived.keys().next().value!);
  }

  return {
    /** What this process knows, without waiting: undefined when not arrived (or not known yet). */
    peek(ticketId: string): number | undefined {
      return arrived.get(ticketId);
    },
    /** An arrival recorded here or signalled from another node. */
    note,
    /** Reads the remote tickets among `tickets` whose arrival this process does not know (fresh enough). */
    async load(tickets: readonly Pick<Ticket, 'id' | 'kind'>[]): Promise<void> {
      const now = deps.now();
      const unknown = tickets.filter((t) => t.kind === 'remote' && !arrived.has(t.id) && !((notYet.get(t.id) ?? 0) > now)).map((t) => t.id);
      if (unknown.length === 0) return;
      const found = await deps.read(unknown);
      for (const id of unknown) {
        const at = found[id];
        if (at !== undefined) note(id, at);
        else {
          notYet.delete(id);
          notYet.set(id, now + NOT_YET_TTL_MS);
          if (notYet.size > remembered) notYet.delete(notYet.keys().next().value!);
        }
      }
    },
  };
}

export type RemoteArrivals = ReturnType<typeof createRemoteArrivals>;
