/** What the push service really receives: headers, a valid VAPID JWT, and a payload it can decrypt. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebPushChannel, generateVapidKeys, type PushPayload } from '../src/index.js';
import { startTestPushService, type TestPushService } from '../testing/index.js';
import { message } from './channel-contract.js';

let push: TestPushService;
const vapid = { ...generateVapidKeys(), subject: 'mailto:ops@bank.example' };

beforeAll(async () => {
  push = await startTestPushService();
});
afterAll(async () => {
  await push?.close();
});

describe('web push channel', () => {
  it('sends an aes128gcm payload the subscriber decrypts, with TTL, Urgency and a VAPID header', async () => {
    const channel = createWebPushChannel({ vapid, agent: push.agent });
    const sub = push.subscribe();
    const result = await channel.send(message(sub.toJSON(), { lang: 'zh', title: '请到 3 号窗口（A023）', body: 'A023 号，轮到您了。', urgency: 'high', ttlSec: 120, tag: 'tl-t1' }));
    expect(result.status).toBe('sent');
    const [d] = await push.waitFor(1, (x) => x.subscriptionId === sub.id);
    expect(d!.error).toBeNull();
    expect(d!.headers).toMatchObject({ ttl: '120', urgency: 'high', contentEncoding: 'aes128gcm' });
    expect(d!.headers.authorization).toMatch(/^vapid t=.+, k=/);
    expect(d!.vapid).toMatchObject({ aud: push.origin, sub: 'mailto:ops@bank.example', publicKey: vapid.publicKey });
    expect(d!.json as PushPayload).toEqual({ title: '请到 3 号窗口（A023）', body: 'A023 号，轮到您了。', lang: 'zh', urgency: 'high', url: 'https://bank.example/t/x', tag: 'tl-t1' });
  });

  it('carries the urgency and TTL of each message', async () => {
    const channel = createWebPushChannel({ vapid, agent: push.agent });
    const sub = push.subscribe();
    await channel.send(message(sub.toJSON(), { urgency: 'normal', ttlSec: 300 }));
    const [d] = await push.waitFor(1, (x) => x.subscriptionId === sub.id);
    expect(d!.headers).toMatchObject({ ttl: '300', urgency: 'normal' });
  });

  it('signs one VAPID JWT per push service and renews it after half of its 12 h life', async () => {
    let t = Date.now();
    const channel = createWebPushChannel({ vapid, agent: push.agent, now: () => t });
    const sub = push.subscribe();
    await channel.send(message(sub.toJSON()));
    await channel.send(message(sub.toJSON()));
    t += 7 * 3600_000;
    await channel.send(message(sub.toJSON()));
    const ds = await push.waitFor(3, (x) => x.subscriptionId === sub.id);
    expect(ds[1]!.headers.authorization).toBe(ds[0]!.headers.authorization);
    expect(ds[2]!.headers.authorization).not.toBe(ds[0]!.headers.authorization);
    expect(ds[0]!.vapid!.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 12 * 3600);
  });

  it('refuses malformed VAPID settings at construction, not at send time', () => {
    expect(() => createWebPushChannel({ vapid: { ...vapid, publicKey: 'abc' } })).toThrow(/public key/);
    expect(() => createWebPushChannel({ vapid: { ...vapid, subject: 'ops@bank.example' } })).toThrow(/subject/);
  });

  it('a push service that does not answer in time is a retry', async () => {
    const { createServer } = await import('node:net');
    const hang = createServer(() => undefined); // accepts TCP, never speaks TLS
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
    const port = (hang.address() as { port: number }).port;
    const channel = createWebPushChannel({ vapid, agent: push.agent, timeoutMs: 300 });
    const to = { ...push.subscribe().toJSON(), endpoint: `https://127.0.0.1:${port}/push/x` };
    const r = await channel.send(message(to));
    hang.close();
    expect(r.status).toBe('retry');
  });
});
