/** Test support for the screens' state classes: the server's answers, without a server. */
import { vi } from 'vitest';

/** A JSON answer as the API gives it. */
export const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Stubs `fetch`: answers by `"<METHOD> <path>"` (404 NOT_FOUND for anything else) and records what
 * was sent, in order. Undo with `vi.unstubAllGlobals()`.
 */
export function fakeApi(routes: Record<string, () => Response>): { method: string; path: string; body: unknown }[] {
  const sent: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      sent.push({ method, path, body: init.body ? JSON.parse(init.body as string) : undefined });
      const answer = routes[`${method} ${path}`];
      return answer ? answer() : json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    }),
  );
  return sent;
}
