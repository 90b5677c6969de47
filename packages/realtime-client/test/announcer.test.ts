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
  phase: 'calling',
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

  it('on a screen opened for the first time, says only the calls whose customer is still awaited', () => {
    const a = new CallAnnouncer(memory());
    const snapshot: PublicCall[] = [
      call(9, 1000, 'A009'),
      { ...call(8, 1000, 'A008'), phase: 'serving' },
      { ...call(7, 1000, 'A007'), phase: 'over' }, // done, cancelled or no-show
      { ...call(6, 1000, 'A003'), phase: 'over' }, // A003 since transferred and renumbered D001
    ];
    expect(a.take(snapshot, 1000).map((c) => c.number)).toEqual(['A009']);
    expect(a.lastAnnouncedSeq).toBe(9);
  });

  it('says a ticket called and recalled while away once, as its recall', () => {
    const a = new CallAnnouncer(memory());
    const recall = { ...call(5, 1000, 'A001'), recall: true };
    expect(a.take([recall, call(4, 900, 'A001')], 1000)).toEqual([recall]);
  });

  it('takes the later copy of a call given twice (its phase is newer), and says it at most once', () => {
    const a = new CallAnnouncer(memory());
    expect(a.take([call(5, 1000), { ...call(5, 1000), phase: 'over' }], 1000)).toEqual([]);
    const b = new CallAnnouncer(memory());
    expect(b.take([call(5, 1000), call(5, 1000)], 1000).map((c) => c.seq)).toEqual([5]);
  });

  it('does not repeat after a reload (seq kept in storage)', () => {
    const store = memory();
    new CallAnnouncer(store).take([call(7, 0)], 0);
    const reloaded = new CallAnnouncer(store);
    expect(reloaded.take([call(7, 0)], 0)).toEqual([]);
  });
});
