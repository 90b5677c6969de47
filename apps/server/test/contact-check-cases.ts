import { expect, it } from 'vitest';
import { local, MON, TUE } from './booking-support.js';

type Reply = { status: number; body: { error?: { code: string; details?: { triesLeft?: number } } } };

/**
 * The cases a phone check and an e-mail check share (contact-checks.ts: one check, two channels),
 * registered inside each channel's describe: how many tries are left and the fifth wrong code,
 * the ten-minute life of a code, a booking refused for its slot leaving the code usable.
 * `checked` asks for a code to a fresh address and returns `{ contact, [proof]: { checkId, code } }`.
 */
export function sharedCheckCases(c: {
  /** The channel's error codes' prefix: PHONE_CODE_WRONG, EMAIL_CODE_EXPIRED. */
  channel: 'PHONE' | 'EMAIL';
  /** The booking body's key for the proof. */
  proof: 'phoneCheck' | 'emailCheck';
  setTime: (date: string, hm: string) => void;
  book: (serviceCode: string, startsAt: number, extra?: Record<string, unknown>) => Promise<Reply>;
  checked: () => Promise<Record<string, unknown>>;
}): void {
  const { channel, proof, setTime, book, checked } = c;

  it('says how many tries are left; the fifth wrong code voids the check', async () => {
    setTime(MON, '08:00');
    const ok = await checked();
    const right = ok[proof] as { checkId: string; code: string };
    const wrong = { ...right, code: right.code === '000000' ? '111111' : '000000' };
    const left = [];
    for (let i = 0; i < 5; i++) {
      const r = await book('A', local(TUE, '10:30'), { contact: ok.contact, [proof]: wrong });
      expect([r.status, r.body.error?.code]).toEqual([422, `${channel}_CODE_WRONG`]);
      left.push(r.body.error?.details?.triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const late = await book('A', local(TUE, '10:30'), { contact: ok.contact, [proof]: right });
    expect([late.status, late.body.error?.code]).toEqual([410, `${channel}_CODE_EXPIRED`]);
  });

  it('a code lasts ten minutes by the clock', async () => {
    setTime(MON, '08:00');
    const fresh = await checked();
    const stale = await checked();
    setTime(MON, '08:09');
    expect((await book('A', local(TUE, '11:00'), fresh)).status).toBe(201);
    setTime(MON, '08:10');
    const r = await book('A', local(TUE, '11:00'), stale);
    expect([r.status, r.body.error?.code]).toEqual([410, `${channel}_CODE_EXPIRED`]);
  });

  it('a booking refused for its slot leaves the code usable for another time', async () => {
    setTime(MON, '08:00');
    const ok = await checked();
    const tooSoon = await book('A', local(MON, '08:30'), ok);
    expect([tooSoon.status, tooSoon.body.error?.code]).toEqual([409, 'SLOT_TOO_SOON']);
    expect((await book('A', local(TUE, '11:15'), ok)).status).toBe(201);
  });
}
