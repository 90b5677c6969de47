import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffQueueSnapshot } from '@tellerline/contracts';
import { StaffPanel } from './staff-panel.svelte.js';
import { memoryStorage } from '../testing/memory-storage.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const BRANCH = '/api/v1/branches/b1';

/** Alice (s1) at counter 1, holding A003 (`status`), or with nobody at her desk. */
function snapshot(seq: number, status: 'called' | 'serving' | null): StaffQueueSnapshot {
  const ticket = { id: 't1', number: 'A003', serviceId: 'A', kind: 'walk-in', priority: 'normal', waitedMin: 0, targetMin: 10, counterId: 'c1', staffId: 's1', recalls: 0, transfers: 0, appointmentAt: null, reservedCounterId: null, callReason: null } as const;
  return {
    seq,
    tickets: status ? [{ ...ticket, status }] : [],
    staff: [{ id: 's1', status: status ? 'serving' : 'available', counterId: 'c1', ticketId: status ? 't1' : null, pauseReason: null, displayName: 'Alice', skills: {} }],
    services: [],
    counters: [],
  };
}

/** Answers by method and path; records what was asked. */
function server(routes: Record<string, () => Response>) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      asked.push(key);
      const answer = routes[key];
      return answer ? answer() : json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    }),
  );
  return asked;
}

function panel(): StaffPanel {
  const p = new StaffPanel();
  p.me = { userId: 'u1', username: 'alice', displayName: 'Alice', role: 'staff', branchId: 'b1', staffId: 's1' } as StaffPanel['me'];
  return p;
}

afterEach(() => vi.unstubAllGlobals());

