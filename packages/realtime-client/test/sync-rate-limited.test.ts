/**
 * A resync refused RATE_LIMITED (the connection over its event budget) is asked again after the
 * server's Retry-After, jittered, without reaching the screen's error handler; other refusals
 * still do. Pure: the socket is a stand-in and the timers are vitest's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncOnConnect, syncRetryMs, type TellerSocket } from '../src/realtime.js';

type Answer = { data: { seq: number } } | { error: { code: string; message: string; details?: Record<string, number> } };

function fakeSocket(answers: Answer[]) {
  let sent = 0;
  const socket = {
    connected: true,
    on: () => socket,
    off: () => socket,
    emit: (_event: string, _payload: unknown, ack: (res: Answer) => void) => {
      ack(answers[Math.min(sent, answers.length - 1)]!);
      sent += 1;
    },
  };
  return { socket: socket as unknown as TellerSocket, sent: () => sent };
}

const limited: Answer = { error: { code: 'RATE_LIMITED', message: 'Too many messages', details: { retryAfterSec: 1 } } };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('syncOnConnect after RATE_LIMITED', () => {
  it('asks again after the Retry-After and applies the snapshot, without an error shown', async () => {
    const { socket, sent } = fakeSocket([limited, { data: { seq: 7 } }]);
    const snapshots: unknown[] = [];
    const errors: unknown[] = [];
    const stop = syncOnConnect(socket, 'signage:sync', () => 0, (s) => snapshots.push(s), (e) => errors.push(e));
    expect(sent()).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent()).toBe(2);
    expect(snapshots).toEqual([{ seq: 7 }]);
    expect(errors).toEqual([]);
    stop();
  });

  it('stops asking once stopped', async () => {
    const { socket, sent } = fakeSocket([limited]);
    const stop = syncOnConnect(socket, 'signage:sync', () => 0, () => undefined);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent()).toBe(1);
  });

  it('hands any other refusal to the screen', () => {
    const { socket } = fakeSocket([{ error: { code: 'UNAUTHENTICATED', message: 'Unknown or revoked device' } }]);
    const errors: string[] = [];
    syncOnConnect(socket, 'signage:sync', () => 0, () => undefined, (e) => errors.push(e.code));
    expect(errors).toEqual(['UNAUTHENTICATED']);
  });

  it('waits the Retry-After at least, and at most twice it', () => {
    expect(syncRetryMs(limited.error as never, () => 0)).toBe(1000);
    expect(syncRetryMs({ code: 'RATE_LIMITED', message: '', details: { retryAfterSec: 3 } }, () => 0.999)).toBeCloseTo(5997);
    expect(syncRetryMs({ code: 'RATE_LIMITED', message: '' }, () => 0.5)).toBe(1500);
  });
});
