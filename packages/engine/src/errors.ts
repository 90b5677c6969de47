/** Stable codes for every refusal the engine can give. HTTP, sockets and jobs reuse them. */
export const ENGINE_ERROR_CODES = [
  'BRANCH_NOT_CONFIGURED',
  'UNKNOWN_SERVICE',
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
  'TICKET_NOT_WAITING',
  'TICKET_NOT_CALLED',
  'TICKET_NOT_SERVING',
  'TICKET_NOT_YOURS',
  'TICKET_FINISHED',
  'INVALID_TRANSFER',
  /** A configuration that is malformed (duplicate ids or codes, bad numbers, wrong branch). */
  'INVALID_CONFIG',
  /** A configuration that would orphan live work (removes a service with tickets, an occupied counter, a busy staff member). */
  'CONFIG_CONFLICT',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** A command the rules refuse. `message` is English and safe to show; UIs translate by `code`. */
export class DomainError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
