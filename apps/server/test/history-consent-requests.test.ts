/**
 * A confirmation link's job runs after the booking asked, sometimes long after (a retry of a send
 * that failed): if the booking has asked otherwise since, its earlier request is not texted. Pure:
 * the stores are in memory (the real ones are exercised by history-withdrawal.int.test.ts).
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createConsentRequests, type ConsentConfirmationStore } from '../src/usecases/history-consent-requests.js';

function requests(keepAsked: boolean | null) {
  const created: { keep: boolean }[] = [];
  const sent: { keep: boolean }[] = [];
  const confirmations = {
    create: async (c: { keep: boolean }) => void created.push(c),
    discardOpen: async () => undefined,
    discard: async () => undefined,
  } as unknown as ConsentConfirmationStore;
  const r = createConsentRequests({
    confirmations,
    customers: { findById: async () => ({ phone: '+8613611112222', email: null, language: 'zh' }) },
    keepsHistory: async () => true,
    keepAskedBy: async () => keepAsked,
    branchName: async () => ({ zh: '总行营业部', en: 'Main Branch' }),
    sender: { send: async (_to, facts) => (sent.push({ keep: facts.keep }), 'sent') },
    confirmUrl: (token) => `https://bank.example/consent/${token}`,
    cooldown: { take: async () => true, release: async () => undefined },
    profileLimiter: { hit: async () => true },
    ipLimiter: { hit: async () => true },
    enqueue: async () => undefined,
    clock: { now: () => 0 },
    logger: pino({ level: 'silent' }),
  });
  return { r, created, sent };
}

const a = { id: 'appt-1', branchId: 'branch-1', customerId: 'cust-1' };

describe('a consent link whose booking has asked otherwise since', () => {
  it('is not texted to keep once the booking withdrew, nor to withdraw once it asks to keep again', async () => {
    const withdrew = requests(false);
    expect(await withdrew.r.request(a, { keep: true, preferences: { hearing: true } }, '198.51.100.9')).toBe('superseded');
    const keepsAgain = requests(true);
    expect(await keepsAgain.r.request(a, { keep: false }, '198.51.100.9')).toBe('superseded');
    const gone = requests(null);
    expect(await gone.r.request(a, { keep: true }, '198.51.100.9')).toBe('superseded');
    expect([...withdrew.created, ...withdrew.sent, ...keepsAgain.created, ...keepsAgain.sent, ...gone.sent]).toEqual([]);
  });

  it('is texted when it is still what the booking asks', async () => {
    const keeps = requests(true);
    expect(await keeps.r.request(a, { keep: true }, '198.51.100.9')).toBe('sent');
    const withdraws = requests(false);
    expect(await withdraws.r.request(a, { keep: false }, '198.51.100.9')).toBe('sent');
    expect([keeps.sent, withdraws.sent]).toEqual([[{ keep: true }], [{ keep: false }]]);
  });
});
