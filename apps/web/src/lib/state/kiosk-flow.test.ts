import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceQueueView } from '@tellerline/contracts';
import { KioskFlow } from './kiosk-flow.svelte.js';
import { contactFor, contactProblem, retryable } from './kiosk-logic.js';

const service: ServiceQueueView = {
  serviceId: 'svc-a',
  code: 'A',
  name: { zh: '个人现金业务', en: 'Personal cash' },
  waiting: 0,
  longestWaitMin: 0,
  targetMin: 10,
  wait: { lowMin: 2, highMin: 4, expectedMin: 3 },
  noStaff: false,
  walkIns: true,
};

const issued = { token: 'tok'.repeat(8), ticketId: 't1', view: { number: 'A001' } };

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

/** A kiosk whose first request's answer is lost (network failure) and whose next one issues. */
function lostThenIssued() {
  const fetch = vi
    .fn()
    .mockRejectedValueOnce(new TypeError('Failed to fetch'))
    .mockResolvedValueOnce(respond(201, { data: issued }));
  vi.stubGlobal('fetch', fetch);
  const flow = new KioskFlow('b1', 'tok', () => {});
  flow.chooseService(service);
  return { fetch, flow };
}

/** A kiosk on the contact step whose ticket request is held until the test answers it. */
function heldIssue() {
  const held: { answer?: (r: Response) => void } = {};
  const fetch = vi.fn(() => new Promise<Response>((r) => (held.answer = r)));
  vi.stubGlobal('fetch', fetch);
  const flow = new KioskFlow('b1', 'device-token', () => {});
  flow.begin();
  flow.chooseService(service);
  return { fetch, flow, answer: (r: Response) => held.answer!(r) };
}

