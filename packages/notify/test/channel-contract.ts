/**
 * The contract every NotificationChannel passes, whatever is behind it: each kind of provider
 * answer maps to the same stable result (sent | gone | retry | failed), and `send` never rejects.
 * A channel's test supplies recipients that make its real (or in-process) backend answer a given way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationChannel, NotificationMessage, SendResult } from '../src/index.js';

export type Outcome = SendResult['status'];

export interface ContractFixture<To> {
  channel: NotificationChannel<To>;
  /** Recipients whose backend answers so that the channel must report `outcome`; several ways per outcome. */
  recipients: Record<Outcome, { why: string; to: () => To }[]>;
  close(): Promise<void>;
}

export function message<To>(to: To, over: Partial<NotificationMessage<To>> = {}): NotificationMessage<To> {
  return { to, lang: 'en', title: 'Counter 3, please (A023)', body: 'A023: it is your turn. Please go to counter 3.', url: 'https://bank.example/t/x', urgency: 'high', ttlSec: 120, ...over };
}

export function channelContract<To>(name: string, setup: () => Promise<ContractFixture<To>>): void {
  describe(`${name}: NotificationChannel contract`, () => {
    let fx: ContractFixture<To>;
    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(async () => {
      await fx?.close();
    });

    it('has a kind', () => {
      expect(['push', 'email', 'sms']).toContain(fx.channel.kind);
    });

    for (const outcome of ['sent', 'gone', 'retry', 'failed'] as const) {
      it(`maps provider answers to '${outcome}' and never rejects`, async () => {
        const cases = fx.recipients[outcome];
        expect(cases.length, `the fixture must cover '${outcome}'`).toBeGreaterThan(0);
        for (const c of cases) {
          const result = await fx.channel.send(message(c.to()));
          expect(result.status, `${c.why}: ${JSON.stringify(result)}`).toBe(outcome);
          if (result.status !== 'sent') expect(result.reason.length, 'a non-sent result says why').toBeGreaterThan(0);
        }
      });
    }
  });
}
