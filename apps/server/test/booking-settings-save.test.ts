/**
 * The booking rules save in isolation (`saveSettings`, and the PUT route's audit), over an
 * in-memory store: the all-or-nothing order, the undo, the refusals, and the audit's failures.
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BookingSettingsBody } from '@tellerline/contracts';
import { DomainError } from '@tellerline/engine';
import { AppError, toApiError } from '../src/errors.js';
import { bookingRoutes, type BookingRouteDeps } from '../src/http/routes/booking.routes.js';
import type { Logger } from '../src/logger.js';
import { createBookingManage, type BookingManageDeps } from '../src/usecases/booking-manage.js';
import type { BookingSetup, BookingStore } from '../src/usecases/booking-ports.js';

type Update = Parameters<BookingStore['saveBookingSettings']>[1];

/** Lines a pino logger wrote, parsed. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger: logger as unknown as Logger, lines };
}

/** One branch with services A and B and staff s1, stored as raw JSON like the repository's rows. */
function memoryStore() {
  const setup: BookingSetup = {
    branchId: 'b1',
    timezone: 'Asia/Shanghai',
    name: { zh: '网点', en: 'Branch' },
    openingHours: { mon: [{ open: '09:00', close: '17:00' }] },
    settings: { minNoticeMin: 30 },
    version: 0,
    services: [
      { id: 'sa', code: 'A', name: { zh: 'A', en: 'A' }, defaultDurationMin: 10, documents: { zh: [], en: [] }, booking: { bufferAfterMin: 5 } },
      { id: 'sb', code: 'B', name: { zh: 'B', en: 'B' }, defaultDurationMin: 10, documents: { zh: [], en: [] }, booking: {} },
    ],
    staff: [{ id: 's1', displayName: 'S1', skills: { sa: 1 }, roster: null }],
  };
  const writes: Update[] = [];
  let failWrites = 0;
  const store = {
    bookingSetup: async () => structuredClone(setup),
    async saveBookingSettings(_branchId: string, update: Update, expectedVersion?: number) {
      if (expectedVersion !== undefined && expectedVersion !== setup.version) return false;
      writes.push(structuredClone(update));
      if (writes.length > 1 && failWrites-- > 0) throw new Error('database down');
      setup.version++;
      if (update.settings) setup.settings = structuredClone(update.settings);
      for (const [id, rules] of Object.entries(update.services ?? {})) setup.services.find((s) => s.id === id)!.booking = structuredClone(rules);
      for (const [id, roster] of Object.entries(update.rosters ?? {})) setup.staff.find((m) => m.id === id)!.roster = structuredClone(roster);
      return true;
    },
  } as unknown as BookingStore;
  return { store, setup, writes, failUndo: () => void (failWrites = 1) };
}

function manage(store: BookingStore, reconfigure: BookingManageDeps['reconfigure'], logger: Logger = capturingLogger().logger) {
  return createBookingManage({ store, reconfigure, logger, customers: {} as never, timers: {} as never, calendar: {} as never, clock: { now: () => 0 } });
}

/** A save as the route parses it; based on the store's first version unless it says otherwise. */
const body = (v: Record<string, unknown>) => BookingSettingsBody.parse({ version: 0, ...v });
const refusing = (code: 'CONFIG_CONFLICT' | 'BUSY_RETRY') => async () => {
  throw code === 'CONFIG_CONFLICT' ? new DomainError(code, 'Service sx still has tickets (e.g. X001).') : new AppError(code, 'busy');
};

