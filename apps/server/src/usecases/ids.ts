import { randomBytes } from 'node:crypto';

/** Ticket ids are short and sortable-ish; tokens are 128-bit random so phone pages cannot be guessed. */
export function newTicketId(now: number): string {
  return `t${now.toString(36)}${randomBytes(5).toString('hex')}`;
}

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}
