import type { ApiError } from '@tellerline/contracts';

/** A refused request, with the server's stable code (screens translate `error.<code>`). */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /**
     * The refusal's structured facts (ApiError.error.details), when it has any. Typed as the flat
     * values most codes carry; STALE_SETTINGS (the stored settings) and CLOSURE_HAS_BOOKINGS (counts
     * per closure) carry objects, read with their contracts schemas (`staleCurrent`,
     * `closureBookingsQuestion`), never through this type.
     */
    readonly details?: Record<string, string | number | boolean>,
    /** Field problems of VALIDATION_FAILED (ApiError.error.issues: path -> message). */
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/**
 * The client's own code for a request that got no answer at all (offline, server unreachable,
 * connection cut): unlike the server's BUSY_RETRY ("busy, press again"), nobody knows whether the
 * request arrived, so screens say there is no connection and that it may have been sent, and a
 * retry of a command resends its id or idempotency key. Never sent by the server.
 */
export const NO_CONNECTION = 'NO_CONNECTION';

export interface ApiOptions {
  /**
   * Give up after this long without a full answer and fail with NO_CONNECTION, as for a cut
   * connection (the request may have arrived: a command resends its id). For screens nobody is
   * watching over, like the kiosk, where a hung request must not hold a customer's details on
   * screen. Without it the browser waits as long as the network lets it (minutes).
   */
  timeoutMs?: number;
}

/** JSON over fetch to our own origin; resolves `data`, throws ApiFailure with the code. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, opts: ApiOptions = {}): Promise<T> {
  // setTimeout rather than AbortSignal.timeout: the same clock as the screens' own timers (and tests' fake ones).
  const abort = opts.timeoutMs !== undefined ? new AbortController() : null;
  const timer = abort ? setTimeout(() => abort.abort(), opts.timeoutMs) : null;
  let res: Response;
  let json: { data: T } | ApiError | null;
  try {
    try {
      res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(abort ? { signal: abort.signal } : {}),
      });
    } catch {
      throw new ApiFailure(NO_CONNECTION, 'network error');
    }
    json = (await res.json().catch(() => null)) as { data: T } | ApiError | null;
    // The body cut off by the time limit: no answer after all.
    if (abort?.signal.aborted) throw new ApiFailure(NO_CONNECTION, 'network error');
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
  if (!res.ok || !json || !('data' in json)) {
    const err = json && 'error' in json ? json.error : { code: 'INTERNAL', message: res.statusText };
    throw new ApiFailure(err.code, err.message, 'details' in err ? (err.details as Record<string, string | number | boolean>) : undefined, 'issues' in err ? err.issues : undefined);
  }
  return json.data;
}
