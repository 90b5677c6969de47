import { describe, expect, it, vi } from 'vitest';
import type { NoticeChoices } from '@tellerline/contracts';
import { ApiFailure } from '$lib/api.js';
import type { SubscribeResult } from '$lib/push/push-client.js';
import { PhoneNotices, type NoticeClient } from './phone-notices.svelte.js';

const TOKEN = 'tok'.repeat(8);
const none: NoticeChoices = { push: [], contacts: [] };

/** A push-client stand-in: the server's choices live in `state`, like GET /notify would return them. */
function fakeClient(over: Partial<NoticeClient> = {}) {
  const state: { choices: NoticeChoices } = { choices: none };
  const client = {
    pushSupport: vi.fn(() => 'supported' as const),
    subscribe: vi.fn(async (_t: string, o: { aheadThreshold?: number | null; onCalled?: boolean; lang?: 'zh' | 'en' } = {}): Promise<SubscribeResult> => {
      state.choices = { ...state.choices, push: [{ id: 'p1', aheadThreshold: o.aheadThreshold ?? null, onCalled: o.onCalled ?? true, lang: o.lang ?? 'zh' }] };
      return { ok: true, id: 'p1', endpoint: 'https://push.example/p1' };
    }),
    unsubscribe: vi.fn(async () => void (state.choices = { ...state.choices, push: [] })),
    notifyBy: vi.fn(async (_t: string, b: { channel: 'email' | 'sms'; address: string; aheadThreshold?: number | null; onCalled?: boolean; lang?: 'zh' | 'en' }) => {
      const saved = { id: 'c1', channel: b.channel, addressMasked: `${b.address.slice(0, 2)}•••`, aheadThreshold: b.aheadThreshold ?? null, onCalled: b.onCalled ?? true, lang: b.lang ?? 'zh' };
      state.choices = { ...state.choices, contacts: [saved] };
      return saved;
    }),
    stopContacts: vi.fn(async () => {
      const removed = state.choices.contacts.length;
      state.choices = { ...state.choices, contacts: [] };
      return { removed };
    }),
    noticeChoices: vi.fn(async () => state.choices),
    notifyChannels: vi.fn(async () => ({ push: true, email: true, sms: true })),
    ...over,
  };
  return { client, state };
}

async function started(over: Partial<NoticeClient> = {}, lang: 'zh' | 'en' = 'zh') {
  const { client, state } = fakeClient(over);
  const notices = new PhoneNotices(TOKEN, () => lang, client as unknown as NoticeClient);
  await notices.start();
  return { notices, client, state };
}

