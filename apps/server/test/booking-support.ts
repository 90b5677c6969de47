/**
 * What the booking integration tests share: the demo branch (Asia/Shanghai) with a bank's week
 * (Mon-Fri 09:00-17:00, Sat 09:00-12:00: `BANK_HOURS`, where `npm start` opens it around the
 * clock) in the week of Monday 2 March 2026, a clock the test moves (compose's `overrides.clock`),
 * and helpers that book, check in and run jobs through the real system of a `startTestSystem` handle.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { BANK_HOURS } from '@tellerline/db';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

export { BANK_HOURS };

/** A local wall-clock time at the branch (UTC+8, no daylight saving). */
export const local = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
export const MON = '2026-03-02';
export const TUE = '2026-03-03';
export const WED = '2026-03-04';
export const THU = '2026-03-05';
export const FRI = '2026-03-06';

/** A clock for `startTestSystem(env, { clock })`, at 08:00 on Monday; `setTime` moves it to a local time. */
export function branchClock() {
  const clock = { t: local(MON, '08:00'), now: () => clock.t };
  const setTime = (date: string, hm: string) => void (clock.t = local(date, hm));
  return { clock, setTime };
}

/**
 * A test file's system on the moved clock and a bank's week (unless `overrides` say otherwise),
 * with alice (a teller) signed on at counter 1 at 08:00 on Monday and the manager logged in: what
 * the manager-screen tests start from. Registers its
 * own beforeAll / afterAll; the handles are read after beforeAll has run.
 */
export function managerAndTeller(overrides: Omit<Parameters<typeof startTestSystem>[1] & object, 'clock'> = {}, env: Record<string, string> = {}) {
  const { clock, setTime } = branchClock();
  const at = {} as { sys: TestSystem; alice: HttpClient; manager: HttpClient };
  beforeAll(async () => {
    at.sys = await startTestSystem({ TRUST_PROXY: 'true', ...env }, { demoOpeningHours: BANK_HOURS, ...overrides, clock });
    at.alice = new HttpClient(at.sys.url);
    await at.alice.login('alice');
    at.manager = new HttpClient(at.sys.url);
    await at.manager.login('manager');
    setTime(MON, '08:00');
    expect((await at.alice.req('POST', `/api/v1/branches/${at.sys.branchId}/commands`, { type: 'sign-on', counterId: at.sys.counter('1') })).status).toBe(200);
  });
  afterAll(async () => {
    await at.sys?.close();
  });
  /** A staff command by alice. */
  const command = (type: string, extra: Record<string, unknown> = {}) => at.alice.req('POST', `/api/v1/branches/${at.sys.branchId}/commands`, { type, ...extra });
  return { clock, setTime, at, command, ...bookingHelpers(() => at.sys) };
}

export interface Booked {
  code: string;
  manageToken: string;
  startsAt: number;
  endsAt: number;
  joinUrl: string | null;
  id: string;
  /** The live state's id of the appointment (its calendar entry, its ticket once checked in). */
  ticketId: string;
}

/**
 * Helpers over the test system `sys()` returns: read on every call, since the handle is made in
 * `beforeAll` and its `system` changes on `restart()`. Phone numbers and caller addresses count
 * up per call of this function (one per test file).
 */
export function bookingHelpers(sys: () => TestSystem) {
  let phoneSeq = 0;
  let ipSeq = 0;
  const parts = () => sys().system.parts;

  const anyone = () => new HttpClient(sys().system.url());
  const kiosk = () => new HttpClient(sys().system.url(), { authorization: `Bearer ${sys().kioskToken}` });
  const branchPath = (p: string) => `/api/v1/branches/${sys().branchId}${p}`;
  const contact = (over: Record<string, unknown> = {}) => ({ name: `Customer ${++phoneSeq}`, phone: `+86 139 0000 ${String(1000 + phoneSeq)}`, language: 'en', consent: true, ...over });
  /** A caller address of its own (TRUST_PROXY is on), so the per-IP booking limit is not shared. */
  const freshIp = () => ({ 'x-forwarded-for': `198.51.${100 + Math.floor(++ipSeq / 250)}.${ipSeq % 250}` });

  async function book(serviceCode: string, startsAt: number, extra: Record<string, unknown> = {}) {
    return anyone().req('POST', '/api/v1/appointments', { branchId: sys().branchId, serviceId: sys().service(serviceCode), startsAt, contact: contact(), ...extra }, freshIp());
  }
  async function booked(serviceCode: string, startsAt: number, extra: Record<string, unknown> = {}): Promise<Booked> {
    const r = await book(serviceCode, startsAt, extra);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const appointment = (await parts().db.booking.findByManageToken(r.body.data.manageToken))!;
    return { ...(r.body.data as Omit<Booked, 'id' | 'ticketId'>), id: appointment.id, ticketId: `ap-${appointment.id}` };
  }

  /** The branch's live state. */
  const live = async () => (await parts().store.load(sys().branchId))!;

  /** Runs a delayed job now (the test's clock has moved, BullMQ's has not) and returns its outcome. */
  async function runNow(jobId: string) {
    const { queue } = parts().queues;
    const job = await queue.getJob(jobId);
    expect(job, `job ${jobId}`).toBeDefined();
    await job!.promote();
    return waitFor(`job ${jobId}`, async () => {
      const state = await queue.getJobState(jobId);
      if (state !== 'completed' && state !== 'failed') return null;
      // Read the job after it finished: a copy read while it ran has no return value yet.
      const j = (await queue.getJob(jobId))!;
      return { state, value: (state === 'completed' ? j.returnvalue : j.failedReason) as unknown };
    });
  }

  /**
   * Waits until the notice queue has no consent link left to send (they go out in the
   * background, a failed one again after a backoff): what was to be texted has been by then.
   */
  async function consentLinksSent(): Promise<void> {
    const { queue } = parts().notices.queue;
    await waitFor('the consent links to be sent', async () => (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized'])).every((j) => j.name !== 'consent-link'));
  }

  return { anyone, kiosk, branchPath, contact, freshIp, book, booked, live, runNow, consentLinksSent };
}