describe('KioskFlow', () => {
  it('one ticket for two quick taps: the second is ignored while the first is in flight', async () => {
    const { fetch, flow, answer } = heldIssue();
    const first = flow.issue('zh');
    const second = flow.issue('zh');
    expect(flow.issuing).toBe(true);
    answer(respond(201, { data: issued }));
    await Promise.all([first, second]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(flow.step).toBe('ticket');
    expect(flow.issuing).toBe(false);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/branches/b1/tickets');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer device-token');
    expect(JSON.parse(init.body as string)).toEqual({ serviceId: 'svc-a', priority: 'normal', lang: 'zh', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  });

  it('a network failure shows an error and "try again" resends the same request', async () => {
    const { fetch, flow } = lostThenIssued();
    await flow.issue('en', { phone: '13800138000', consent: true });
    expect(flow.error).toBe('NO_CONNECTION');
    expect(flow.step).toBe('contact');
    await flow.retry('en');
    expect(flow.error).toBeNull();
    expect(flow.step).toBe('ticket');
    const sent = fetch.mock.calls.map((c) => JSON.parse((c as [string, RequestInit])[1].body as string));
    expect(sent[1].contact).toEqual({ phone: '13800138000', consent: true });
    // Same request id: if the first request did reach the server, the retry gets that ticket.
    expect(sent[1].requestId).toBe(sent[0].requestId);
  });

  it('a lost answer followed by a second touch of the button still resends the same request id', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(respond(500, { error: { code: 'INTERNAL', message: 'boom' } }))
      .mockResolvedValueOnce(respond(200, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('zh');
    await flow.issue('zh');
    expect(flow.error).toBe('INTERNAL');
    flow.back();
    flow.chooseService(service); // back and the same service again: still the same request
    await flow.issue('zh');
    expect(flow.step).toBe('ticket');
    const ids = fetch.mock.calls.map((c) => JSON.parse((c as [string, RequestInit])[1].body as string).requestId as string);
    expect(new Set(ids).size).toBe(1);
  });

  it('each new customer (and each new choice of service) gets a new request id', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(respond(201, { data: issued }))
      .mockResolvedValueOnce(respond(201, { data: issued }))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(respond(409, { error: { code: 'BRANCH_CLOSED', message: 'closed' } }))
      .mockResolvedValueOnce(respond(201, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('zh');
    flow.reset();
    flow.chooseService(service);
    await flow.issue('zh');
    flow.reset();
    flow.chooseService(service);
    await flow.issue('zh'); // lost; the customer then changes their mind
    flow.back();
    flow.chooseService({ ...service, serviceId: 'svc-b', code: 'B' });
    await vi.waitFor(() => expect(flow.issuing).toBe(false)); // the lost one asked again: refused, so no ticket
    expect([flow.step, flow.service?.serviceId]).toEqual(['contact', 'svc-b']);
    await flow.issue('zh');
    const ids = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string).requestId as string);
    expect(ids).toHaveLength(5);
    expect(ids[3]).toBe(ids[2]);
    expect(new Set(ids).size).toBe(4);
  });

  it('a contact the server refuses is no "try again": the corrected one goes as a new request', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(respond(400, { error: { code: 'VALIDATION_FAILED', message: 'contact.email: Invalid email address' } }))
      .mockResolvedValueOnce(respond(201, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('en', { email: 'li@mail', consent: true });
    expect(flow.error).toBe('VALIDATION_FAILED');
    expect(retryable(flow.error!)).toBe(false);
    expect(contactProblem(contactFor({ kind: 'email', value: 'li@mail', consent: true }), true, flow.error)).toBe('invalid');
    await flow.issue('en', { email: 'li@mail.cn', consent: true });
    expect(flow.step).toBe('ticket');
    const ids = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string).requestId as string);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('after a lost answer, changed contact details go under the same id: issued when the first never arrived', async () => {
    const { fetch, flow } = lostThenIssued();
    await flow.issue('zh', { phone: '13800138000', consent: true });
    await flow.issue('zh');
    const sent = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string));
    expect(sent).toHaveLength(2);
    expect(sent[1].requestId).toBe(sent[0].requestId);
    expect(sent[1].contact).toBeUndefined();
    expect(flow.step).toBe('ticket');
    expect(flow.contactNotKept).toBe(false);
  });

  it('after a lost answer, changed contact details never make a second ticket when the first was issued', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch')) // issued, but the answer was lost
      .mockResolvedValueOnce(respond(409, { error: { code: 'REQUEST_ID_REUSED', message: 'used' } }))
      .mockResolvedValueOnce(respond(200, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('en');
    await flow.issue('en', { phone: '13800138000', consent: true });
    const sent = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string));
    expect(sent).toHaveLength(3);
    // The third asks again exactly as the first did, and gets the ticket the first issued.
    expect(sent[2]).toEqual(sent[0]);
    expect(flow.step).toBe('ticket');
    expect(flow.ticket).toEqual(issued);
    expect(flow.error).toBeNull();
    expect(flow.contactNotKept).toBe(true);
    flow.reset();
    expect(flow.contactNotKept).toBe(false);
  });

  it('still one ticket when the refusal of the changed request is lost too', async () => {
    const reused = () => respond(409, { error: { code: 'REQUEST_ID_REUSED', message: 'used' } });
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch')) // phone A: issued, answer lost
      .mockRejectedValueOnce(new TypeError('Failed to fetch')) // phone B: refused as reused, answer lost
      .mockResolvedValueOnce(reused()) // phone B again: refused
      .mockResolvedValueOnce(respond(200, { data: issued })); // phone A again: its ticket
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('zh', { phone: '13800138000', consent: true });
    await flow.issue('zh', { phone: '13900139000', consent: true });
    expect(flow.error).toBe('NO_CONNECTION');
    await flow.issue('zh', { phone: '13900139000', consent: true });
    const sent = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string));
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((b) => b.requestId)).size).toBe(1);
    expect(sent[3]).toEqual(sent[0]);
    expect(flow.step).toBe('ticket');
    expect(flow.ticket).toEqual(issued);
    expect(flow.contactNotKept).toBe(true);
  });

  it("the kiosk's issue cap says to wait a minute (its own message) and 'try again' resends the same request", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(respond(429, { error: { code: 'RATE_LIMITED', message: 'many tickets', details: { retryAfterSec: 60 } } }))
      .mockResolvedValueOnce(respond(201, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('zh');
    expect(flow.error).toBe('KIOSK_RATE_LIMITED');
    expect(retryable(flow.error!)).toBe(true);
    await flow.issue('zh');
    expect(flow.step).toBe('ticket');
    const ids = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string).requestId as string);
    expect(ids[1]).toBe(ids[0]);
  });

  it('a network refused for guessed device tokens says so (not the issue cap) and "try again" resends the same request', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(respond(429, { error: { code: 'RATE_LIMITED', message: 'unknown device tokens', details: { retryAfterSec: 300, cause: 'unknown-device-tokens' } } }))
      .mockResolvedValueOnce(respond(201, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('zh');
    expect(flow.error).toBe('KIOSK_NETWORK_LIMITED');
    expect(retryable(flow.error!)).toBe(true);
    await flow.issue('zh');
    expect(flow.step).toBe('ticket');
    const ids = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string).requestId as string);
    expect(ids[1]).toBe(ids[0]);
  });

  it('a priority refusal is final: no "try again"', () => {
    expect(retryable('PRIORITY_NOT_ALLOWED')).toBe(false);
  });

  it('a refused device token reports the kiosk as unpaired', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(401, { error: { code: 'UNAUTHENTICATED', message: 'no' } })));
    const rejected = vi.fn();
    const flow = new KioskFlow('b1', 'tok', rejected);
    flow.chooseService(service);
    await flow.issue('zh');
    expect(rejected).toHaveBeenCalled();
  });

  it('reset asked while a ticket is being issued waits for the answer; a ticket is then shown, not dropped', async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))));
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    const pending = flow.issue('zh', { phone: '13711112222', consent: true });
    flow.reset(true); // the idle timeout
    expect(flow.step).toBe('contact'); // the request id is kept while the server may be issuing it
    expect(flow.handingOver).toBe(true); // but the customer's details are off the screen
    answer(respond(201, { data: issued }));
    await pending;
    // The ticket is in the queue: its number goes to whoever is at the kiosk (the ticket screen's
    // own timeout then starts over), not to nobody.
    expect(flow.step).toBe('ticket');
    expect(flow.ticket).toEqual(issued);
    expect(flow.issuing).toBe(false);
    flow.reset(); // the ticket screen's timeout
    expect(flow.step).toBe('start');
    expect(flow.ticket).toBeNull();
    expect(flow.service).toBeNull();
  });

  it('reset asked while a ticket is being issued starts over once the server refuses it', async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))));
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    const pending = flow.issue('zh', { phone: '13711112222', consent: true });
    flow.reset();
    answer(respond(409, { error: { code: 'BRANCH_CLOSED', message: 'closed' } }));
    await pending;
    expect(flow.step).toBe('start');
    expect(flow.service).toBeNull();
    expect(flow.error).toBeNull();
  });
});

