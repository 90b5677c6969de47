/**
 * The set-up use case keeps PostgreSQL and the live queue agreeing when the queue refuses a change
 * that passed the checks (a customer took a ticket in between, the branch was too busy): the
 * stored change is undone and the refusal explained. In memory: a fake store and queue.
 */
import { describe, expect, it, vi } from 'vitest';
import type { BranchSetupView, CounterSetupView, ServiceSetupView } from '@tellerline/contracts';
import { DomainError, initialState, type BranchState, type Ticket } from '@tellerline/engine';
import { createBranchSetup, type SetupStore } from '../src/usecases/branch-setup.js';
import { createLogger } from '../src/logger.js';

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const service = (id: string, code: string): ServiceSetupView => ({ id, code, name: { zh: code, en: code }, targetMin: 10, defaultDurationMin: 5, documents: { zh: [], en: [] }, active: true });

/** A store over one branch's set-up; `writes` counts the writes. */
function memoryStore() {
  const data: BranchSetupView = {
    branch: { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', openingHours: closed, address: { zh: null, en: null }, pilot: false, active: true, customersOpen: true },
    services: [service('s-a', 'A'), service('s-e', 'E')],
    counters: [{ id: 'c1', label: '1', active: true }],
  };
  const writes: string[] = [];
  const store: SetupStore = {
    setup: async (branchId) => (branchId === 'b1' ? structuredClone(data) : null),
    createBranch: async (b) => ({ id: 'b2', ...b, active: true }),
    copyBranch: async () => {
      throw new Error('not used here');
    },
    updateBranch: async (_id, c, check) => {
      check?.(structuredClone(data.branch));
      writes.push('branch');
      return Object.assign(data.branch, c);
    },
    createService: async (_id, s) => {
      writes.push('create-service');
      const made = { id: 's-new', ...s, active: true };
      data.services.push(made);
      return made;
    },
    updateService: async (_id, serviceId, c) => {
      writes.push(`service ${JSON.stringify(c)}`);
      return Object.assign(data.services.find((s) => s.id === serviceId)!, c);
    },
    discardService: async (_id, serviceId) => {
      writes.push(`discard ${serviceId}`);
      data.services = data.services.filter((s) => s.id !== serviceId);
      return true;
    },
    createCounter: async (_id, label) => ({ id: 'c-new', label, active: true }),
    updateCounter: async (_id, counterId, c) => {
      writes.push(`counter ${JSON.stringify(c)}`);
      return Object.assign(data.counters.find((x) => x.id === counterId)!, c) as CounterSetupView;
    },
    discardCounter: async () => true,
  };
  return { data, store, writes };
}

const waitingFor = (serviceId: string): BranchState => {
  const s = initialState('b1');
  const t = { id: 't1', token: 'x'.repeat(20), number: 'E001', serviceId, kind: 'walk-in', priority: 'normal', status: 'waiting', joinedAt: 0, issuedAt: 0, recalls: 0, transfers: 0 } as Ticket;
  return { ...s, tickets: { t1: t } };
};

function setupWith(over: { live?: () => BranchState | null; reconfigure?: () => Promise<boolean>; branchChanged?: () => Promise<void>; booked?: { id: string; startsAt: number }[] } = {}) {
  const mem = memoryStore();
  const booked = over.booked ?? [];
  const reconfigure = vi.fn(over.reconfigure ?? (async () => true));
  const setup = createBranchSetup({
    store: mem.store,
    liveState: async () => over.live?.() ?? null,
    reconfigure,
    staffNames: async () => ({}),
    branchChanged: over.branchChanged ?? (async () => undefined),
    bookings: {
      booked: async () => booked,
      cancelAll: async () => {
        mem.writes.push('cancel-bookings');
        return booked.splice(0);
      },
      // As the booking store does it: checked and written in one step under the booking lock.
      deactivate: async (_b, serviceId, evenIfBooked) => {
        if (!evenIfBooked && booked.length > 0) return [...booked];
        mem.writes.push(`deactivate ${serviceId}`);
        mem.data.services.find((s) => s.id === serviceId)!.active = false;
        return [];
      },
    },
    logger: createLogger('silent'),
  });
  return { ...mem, setup, reconfigure };
}

describe('branch set-up: stored and live agree', () => {
  it('undoes a deactivation the queue refused, and says why from the live state read again', async () => {
    // Nobody waits when the set-up checks; a customer takes a ticket before the queue applies it.
    let state: BranchState | null = initialState('b1');
    const t = setupWith({
      live: () => state,
      reconfigure: async () => {
        state = waitingFor('s-e');
        throw new DomainError('CONFIG_CONFLICT', 'Service s-e still has tickets (e.g. E001).');
      },
    });
    await expect(t.setup.updateService('b1', 's-e', { active: false }, null)).rejects.toMatchObject({ code: 'SERVICE_IN_USE', details: { waiting: 1 } });
    expect(t.writes).toEqual(['deactivate s-e', 'service {"active":false}', 'service {"active":true}']);
    expect(t.data.services.find((s) => s.id === 's-e')?.active).toBe(true);
  });

  it('refuses a new code while the service has live tickets (they would show under the new code), and changes nothing', async () => {
    const t = setupWith({ live: () => waitingFor('s-e') });
    await expect(t.setup.updateService('b1', 's-e', { code: 'P' }, null)).rejects.toMatchObject({ code: 'SERVICE_CODE_IN_USE', details: { serviceCode: 'E', waiting: 1, called: 0, serving: 0 } });
    expect(t.writes).toEqual([]);
    expect(t.data.services.find((s) => s.id === 's-e')?.code).toBe('E');
    // Other edits of the same service, and a new code once nobody holds its tickets, go through.
    await expect(t.setup.updateService('b1', 's-e', { targetMin: 11 }, null)).resolves.toMatchObject({ service: { targetMin: 11 } });
    const idle = setupWith({ live: () => initialState('b1') });
    await expect(idle.setup.updateService('b1', 's-e', { code: 'P' }, null)).resolves.toMatchObject({ service: { code: 'P' } });
  });

  it('puts an edit back as it was when the branch is too busy, and passes the refusal on', async () => {
    const t = setupWith({ reconfigure: async () => Promise.reject(new Error('commit contention')) });
    await expect(t.setup.updateService('b1', 's-a', { name: { zh: '现金', en: 'Cash' }, targetMin: 12 }, null)).rejects.toThrow('commit contention');
    expect(t.data.services[0]).toMatchObject({ name: { zh: 'A', en: 'A' }, targetMin: 10 });
    const c = setupWith({ reconfigure: async () => Promise.reject(new Error('redis down')) });
    await expect(c.setup.updateCounter('b1', 'c1', { label: 'VIP' }, null)).rejects.toThrow('redis down');
    expect(c.writes).toEqual(['counter {"label":"VIP"}', 'counter {"label":"1"}']);
  });

  it('discards a new service the queue did not take', async () => {
    const t = setupWith({ reconfigure: async () => Promise.reject(new Error('redis down')) });
    await expect(t.setup.createService('b1', { code: 'F', name: { zh: 'F', en: 'F' }, targetMin: 5, defaultDurationMin: 5, documents: { zh: [], en: [] } }, null)).rejects.toThrow('redis down');
    expect(t.writes).toEqual(['create-service', 'discard s-new']);
    expect(t.data.services.map((s) => s.code)).toEqual(['A', 'E']);
  });

  it('refuses before writing anything: a service in use, the last active service', async () => {
    const t = setupWith({ live: () => waitingFor('s-e') });
    await expect(t.setup.updateService('b1', 's-e', { active: false }, null)).rejects.toMatchObject({ code: 'SERVICE_IN_USE' });
    t.data.services[1]!.active = false;
    await expect(t.setup.updateService('b1', 's-a', { active: false }, null)).rejects.toMatchObject({ code: 'LAST_ACTIVE_SERVICE' });
    expect(t.writes).toEqual([]);
    expect(t.reconfigure).not.toHaveBeenCalled();
  });

  it('writes nothing for an edit that changes nothing, and a branch change whose follow-up fails still succeeds', async () => {
    const t = setupWith({ branchChanged: async () => Promise.reject(new Error('redis down')) });
    expect((await t.setup.updateService('b1', 's-a', { targetMin: 10, active: true }, null)).changes).toEqual({});
    expect((await t.setup.updateBranch('b1', { pilot: false })).changes).toEqual({});
    expect(t.writes).toEqual([]);
    const { changes } = await t.setup.updateBranch('b1', { pilot: true });
    expect(changes).toEqual({ pilot: { from: false, to: true } });
    expect(t.reconfigure).not.toHaveBeenCalled();
  });

  it('asks before deactivating a booked service, and cancels the bookings only once the queue took the deactivation', async () => {
    const booked = [
      { id: 'ap1', startsAt: Date.parse('2026-12-03T01:00:00Z') },
      { id: 'ap2', startsAt: Date.parse('2026-12-04T02:00:00Z') },
    ];
    const t = setupWith({ booked });
    await expect(t.setup.updateService('b1', 's-e', { active: false }, null)).rejects.toMatchObject({
      code: 'SERVICE_HAS_BOOKINGS',
      details: { serviceCode: 'E', count: 2, firstAt: booked[0]!.startsAt, firstDate: '2026-12-03' },
    });
    expect(t.writes).toEqual([]);
    // The queue refuses the confirmed deactivation: nobody's booking is cancelled.
    const refused = setupWith({ booked: [...booked], reconfigure: async () => Promise.reject(new Error('redis down')) });
    await expect(refused.setup.updateService('b1', 's-e', { active: false, cancelBookings: true }, null)).rejects.toThrow('redis down');
    expect(refused.writes).not.toContain('cancel-bookings');
    const done = await t.setup.updateService('b1', 's-e', { active: false, cancelBookings: true }, null);
    expect(done.cancelledBookings.map((b) => b.id)).toEqual(['ap1', 'ap2']);
    expect(t.writes).toEqual(['deactivate s-e', 'service {"active":false}', 'cancel-bookings']);
  });
});
