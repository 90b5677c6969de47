import { randomBytes, randomInt } from 'node:crypto';

/** No 0/O, 1/I: read aloud, typed on a kiosk, copied from a text message. 32 symbols. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A six-character booking code for the kiosk (about 10^9 values; unique per branch, checked under the booking lock). */
export function newBookingCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** An unguessable video room name. */
export function newRoomName(): string {
  return `tl-${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** The queue ticket of an appointment's check-in: one per appointment, so a repeated check-in cannot issue two. */
export function appointmentTicketId(appointmentId: string): string {
  return `ap-${appointmentId}`;
}
