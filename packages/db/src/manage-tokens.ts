import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The manage links' tokens (an appointment's key: whoever has it may open, move or cancel it).
 * Stored only as a SHA-256 hash, so a database dump or backup opens no booking; but the notices
 * (confirmations, reminders, the refusal notices) need the link again later, so the token is
 * derived, not random: HMAC-SHA256 under the installation's link secret (LINK_SECRET, or a file
 * under DATA_DIR: never the database) of the appointment's id and a nonce (bumped to replace a
 * token). Reading the links back takes both the database and the secret.
 */
export interface ManageTokens {
  /** The token of appointment `appointmentId` with `nonce`: base64url, 43 characters. */
  tokenOf(appointmentId: string, nonce: number): string;
}

/** The hash a token is looked up by (hex SHA-256, as the migration computes for older tokens). */
export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createManageTokens(secret: string): ManageTokens {
  return {
    tokenOf: (appointmentId, nonce) => createHmac('sha256', secret).update(`manage:${appointmentId}:${nonce}`).digest('base64url'),
  };
}

/** A secret of this process only (tests and tools that make no links to keep): links made with it die with it. */
export const processManageTokens = (): ManageTokens => createManageTokens(randomBytes(32).toString('base64url'));