describe('StaffPanel service record', () => {
  it.each([
    ['cancelled', 'cancelled'],
    ['no-show', 'no-show'],
    ['done', 'gone'],
  ] as const)('keeps unsaved notes when the called customer leaves by another hand (visit %s), and says why', async (status, why) => {
    // My record's endpoint says how the visit ended once it has; the panel never opens the report.
    let ended: { status: typeof status } | null = null;
    const asked = server({ [`GET ${BRANCH}/tickets/t1/record`]: () => json(200, { data: { record: null, visit: ended } }) });
    const p = panel();
    p.apply(snapshot(1, 'called'));
    const draft = p.record!;
    expect(draft.ticketId).toBe('t1');
    await vi.waitFor(() => expect(draft.loading).toBe(false));
    draft.notes = 'Card swallowed by ATM 3; call back';
    draft.outcome = 'follow-up';
    // The customer cancels on their phone, or the no-show timer fires: the ticket is simply gone.
    ended = { status };
    p.apply(snapshot(2, null));
    expect(p.record).toBe(draft);
    expect([draft.finished, draft.dirty, draft.notes]).toEqual([true, true, 'Card swallowed by ATM 3; call back']);
    await vi.waitFor(() => expect(draft.ended).toBe(why));
    // One question for both: the draft's line and, for a cancellation, the panel's notice.
    expect(p.notice).toEqual(why === 'cancelled' ? { kind: 'cancelled', number: 'A003' } : null);
    expect(asked.filter((a) => a === `GET ${BRANCH}/tickets/t1/record`)).toHaveLength(2);
    expect(asked).not.toContain(`GET ${BRANCH}/tickets/t1/report`);
  });

  it('brings unsaved notes back after a reload of the tab, and drops them when the teller signs out', async () => {
    const saved = { ticketId: 't1', staffId: 's1', staffName: 'Alice', notes: 'Wants a new card', outcome: 'resolved', updatedAt: 1000 };
    server({
      [`GET ${BRANCH}/tickets/t1/record`]: () => json(200, { data: { record: null, visit: null } }),
      [`PUT ${BRANCH}/tickets/t1/record`]: () => json(200, { data: saved }),
      ['POST /api/v1/auth/logout']: () => json(200, { data: {} }),
    });
    const storage = memoryStorage();
    const before = panel();
    before.drafts = storage;
    before.apply(snapshot(1, 'serving'));
    before.record!.notes = 'Wants a new card';
    before.record!.remember();

    // The reloaded tab: a new panel, the same tab's storage.
    const after = panel();
    after.drafts = storage;
    after.apply(snapshot(1, 'serving'));
    await vi.waitFor(() => expect(after.record!.loading).toBe(false));
    expect([after.record!.notes, after.record!.dirty]).toEqual(['Wants a new card', true]);
    after.record!.outcome = 'resolved';
    after.record!.remember();
    expect(storage.items.size).toBe(1);
    await after.logout({ finishHeld: true });
    expect(storage.items.size).toBe(0);
    expect(goto).toHaveBeenCalledWith('/staff/login');
  });

  it('drops a kept draft whose visit ended while the tab was away', () => {
    server({});
    const storage = memoryStorage();
    const before = panel();
    before.drafts = storage;
    before.apply(snapshot(1, 'called'));
    before.record!.notes = 'typed';
    before.record!.remember();
    expect(storage.items.size).toBe(1);
    const after = panel();
    after.drafts = storage;
    after.apply(snapshot(2, null));
    expect([after.record, storage.items.size]).toEqual([null, 0]);
  });

  it('still keeps the notes, saying only that the customer left, when the reason cannot be read', async () => {
    let refused = false;
    server({
      [`GET ${BRANCH}/tickets/t1/record`]: () =>
        refused ? json(403, { error: { code: 'RECORD_NOT_YOURS', message: 'no' } }) : json(200, { data: { record: null, visit: null } }),
    });
    const p = panel();
    p.apply(snapshot(1, 'called'));
    const draft = p.record!;
    await vi.waitFor(() => expect(draft.loading).toBe(false));
    draft.notes = 'Wanted a new card';
    refused = true;
    p.apply(snapshot(2, null));
    expect(draft.ended).toBe('gone');
    // Give the refused request time to land: nothing changes.
    await new Promise((r) => setTimeout(r, 20));
    expect([p.record, draft.ended, draft.notes]).toEqual([draft, 'gone', 'Wanted a new card']);
  });

  it('lets an untouched record go when the customer leaves (the no-show timer): no notice, the desk is simply free', async () => {
    let ended: { status: 'no-show' } | null = null;
    const asked = server({ [`GET ${BRANCH}/tickets/t1/record`]: () => json(200, { data: { record: null, visit: ended } }) });
    const p = panel();
    p.apply(snapshot(1, 'called'));
    await vi.waitFor(() => expect(p.record?.loading).toBe(false));
    ended = { status: 'no-show' };
    p.apply(snapshot(2, null));
    expect(p.record).toBeNull();
    await vi.waitFor(() => expect(asked.filter((a) => a === `GET ${BRANCH}/tickets/t1/record`)).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(p.notice).toBeNull();
  });

  it.each(['called', 'serving'] as const)('tells the teller when the customer they hold (%s) cancels on their phone, with no notes to keep', async (status) => {
    let ended: { status: 'cancelled' } | null = null;
    server({ [`GET ${BRANCH}/tickets/t1/record`]: () => json(200, { data: { record: null, visit: ended } }) });
    const p = panel();
    p.apply(snapshot(1, status));
    await vi.waitFor(() => expect(p.record?.loading).toBe(false));
    // The stored visit lags the live queue: the first answer does not know yet.
    p.apply(snapshot(2, null));
    await new Promise((r) => setTimeout(r, 20));
    expect(p.notice).toBeNull();
    ended = { status: 'cancelled' };
    await vi.waitFor(() => expect(p.notice).toEqual({ kind: 'cancelled', number: 'A003' }));
    expect(p.record).toBeNull();
  });

  it('saves before my own no-show and then lets the record go, without calling it a departure', async () => {
    const asked = server({
      [`GET ${BRANCH}/tickets/t1/record`]: () => json(200, { data: { record: null, visit: null } }),
      [`PUT ${BRANCH}/tickets/t1/record`]: () => json(200, { data: { ticketId: 't1', staffId: 's1', staffName: 'Alice', notes: 'Did not come', outcome: 'not-resolved', updatedAt: 1 } }),
      [`POST ${BRANCH}/commands`]: () => json(200, { data: { seq: 2, events: [{ type: 'ticket-no-show' }] } }),
    });
    const p = panel();
    p.apply(snapshot(1, 'called'));
    p.record!.notes = 'Did not come';
    p.record!.outcome = 'not-resolved';
    const done = p.command({ type: 'no-show', ticketId: 't1' });
    await vi.waitFor(() => expect(asked).toContain(`POST ${BRANCH}/commands`));
    p.apply(snapshot(2, null));
    expect(await done).toBe(true);
    expect(p.record).toBeNull();
    expect(asked).not.toContain(`GET ${BRANCH}/tickets/t1/report`);
    // My own doing says itself: nobody is asked why the customer left.
    expect(asked.filter((a) => a === `GET ${BRANCH}/tickets/t1/record`)).toHaveLength(1);
    expect(p.notice).toEqual({ kind: 'no-show', number: 'A003', auto: false });
  });
});

describe('StaffPanel lobby work', () => {
  it('keeps the ticket it issued (number and phone-page token) and says so', async () => {
    const issued = { ticketId: 't9', number: 'A009', token: 'tok'.repeat(8), serviceId: 'A' };
    const asked = server({ [`POST ${BRANCH}/commands`]: () => json(200, { data: { seq: 2, events: [{ seq: 2, type: 'ticket-issued' }], called: null, issued } }) });
    const p = panel();
    p.apply(snapshot(1, null));
    const done = p.command({ type: 'issue-ticket', serviceId: 'A', priority: 'priority', reason: 'elderly' });
    await vi.waitFor(() => expect(asked).toContain(`POST ${BRANCH}/commands`));
    p.apply(snapshot(2, null));
    expect(await done).toBe(true);
    expect(p.issued).toEqual(issued);
    expect(p.notice).toEqual({ kind: 'issued', number: 'A009' });
  });
});

describe('StaffPanel command ids', () => {
  /** Answers POST /commands with `answers` in turn; records each body sent. */
  function commandServer(answers: (() => Response)[]) {
    const sent: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init: RequestInit = {}) => {
        if (init.method === 'POST' && path === `${BRANCH}/commands`) {
          sent.push(JSON.parse(String(init.body)) as Record<string, unknown>);
          return answers.shift()!();
        }
        return json(200, { data: snapshot(9, 'called') });
      }),
    );
    return sent;
  }
  const called = () => json(200, { data: { seq: 2, events: [{ seq: 2, type: 'ticket-called' }], called: { ticketId: 't1', number: 'A003', counterId: 'c1', reason: { rule: 'urgency', waitedMin: 0, targetMin: 10, proficiency: 1, text: 'x' } } } });
  const away = () => json(503, { error: { code: 'TEMPORARILY_UNAVAILABLE', message: 'reconnecting', details: { retryAfterSec: 3 } } });

  it('resends the same id when a press whose answer was lost is pressed again, and a new id on the next press', async () => {
    const sent = commandServer([away, called, () => json(409, { error: { code: 'STAFF_BUSY', message: 'busy' } })]);
    const p = panel();
    p.apply(snapshot(1, null));
    expect(await p.command({ type: 'call-next' })).toBe(false);
    p.apply(snapshot(2, 'called'));
    expect(await p.command({ type: 'call-next' })).toBe(true);
    expect(p.lastCall?.ticketId).toBe('t1');
    await p.command({ type: 'call-next' });
    p.storeAway.stop();
    const ids = sent.map((b) => b.commandId);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(sent.map((b) => b.type)).toEqual(['call-next', 'call-next', 'call-next']);
  });

  it('keeps the id through a network failure, but not into another command', async () => {
    const sent: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init: RequestInit = {}) => {
        if (init.method === 'POST') {
          sent.push(JSON.parse(String(init.body)) as Record<string, unknown>);
          throw new TypeError('Failed to fetch');
        }
        return json(200, { data: snapshot(9, 'called') });
      }),
    );
    const p = panel();
    p.apply(snapshot(1, 'called'));
    await p.command({ type: 'recall', ticketId: 't1' });
    await p.command({ type: 'recall', ticketId: 't1' });
    await p.command({ type: 'start', ticketId: 't1' });
    expect(p.error).toBe('NO_CONNECTION');
    expect(sent[1]!.commandId).toBe(sent[0]!.commandId);
    expect(sent[2]!.commandId).not.toBe(sent[0]!.commandId);
  });

  it('says "no connection" (not "busy") while the server is unreachable, drops it when the socket is back, and resends the press', async () => {
    let reachable = false;
    let calls = 0;
    const asked = () => calls;
    const sent: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init: RequestInit = {}) => {
        calls += 1;
        if (init.method === 'POST') sent.push(JSON.parse(String(init.body)) as Record<string, unknown>);
        if (!reachable) throw new TypeError('Failed to fetch');
        return init.method === 'POST' ? called() : json(200, { data: snapshot(2, 'called') });
      }),
    );
    const p = panel();
    p.apply(snapshot(1, null));
    p.connectionChanged('offline');
    expect(await p.command({ type: 'call-next' })).toBe(false);
    // The catch-up read the failure starts fails too (let it finish).
    await vi.waitFor(() => expect(asked()).toBe(2));
    expect(p.error).toBe('NO_CONNECTION');
    p.connectionChanged('connecting');
    expect(p.error).toBe('NO_CONNECTION');
    reachable = true;
    p.connectionChanged('online');
    expect(p.error).toBeNull();
    // The press may have reached the server before the line dropped: the same press resends its id.
    expect(await p.command({ type: 'call-next' })).toBe(true);
    expect(sent.map((b) => b.commandId)).toEqual([sent[0]!.commandId, sent[0]!.commandId]);
    expect(p.error).toBeNull();
  });
});

