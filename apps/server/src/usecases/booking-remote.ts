import type { ArriveBody, ArrivalResult, IssuedTicket, RemoteTicketBody } from '@tellerline/contracts';
import { requireWalkIns, type Ticket } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { Actor, BranchCommands } from './branch-commands.js';
import type { BookingManage } from './booking-manage.js';
import type { BookingStore, CustomerBook, RateLimiter } from './booking-ports.js';
import { branchInactive, branchNotOpen } from './booking-settings.js';
import { callerKey } from './caller-key.js';
import type { ContactSends } from './contact-sends.js';
import type { ContactChecks, HeldCheck } from './contact-checks.js';
import { newTicketId, newToken } from './ids.js';
import type { GuessGuard } from './kiosk-guesses.js';
import type { Clock, TicketLookup, TicketRecord } from './ports.js';
import type { Views } from './views.js';
import type { WalkInHours } from './walk-in-hours.js';

export interface RemoteQueueDeps {
  manage: BookingManage;
  store: BookingStore;
  customers: CustomerBook;
  commands: BranchCommands;
  views: Pick<Views, 'ticketFrom' | 'liveState' | 'noteArrival'>;
  tickets: TicketLookup;
  /** Joins per caller IP and branch. */
  limiter: RateLimiter;
  /**
   * Joins per phone number and e-mail address, counted with bookings and moves: the ticket's
   * near-turn and call notices go to whatever contact the caller typed, so joining in a loop from
   * many addresses must not flood a stranger's phone.
   */
  contactSends: ContactSends;
  /**
   * The texted and mailed codes a branch that confirms phone numbers or e-mail addresses asks of a
   * join with one, as of a booking: the ticket's notices go to that contact, so an unconfirmed
   * number would let anyone make the branch text strangers. None: never asked.
   */
  contactChecks?: Pick<ContactChecks, 'hold'>[];
  /** Joining is a walk-in ticket: refused outside the branch's hours (BRANCH_CLOSED). */
  walkInHours: Pick<WalkInHours, 'requireOpen'>;
  /** Unknown tickets per kiosk, counted with its wrong check-in codes. */
  guesses: GuessGuard;
  /**
   * Tells every realtime node of an arrival (the phone page and staff panels show it at once).
   * Fire-and-forget: the arrival is stored, and screens read it again within a minute if lost.
   */
  announceArrival?: (branchId: string, ticketId: string, at: number) => void;
  clock: Clock;
}

/** A ticket in one of these has left the queue for good. */
const ENDED = new Set(['done', 'cancelled', 'no-show']);
const unknownTicket = (err: unknown) => err instanceof AppError && err.code === 'UNKNOWN_TICKET';

/**
 * The remote queue: where a branch allows it, a customer joins the walk-in queue from the phone
 * (a `remote` ticket, in line from the moment they join) and confirms at the kiosk that they are
 * in the branch, so staff calling them know they are there.
 */
/**
 * A ticket class above normal moves a customer ahead of everyone waiting: only staff give it, at
 * the Lobby card (audited with a reason). A device token or the public remote queue asking for it
 * is refused, never quietly downgraded, so a caller relying on it learns at once.
 */
export function refuseAnyPriorityButNormal(priority: string | undefined): void {
  if (priority !== undefined && priority !== 'normal') throw new AppError('PRIORITY_NOT_ALLOWED', 'Only normal tickets are issued here; priority service is given by the lobby staff.');
}

