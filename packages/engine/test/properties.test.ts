import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  apply,
  DomainError,
  ENGINE_ERROR_CODES,
  initialState,
  PRIORITY_CLASSES,
  replay,
  type BranchConfig,
  type BranchEvent,
  type BranchState,
} from '../src/index.js';
import { joinedBefore } from '../src/queue-order.js';
import { configArb, opArb, resolve } from './arbitraries.js';
import { deepFreeze, T0 } from './fixtures.js';

/** Everything that must hold after any accepted command. */
function checkInvariants(pre: BranchState, events: BranchEvent[], post: BranchState): void {
  // Gapless versions.
  events.forEach((e, i) => expect(e.seq).toBe(pre.seq + i + 1));
  expect(post.seq).toBe(pre.seq + events.length);

  // Every ticket is in exactly one active state, and held tickets match their holder.
  for (const [id, t] of Object.entries(post.tickets)) {
    expect(t.id).toBe(id);
    expect(ACTIVE_STATUSES).toContain(t.status);
    if (t.status === 'waiting') {
      expect(t.staffId).toBeUndefined();
      expect(t.counterId).toBeUndefined();
    } else {
      const holder = post.staff[t.staffId!];
      expect(holder?.ticketId).toBe(id);
      expect(holder?.counterId).toBe(t.counterId);
      expect(holder?.status).toBe('serving');
    }
  }
  // A staff member holds at most one ticket; nobody shares a counter.
  const counters = new Set<string>();
  for (const st of Object.values(post.staff)) {
    expect(st.status === 'serving').toBe(st.ticketId !== undefined);
    if (st.ticketId !== undefined) expect(post.tickets[st.ticketId]?.staffId).toBe(st.id);
    if (st.status !== 'offline') {
      expect(st.counterId).toBeDefined();
      expect(counters.has(st.counterId!)).toBe(false);
      counters.add(st.counterId!);
    }
  }

  // A ticket sent to a counter waits only for someone there who will call it (signed on, not
  // paused, skilled): routing hides it from everyone else, so anything less strands the customer.
  for (const t of Object.values(post.tickets)) {
    if (t.reservedCounterId === undefined) continue;
    const there = Object.values(post.staff).find((st) => st.status !== 'offline' && st.counterId === t.reservedCounterId);
    expect(there?.status === 'available' || there?.status === 'serving').toBe(true);
    expect(there?.skills[t.serviceId] ?? 0).toBeGreaterThan(0);
  }

  for (const e of events) {
    if (e.type === 'ticket-priority-raised') {
      expect(pre.tickets[e.ticketId]?.status).toBe('waiting');
      expect(PRIORITY_CLASSES.indexOf(e.priority)).toBeGreaterThan(PRIORITY_CLASSES.indexOf(e.from));
      expect(post.tickets[e.ticketId]).toMatchObject({ priority: e.priority, joinedAt: pre.tickets[e.ticketId]!.joinedAt });
    }
    if (e.type === 'ticket-completed' || e.type === 'ticket-no-show' || e.type === 'ticket-cancelled') {
      expect(post.tickets[e.ticketId]).toBeUndefined();
    }
    if (e.type === 'ticket-called') {
      const t = pre.tickets[e.ticketId]!;
      const staff = pre.staff[e.staffId]!;
      // Nobody is handed a ticket they lack the skill for.
      expect(staff.skills[t.serviceId] ?? 0).toBeGreaterThan(0);
      // FIFO among walk-ins of one service and priority class (their urgencies tie but for wait).
      if (e.reason.rule !== 'manual' && e.reason.rule !== 'reserved' && t.kind !== 'appointment') {
        for (const u of Object.values(pre.tickets)) {
          if (
            u.id !== t.id &&
            u.status === 'waiting' &&
            u.serviceId === t.serviceId &&
            u.priority === t.priority &&
            u.kind !== 'appointment' &&
            u.reservedCounterId === undefined
          ) {
            expect(joinedBefore(t, u)).toBe(true);
          }
        }
      }
    }
    if (e.type === 'ticket-transferred') {
      const before = pre.tickets[e.ticketId]!;
      const after = post.tickets[e.ticketId]!;
      expect(after.joinedAt).toBe(before.joinedAt);
      expect(after.transfers).toBe(before.transfers + 1);
      expect(after.status).toBe('waiting');
      expect(post.staff[e.staffId]?.status).toBe('available');
    }
    if (e.type === 'ticket-issued') {
      expect(e.number).toMatch(/^[A-D]\d{3,}$/);
    }
  }
}

describe('random command sequences', () => {
  it('keep the branch consistent, and replay rebuilds the state', () => {
    const seen = new Map<string, number>();
    const count = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
    fc.assert(
      fc.property(configArb, fc.array(opArb, { minLength: 10, maxLength: 80, size: 'max' }), (initialConfig, ops) => {
        let config: BranchConfig = initialConfig;
        let now = T0;
        let ids = 0;
        let { state, events: all } = apply(initialState('b1'), { type: 'configure', config }, now);
        for (const op of ops) {
          const cmd = resolve(op, state, config, now, () => `t${++ids}`);
          if (cmd === undefined) continue;
          if (typeof cmd === 'number') {
            now += cmd;
            continue;
          }
          const pre = deepFreeze(state); // any mutation by the engine would throw
          let result: ReturnType<typeof apply>;
          try {
            result = apply(pre, cmd, now);
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            expect(ENGINE_ERROR_CODES).toContain(err.code);
            count(err.code);
            continue;
          }
          checkInvariants(pre, result.events, result.state);
          if (cmd.type === 'configure') config = cmd.config;
          state = result.state;
          all = [...all, ...result.events];
          result.events.forEach((e) => count(e.type === 'ticket-called' ? `called:${e.reason.rule}` : e.type));
        }
        expect(replay('b1', all)).toEqual(state);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: 300 },
    );
    // The generator must actually reach every kind of fact, or the properties above prove little.
    // ('called:reserved' is too rare here to demand on every seed; decide-tickets tests cover it.)
    const facts = [
      'ticket-issued', 'staff-signed-on', 'staff-paused', 'staff-resumed', 'staff-signed-off',
      'called:urgency', 'called:priority', 'called:appointment', 'called:manual',
      'ticket-recalled', 'ticket-no-show', 'service-started', 'ticket-completed', 'ticket-transferred',
      'ticket-cancelled', 'ticket-priority-raised', 'day-closed', 'branch-configured',
    ];
    if (process.env['ENGINE_PROP_STATS']) console.log(Object.fromEntries([...seen].sort()));
    for (const f of facts) expect(seen.get(f) ?? 0, f).toBeGreaterThan(0);
  });
});
