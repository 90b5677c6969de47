/**
 * A local Web Push service for tests and benchmarks: HTTPS with a self-signed certificate, one
 * endpoint per subscription it hands out. For every request it checks the VAPID Authorization
 * header and decrypts the RFC 8291 payload with the subscription's private key, and records what
 * it saw, so a test can assert the text the customer would read and the TTL/Urgency headers.
 * Each subscription can be told how to answer (e.g. 410 Gone, or 500 then 201).
 */
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createUserAgentKeys, decryptAes128gcm, verifyVapidAuthorization, type UserAgentKeys, type VapidClaims } from './ece.js';
import { selfSignedCertificate } from './tls.js';

export interface TestSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** What `PushSubscription.toJSON()` would give. */
  toJSON(): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  /** Answer the next requests with these statuses in order (then 201 again). */
  answer(...statuses: number[]): void;
  /** Answer every request with this status from now on (e.g. 410 once the browser unsubscribed). */
  answerAlways(status: number): void;
}

export interface Delivery {
  subscriptionId: string;
  /** performance.now() when the request arrived (same clock as the test process). */
  receivedAt: number;
  /** What we answered. */
  status: number;
  headers: { ttl: string | undefined; urgency: string | undefined; topic: string | undefined; contentEncoding: string | undefined; authorization: string | undefined };
  vapid: VapidClaims | null;
  /** Decrypted payload (utf8), or null when decryption or the VAPID check failed (see `error`). */
  text: string | null;
  json: unknown;
  error: string | null;
}

export interface TestPushService {
  /** Origin, e.g. https://127.0.0.1:41234 */
  origin: string;
  /** An agent that trusts this service's certificate (pass to the web push channel). */
  agent: Agent;
  deliveries: Delivery[];
  subscribe(): TestSubscription;
  /** Resolves once `count` deliveries match `pred` (default: accepted ones), or rejects after `ms`. */
  waitFor(count: number, pred?: (d: Delivery) => boolean, ms?: number): Promise<Delivery[]>;
  /** Called on every delivery (benchmarks). */
  onDelivery(fn: (d: Delivery) => void): void;
  close(): Promise<void>;
}

interface SubState {
  keys: UserAgentKeys;
  script: number[];
  always: number | null;
}

export async function startTestPushService(): Promise<TestPushService> {
  const { key, cert } = selfSignedCertificate();
  const subs = new Map<string, SubState>();
  const deliveries: Delivery[] = [];
  const listeners: ((d: Delivery) => void)[] = [];
  let origin = '';
  let messageN = 0;

  const server: Server = createServer({ key, cert }, (req, res) => {
    const receivedAt = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
      const sub = m ? subs.get(m[1]!) : undefined;
      if (req.method !== 'POST' || !m || !sub) {
        res.writeHead(404).end();
        return;
      }
      const h = req.headers;
      const delivery: Delivery = {
        subscriptionId: m[1]!,
        receivedAt,
        status: 201,
        headers: {
          ttl: h['ttl'] as string | undefined,
          urgency: h['urgency'] as string | undefined,
          topic: h['topic'] as string | undefined,
          contentEncoding: h['content-encoding'],
          authorization: h['authorization'],
        },
        vapid: null,
        text: null,
        json: null,
        error: null,
      };
      try {
        delivery.vapid = verifyVapidAuthorization(h['authorization'], origin);
        if (h['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding ${h['content-encoding']} is not aes128gcm`);
        if (h['ttl'] === undefined || !/^\d+$/.test(String(h['ttl']))) throw new Error('missing or malformed TTL header');
        delivery.text = decryptAes128gcm(Buffer.concat(chunks), sub.keys).toString('utf8');
        try {
          delivery.json = JSON.parse(delivery.text);
        } catch {
          delivery.json = null;
        }
        delivery.status = sub.script.shift() ?? sub.always ?? 201;
      } catch (err) {
        delivery.error = (err as Error).message;
        delivery.status = /JWT|vapid/i.test(delivery.error) ? 403 : 400;
      }
      deliveries.push(delivery);
      for (const fn of listeners) fn(delivery);
      if (delivery.status === 201) res.setHeader('location', `${origin}/message/${++messageN}`);
      res.writeHead(delivery.status).end(delivery.error ?? '');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ ca: cert, keepAlive: true, maxSockets: 64 });

  return {
    origin,
    agent,
    deliveries,
    subscribe() {
      const id = randomBytes(9).toString('base64url');
      const state: SubState = { keys: createUserAgentKeys(), script: [], always: null };
      subs.set(id, state);
      const keys = { p256dh: state.keys.publicKey.toString('base64url'), auth: state.keys.auth.toString('base64url') };
      const endpoint = `${origin}/push/${id}`;
      return {
        id,
        endpoint,
        keys,
        toJSON: () => ({ endpoint, expirationTime: null, keys }),
        answer: (...statuses) => void state.script.push(...statuses),
        answerAlways: (status) => void (state.always = status),
      };
    },
    waitFor(count, pred = (d) => d.status === 201, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = deliveries.filter(pred);
          if (hits.length >= count) {
            clearTimeout(timer);
            clearInterval(poll);
            resolve(hits);
          }
        };
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`push service: ${deliveries.filter(pred).length}/${count} deliveries after ${ms} ms (all: ${JSON.stringify(deliveries.map((d) => [d.status, d.error]))})`));
        }, ms);
        const poll = setInterval(check, 20);
        check();
      });
    },
    onDelivery: (fn) => void listeners.push(fn),
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
