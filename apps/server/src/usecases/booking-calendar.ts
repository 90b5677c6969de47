import { addDays, DomainError, localDateOf, zonedInstant, type BranchState, type Command } from '@tellerline/engine';
import type { Logger } from '../logger.js';
import type { BranchCommands } from './branch-commands.js';
import { appointmentTicketId } from './booking-ids.js';
import type { Appointment, BookingStore } from './booking-ports.js';
import type { Clock } from './ports.js';

export interface BookingCalendarDeps {
  store: Pick<BookingStore, 'bookingSetup' | 'listStartingBetween'>;
  commands: Pick<BranchCommands, 'run'>;
  /** The live state of a branch, or null when it is not open. */
  liveState(branchId: string): Promise<BranchState | null>;
  clock: Clock;
  logger: Logger;
}

/** What a sync changed in a branch's live calendar. */
export interface CalendarSync {
  expected: number;
  dropped: number;
}

/**
 * The booking side of the engine's calendar (`expect-appointment` / `drop-appointment`, keyed by
 * the ticket id the check-in will issue): routing keeps a skilled staff member free near a booked
 * slot only if the branch's live state knows the slot. Only today's appointments (the branch's
 * local day) go in: later days come with that day's sync (the daily close), so the live state,
 * read on every command, does not carry a month of bookings.
 *
 * `booked` and `dropped` follow each change as it happens and never throw: the appointment is
 * already stored, and a calendar entry is an optimisation that `sync` repairs. `sync` makes a
 * branch's calendar equal to today's booked appointments (idempotent); the daily close and the
 * start-up catch-up run it, so bookings made before this existed, or a command that was lost, are
 * known by the morning. These are system commands (actor null): no audit entry, no staff id.
 */
export function createBookingCalendar(deps: BookingCalendarDeps) {
  const { store, commands, clock, logger } = deps;

  async function timezoneOf(branchId: string): Promise<string | null> {
    return (await store.bookingSetup(branchId))?.timezone ?? null;
  }

  function isToday(startsAt: number, timezone: string): boolean {
    return localDateOf(startsAt, timezone) === localDateOf(clock.now(), timezone);
  }

  function expectCmd(a: Pick<Appointment, 'id' | 'serviceId' | 'startsAt'>): Command {
    return { type: 'expect-appointment', ticketId: appointmentTicketId(a.id), serviceId: a.serviceId, appointmentAt: a.startsAt };
  }

  function dropCmd(appointmentId: string): Command {
    return { type: 'drop-appointment', ticketId: appointmentTicketId(appointmentId) };
  }

  async function send(branchId: string, cmd: Command): Promise<boolean> {
    try {
      await commands.run(branchId, cmd, null);
      return true;
    } catch (err) {
      // A branch that is not open, a service no longer in its configuration: nothing to keep free.
      const level = err instanceof DomainError ? 'warn' : 'error';
      logger[level]({ err, branchId, command: cmd.type, ticketId: 'ticketId' in cmd ? cmd.ticketId : undefined }, 'booking calendar command failed; the next sync repairs it');
      return false;
    }
  }

  return {
    /**
     * After a booking or a move: expected when still booked for today, else dropped (a move to
     * another day). `before` is the appointment as it was: moved to another branch, the old branch
     * forgets it. `timezone` saves a read when the caller has the branch at hand.
     */
    async booked(a: Appointment, opts: { timezone?: string; before?: Pick<Appointment, 'branchId'> } = {}): Promise<void> {
      try {
        if (opts.before && opts.before.branchId !== a.branchId) await send(opts.before.branchId, dropCmd(a.id));
        const timezone = opts.timezone ?? (await timezoneOf(a.branchId));
        if (!timezone) return;
        if (a.state === 'booked' && isToday(a.startsAt, timezone)) await send(a.branchId, expectCmd(a));
        else if (opts.before) await send(a.branchId, dropCmd(a.id)); // a new booking for another day was never expected
      } catch (err) {
        logger.error({ err, appointmentId: a.id }, 'booking calendar update failed; the next sync repairs it');
      }
    },

    /** Cancelled or missed: nobody needs to stay free for it (a no-op when it was not expected). */
    async dropped(a: Pick<Appointment, 'id' | 'branchId'>): Promise<void> {
      await send(a.branchId, dropCmd(a.id));
    },

    /**
     * Makes the branch's calendar the booked appointments of the local day at `now`: expects
     * those it lacks (or has at another time or service), drops those no longer booked for that
     * day. Throws when it cannot read (the caller retries or logs); a refused command is logged
     * and left to the next sync.
     */
    async sync(branchId: string, now = clock.now()): Promise<CalendarSync> {
      // The live state first, then the bookings: an entry seen here was sent after its booking
      // was stored, so the list below has it unless it was cancelled or moved away meanwhile.
      const state = await deps.liveState(branchId);
      const timezone = await timezoneOf(branchId);
      if (!state || !timezone) return { expected: 0, dropped: 0 };
      const today = localDateOf(now, timezone);
      const from = zonedInstant(timezone, today, 0, 'boundary')!;
      const to = zonedInstant(timezone, addDays(today, 1), 0, 'boundary')!;
      const booked = (await store.listStartingBetween(branchId, from, to)).filter((a) => a.state === 'booked');
      const wanted = new Set(booked.map((a) => appointmentTicketId(a.id)));
      const known = state.expected ?? {};
      const toExpect = booked.filter((a) => {
        const ticketId = appointmentTicketId(a.id);
        const entry = known[ticketId];
        return !state.tickets[ticketId] && !(entry && entry.serviceId === a.serviceId && entry.appointmentAt === a.startsAt);
      });
      const toDrop = Object.keys(known).filter((ticketId) => !wanted.has(ticketId));
      // Concurrent commands of one branch are committed together (branch-commands groups them).
      const sent = await Promise.all([
        ...toExpect.map((a) => send(branchId, expectCmd(a))),
        ...toDrop.map((ticketId) => send(branchId, { type: 'drop-appointment', ticketId })),
      ]);
      const done = (start: number, n: number) => sent.slice(start, start + n).filter(Boolean).length;
      return { expected: done(0, toExpect.length), dropped: done(toExpect.length, toDrop.length) };
    },
  };
}

export type BookingCalendar = ReturnType<typeof createBookingCalendar>;
