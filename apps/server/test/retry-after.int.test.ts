/**
 * Refusals by a rate limit (429 RATE_LIMITED) say when to come back, the standard way: a
 * Retry-After header in seconds (also `error.details.retryAfterSec`). Sign-in is covered in
 * auth.int.test.ts; here the booking page's limits, per caller IP (TRUST_PROXY: X-Forwarded-For).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_WINDOW_SEC, BOOKINGS_PER_IP, REMOTE_JOIN_WINDOW_SEC, REMOTE_JOINS_PER_IP } from '../src/usecases/booking-rate-limit.js';
import { branchClock, local, MON } from './booking-support.js';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

const { clock, setTime } = branchClock();
let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' }, { clock });
});
afterAll(async () => {
  await sys?.close();
});

function expectRetryAfter(res: Awaited<ReturnType<HttpClient['req']>>, windowSec: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(res.body.error.code).toBe('RATE_LIMITED');
  const header = res.headers.get('retry-after');
  expect(header).toMatch(/^[1-9][0-9]*$/);
  expect(Number(header)).toBeLessThanOrEqual(windowSec);
  expect(res.body.error.details).toEqual({ retryAfterSec: Number(header) });
}

describe('Retry-After on rate-limited booking requests', () => {
  it('booking attempts: past the limit per IP', async () => {
    setTime(MON, '08:00');
    const from = { 'x-forwarded-for': '203.0.113.91' };
    const client = new HttpClient(sys.url);
    // Refused attempts count too (a Sunday: closed); the answers before the limit carry no Retry-After.
    const attempt = (n: number) =>
      client.req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local('2026-03-08', '10:00'), contact: { phone: `+86 139 0000 ${2000 + n}`, language: 'en', consent: true } }, from);
    for (let i = 0; i < BOOKINGS_PER_IP; i++) {
      const r = await attempt(i);
      expect(r.status, JSON.stringify(r.body)).not.toBe(429);
      expect(r.headers.get('retry-after')).toBeNull();
    }
    expectRetryAfter(await attempt(BOOKINGS_PER_IP), BOOKING_WINDOW_SEC);
  });

  it('remote queue joins: past the limit per IP and branch', async () => {
    setTime(MON, '10:00');
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const on = await manager.saveBookingSettings(`/api/v1/branches/${sys.branchId}/booking/settings`, { settings: { remoteQueue: true } });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const from = { 'x-forwarded-for': '203.0.113.92' };
    const join = () => new HttpClient(sys.url).req('POST', `/api/v1/branches/${sys.branchId}/remote-tickets`, { serviceId: sys.service('A'), lang: 'en' }, from);
    for (let i = 0; i < REMOTE_JOINS_PER_IP; i++) {
      const r = await join();
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.headers.get('retry-after')).toBeNull();
    }
    expectRetryAfter(await join(), REMOTE_JOIN_WINDOW_SEC);
  });
});
