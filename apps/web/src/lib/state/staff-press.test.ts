import { describe, expect, it } from 'vitest';
import { CommandId, type StaffCommand } from '@tellerline/contracts';
import { PRESS_RETRY_WINDOW_MS, StaffPresses } from './staff-press.js';

function presses() {
  let n = 0;
  const clock = { now: 1_000_000 };
  return { p: new StaffPresses(() => `press-id-${++n}`, () => clock.now), clock };
}

const callNext: StaffCommand = { type: 'call-next' };

describe('StaffPresses', () => {
  it('gives every press a new id once the previous one was answered, done or refused', () => {
    const { p } = presses();
    const a = p.idFor(callNext);
    p.settle(callNext, a, null);
    const b = p.idFor(callNext);
    p.settle(callNext, b, 'NO_TICKET_WAITING');
    const c = p.idFor(callNext);
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it.each(['BUSY_RETRY', 'NO_CONNECTION', 'TEMPORARILY_UNAVAILABLE', 'INTERNAL'])('resends the id of a press whose answer may be lost (%s) when the same command is pressed again', (code) => {
    const { p } = presses();
    const a = p.idFor(callNext);
    p.settle(callNext, a, code);
    expect(p.idFor({ type: 'call-next' })).toBe(a);
    p.settle(callNext, a, code);
    expect(p.idFor(callNext)).toBe(a);
    // The retry got its answer: the next press is a new one.
    p.settle(callNext, a, null);
    expect(p.idFor(callNext)).not.toBe(a);
  });

  it('a different command, or the same ticket pressed in another key order, is told apart correctly', () => {
    const { p } = presses();
    const transfer: StaffCommand = { type: 'transfer', ticketId: 't1', toServiceId: 'B' };
    const a = p.idFor(transfer);
    p.settle(transfer, a, 'BUSY_RETRY');
    expect(p.idFor({ toServiceId: 'B', ticketId: 't1', type: 'transfer' })).toBe(a);
    expect(p.idFor({ type: 'transfer', ticketId: 't1', toServiceId: 'C' })).not.toBe(a);
    expect(p.idFor({ type: 'recall', ticketId: 't1' })).not.toBe(a);
    // Another command pressed and answered ends the lost one: pressing it again later is new.
    const other: StaffCommand = { type: 'recall', ticketId: 't1' };
    p.settle(other, p.idFor(other), null);
    expect(p.idFor(transfer)).not.toBe(a);
  });

  it('counts a press repeated long after its first send as a new one', () => {
    const { p, clock } = presses();
    const a = p.idFor(callNext);
    p.settle(callNext, a, 'BUSY_RETRY');
    clock.now += PRESS_RETRY_WINDOW_MS - 1;
    expect(p.idFor(callNext)).toBe(a);
    p.settle(callNext, a, 'BUSY_RETRY');
    clock.now += 1;
    expect(p.idFor(callNext)).not.toBe(a);
  });

  it('makes ids the server accepts, different each time', () => {
    const p = new StaffPresses();
    const ids = Array.from({ length: 20 }, () => p.idFor(callNext));
    for (const id of ids) expect(CommandId.safeParse(id).success, id).toBe(true);
    expect(new Set(ids).size).toBe(20);
  });
});