describe('StaffPanel while the server reconnects', () => {
  afterEach(() => vi.useRealTimers());

  it('says "reconnecting", not "Connected", while commands are refused with TEMPORARILY_UNAVAILABLE, and recovers by itself', async () => {
    vi.useFakeTimers();
    let away = true;
    const refused = () => json(503, { error: { code: 'TEMPORARILY_UNAVAILABLE', message: 'reconnecting', details: { retryAfterSec: 3 } } });
    const asked = server({
      [`POST ${BRANCH}/commands`]: refused,
      [`GET ${BRANCH}/staff-queue`]: () => (away ? refused() : json(200, { data: snapshot(5, null) })),
    });
    const p = panel();
    p.apply(snapshot(1, null));
    p.connection = 'online';
    expect(p.shownConnection).toBe('online');
    expect(await p.command({ type: 'call-next' })).toBe(false);
    expect(p.error).toBe('TEMPORARILY_UNAVAILABLE');
    expect(p.shownConnection).toBe('reconnecting');
    // It keeps checking every Retry-After seconds; once the server answers, all is well again.
    await vi.advanceTimersByTimeAsync(3000);
    expect(p.shownConnection).toBe('reconnecting');
    away = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(p.shownConnection).toBe('online');
    expect(p.error).toBeNull();
    expect(p.snapshot?.seq).toBe(5);
    const checks = asked.filter((a) => a === `GET ${BRANCH}/staff-queue`).length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(asked.filter((a) => a === `GET ${BRANCH}/staff-queue`).length).toBe(checks);
  });

  it('a socket that is down is still "offline", whatever the store does', () => {
    const p = panel();
    p.connection = 'offline';
    p.storeAway.report(null);
    expect(p.shownConnection).toBe('offline');
    p.storeAway.stop();
  });
});

describe('StaffPanel at a branch taken out of service', () => {
  it('says so instead of opening a queue nobody can sign on to, and asks nothing more', async () => {
    const me = { userId: 'u1', username: 'alice', displayName: 'Alice', role: 'staff', branchId: 'b1', staffId: 's1', mustChangePassword: false };
    const asked = server({
      'GET /api/v1/auth/me': () => json(200, { data: me }),
      [`GET ${BRANCH}`]: () => json(200, { data: { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', active: false, services: [], counters: [] } }),
    });
    const p = new StaffPanel();
    const stop = await p.start();
    expect(p.fatal).toBe('staff.fatal.branchInactive');
    expect(asked).toEqual(['GET /api/v1/auth/me', `GET ${BRANCH}`]);
    stop();
  });
});