describe('KioskFlow while the server reconnects (503 TEMPORARILY_UNAVAILABLE)', () => {
  const away = () => respond(503, { error: { code: 'TEMPORARILY_UNAVAILABLE', message: 'reconnecting', details: { retryAfterSec: 2 } } });
  afterEach(() => vi.useRealTimers());

  it('asks the customer to wait (no error, no button) and gets the ticket by itself, under the same request id', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn().mockResolvedValueOnce(away()).mockResolvedValueOnce(away()).mockResolvedValueOnce(respond(201, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('en', { phone: '13800138000', consent: true });
    expect(flow.error).toBeNull();
    expect(flow.storeAway.away).toBe(true);
    expect(flow.step).toBe('contact');
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(flow.storeAway.away).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(flow.step).toBe('ticket');
    expect(flow.storeAway.away).toBe(false);
    const sent = fetch.mock.calls.map((c) => JSON.parse((c as [string, RequestInit])[1].body as string));
    // One customer, one ticket: every attempt is the same request.
    expect(new Set(sent.map((b) => b.requestId)).size).toBe(1);
    expect(sent.every((b) => b.lang === 'en' && b.contact?.phone === '13800138000')).toBe(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('stops asking once the idle timeout has asked once more; a customer pressing "start over" keeps waiting for their ticket', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(async () => away());
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    await flow.issue('zh');
    flow.back();
    flow.reset(); // the customer: the server may hold their ticket, so it is asked for
    await vi.advanceTimersByTimeAsync(0);
    expect([flow.step, flow.storeAway.away, flow.unsettled, fetch.mock.calls.length]).toEqual(['contact', true, true, 2]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetch).toHaveBeenCalledTimes(3);
    flow.reset(true); // they walked away: once more, then nobody is there to wait for it
    await vi.advanceTimersByTimeAsync(0);
    expect([flow.step, flow.storeAway.away, flow.service, fetch.mock.calls.length]).toEqual(['start', false, null, 4]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetch).toHaveBeenCalledTimes(4);
  });
});

describe('KioskFlow check-in', () => {
  const checkedIn = { ...issued, kind: 'appointment', late: false, appointmentAt: 1, code: 'ABC23D' };

  it('a scanned manage link checks in by its token, from the welcome screen', async () => {
    const fetch = vi.fn().mockResolvedValue(respond(200, { data: checkedIn }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'device-token', () => {});
    await flow.scan('https://bank.example/a/aaaaBBBBccccDDDDeeee');
    expect(flow.step).toBe('ticket');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/branches/b1/check-in');
    expect(JSON.parse(init.body as string)).toEqual({ manageToken: 'aaaaBBBBccccDDDDeeee' });
  });

  it('a scanned phone ticket page records a remote ticket\'s arrival: confirmation step, reset to the start', async () => {
    const arrival = { ticketId: 't9', number: 'B012', arrivedAt: 5, view: { number: 'B012' } };
    const fetch = vi.fn().mockResolvedValue(respond(200, { data: arrival }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'device-token', () => {});
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=en');
    expect(flow.step).toBe('arrived');
    expect(flow.arrival).toEqual(arrival);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/branches/b1/arrive');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer device-token');
    expect(JSON.parse(init.body as string)).toEqual({ ticketToken: 'aaaaBBBBccccDDDDeeee' });
    flow.reset();
    expect([flow.step, flow.arrival]).toEqual(['start', null]);
  });

  it('a scanned paper ticket (taken in the branch) shows that it needs no check-in, not a refusal', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(respond(409, { error: { code: 'CHECK_IN_NOT_NEEDED', message: 'needs no check-in', details: { number: 'A007' } } })));
    const flow = new KioskFlow('b1', 'device-token', () => {});
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee');
    expect([flow.step, flow.scanned, flow.arrival, flow.checkInError]).toEqual(['arrived', { number: 'A007', outcome: 'not-needed' }, null, null]);
    flow.reset();
    expect([flow.step, flow.scanned]).toEqual(['start', null]);
  });

  it('another branch\'s ticket shows which branch it is for (number and branch name), not a refusal', async () => {
    const details = { number: 'B004', branchName: { zh: '北区支行', en: 'North Branch' } };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(respond(409, { error: { code: 'OTHER_BRANCH', message: 'another branch', details } })));
    const flow = new KioskFlow('b1', 'device-token', () => {});
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee');
    expect([flow.step, flow.scanned, flow.checkInError]).toEqual(['arrived', { number: 'B004', outcome: 'other-branch', branch: details.branchName }, null]);
  });

  it('a scan after a lost answer is ignored: "try again" still gets that ticket, then scans work', async () => {
    const arrival = { ticketId: 't9', number: 'B012', arrivedAt: 5, view: { number: 'B012' } };
    // The first tap's answer is lost: the server may have issued it, so its request id is kept.
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(respond(201, { data: issued }))
      .mockResolvedValue(respond(200, { data: arrival }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'device-token', () => {});
    flow.begin();
    flow.chooseService(service);
    await flow.issue('en', { phone: '13800138000', consent: true });
    expect([flow.step, flow.error]).toEqual(['contact', 'NO_CONNECTION']);
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=en');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect([flow.step, flow.error, flow.service]).toEqual(['contact', 'NO_CONNECTION', service]);
    // "Try again" resends the very same request: the ticket the server may hold reaches its customer.
    await flow.retry('en');
    expect(flow.step).toBe('ticket');
    const [, first] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    const [, again] = fetch.mock.calls[1] as unknown as [string, RequestInit];
    expect(JSON.parse(again.body as string)).toEqual(JSON.parse(first.body as string));
    // The outcome is known now: a scan from the ticket screen checks in as usual.
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=en');
    expect([flow.step, flow.arrival]).toEqual(['arrived', arrival]);
    expect((fetch.mock.calls[2] as unknown as [string])[0]).toBe('/api/v1/branches/b1/arrive');
  });

  it('a ticket scanned on the contact step after a refusal records the arrival; the refused walk-in is given up with its contact', async () => {
    const arrival = { ticketId: 't9', number: 'B012', arrivedAt: 5, view: { number: 'B012' } };
    const closed = respond(409, { error: { code: 'BRANCH_CLOSED', message: 'closed' } });
    const fetch = vi.fn().mockResolvedValueOnce(closed).mockResolvedValueOnce(respond(200, { data: arrival })).mockResolvedValue(respond(201, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'device-token', () => {});
    flow.begin();
    flow.chooseService(service);
    await flow.issue('en', { phone: '13800138000', consent: true });
    expect([flow.step, flow.error]).toEqual(['contact', 'BRANCH_CLOSED']);
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=en');
    expect([flow.step, flow.arrival, flow.service, flow.error]).toEqual(['arrived', arrival, null, null]);
    expect((fetch.mock.calls[1] as unknown as [string])[0]).toBe('/api/v1/branches/b1/arrive');
    // "Try again" has nothing left to send: the next customer starts afresh, with a new request.
    await flow.retry('en');
    expect(fetch).toHaveBeenCalledTimes(2);
    flow.reset();
    flow.begin();
    flow.chooseService(service);
    await flow.issue('en');
    const [, first] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    const [, next] = fetch.mock.calls[2] as unknown as [string, RequestInit];
    expect(JSON.parse(next.body as string).requestId).not.toBe(JSON.parse(first.body as string).requestId);
    expect(JSON.parse(next.body as string).contact).toBeUndefined();
  });

  it('a scan while a ticket is being issued is ignored: the ticket is shown', async () => {
    const { fetch, flow, answer } = heldIssue();
    const issuing = flow.issue('zh');
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee');
    answer(respond(201, { data: issued }));
    await issuing;
    expect([flow.step, fetch.mock.calls.length]).toEqual(['ticket', 1]);
  });

  it('an unknown ticket link is refused on the appointment screen, with the server\'s code', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(respond(404, { error: { code: 'UNKNOWN_TICKET', message: 'No remote-queue ticket' } })));
    const flow = new KioskFlow('b1', 'device-token', () => {});
    await flow.scan('https://bank.example/t/aaaaBBBBccccDDDDeeee');
    expect(flow.step).toBe('appointment');
    expect(flow.checkInError?.code).toBe('UNKNOWN_TICKET');
    expect(flow.arrival).toBeNull();
  });

  it('a refusal keeps its details and shows on the appointment screen; nonsense is not sent', async () => {
    const details = { opensAt: '2026-03-02T09:00:00+08:00', opensAtLocal: '09:00' };
    const fetch = vi.fn().mockResolvedValue(respond(409, { error: { code: 'CHECK_IN_TOO_EARLY', message: 'Check-in opens at 09:00', details } }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'device-token', () => {});
    await flow.scan('abc23d');
    expect(flow.step).toBe('appointment');
    expect(JSON.parse((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string)).toEqual({ code: 'ABC23D' });
    expect(flow.checkInError).toEqual({ code: 'CHECK_IN_TOO_EARLY', message: 'Check-in opens at 09:00', details });
    await flow.checkIn('not a code');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(flow.checkInError?.code).toBe('VALIDATION_FAILED');
  });

  it('"start over" pressed while checking in: the checked-in ticket is shown, not dropped', async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))));
    const flow = new KioskFlow('b1', 'device-token', () => {});
    flow.openAppointment();
    const pending = flow.checkIn('ABC23D');
    flow.reset(); // the appointment screen's "start over" while the branch takes no walk-ins
    expect(flow.step).toBe('appointment');
    answer(respond(200, { data: checkedIn }));
    await pending;
    expect(flow.step).toBe('ticket');
    expect(flow.ticket).toEqual(checkedIn);
  });
});

