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

type Proof = { checkId: string; code: string };
type JoinReply = { status: number; body: { data?: { token?: string; view?: { number?: string } }; error?: { code: string; details?: { triesLeft?: number } } } };

/**
 * The cases a remote-queue join shares with a booking, for either channel (booking-remote.ts): at
 * a branch that confirms this channel and takes remote joins, open at MON 10:00 for service `B`.
 * `address` gives a fresh number or address, `ask` asks for a code to it and reads the code as the
 * customer would, `join` joins with it as the contact (none for null; the proof when given) from
 * `headers` (a fresh caller address when not given).
 */
export function sharedJoinCases(c: {
  channel: 'PHONE' | 'EMAIL';
  setTime: (date: string, hm: string) => void;
  address: () => string;
  ask: (to: string) => Promise<Proof>;
  join: (to: string | null, proof?: Proof, headers?: Record<string, string>) => Promise<JoinReply>;
}): void {
  const { channel, setTime, address, ask, join } = c;
  const wrongOf = (p: Proof) => ({ ...p, code: p.code === '000000' ? '111111' : '000000' });

  it('a join without the code is refused, and nothing is issued', async () => {
    setTime(MON, '10:00');
    const r = await join(address());
    expect([r.status, r.body.error?.code, r.body.data]).toEqual([422, `${channel}_CHECK_REQUIRED`, undefined]);
  });

  it('the right code joins once, and only for its own contact', async () => {
    setTime(MON, '10:00');
    const to = address();
    const proof = await ask(to);
    const other = await join(address(), proof);
    expect([other.status, other.body.error?.code]).toEqual([422, `${channel}_CHECK_REQUIRED`]);
    const ok = await join(to, proof);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.data?.token).toBeTruthy();
    const again = await join(to, proof);
    expect([again.status, again.body.error?.code]).toEqual([410, `${channel}_CODE_EXPIRED`]);
  });

  it('a code lasts ten minutes by the clock', async () => {
    setTime(MON, '10:00');
    const fresh = { to: address() };
    const stale = { to: address() };
    const freshProof = await ask(fresh.to);
    const staleProof = await ask(stale.to);
    setTime(MON, '10:09');
    expect((await join(fresh.to, freshProof)).status).toBe(201);
    setTime(MON, '10:10');
    const r = await join(stale.to, staleProof);
    expect([r.status, r.body.error?.code]).toEqual([410, `${channel}_CODE_EXPIRED`]);
  });

  it('wrong codes cost neither the connection its joins nor the contact its sends; the fifth voids the check', async () => {
    setTime(MON, '10:00');
    // One phone on one connection: more refusals than its five joins and the contact's five sends.
    const phone = { 'x-forwarded-for': '203.0.113.90' };
    const to = address();
    const first = await ask(to);
    const left = [];
    for (let i = 0; i < 5; i++) {
      const r = await join(to, wrongOf(first), phone);
      expect([r.status, r.body.error?.code]).toEqual([422, `${channel}_CODE_WRONG`]);
      left.push(r.body.error?.details?.triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const voided = await join(to, first, phone);
    expect([voided.status, voided.body.error?.code]).toEqual([410, `${channel}_CODE_EXPIRED`]);
    expect((await join(to, undefined, phone)).body.error?.code).toBe(`${channel}_CHECK_REQUIRED`);
    setTime(MON, '10:02');
    const second = await ask(to);
    const ok = await join(to, second, phone);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('a join refused for its connection leaves the code usable', async () => {
    setTime(MON, '10:00');
    const busy = { 'x-forwarded-for': '203.0.113.91' };
    const to = address();
    const proof = await ask(to);
    // The connection's joins used up by other people's tickets (no contact: no code asked).
    for (let i = 0; i < 5; i++) expect((await join(null, undefined, busy)).status).toBe(201);
    const limited = await join(to, proof, busy);
    expect([limited.status, limited.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await join(to, proof)).status).toBe(201);
  });
}