describe('saveSettings', () => {
  it('refuses a save based on an older version with STALE_SETTINGS and what is stored now, writing nothing', async () => {
    const { store, setup, writes } = memoryStore();
    const m = manage(store, async () => undefined);
    await m.saveSettings('b1', body({ version: 0, settings: { minNoticeMin: 45 } }));
    const err = await m.saveSettings('b1', body({ version: 0, settings: { minNoticeMin: 90 } })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STALE_SETTINGS', details: { current: { version: 1, settings: { minNoticeMin: 45 } } } });
    expect(writes).toHaveLength(1);
    expect(setup.settings).toMatchObject({ minNoticeMin: 45 });
  });

  for (const code of ['CONFIG_CONFLICT', 'BUSY_RETRY'] as const) {
    it(`puts the stored rules back, exactly as stored, when the live queue refuses them (${code})`, async () => {
      const { store, setup, writes } = memoryStore();
      const before = structuredClone(setup);
      const m = manage(store, refusing(code));
      await expect(m.saveSettings('b1', body({ settings: { remoteQueue: true }, services: { sa: { walkIns: false } }, rosters: { s1: { mon: [{ open: '09:00', close: '12:00' }] } } }))).rejects.toMatchObject({ code });
      // The undo is a write too: the version moved on, the rows are as they were.
      expect({ ...setup, version: before.version }).toEqual(before);
      // The undo wrote back the raw rows (no defaults filled in), only the parts the save replaced.
      expect(writes[1]).toEqual({ settings: { minNoticeMin: 30 }, services: { sa: { bufferAfterMin: 5 } }, rosters: { s1: null } });
    });
  }

  it('logs, and still answers with the refusal, when the undo itself fails', async () => {
    const { store, failUndo } = memoryStore();
    const { logger, lines } = capturingLogger();
    failUndo();
    const m = manage(store, refusing('CONFIG_CONFLICT'), logger);
    await expect(m.saveSettings('b1', body({ services: { sa: { walkIns: false } } }))).rejects.toMatchObject({ code: 'CONFIG_CONFLICT' });
    expect(lines).toEqual([expect.objectContaining({ level: 50, branchId: 'b1', msg: expect.stringMatching(/stored and live rules now differ/) })]);
  });

  it('writes before reconfiguring (the live configuration is read from the stored one) and reports what changed', async () => {
    const { store, setup } = memoryStore();
    const seen: unknown[] = [];
    const m = manage(store, async () => void seen.push(structuredClone(setup.services[0]!.booking)));
    const saved = await m.saveSettings('b1', body({ services: { sa: { walkIns: false, bufferAfterMin: 5 } } }));
    expect(seen).toEqual([{ bookable: true, bufferBeforeMin: 0, bufferAfterMin: 5, walkIns: false, channels: ['branch'] }]);
    expect(saved.view.services.sa).toMatchObject({ walkIns: false, walkInShare: 0 });
    expect(saved.changes).toEqual({ parts: ['services'], services: [{ id: 'sa', code: 'A', changes: { walkIns: { from: true, to: false }, walkInShare: { from: 0.25, to: 0 } } }] });
  });

  it('changes nothing and reports nothing for an empty save', async () => {
    const { store, writes } = memoryStore();
    let reconfigured = 0;
    const saved = await manage(store, async () => void reconfigured++).saveSettings('b1', body({}));
    expect(saved.changes).toEqual({ parts: [] });
    expect([writes.length, reconfigured]).toEqual([0, 0]);
  });

  it('refuses built-in names as ids even past the schema: UNKNOWN_STAFF / UNKNOWN_SERVICE, not a crash', async () => {
    const { store, writes } = memoryStore();
    const m = manage(store, async () => undefined);
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const rosters = Object.defineProperty({}, id, { value: null, enumerable: true });
      const services = Object.defineProperty({}, id, { value: {}, enumerable: true });
      await expect(m.saveSettings('b1', { version: 0, rosters } as never)).rejects.toMatchObject({ code: 'UNKNOWN_STAFF' });
      await expect(m.saveSettings('b1', { version: 0, services } as never)).rejects.toMatchObject({ code: 'UNKNOWN_SERVICE' });
    }
    expect(writes).toEqual([]);
  });

  it('refuses a service with neither walk-ins nor bookings before writing anything', async () => {
    const { store, writes } = memoryStore();
    const err = await manage(store, async () => undefined)
      .saveSettings('b1', body({ services: { sa: { walkIns: false, bookable: false } } }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(toApiError(err).body.error).toMatchObject({ code: 'SERVICE_UNREACHABLE', issues: [{ path: 'services.sa.walkIns' }, { path: 'services.sa.bookable' }] });
    expect(writes).toEqual([]);
  });
});

describe('PUT booking/settings audit', () => {
  /** The booking routes alone, with a manager's session, a given save result and audit log. */
  async function serve(changes: { parts: string[] }, append: BookingRouteDeps['audit']['append']) {
    const { logger, lines } = capturingLogger();
    const app = new Koa();
    app.use(async (ctx, next) => {
      ctx.state.log = logger;
      await next();
    });
    const session = { userId: 'u1', role: 'manager' as const, branchId: 'b1', staffId: null, createdAt: 0 };
    const deps = {
      booking: { manage: { saveSettings: async () => ({ view: { settings: {}, services: {}, rosters: {} }, changes }) } },
      sessions: { touch: async () => session, peek: async () => session },
      deviceAuth: {},
      audit: { append },
      bodyLimitBytes: 10_000,
    } as unknown as BookingRouteDeps;
    app.use(bookingRoutes(deps).routes());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const put = async () => {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/branches/b1/booking/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie: 'tl_sid=abc' },
        body: '{"version":0}',
      });
      return res.status;
    };
    return { put, lines, close: () => new Promise((r) => server.close(r)) };
  }

  it('logs a failed audit append with what it would have recorded, and still answers', async () => {
    const changes = { parts: ['settings'], settings: { minNoticeMin: { from: 60, to: 120 } } };
    const s = await serve(changes, async () => {
      throw new Error('database down');
    });
    try {
      expect(await s.put()).toBe(200);
      expect(s.lines).toEqual([expect.objectContaining({ level: 50, msg: 'audit append failed', action: 'booking-settings', branchId: 'b1', details: changes })]);
    } finally {
      await s.close();
    }
  });

  it('writes no audit row for a save that changed nothing', async () => {
    const appended: unknown[] = [];
    const s = await serve({ parts: [] }, async (entry) => void appended.push(entry));
    try {
      expect(await s.put()).toBe(200);
      expect(appended).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('saveSettings: a closure added over booked visits', () => {
  /** The memory store with one booked visit on Tue 3 Mar 2026 10:00-10:10 (Shanghai), under a lock that only runs `fn`. */
  function withBooking() {
    const m = memoryStore();
    const startsAt = Date.parse('2026-03-03T10:00:00+08:00');
    const a = { id: 'ap1', branchId: 'b1', state: 'booked', cancelledBy: null, startsAt, endsAt: startsAt + 600_000, version: 1 } as Record<string, unknown>;
    const transitions: unknown[] = [];
    const tx = {
      activeBetween: async (_b: string, from: number, to: number) => ((a.startsAt as number) < to && from < (a.endsAt as number) ? [structuredClone(a)] : []),
      transition: async (_id: string, from: readonly string[], change: Record<string, unknown>) => {
        transitions.push(change);
        if (!from.includes(a.state as string)) return null;
        Object.assign(a, change);
        return structuredClone(a);
      },
      saveBookingSettings: (b: string, u: Update, v?: number) => m.store.saveBookingSettings(b, u, v),
    };
    // Which owed notices were cleared as queued (the database's part: the owed record itself).
    const queued: unknown[] = [];
    Object.assign(m.store, {
      withBookingLock: async (_b: string, fn: (t: typeof tx) => Promise<unknown>) => fn(tx),
      noticeQueued: async (...args: unknown[]) => {
        queued.push(args);
        return true;
      },
    });
    const told: unknown[] = [];
    const timers = { cancel: async () => undefined, confirm: async (x: unknown, kind: string) => void told.push([x, kind]) };
    const calendar = { dropped: async () => undefined };
    const make = (reconfigure: BookingManageDeps['reconfigure']) =>
      createBookingManage({ store: m.store, reconfigure, logger: capturingLogger().logger, customers: {} as never, timers: timers as never, calendar: calendar as never, clock: { now: () => Date.parse('2026-03-02T08:00:00+08:00') } });
    return { ...m, a, transitions, told, queued, make };
  }

  it('when the live queue refuses the rules saved with it, puts the booking back and tells nobody', async () => {
    const { setup, a, told, make } = withBooking();
    const m = make(refusing('CONFIG_CONFLICT'));
    await expect(m.saveSettings('b1', body({ settings: { closures: [{ date: '2026-03-03' }] }, services: {}, cancelBookings: true }))).rejects.toMatchObject({ code: 'CONFIG_CONFLICT' });
    // Booked again, and no notice left owed for the owed-notice sweep to send later.
    expect(a).toMatchObject({ state: 'booked', cancelledBy: null, noticeOwed: null });
    expect(setup.settings).toEqual({ minNoticeMin: 30 });
    expect(told).toEqual([]);
  });

  it('tells the customer only once the save stands', async () => {
    const { a, told, queued, make } = withBooking();
    const saved = await make(async () => undefined).saveSettings('b1', body({ settings: { closures: [{ date: '2026-03-03' }] }, services: {}, cancelBookings: true }));
    // The cancel itself recorded the notice owed (in its transaction), cleared once queued.
    expect(a).toMatchObject({ state: 'cancelled', cancelledBy: 'branch', noticeOwed: { kind: 'cancelled', at: Date.parse('2026-03-02T08:00:00+08:00') } });
    expect(told).toEqual([[expect.objectContaining({ id: 'ap1', state: 'cancelled' }), 'cancelled']]);
    expect(queued).toEqual([['ap1', 1, 'cancelled']]);
    expect(saved.changes.closures).toEqual({ added: [{ date: '2026-03-03' }], removed: [], cancelledBookings: 1 });
  });
});
