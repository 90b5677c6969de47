/** Test support for the screens' state classes: the server's answers, without a server. */
import { vi } from 'vitest';

/** A JSON answer as the API gives it. */
export const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** One answer of the fake server, made when the request comes (a Response is read once). */
export type Answer = () => Response;

/** What the screen sent, in order. */
export type Sent = { method: string; path: string; body: unknown }[];

/**
 * Stubs `fetch`: `answer` answers each request by its method and path (a throw is the network
 * failing); what was sent is recorded, in order. Undo with `vi.unstubAllGlobals()`.
 */
export function fakeFetch(answer: (method: string, path: string) => Response): Sent {
  const sent: Sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      sent.push({ method, path, body: init.body ? JSON.parse(init.body as string) : undefined });
      return answer(method, path);
    }),
  );
  return sent;
}

/**
 * Stubs `fetch` with answers by `"<METHOD> <path>"`: one for every such request, or a list answered
 * in turn. Anything else (or a list used up) is 404 NOT_FOUND. Records what was sent.
 */
export function fakeApi(routes: Record<string, Answer | Answer[]>): Sent {
  return fakeFetch((method, path) => {
    const route = routes[`${method} ${path}`];
    const answer = Array.isArray(route) ? route.shift() : route;
    return answer ? answer() : json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
  });
}

/** The next of `answers` (taken from the list); none left: the network is down (fetch rejects). */
export function inTurn(answers: Answer[]): Response {
  const next = answers.shift();
  if (!next) throw new TypeError('network down');
  return next();
}
