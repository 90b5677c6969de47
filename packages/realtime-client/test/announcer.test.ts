import { describe, expect, it } from 'vitest';
import type { PublicCall } from '@tellerline/contracts';
import { CallAnnouncer } from '../src/announcer.js';

const call = (seq: number, at: number, number = `A${seq}`): PublicCall => ({
  seq,
  at,
  number,
  counterLabel: '1',
  serviceName: { zh: '现金', en: 'Cash' },
  recall: false,
});

function memory() {
  let v: number | null = null;
  return { get: () => v, set: (s: number) => void (v = s) };
}

describe('CallAnnouncer', () => {
  it('announces each call once, in seq order', () => {
    const a = new CallAnnouncer(memory());
    expect(a.take([call(5, 1000), call(3, 900)], 1000).map((c) => c.seq)).toEqual([3, 5]);
    expect(a.take([call(5, 1000)], 1000)).toEqual([]);
    expect(a.take([call(6, 1100)], 1100).map((c) => c.seq)).toEqual([6]);
  });

  it('after a reconnect announces only the fresh calls it missed', () => {
    const a = new CallAnnouncer(memory(), 60_000);
    a.take([call(1, 0)], 0);
    const snapshot = [call(4, 200_000), call(3, 100_000), call(2, 10_000), call(1, 0)];
    // seq 2 and 3 are too old to call out now (the customer has been called long ago); 4 is fresh.
    expect(a.take(snapshot, 210_000).map((c) => c.seq)).toEqual([4]);
    expect(a.lastAnnouncedSeq).toBe(4);
  });

  it('does not repeat after a reload (seq kept in storage)', () => {
    const store = memory();
    new CallAnnouncer(store).take([call(7, 0)], 0);
    const reloaded = new CallAnnouncer(store);
    expect(reloaded.take([call(7, 0)], 0)).toEqual([]);
  });
});
