import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentConfirmation } from './consent-confirmation.svelte.js';
import { fakeFetch, inTurn, json, type Answer } from '$lib/testing/fake-api.js';

const TOKEN = 'Qw3rTy9hIjKlMnOpQrStUv01AbCdEfGhIjKlMnOpQr';
const PATH = `/api/v1/consent-confirmations/${TOKEN}`;
const VIEW = { branch: { zh: '浦东支行', en: 'Pudong Branch' }, keep: true, preferences: { hearing: true }, expiresAt: 1_800_000_000_000 };

/** The server: answers each request in turn from the list given (then the network is down); records what was sent. */
const server = (answers: Answer[]) => fakeFetch(() => inTurn(answers));

afterEach(() => vi.unstubAllGlobals());

describe('ConsentConfirmation (the page the link opens)', () => {
  it('shows what would be kept without changing anything, then confirms once', async () => {
    const sent = server([() => json(200, { data: VIEW }), () => json(200, { data: { kept: true, preferences: { hearing: true } } })]);
    const c = new ConsentConfirmation(TOKEN);
    await c.refresh();
    expect([c.load, c.view]).toEqual(['ready', VIEW]);
    expect(sent).toEqual([{ method: 'GET', path: PATH }]);
    expect(await c.confirm()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'POST', path: `${PATH}/confirm` });
    expect([c.load, c.kept]).toEqual(['done', { kept: true, preferences: { hearing: true } }]);
    // Done: no second request.
    expect(await c.confirm()).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('says a used, expired or unknown link is one, from the first read', async () => {
    for (const [code, status, state] of [
      ['CONSENT_CONFIRMATION_USED', 410, 'used'],
      ['CONSENT_CONFIRMATION_EXPIRED', 410, 'expired'],
      ['CONSENT_CONFIRMATION_NOT_FOUND', 404, 'not-found'],
      ['VALIDATION_FAILED', 400, 'not-found'],
    ] as const) {
      server([() => json(status, { error: { code, message: code } })]);
      const c = new ConsentConfirmation(TOKEN);
      await c.refresh();
      expect(c.load, code).toBe(state);
    }
  });

  it('used meanwhile (another tap): the page says so; a passing failure keeps the button with an error', async () => {
    server([() => json(200, { data: VIEW }), () => json(503, { error: { code: 'BUSY_RETRY', message: 'busy' } }), () => json(410, { error: { code: 'CONSENT_CONFIRMATION_USED', message: 'used' } })]);
    const c = new ConsentConfirmation(TOKEN);
    await c.refresh();
    expect(await c.confirm()).toBe(false);
    expect([c.load, c.error]).toEqual(['ready', 'consent.page.confirmError']);
    expect(await c.confirm()).toBe(false);
    expect([c.load, c.error]).toEqual(['used', null]);
  });

  it('a network failure on the first read is an error the page offers to retry', async () => {
    server([]);
    const c = new ConsentConfirmation(TOKEN);
    await c.refresh();
    expect(c.load).toBe('error');
  });
});