export function createRemoteQueue(deps: RemoteQueueDeps) {
  const { manage, store, customers, commands, views, tickets, limiter, contactSends, walkInHours, guesses, clock } = deps;
  const contactChecks = deps.contactChecks ?? [];

  /** Each address's check where the branch asks for one, in turn: a refused second code gives the first back, still usable. */
  async function holdChecks(request: Parameters<ContactChecks['hold']>[0]): Promise<HeldCheck[]> {
    const held: HeldCheck[] = [];
    try {
      for (const checks of contactChecks) held.push(await checks.hold(request));
    } catch (err) {
      await Promise.all(held.map((h) => h.settle(false)));
      throw err;
    }
    return held;
  }

  /**
   * A real ticket of another branch held to this kiosk (the customer came to the wrong branch):
   * while it is still in that branch's queue its holder is told where it belongs, by its number and
   * that branch's name only, nothing about them. The token was scanned, not guessed, so it is no
   * miss either, whatever its status.
   */
  async function otherBranch(record: TicketRecord): Promise<AppError> {
    const { name } = await manage.branch(record.branchId);
    return new AppError('OTHER_BRANCH', `${record.number} is a ticket of ${name.en}; it cannot be checked in at this branch.`, undefined, { number: record.number, branchName: { zh: name.zh, en: name.en } });
  }

  /**
   * A ticket that has left its queue (served, cancelled, missed), of this branch or another: its
   * holder scanned it, so no guess; they are told what became of it and to take a new ticket here,
   * not sent to a branch where it would be no use either.
   */
  function ended(record: TicketRecord): AppError | null {
    if (!ENDED.has(record.status)) return null;
    return new AppError('TICKET_ENDED', `${record.number} has left the queue (${record.status}); take a new ticket if you still need service.`, undefined, { number: record.number, status: record.status });
  }

  return {
    async join(branchId: string, body: RemoteTicketBody, ip: string, actor: Actor): Promise<IssuedTicket> {
      refuseAnyPriorityButNormal(body.priority);
      const b = await manage.branch(branchId);
      if (!b.active) throw branchInactive();
      // The phone's remote queue is for customers; the kiosk in the branch still issues (staff rehearse there).
      if (!b.customersOpen) throw branchNotOpen();
      if (!b.settings.remoteQueue) throw new AppError('REMOTE_QUEUE_OFF', 'This branch does not take remote queueing.');
      // Before the limit: a refused service costs the customer none of their joins.
      requireWalkIns(b.services.get(body.serviceId)?.rules);
      await walkInHours.requireOpen(branchId);
      // The contact's count first: a join it refuses must not use up the connection's joins (a
      // household or a branch's guest Wi-Fi shares one address). The address limiter cannot give
      // a count back, so a join it refuses gives the contact's back instead.
      const contact = body.contact && (body.contact.phone || body.contact.email) ? body.contact : null;
      // Held before anything counts: a wrong code costs neither the contact's sends nor the joins.
      const held = contact ? await holdChecks({ branchId, contact, ...(body.phoneCheck ? { phoneCheck: body.phoneCheck } : {}), ...(body.emailCheck ? { emailCheck: body.emailCheck } : {}) }) : [];
      const settle = (joined: boolean) => Promise.all(held.map((h) => h.settle(joined)));
      const taken = contact ? await contactSends.take(contact, clock.now()).catch(async (err: unknown) => {
        await settle(false);
        throw err;
      }) : null;
      if (!(await limiter.hit(`${branchId}/${callerKey(ip)}`))) {
        await taken?.release().catch(() => undefined);
        await settle(false);
        throw new AppError('RATE_LIMITED', 'Too many tickets from this connection; try again later.');
      }
      const ticketId = newTicketId(clock.now());
      const token = newToken();
      const issue = async () => {
        const customer = contact
          ? await customers.create({ ...(contact.phone ? { phone: contact.phone } : {}), ...(contact.email ? { email: contact.email } : {}), language: body.lang, consents: { notices: true } })
          : null;
        return commands.run(
          branchId,
          { type: 'issue', ticketId, token, serviceId: body.serviceId, kind: 'remote', priority: 'normal', ...(customer ? { customerId: customer.id } : {}) },
          actor,
        );
      };
      const { state } = await issue().catch(async (err: unknown) => {
        // A join refused (or failed) sends nothing: its count goes back, and its code stays usable.
        await taken?.release().catch(() => undefined);
        await settle(false);
        throw err;
      });
      await settle(true);
      const ticket = state.tickets[ticketId]!;
      return { token, ticketId, view: views.ticketFrom(state, ticket) };
    },

    /**
     * Kiosk: a remote ticket's holder shows the phone page's QR (its ticket token), which the kiosk
     * scans. Only the token: a ticket number is on the lobby screen for anyone to read, so it proves
     * nothing. Misses (UNKNOWN_TICKET) count against the kiosk's guesses (kiosk-guesses.ts). A
     * ticket of today's queue taken in the branch is no miss: customers hold their paper ticket's QR
     * code to the scanner, and a lobby of them must not pause the kiosk's check-ins. It is told apart
     * (CHECK_IN_NOT_NEEDED, with its number): whoever scans it holds the ticket, so that says nothing
     * they do not know, and a token cannot be guessed. Nor is another branch's ticket (OTHER_BRANCH
     * while it is live, TICKET_ENDED like one of ours once it has left that queue).
     */
    async arrive(branchId: string, body: ArriveBody, actor: Actor): Promise<ArrivalResult> {
      return guesses.run(actor, branchId, 'arrival', unknownTicket, async () => {
        const record = await tickets.byToken(body.ticketToken);
        if (record && record.branchId !== branchId) throw ended(record) ?? (await otherBranch(record));
        const state = await views.liveState(branchId);
        const ticket: Ticket | undefined = record ? state.tickets[record.ticketId] : undefined;
        if (!ticket) throw (record && ended(record)) ?? new AppError('UNKNOWN_TICKET', 'No ticket in today\'s queue matches this.');
        if (ticket.kind !== 'remote') throw new AppError('CHECK_IN_NOT_NEEDED', `${ticket.number} was taken in the branch and needs no check-in; please wait for its number on the screen.`, undefined, { number: ticket.number });
        const arrivedAt = await store.recordArrival(branchId, ticket.id, clock.now());
        // This node's views first, so the answer's view (the kiosk) already says so; a repeated
        // scan announces again, which is harmless (the first arrival's time stays).
        views.noteArrival(ticket.id, arrivedAt);
        deps.announceArrival?.(branchId, ticket.id, arrivedAt);
        return { ticketId: ticket.id, number: ticket.number, arrivedAt, view: views.ticketFrom(state, ticket) };
      });
    },
  };
}

export type RemoteQueue = ReturnType<typeof createRemoteQueue>;