describe('PhoneNotices: web push', () => {
  it('subscribes inside the tap (before anything is awaited) with the choices and the page language, then shows the notices as on', async () => {
    const { notices, client } = await started({}, 'en');
    expect(notices.problem).toBeNull();
    expect(notices.on).toBe(false);
    expect(notices.aheadThreshold).toBe(3);
    notices.aheadThreshold = 5;
    const tap = notices.turnOnPush();
    // Synchronously: Safari only shows the permission prompt inside the user gesture.
    expect(client.subscribe).toHaveBeenCalledWith(TOKEN, { aheadThreshold: 5, onCalled: true, lang: 'en' });
    expect(notices.subscribing).toBe(true);
    await tap;
    expect(notices.subscribing).toBe(false);
    expect(notices.on).toBe(true);
    expect(notices.active?.push).toEqual([{ id: 'p1', aheadThreshold: 5, onCalled: true, lang: 'en' }]);
  });

  it('shows the choices already made on load, and turns them off', async () => {
    const { client, state } = fakeClient();
    state.choices = { push: [{ id: 'p9', aheadThreshold: null, onCalled: true, lang: 'zh' }], contacts: [] };
    const notices = new PhoneNotices(TOKEN, () => 'zh', client as unknown as NoticeClient);
    await notices.start();
    expect(notices.on).toBe(true);
    expect(notices.aheadThreshold).toBeNull();
    await notices.turnOff();
    expect(client.unsubscribe).toHaveBeenCalledWith(TOKEN);
    expect(client.stopContacts).not.toHaveBeenCalled();
    expect(notices.on).toBe(false);
  });

  it('an unreachable push service becomes the explanation and the e-mail/SMS offer', async () => {
    const { notices } = await started({ subscribe: vi.fn(async () => ({ ok: false, reason: 'push-service-unreachable' }) as SubscribeResult) });
    await notices.turnOnPush();
    expect(notices.problem).toBe('push-service-unreachable');
    expect(notices.offers).toEqual(['email', 'sms']);
    expect(notices.on).toBe(false);
  });

  it('iOS outside the Home Screen never tries to subscribe', async () => {
    const subscribe = vi.fn();
    const { notices } = await started({ pushSupport: () => 'ios-needs-install', subscribe });
    expect(notices.problem).toBe('ios-needs-install');
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('a server that sends no web push, or one that refuses, is said so', async () => {
    const { notices } = await started({ notifyChannels: async () => ({ push: false, email: true, sms: false }) });
    expect(notices.problem).toBe('not-offered');
    expect(notices.offers).toEqual(['email']);

    const refused = await started({ subscribe: vi.fn(async () => ({ ok: false, reason: 'server', code: 'RATE_LIMITED' }) as SubscribeResult) });
    await refused.notices.turnOnPush();
    expect(refused.notices.problem).toBeNull();
    expect(refused.notices.pushError).toBe('phone.notices.error.tooMany.push');
  });

  it('refuses to subscribe with no notice chosen', async () => {
    const { notices, client } = await started();
    notices.aheadThreshold = null;
    notices.onCalled = false;
    await notices.turnOnPush();
    expect(client.subscribe).not.toHaveBeenCalled();
    expect(notices.pushError).toBe('phone.notices.error.nothing');
  });
});

describe('PhoneNotices: e-mail and SMS', () => {
  it('sends nothing without the consent box, then sends with it and shows the masked address', async () => {
    const { notices, client } = await started({}, 'en');
    notices.address = ' a@bank.example ';
    await notices.sendContact();
    expect(client.notifyBy).not.toHaveBeenCalled();
    expect(notices.contactError).toBe('phone.notices.error.consent');

    notices.consent = true;
    notices.onCalled = true;
    notices.aheadThreshold = null;
    await notices.sendContact();
    expect(client.notifyBy).toHaveBeenCalledWith(TOKEN, { channel: 'email', address: 'a@bank.example', consent: true, lang: 'en', aheadThreshold: null, onCalled: true });
    expect(notices.contactError).toBeNull();
    expect(notices.on).toBe(true);
    expect(notices.active?.contacts[0]?.addressMasked).toBe('a@•••');
    expect(notices.consent).toBe(false); // a later signup needs a fresh tick

    await notices.turnOff();
    expect(client.stopContacts).toHaveBeenCalledWith(TOKEN);
    expect(notices.on).toBe(false);
  });

  it('turns each server refusal into its own message', async () => {
    const cases: [string, 'email' | 'sms', string][] = [
      ['VALIDATION_FAILED', 'email', 'phone.notices.error.address.email'],
      ['VALIDATION_FAILED', 'sms', 'phone.notices.error.address.sms'],
      ['CHANNEL_UNAVAILABLE', 'sms', 'phone.notices.error.unavailable.sms'],
      ['TICKET_FINISHED', 'email', 'phone.notices.error.finished'],
      ['RATE_LIMITED', 'email', 'phone.notices.error.tooMany.contact'],
      ['NOT_FOUND', 'email', 'phone.notices.error.notFound'],
      ['BUSY_RETRY', 'email', 'phone.notices.error.network'],
    ];
    for (const [code, channel, key] of cases) {
      const { notices } = await started({ notifyBy: vi.fn(async () => Promise.reject(new ApiFailure(code, 'no'))) });
      notices.channel = channel;
      notices.address = 'x';
      notices.consent = true;
      await notices.sendContact();
      expect(notices.contactError, code).toBe(key);
      expect(notices.sending).toBe(false);
      expect(notices.on).toBe(false);
    }
  });

  it('asks for an address before sending, and defaults to SMS where only SMS is set up', async () => {
    const { notices, client } = await started({ notifyChannels: async () => ({ push: true, email: false, sms: true }) });
    expect(notices.channel).toBe('sms');
    notices.consent = true;
    await notices.sendContact();
    expect(notices.contactError).toBe('phone.notices.error.empty.sms');
    expect(client.notifyBy).not.toHaveBeenCalled();
  });
});
