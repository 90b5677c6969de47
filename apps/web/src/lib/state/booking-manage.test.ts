import type { AppointmentView } from '@tellerline/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MANAGE_WATCH_MS, ManagedAppointment } from './booking-manage.svelte.js';

const NOW = Date.UTC(2026, 11, 1, 1, 50);
const token = 'm'.repeat(32);

/** A 10:00 (Shanghai) booking as GET /appointments/:token shows it; check-in 09:30–10:15. */
function appointment(over: Partial<AppointmentView> = {}): AppointmentView {
  const startsAt = Date.UTC(2026, 11, 1, 2, 0);
  return {
    code: 'ABC23D',
    manageToken: token,
    branchId: 'b1',
    serviceId: 'svc-a',
    startsAt,
    endsAt: startsAt + 15 * 60_000,
    channel: 'branch',
    joinUrl: null,
    state: 'booked',
    cancelledBy: null,
    icsUrl: '/x.ics',
    branch: { id: 'b1', name: { zh: '网点', en: 'Branch' }, address: { zh: null, en: null }, timezone: 'Asia/Shanghai' },
    service: { id: 'svc-a', code: 'A', name: { zh: '现金', en: 'Cash' }, documents: { zh: [], en: [] } },
    localDate: '2026-12-01',
    localTime: '10:00',
    contact: { phoneMasked: '139****1234', emailMasked: null, language: 'zh' },
    checkIn: { opensAt: startsAt - 30 * 60_000, keepsSlotUntil: startsAt + 15 * 60_000, closesAt: startsAt + 15 * 60_000 },
    now: NOW,
    ticket: null,
    lateArrival: false,
    canReschedule: true,
    canCancel: true,
    ...over,
  };
}

const cancelled = (): AppointmentView => appointment({ state: 'cancelled', cancelledBy: 'customer', canReschedule: false, canCancel: false });
const checkedIn = (): AppointmentView => appointment({ state: 'checked-in', ticket: { token: 't'.repeat(32), number: 'A001' }, canReschedule: false, canCancel: false });

const respond = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (code: string) => respond(409, { error: { code, message: code } });

/** The server: the booking as stored now, and what each POST answers. */
const server = {
  booking: appointment(),
  posts: new Map<string, () => Response>(),
  gets: 0,
};
const page = { visibilityState: 'visible' as 'visible' | 'hidden' };

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  server.booking = appointment();
  server.posts.clear();
  server.gets = 0;
  page.visibilityState = 'visible';
  vi.stubGlobal('document', Object.defineProperty(new EventTarget(), 'visibilityState', { get: () => page.visibilityState }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit) => {
      if (init.method === 'GET' && path.includes('/slots')) {
        return respond(200, { data: { branchId: 'b1', serviceId: 'svc-a', timezone: 'Asia/Shanghai', days: [] } });
      }
      if (init.method === 'GET') {
        server.gets++;
        return respond(200, { data: server.booking });
      }
      const action = path.split('/').pop() ?? '';
      const answer = server.posts.get(action);
      return answer ? answer() : refusal('INTERNAL');
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function opened(): Promise<ManagedAppointment> {
  const a = new ManagedAppointment(token);
  await a.refresh();
  expect(a.view?.state).toBe('booked');
  return a;
}

describe('the manage page after a refused action', () => {
  it('cancelled in another tab: 改约 is refused and the page shows the booking cancelled, without the picker or the buttons', async () => {
    const a = await opened();
    await a.openReschedule();
    expect(a.slots).not.toBeNull();
    server.booking = cancelled();
    server.posts.set('reschedule', () => refusal('APPOINTMENT_CANCELLED'));

    expect(await a.reschedule({ startsAt: 1, endsAt: 2, time: '11:00', remaining: 1 })).toBe(false);
    expect(a.error).toBe('APPOINTMENT_CANCELLED');
    expect(a.view?.state).toBe('cancelled');
    expect(a.view?.canReschedule).toBe(false);
    expect(a.view?.canCancel).toBe(false);
    expect(a.slots).toBeNull();
  });

  it('cancelled in another tab: pressing 改约 is refused, no picker opens and the page shows it cancelled', async () => {
    const a = await opened();
    server.booking = cancelled();
    vi.mocked(fetch).mockImplementationOnce(async () => refusal('APPOINTMENT_CANCELLED'));
    await a.openReschedule();
    expect(a.error).toBe('APPOINTMENT_CANCELLED');
    expect(a.slots).toBeNull();
    expect(a.view?.state).toBe('cancelled');
  });

  it('cancelled in another tab: a second cancel is refused and the page shows it cancelled', async () => {
    const a = await opened();
    server.booking = cancelled();
    server.posts.set('cancel', () => refusal('APPOINTMENT_CANCELLED'));
    await a.cancel();
    expect(a.error).toBe('APPOINTMENT_CANCELLED');
    expect(a.view?.state).toBe('cancelled');
  });

  it('checked in at the kiosk: "I’m here" is refused and the page shows the queue number', async () => {
    const a = await opened();
    server.booking = checkedIn();
    server.posts.set('check-in', () => refusal('APPOINTMENT_CHECKED_IN'));
    expect(await a.checkIn()).toBeNull();
    expect(a.error).toBe('APPOINTMENT_CHECKED_IN');
    expect(a.view?.state).toBe('checked-in');
    expect(a.view?.ticket?.number).toBe('A001');
    expect(a.checkInOffered).toBe(false);
  });

  it('no answer at all (offline): the page keeps what it shows and says so', async () => {
    const a = await opened();
    vi.mocked(fetch).mockRejectedValue(new TypeError('Failed to fetch'));
    await a.cancel();
    expect(a.error).toBe('NO_CONNECTION');
    expect(a.load).toBe('ready');
    expect(a.view?.state).toBe('booked');
  });
});

describe('the manage page left open', () => {
  it('reads the booking again when it becomes visible (cancelled elsewhere meanwhile)', async () => {
    const a = await opened();
    const stop = a.watch();
    page.visibilityState = 'hidden';
    server.booking = cancelled();
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(a.view?.state).toBe('booked');

    page.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(a.view?.state).toBe('cancelled');
    stop();
  });

  it('while "I’m here" is offered and the screen stays on, a kiosk check-in takes the button away', async () => {
    const a = await opened();
    expect(a.checkInOffered).toBe(true);
    const stop = a.watch();
    server.booking = checkedIn();
    await vi.advanceTimersByTimeAsync(MANAGE_WATCH_MS);
    expect(a.view?.state).toBe('checked-in');
    expect(a.checkInOffered).toBe(false);

    // Nothing left to wait for on this page: no more reads.
    const reads = server.gets;
    await vi.advanceTimersByTimeAsync(5 * MANAGE_WATCH_MS);
    expect(server.gets).toBe(reads);
    stop();
  });

  it('does not poll before the window opens, nor once stopped', async () => {
    server.booking = appointment({ now: NOW - 3 * 60 * 60_000 });
    vi.setSystemTime(NOW - 3 * 60 * 60_000);
    const a = await opened();
    expect(a.checkInPhase).toBe('early');
    const stop = a.watch();
    const reads = server.gets;
    await vi.advanceTimersByTimeAsync(4 * MANAGE_WATCH_MS);
    expect(server.gets).toBe(reads);
    stop();
    page.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.gets).toBe(reads);
  });

  it('a read that fails keeps the page as it is', async () => {
    const a = await opened();
    vi.mocked(fetch).mockRejectedValue(new TypeError('Failed to fetch'));
    await a.reload();
    expect(a.load).toBe('ready');
    expect(a.view?.state).toBe('booked');
  });
});
