/** Stable codes for every refusal the engine can give. HTTP, sockets and jobs reuse them. */
export const ENGINE_ERROR_CODES = [
  'BRANCH_NOT_CONFIGURED',
  'UNKNOWN_SERVICE',
  /** A walk-in ticket (kiosk, remote queue) for a service offered by appointment only. */
  'SERVICE_APPOINTMENT_ONLY',
  'UNKNOWN_COUNTER',
  'UNKNOWN_STAFF',
  'UNKNOWN_TICKET',
  'DUPLICATE_TICKET',
  'COUNTER_TAKEN',
  'STAFF_NOT_SIGNED_ON',
  'STAFF_BUSY',
  'STAFF_PAUSED',
  'NOT_SKILLED',
  'NO_TICKET_WAITING',
  /**
   * Call-next refused because this staff member should stay free for a booked slot nobody else
   * can take (`keepFreeFor`); `details` says which (`serviceCode`, `minutes`). Try again after it.
   */
  'HELD_FOR_APPOINTMENT',
  /**
   * Call-next refused because every ticket this staff member could call is left to a free
   * colleague who is faster at it (`leftToColleagues`) and will call it; `details` names the
   * first (`ticketNumber`, `serviceCode`). Not "nobody is waiting": someone is, and is in better hands.
   */
  'LEFT_TO_COLLEAGUE',
  'TICKET_NOT_WAITING',
  'TICKET_NOT_CALLED',
  'TICKET_NOT_SERVING',
  'TICKET_NOT_YOURS',
  'TICKET_FINISHED',
  'INVALID_TRANSFER',
  /** A transfer reserved for a counter nobody is signed on at: nobody could ever call it there. */
  'COUNTER_UNSTAFFED',
  /** A transfer to a counter whose colleague is paused; `details`: counterLabel, staffId. */
  'COUNTER_PAUSED',
  /**
   * A transfer to a counter whose colleague cannot serve the ticket's (new) service: it would wait
   * there for nobody. `details`: counterLabel, staffId, serviceCode.
   */
  'COUNTER_NOT_SKILLED',
  /** A priority change that would lower the class (or name an unknown one): priorities are only raised. */
  'PRIORITY_NOT_RAISED',
  /** A configuration that is malformed (duplicate ids or codes, bad numbers, wrong branch). */
  'INVALID_CONFIG',
  /** A configuration that would orphan live work (removes a service with tickets, an occupied counter, a busy staff member). */
  'CONFIG_CONFLICT',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** Structured facts of a refusal (plain values), so UIs can word it without parsing the message. */
export type DomainErrorDetails = Readonly<Record<string, string | number | boolean>>;

/** A command the rules refuse. `message` is English and safe to show; UIs translate by `code` (and `details`). */
export class DomainError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details?: DomainErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
