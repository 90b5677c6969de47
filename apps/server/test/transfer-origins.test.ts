import { describe, expect, it } from 'vitest';
import { apply, DEFAULT_ROUTING, evolve, initialState, type BranchEvent, type BranchState, type Command } from '@tellerline/engine';
import { createTransferOrigins, transferOriginOf } from '../src/usecases/transfer-origins.js';

const service = (id: string, code: string) => ({ id, code, name: { zh: code, en: code }, targetMin: 10, defaultDurationMin: 5 });
const config = {
  branchId: 'b1',
  services: [service('sA', 'A'), service('sD', 'D'), service('sB', 'B')],
  counters: [
    { id: 'c1', label: '1' },
    { id: 'c2', label: '2' },
  ],
  staff: [
    { id: 'u1', skills: { sA: 1, sD: 1, sB: 1 } },
    { id: 'u2', skills: { sA: 1, sD: 1, sB: 1 } },
  ],
  routing: DEFAULT_ROUTING,
};

/** Runs commands, returning the state after each and every event with the state before it. */
function run(state: BranchState, ...cmds: Command[]) {
  let s = state;
  let now = 1_000_000;
  const seen: { before: BranchState; e: BranchEvent }[] = [];
  for (const cmd of cmds) {
    for (const e of apply(s, cmd, (now += 1000)).events) {
      seen.push({ before: s, e });
      s = evolve(s, e);
    }
  }
  return { state: s, seen, events: seen.map((x) => x.e) };
}

const issue: Command = { type: 'issue', ticketId: 't1', token: 'token-1-xxxxxxxxxxxx', serviceId: 'sA', kind: 'walk-in', priority: 'normal' };
const callNext: Command = { type: 'call-next', staffId: 'u1' };
const to = (toServiceId?: string, toCounterId?: string): Command => ({ type: 'transfer', staffId: 'u1', ticketId: 't1', ...(toServiceId ? { toServiceId } : {}), ...(toCounterId ? { toCounterId } : {}) });
const opened = run(initialState('b1'), { type: 'configure', config }, { type: 'sign-on', staffId: 'u1', counterId: 'c1' }, { type: 'sign-on', staffId: 'u2', counterId: 'c2' }, issue);
const open = opened.state;
/** From the open branch: the state and ticket t1's whole log. */
function moves(...cmds: Command[]) {
  const out = run(open, ...cmds);
  return { ...out, log: [...opened.events, ...out.events].filter((e) => 'ticketId' in e && e.ticketId === 't1') };
}

describe('transferOriginOf (a ticket’s own events)', () => {
  it('is null for a ticket never renumbered, and for a move within its service', () => {
    expect(transferOriginOf([])).toEqual({ origin: null, transfers: 0 });
    expect(transferOriginOf(moves(callNext, to(undefined, 'c2')).log)).toEqual({ origin: null, transfers: 1 });
  });

  it('gives the number and service before the latest renumbering transfer', () => {
    const twice = moves(callNext, to('sD'), callNext, to('sD', 'c2'));
    expect(twice.state.tickets.t1!.number).toBe('D001');
    expect(transferOriginOf(twice.log)).toEqual({ origin: { number: 'A001', serviceId: 'sA' }, transfers: 2 });
    const thrice = moves(callNext, to('sD'), callNext, to('sD', 'c2'), { type: 'call-next', staffId: 'u2' }, { type: 'transfer', staffId: 'u2', ticketId: 't1', toServiceId: 'sB' });
    expect(thrice.state.tickets.t1!.number).toBe('B001');
    expect(transferOriginOf(thrice.log)).toEqual({ origin: { number: 'D001', serviceId: 'sD' }, transfers: 3 });
  });
});

describe('createTransferOrigins', () => {
  it('learns a transfer from the event it folds, without reading the log', async () => {
    const reads: string[] = [];
    const origins = createTransferOrigins(async (id) => (reads.push(id), []));
    const moved = moves(callNext, to('sD'));
    expect(origins.peek(open.tickets.t1!)).toBeNull();
    expect(origins.peek(moved.state.tickets.t1!)).toBeUndefined();
    for (const { before, e } of moved.seen) origins.seen(before, e);
    expect(origins.peek(moved.state.tickets.t1!)).toEqual({ number: 'A001', serviceId: 'sA' });
    // Sent on to a named counter of the same service: still "was A001".
    const onward = run(moved.state, callNext, to(undefined, 'c2'));
    for (const { before, e } of onward.seen) origins.seen(before, e);
    expect(await origins.of(onward.state.tickets.t1!)).toEqual({ number: 'A001', serviceId: 'sA' });
    expect(reads).toEqual([]);
  });

  it('reads a ticket it did not see transferred once, and again only while the log lacks a transfer', async () => {
    const moved = moves(callNext, to('sD'));
    let stored: BranchEvent[] = moved.log.filter((e) => e.type !== 'ticket-transferred'); // the append is late
    let reads = 0;
    const origins = createTransferOrigins(async () => (reads++, stored));
    const t = moved.state.tickets.t1!;
    expect(await origins.of(t)).toBeNull();
    stored = moved.log;
    expect(await origins.of(t)).toEqual({ number: 'A001', serviceId: 'sA' });
    expect(await origins.of(t)).toEqual({ number: 'A001', serviceId: 'sA' });
    expect(reads).toBe(2);
  });

  it('answers null while the log cannot be read, and reads it again later', async () => {
    const moved = moves(callNext, to('sD'));
    let down = true;
    const origins = createTransferOrigins(async () => {
      if (down) throw new Error('connection refused');
      return moved.log;
    });
    expect(await origins.of(moved.state.tickets.t1!)).toBeNull();
    down = false;
    expect(await origins.of(moved.state.tickets.t1!)).toEqual({ number: 'A001', serviceId: 'sA' });
  });

  it('forgets the longest-remembered tickets beyond its size', async () => {
    let reads = 0;
    const origins = createTransferOrigins(async (id) => {
      reads++;
      return [
        { type: 'ticket-issued', ticketId: id, number: `A${id}`, serviceId: 'sA', seq: 1, branchId: 'b1', at: 1 },
        { type: 'ticket-transferred', ticketId: id, staffId: 'u1', fromServiceId: 'sA', toServiceId: 'sD', number: `D${id}`, seq: 2, branchId: 'b1', at: 2 },
      ] as BranchEvent[];
    }, 2);
    for (const id of ['1', '2', '3']) await origins.of({ id, transfers: 1 });
    expect(reads).toBe(3);
    await origins.of({ id: '3', transfers: 1 });
    expect(reads).toBe(3);
    expect(await origins.of({ id: '1', transfers: 1 })).toEqual({ number: 'A1', serviceId: 'sA' });
    expect(reads).toBe(4);
  });
});
