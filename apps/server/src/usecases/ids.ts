import { createHash, randomBytes } from 'node:crypto';

/** Ticket ids are short and sortable-ish; tokens are 128-bit random so phone pages cannot be guessed. */
export function newTicketId(now: number): string {
  return `t${now.toString(36)}${randomBytes(5).toString('hex')}`;
}

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

/** The ticket id a kiosk retry maps to: same device and request id, same ticket. */
export function ticketIdForRequest(deviceId: string, requestId: string): string {
  return `k${createHash('sha256').update(`${deviceId}\n${requestId}`).digest('base64url').slice(0, 22)}`;
}
