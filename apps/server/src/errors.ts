import { DomainError } from '@tellerline/engine';
import { CommandIdReusedError, CommitContentionError } from '@tellerline/live';
import { tooLongText, type ApiError, type ErrorCode } from '@tellerline/contracts';
import { isStoreAway, STORE_AWAY_RETRY_AFTER_SEC } from './store-away.js';
import type { z } from 'zod';

/** An error raised at the edges (auth, validation, lookups) with a stable code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    /** Structured facts for the client (ApiError.error.details). */
    readonly details?: Record<string, string | number | boolean | Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  // Only free text over its limit (`plainText`, notes): a code of its own with the limit, so a
  // screen can say "at most N characters" instead of "not valid" (the same over HTTP and in
  // socket acks). A too-long id or token is malformed input, as before.
  const tooLong = error.issues.filter((i) => i.code === 'too_big' && i.origin === 'string' && i.message === tooLongText(Number(i.maximum)));
  if (tooLong.length > 0 && tooLong.length === error.issues.length) {
    const first = tooLong[0] as z.core.$ZodIssueTooBig;
    const field = issues[0]!.path;
    const max = Number(first.maximum);
    return new AppError('TEXT_TOO_LONG', `The text of ${field} is too long: at most ${max} characters.`, issues, { field, max });
  }
  return new AppError('VALIDATION_FAILED', 'The request is not valid: ' + issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Turns anything thrown into the wire shape; unknown errors never leak their message. */
export function toApiError(err: unknown): { body: ApiError; internal: boolean } {
  if (err instanceof AppError) {
    return { body: { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}), ...(err.details ? { details: err.details } : {}) } }, internal: false };
  }
  if (err instanceof DomainError) {
    return { body: { error: { code: err.code, message: err.message, ...(err.details ? { details: { ...err.details } } : {}) } }, internal: false };
  }
  if (err instanceof CommandIdReusedError) {
    return { body: { error: { code: 'COMMAND_ID_REUSED', message: err.message } }, internal: false };
  }
  if (err instanceof CommitContentionError) {
    return { body: { error: { code: 'BUSY_RETRY', message: 'The branch is very busy; press again.' } }, internal: false };
  }
  // Not "nothing was changed": a command in flight when the connection dropped may have been applied.
  if (isStoreAway(err)) {
    const details = { retryAfterSec: STORE_AWAY_RETRY_AFTER_SEC };
    return { body: { error: { code: 'TEMPORARILY_UNAVAILABLE', message: 'The system is reconnecting to its queue store; please try again in a few seconds.', details } }, internal: false };
  }
  return { body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side; nothing was changed.' } }, internal: true };
}

/** Parse untrusted input or throw VALIDATION_FAILED. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data;
}
