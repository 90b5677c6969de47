import { afterEach, describe, expect, it, vi } from 'vitest';
import { BookingFlow } from './booking-flow.svelte.js';
import { isRetryable } from './booking-logic.js';
import { bookedAppointment, bookingInfo } from './booking-test-fixtures.js';

const info = bookingInfo();
const booked = bookedAppointment;
const contact = { name: 'Wang', phone: '+86 139 0000 1234', language: 'zh' as const, consent: true as const };

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A flow at the contact step with a slot chosen (no network needed to get there). */
function atContact(): BookingFlow {
  const flow = new BookingFlow();
  flow.info = info;
  flow.service = info.services[0]!;
  flow.slot = { startsAt: 1_000_000, endsAt: 1_300_000, time: '09:00', remaining: 1 };
  flow.step = 'contact';
  return flow;
}

const sentIds = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls.map((c) => JSON.parse((c[1] as RequestInit).body as string).requestId as string);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('BookingFlow confirm', () => {
  it('retries a lost answer with the same requestId, and a new tap gets a new one', async () => {
    vi.useFakeTimers();
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(respond(201, { data: booked }))
      .mockResolvedValueOnce(respond(201, { data: booked }));
    vi.stubGlobal('fetch', fetch);
    const flow = atContact();
    const done = flow.confirm(contact);
    await vi.runAllTimersAsync();
    expect(await done).toEqual(booked);
    const [first, retry] = sentIds(fetch);
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(retry).toBe(first);

    // Answered: the next confirm is a new request.
    await flow.confirm(contact);
    expect(sentIds(fetch)[2]).not.toBe(first);
  });

  it('sends the consent to keep a visit history and the needs only when given', async () => {
    const fetch = vi.fn().mockImplementation(async () => respond(201, { data: booked }));
    vi.stubGlobal('fetch', fetch);
    const bodies = () => fetch.mock.calls.map((c) => JSON.parse((c[1] as RequestInit).body as string) as Record<string, unknown>);
    await atContact().confirm(contact);
    await atContact().confirm(contact, { keep: true, preferences: { hearing: true } });
    expect(bodies()[0]).not.toHaveProperty('history');
    expect(bodies()[1]!.history).toEqual({ keep: true, preferences: { hearing: true } });
  });

  it('keeps the key for the next tap when every retry failed, unless the request changed', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetch);
    const flow = atContact();
    const tap1 = flow.confirm(contact);
    await vi.runAllTimersAsync();
    expect(await tap1).toBeNull();
    expect(flow.error).toBe('NO_CONNECTION');
    const tap2 = flow.confirm(contact);
    await vi.runAllTimersAsync();
    await tap2;
    const ids = sentIds(fetch);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(1);

    // A different name is a different request: a new key (the old one would be REQUEST_ID_REUSED).
    const tap3 = flow.confirm({ ...contact, name: 'Wang Wei' });
    await vi.runAllTimersAsync();
    await tap3;
    expect(sentIds(fetch)[6]).not.toBe(ids[0]);
  });

  it('a refusal is an answer: not retried, and the next tap is a new request', async () => {
    const fetch = vi.fn(async () => respond(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }));
    vi.stubGlobal('fetch', fetch);
    const flow = atContact();
    expect(await flow.confirm(contact)).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(flow.error).toBe('RATE_LIMITED');
    await flow.confirm(contact);
    const ids = sentIds(fetch);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('drops a refusal once the customer edits the details, so it never stands beside a field message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(422, { error: { code: 'VALIDATION_FAILED', message: 'bad' } })));
    const flow = atContact();
    await flow.confirm(contact);
    expect(flow.error).toBe('VALIDATION_FAILED');
    flow.edited();
    expect(flow.error).toBeNull();
    // Another step's message is not the form's to drop.
    flow.step = 'error';
    flow.error = 'BRANCH_UNKNOWN';
    flow.edited();
    expect(flow.error).toBe('BRANCH_UNKNOWN');
  });

  it('knows which failures leave the outcome unknown', () => {
    expect(isRetryable('BUSY_RETRY')).toBe(true);
    expect(isRetryable('NO_CONNECTION')).toBe(true);
    expect(isRetryable('INTERNAL')).toBe(true);
    expect(isRetryable('SLOT_FULL')).toBe(false);
    expect(isRetryable('REQUEST_ID_REUSED')).toBe(false);
  });
});

describe('BookingFlow steps ("step n of N")', () => {
  it('counts the code step from the start where the branch confirms a contact, and drops it for details that need none', () => {
    const flow = atContact();
    expect(flow.steps).toEqual(['service', 'when', 'contact']);
    flow.info = { ...info, emailCheck: 'required' };
    // Before the details are given: a code may follow, so the total is 4 from the first step on.
    expect(flow.steps).toEqual(['service', 'when', 'contact', 'verify']);
    // A phone number at a branch that confirms only e-mail addresses: no code step after all.
    flow.held = { contact };
    expect(flow.steps).toEqual(['service', 'when', 'contact']);
    flow.held = { contact: { ...contact, phone: undefined, email: 'wang@example.com' } };
    expect(flow.steps).toEqual(['service', 'when', 'contact', 'verify']);
  });
});

describe('BookingFlow show (browser Back and Forward)', () => {
  it('shows a step reached before, keeping the choices, and the contact step again only with a slot', () => {
    const flow = atContact();
    flow.show('when');
    expect(flow.step).toBe('when');
    expect(flow.slot).not.toBeNull();
    flow.show('contact');
    expect(flow.step).toBe('contact');
    flow.show('service');
    expect(flow.step).toBe('service');
    expect(flow.service?.id).toBe('svc-a');

    flow.slot = null;
    flow.step = 'when';
    flow.show('contact');
    expect(flow.step).toBe('when');
    // One branch: there is no branch step to go back to.
    flow.show('branch');
    expect(flow.step).toBe('when');
  });

  it('does not move while a booking is being sent or the page is loading', () => {
    const flow = atContact();
    flow.booking = true;
    flow.show('when');
    expect(flow.step).toBe('contact');
    flow.booking = false;
    flow.step = 'loading';
    flow.show('service');
    expect(flow.step).toBe('loading');
  });
});