describe('KioskFlow moving on after a lost ticket answer', () => {
  const lost = () => new TypeError('Failed to fetch');
  const bodies = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string));
  const serviceB: ServiceQueueView = { ...service, serviceId: 'svc-b', code: 'B' };

  /** A customer whose "get my ticket" answer was lost (the server may hold it), then Back to the services. */
  async function lostOnServices(fetch: ReturnType<typeof vi.fn>) {
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.begin();
    flow.chooseService(service);
    await flow.issue('en', { phone: '13800138000', consent: true });
    expect([flow.step, flow.error]).toEqual(['contact', 'NO_CONNECTION']);
    flow.back();
    return flow;
  }

  it('"start over" asks for the lost ticket first, under the same request id, and shows it', async () => {
    const fetch = vi.fn().mockRejectedValueOnce(lost()).mockResolvedValueOnce(respond(201, { data: issued }));
    const flow = await lostOnServices(fetch);
    flow.reset();
    expect([flow.step, flow.issuing]).toEqual(['contact', true]); // "Getting your ticket…"
    await vi.waitFor(() => expect(flow.step).toBe('ticket'));
    expect(flow.ticket).toEqual(issued);
    const [first, again] = bodies(fetch);
    expect(again).toEqual(first); // the very same request: the server answers with the ticket it holds, never a second
    flow.reset();
    expect([flow.step, flow.ticket, flow.service]).toEqual(['start', null, null]);
  });

  it('another service: the lost ticket is shown if the server holds it; once refused, the other service is chosen', async () => {
    const held = vi.fn().mockRejectedValueOnce(lost()).mockResolvedValueOnce(respond(201, { data: issued }));
    let flow = await lostOnServices(held);
    flow.chooseService(serviceB);
    await vi.waitFor(() => expect(flow.step).toBe('ticket'));
    expect(flow.ticket).toEqual(issued);
    expect(bodies(held)[1]).toEqual(bodies(held)[0]);

    const refused = vi
      .fn()
      .mockRejectedValueOnce(lost())
      .mockResolvedValueOnce(respond(409, { error: { code: 'BRANCH_CLOSED', message: 'closed' } }))
      .mockResolvedValueOnce(respond(201, { data: issued }));
    flow = await lostOnServices(refused);
    flow.chooseService(serviceB);
    await vi.waitFor(() => expect(flow.issuing).toBe(false));
    // No ticket was issued: the customer is on the other service's contact step, with a new request.
    expect([flow.step, flow.service, flow.error]).toEqual(['contact', serviceB, null]);
    await flow.issue('en');
    const sent = bodies(refused);
    expect(sent[1].requestId).toBe(sent[0].requestId);
    expect([sent[2].serviceId, sent[2].contact]).toEqual(['svc-b', undefined]);
    expect(sent[2].requestId).not.toBe(sent[0].requestId);
  });

  it('no answer again: the customer stays with "try again", which then gets the ticket', async () => {
    const fetch = vi.fn().mockRejectedValueOnce(lost()).mockRejectedValueOnce(lost()).mockResolvedValueOnce(respond(201, { data: issued }));
    const flow = await lostOnServices(fetch);
    flow.reset();
    await vi.waitFor(() => expect(flow.issuing).toBe(false));
    expect([flow.step, flow.error, flow.unsettled, flow.service]).toEqual(['contact', 'NO_CONNECTION', true, service]);
    // The appointment screen is no way around it either.
    flow.back();
    flow.openAppointment();
    await vi.waitFor(() => expect(flow.step).toBe('ticket'));
    expect(new Set(bodies(fetch).map((b) => b.requestId)).size).toBe(1);
    expect(flow.unsettled).toBe(false);
  });

  it('the idle timeout asks once more with nothing of the customer on screen; no answer: the next customer starts afresh', async () => {
    let answer!: (r: Response | Error) => void;
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(lost())
      .mockImplementationOnce(() => new Promise<Response>((resolve, reject) => (answer = (r) => (r instanceof Error ? reject(r) : resolve(r)))))
      .mockResolvedValue(respond(201, { data: issued }));
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.begin();
    flow.chooseService(service);
    await flow.issue('en', { phone: '13800138000', consent: true });
    flow.reset(true);
    expect([flow.handingOver, flow.issuing]).toEqual([true, true]);
    answer(lost());
    await vi.waitFor(() => expect(flow.step).toBe('start'));
    expect([flow.handingOver, flow.service, flow.error, flow.unsettled]).toEqual([false, null, null, false]);
    // The next customer: a new request, nothing of the last one's contact.
    flow.begin();
    flow.chooseService(service);
    await flow.issue('zh');
    const sent = bodies(fetch);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[2].requestId).not.toBe(sent[0].requestId);
    expect(sent[2].contact).toBeUndefined();
  });

  it('the idle timeout shows the lost ticket when the server holds it (a number only)', async () => {
    const fetch = vi.fn().mockRejectedValueOnce(lost()).mockResolvedValueOnce(respond(201, { data: issued }));
    const flow = await lostOnServices(fetch);
    flow.reset(true);
    expect(flow.handingOver).toBe(true);
    await vi.waitFor(() => expect(flow.step).toBe('ticket'));
    expect([flow.ticket, flow.handingOver]).toEqual([issued, false]);
  });
});

