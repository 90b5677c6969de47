import type { BranchEvent, BranchState, Ticket } from '@tellerline/engine';

/**
 * The number and service a ticket had before the latest transfer that gave it a new number. The
 * engine renumbers a ticket moved to another service (A003 becomes D001) and keeps only the new
 * number, while the customer holds a paper ticket, and a phone page, saying A003: the phone page
 * must say what happened, also after a reload, so it is read back from the ticket's own events.
 */
export interface TransferOrigin {
  number: string;
  serviceId: string;
}

/** From one ticket's events, oldest first: where its latest renumbering transfer took it from. */
export function transferOriginOf(events: readonly BranchEvent[]): { origin: TransferOrigin | null; transfers: number } {
  let number: string | undefined;
  let origin: TransferOrigin | null = null;
  let transfers = 0;
  for (const e of events) {
    if (e.type === 'ticket-issued') number = e.number;
    else if (e.type === 'ticket-transferred') {
      transfers++;
      if (number !== undefined && e.number !== number) origin = { number, serviceId: e.fromServiceId };
      number = e.number;
    }
  }
  return { origin, transfers };
}

/** Tickets remembered per process: a branch day's transferred tickets, with room to spare. */
const REMEMBERED = 20_000;

/**
 * Transfer origins of live tickets, remembered per ticket and transfer count (the origin of a
 * ticket's n-th transfer never changes). A realtime node learns them from the transfer events it
 * folds (`seen`, no database read, and before PostgreSQL may even have stored the event); any
 * other reader, or a node that started after the transfer, reads the ticket's events once.
 */
export function createTransferOrigins(ticketEvents: (ticketId: string) => Promise<BranchEvent[]>, remembered = REMEMBERED) {
  const known = new Map<string, { transfers: number; origin: TransferOrigin | null }>();

  function remember(ticketId: string, transfers: number, origin: TransferOrigin | null): void {
    known.delete(ticketId);
    known.set(ticketId, { transfers, origin });
    // A Map iterates in insertion order: the first key is the one remembered longest ago.
    if (known.size > remembered) known.delete(known.keys().next().value!);
  }

  return {
    /** Notes a transfer from the event and the state just before it. */
    seen(before: BranchState, e: BranchEvent): void {
      if (e.type !== 'ticket-transferred') return;
      const t = before.tickets[e.ticketId];
      if (!t) return;
      if (t.number !== e.number) remember(t.id, t.transfers + 1, { number: t.number, serviceId: e.fromServiceId });
      else {
        // Moved within its service (to a named counter): the number stays, and so does its origin.
        const earlier = known.get(t.id);
        if (t.transfers === 0) remember(t.id, 1, null);
        else if (earlier?.transfers === t.transfers) remember(t.id, t.transfers + 1, earlier.origin);
      }
    },

    /** The origin if known without reading anything: null for a ticket never transferred, undefined when unknown. */
    peek(t: Pick<Ticket, 'id' | 'transfers'>): TransferOrigin | null | undefined {
      if (t.transfers === 0) return null;
      const hit = known.get(t.id);
      return hit?.transfers === t.transfers ? hit.origin : undefined;
    },

    /** The origin, reading the ticket's events when it is not known yet. */
    async of(t: Pick<Ticket, 'id' | 'transfers'>): Promise<TransferOrigin | null> {
      const hit = this.peek(t);
      if (hit !== undefined) return hit;
      // The fan-out pushes to phones while PostgreSQL is down too: without the log, the view
      // goes out without its origin this time (asked again next time) rather than not at all.
      const events = await ticketEvents(t.id).catch(() => null);
      if (!events) return null;
      const { origin, transfers } = transferOriginOf(events);
      // Remembered only when the log holds every transfer: one still on its way to PostgreSQL
      // (a failed append being caught up) must be read again, not remembered as missing.
      if (transfers === t.transfers) remember(t.id, transfers, origin);
      return origin;
    },
  };
}

export type TransferOrigins = ReturnType<typeof createTransferOrigins>;
