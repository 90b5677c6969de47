/** A small keep-alive HTTP client for the driver (node:http: less overhead per request than fetch). */
import { Agent, request } from 'node:http';
import { ORIGIN } from './server.js';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface Reply<T = unknown> {
  status: number;
  body: T;
  cookie?: string;
}

export function call<T = { data: unknown }>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: {
          origin: ORIGIN,
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          const set = res.headers['set-cookie']?.[0];
          resolve({ status: res.statusCode ?? 0, body: json as T, ...(set ? { cookie: set.split(';')[0]! } : {}) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Throws unless the status is 2xx; returns `body.data`. */
export async function ok<T>(p: Promise<Reply<{ data: T }>>, what: string): Promise<T> {
  const r = await p;
  if (r.status < 200 || r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}