/** A fetch that never answers (a request held by a flaky lobby network) until it is aborted. */
function hangingFetch() {
  return vi.fn(
    (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
  );
}

describe('KioskFlow when the network holds a request', () => {
  afterEach(() => vi.useRealTimers());

  it('a ticket request unanswered for 20 s fails as "no connection"; "try again" resends the same request id', async () => {
    vi.useFakeTimers();
    const fetch = hangingFetch();
    vi.stubGlobal('fetch', fetch);
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    const pending = flow.issue('zh', { phone: '13711112222', consent: true });
    await vi.advanceTimersByTimeAsync(19_000);
    expect(flow.issuing).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    await pending;
    expect(flow.issuing).toBe(false);
    expect(flow.error).toBe('NO_CONNECTION');
    fetch.mockResolvedValueOnce(respond(201, { data: issued }));
    await flow.retry('zh');
    expect(flow.step).toBe('ticket');
    const ids = fetch.mock.calls.map((c) => JSON.parse(c[1]!.body as string).requestId);
    expect(ids[1]).toBe(ids[0]); // a late first answer is the same ticket, not a second one
  });

  it('the idle reset during a held ticket request clears the screen once the request gives up', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch());
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.chooseService(service);
    const pending = flow.issue('zh', { phone: '13711112222', consent: true });
    flow.reset(true);
    await vi.advanceTimersByTimeAsync(20_000);
    await pending;
    expect(flow.step).toBe('start');
    expect(flow.handingOver).toBe(false);
    expect(flow.service).toBeNull();
    expect(flow.error).toBeNull();
  });

  it('a held check-in fails as "no connection" after 20 s, and a reset asked meanwhile then starts over', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch());
    const flow = new KioskFlow('b1', 'tok', () => {});
    flow.openAppointment();
    const first = flow.checkIn('ABC23D');
    await vi.advanceTimersByTimeAsync(20_000);
    await first;
    expect(flow.checkingIn).toBe(false);
    expect(flow.checkInError?.code).toBe('NO_CONNECTION');
    const second = flow.checkIn('ABC23D');
    flow.reset();
    expect(flow.step).toBe('appointment');
    await vi.advanceTimersByTimeAsync(20_000);
    await second;
    expect(flow.step).toBe('start');
    expect(flow.checkInError).toBeNull();
  });
});
