import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryConsentState } from './history-consent.svelte.js';
import { fakeFetch, inTurn, json, type Answer } from '$lib/testing/fake-api.js';

const TOKEN = 'mgr'.repeat(8);
const PATH = `/api/v1/appointments/${TOKEN}/history`;

/** The server: answers each request in turn from the list given (then the network is down); records what was sent. */
const server = (answers: Answer[]) => fakeFetch(() => inTurn(answers));

afterEach(() => vi.unstubAllGlobals());

describe('HistoryConsentState', () => {
  it('shows the stored consent; stored needs are never read back, so nothing starts ticked', async () => {
    server([() => json(200, { data: { kept: true, preferences: {}, needsStored: true } })]);
    const s = new HistoryConsentState(TOKEN);
    await s.refresh();
    expect(s.load).toBe('ready');
    expect(s.keep).toBe(true);
    expect(s.view?.needsStored).toBe(true);
    expect(s.ticks).toEqual({ stepFree: false, hearing: false, reading: false, interpreter: false });
  });

  it('gives the consent with the ticked needs, then says so', async () => {
    const sent = server([() => json(200, { data: { kept: false, preferences: {}, needsStored: false } }), () => json(200, { data: { kept: true, preferences: { reading: true }, needsStored: true } })]);
    const s = new HistoryConsentState(TOKEN);
    await s.refresh();
    s.ticks.reading = true;
    expect(await s.give()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: PATH, body: { keep: true, preferences: { reading: true } } });
    expect(s.view).toEqual({ kept: true, preferences: { reading: true }, needsStored: true });
    expect(s.notice).toBe('consent.manage.given');
  });

  it('withdraws (the needs are cleared by the server), and keeps what was shown when saving fails', async () => {
    const sent = server([
      () => json(200, { data: { kept: true, preferences: { stepFree: true }, needsStored: true } }),
      () => json(503, { error: { code: 'BUSY_RETRY', message: 'busy' } }),
      () => json(200, { data: { kept: false, preferences: {}, needsStored: false } }),
    ]);
    const s = new HistoryConsentState(TOKEN);
    await s.refresh();
    expect(await s.withdraw()).toBe(false);
    expect(s.error).toBe('consent.manage.error');
    expect(s.view).toEqual({ kept: true, preferences: { stepFree: true }, needsStored: true });
    expect(await s.withdraw()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: PATH, body: { keep: false } });
    expect(s.view).toEqual({ kept: false, preferences: {}, needsStored: false });
    expect(s.ticks.stepFree).toBe(false);
    expect([s.notice, s.error]).toEqual(['consent.manage.withdrawn', null]);
  });

  it('says when the setting cannot be read', async () => {
    server([]);
    const s = new HistoryConsentState(TOKEN);
    await s.refresh();
    expect(s.load).toBe('error');
  });

  it('a joined booking is answered as any other: the notice is the same "saved, a link may follow"', async () => {
    const sent = server([() => json(200, { data: { kept: false, preferences: {}, needsStored: false } }), () => json(200, { data: { kept: true, preferences: { hearing: true }, needsStored: true } })]);
    const s = new HistoryConsentState(TOKEN);
    await s.refresh();
    s.keep = true;
    s.ticks.hearing = true;
    expect(await s.give()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: PATH, body: { keep: true, preferences: { hearing: true } } });
    expect([s.notice, s.error]).toEqual(['consent.manage.given', null]);
  });

  it('starts with the "a link goes to a contact we know" notice when the booking just made ticked the box', () => {
    expect(new HistoryConsentState(TOKEN, 'asked').notice).toBe('consent.confirm.asked');
    expect(new HistoryConsentState(TOKEN).notice).toBeNull();
  });
});
