/** The shared channel contract, run against each channel with a real protocol peer behind it. */
import { createServer } from 'node:net';
import { createEmailChannel, createSmsChannel, createWebPushChannel, generateVapidKeys, type NotificationChannel, type PushTarget, type SmsProviderResult } from '../src/index.js';
import { startSmtpSink, startTestPushService } from '../testing/index.js';
import { channelContract } from './channel-contract.js';

/** A port with nothing listening: connection refused. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

channelContract<PushTarget>('web push (local HTTPS push service)', async () => {
  const push = await startTestPushService();
  const dead = await deadPort();
  const channel = createWebPushChannel({ vapid: { ...generateVapidKeys(), subject: 'mailto:ops@bank.example' }, agent: push.agent, timeoutMs: 2000 });
  const answering = (...statuses: number[]) => () => {
    const s = push.subscribe();
    s.answer(...statuses);
    return s.toJSON();
  };
  return {
    channel,
    recipients: {
      sent: [{ why: '201 Created', to: answering() }],
      gone: [
        { why: '410 Gone', to: answering(410) },
        { why: '404 Not Found', to: answering(404) },
        { why: 'malformed p256dh', to: () => ({ ...push.subscribe().toJSON(), keys: { p256dh: 'AAAA', auth: 'AAAAAAAAAAAAAAAAAAAAAA' } }) },
      ],
      retry: [
        { why: '429 Too Many Requests', to: answering(429) },
        { why: '503 Service Unavailable', to: answering(503) },
        { why: 'connection refused', to: () => ({ ...push.subscribe().toJSON(), endpoint: `https://127.0.0.1:${dead}/push/x` }) },
      ],
      failed: [
        { why: '400 Bad Request', to: answering(400) },
        { why: '413 Payload Too Large', to: answering(413) },
        { why: '403 Forbidden (VAPID refused)', to: answering(403) },
      ],
    },
    close: () => push.close(),
  };
});

channelContract<string>('e-mail (in-process SMTP server)', async () => {
  const sink = await startSmtpSink();
  sink.reject('nobody@bank.example', 550);
  sink.reject('moved@bank.example', 551);
  sink.reject('busy@bank.example', 451);
  sink.reject('greylisted@bank.example', 450);
  sink.reject('policy@bank.example', 554, 'Message refused by policy');
  const channel = createEmailChannel({ transport: sink.url, from: '"Tellerline" <notices@bank.example>', timeoutMs: 2000 });
  const down = createEmailChannel({ transport: `smtp://127.0.0.1:${await deadPort()}`, from: 'notices@bank.example', timeoutMs: 2000 });
  let viaDown = false;
  const routed: NotificationChannel<string> = { kind: 'email', send: (m) => (viaDown ? ((viaDown = false), down.send(m)) : channel.send(m)) };
  return {
    channel: routed,
    recipients: {
      sent: [{ why: '250 accepted', to: () => 'customer@bank.example' }],
      gone: [
        { why: '550 no such mailbox', to: () => 'nobody@bank.example' },
        { why: '551 user not local', to: () => 'moved@bank.example' },
      ],
      retry: [
        { why: '451 try later', to: () => 'busy@bank.example' },
        { why: '450 greylisted', to: () => 'greylisted@bank.example' },
        { why: 'server down', to: () => ((viaDown = true), 'customer@bank.example') },
      ],
      failed: [{ why: '554 refused by policy', to: () => 'policy@bank.example' }],
    },
    async close() {
      channel.close();
      down.close();
      await sink.close();
    },
  };
});

channelContract<string>('SMS (provider port)', async () => {
  // A provider adapter reports the operator's verdict per number; '+thrown' simulates a dead API.
  const verdicts: Record<string, SmsProviderResult | 'throw'> = {
    '+8613800000001': { outcome: 'accepted', id: 'm1' },
    '+8613800000002': { outcome: 'invalid-number' },
    '+8613800000003': { outcome: 'unsubscribed' },
    '+8613800000004': { outcome: 'throttled', retryAfterSec: 30 },
    '+8613800000005': { outcome: 'unavailable' },
    '+8613800000006': 'throw',
    '+8613800000007': { outcome: 'rejected', detail: 'content not approved' },
  };
  const channel = createSmsChannel({
    name: 'scripted',
    async send(sms) {
      const v = verdicts[sms.to];
      if (!v || v === 'throw') throw new Error('ECONNRESET');
      return v;
    },
  });
  const n = (x: number) => () => `+86138000000${String(x).padStart(2, '0')}`;
  return {
    channel,
    recipients: {
      sent: [{ why: 'accepted', to: n(1) }],
      gone: [
        { why: 'invalid number', to: n(2) },
        { why: 'opted out at the operator', to: n(3) },
      ],
      retry: [
        { why: 'throttled', to: n(4) },
        { why: 'operator unavailable', to: n(5) },
        { why: 'provider call failed', to: n(6) },
      ],
      failed: [{ why: 'content refused', to: n(7) }],
    },
    close: async () => undefined,
  };
});
