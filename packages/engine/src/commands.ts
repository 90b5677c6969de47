import type { BranchConfig, PriorityClass, TicketKind } from './model.js';

/**
 * What callers ask of a branch. Ids and tokens for new things are minted by the caller
 * (the engine has no randomness); `actor` is the staff member acting, when there is one.
 */
export type Command =
  | { type: 'configure'; config: BranchConfig }
  | {
      type: 'issue';
      ticketId: string;
      token: string;
      serviceId: string;
      kind: TicketKind;
      priority: PriorityClass;
      customerId?: string;
      appointmentAt?: number;
      /**
       * A booked customer checking in who came too late to keep the slot (kind 'walk-in'): let in
       * even where the service takes no walk-ins (`ServiceDef.walkIns: false`), as appointments are.
       */
      booked?: boolean;
    }
  | { type: 'sign-on'; staffId: string; counterId: string }
  | { type: 'pause'; staffId: string; reason: string }
  | { type: 'resume'; staffId: string }
  | { type: 'sign-off'; staffId: string }
  | { type: 'call-next'; staffId: string }
  | { type: 'call-ticket'; staffId: string; ticketId: string; reason: string }
  | { type: 'recall'; staffId: string; ticketId: string }
  | {
      type: 'no-show';
      staffId?: string;
      ticketId: string;
      reason: 'staff' | 'timeout' | 'max-recalls';
      /** Timers: act only if the ticket is still in the call made at this time (else a no-op). */
      ifCalledAt?: number;
    }
  | { type: 'start'; staffId: string; ticketId: string }
  | { type: 'complete'; staffId: string; ticketId: string }
  | { type: 'transfer'; staffId: string; ticketId: string; toServiceId?: string; toCounterId?: string }
  /**
   * Move a waiting customer up to a higher priority class (an elderly or pregnant customer, one
   * with a disability: 'priority'; 'vip'), as a member of staff decides in the lobby. Only ever
   * upwards. Who did it and why is the audit log's to keep, not the event's.
   */
  | { type: 'raise-priority'; ticketId: string; priority: PriorityClass }
  /**
   * A customer leaving, the system (day close), or a staff member removing a ticket: staff name
   * themselves, because a called ticket is only its holder's to cancel.
   */
  | { type: 'cancel'; ticketId: string; by: 'customer' | 'system' }
  | { type: 'cancel'; ticketId: string; by: 'staff'; staffId: string }
  /**
   * The booking calendar (sent by the booking side, not by staff): an appointment is booked or
   * moved (`expect-appointment`, an upsert keyed by the ticket id its check-in will issue), or
   * will not come after all (`drop-appointment`: cancelled, moved to another branch or day,
   * marked no-show). Check-in itself needs no command: issuing that ticket id ends the entry.
   */
  | { type: 'expect-appointment'; ticketId: string; serviceId: string; appointmentAt: number }
  | { type: 'drop-appointment'; ticketId: string }
  /** Opens business day `day` (YYYY-MM-DD): ends what is left of earlier days, restarts numbering. */
  | { type: 'close-day'; day: string };

export type CommandType = Command['type'];
