import { describe, expect, it } from 'vitest';
import type { PublicCall, SignageSnapshot } from '@tellerline/contracts';
import { CallFeed, announcedKey } from './call-feed.js';
import { MemoryStore } from './memory-store.js';
import { ServerClock } from './server-clock.js';

const now = 1_000_000;
const clock = () => new ServerClock(() => now);

const call = (seq: number, number: string, recall = false): PublicCall => ({
  seq,
  at: now,
  number,
  counterLabel: '1',
  serviceName: { zh: '个人现金业务', en: 'Personal cash' },
  recall,
  phase: 'calling',
});

const snap = (seq: number, calls: PublicCall[]): SignageSnapshot => ({
  seq,
  branch: { id: 'b1', name: { zh: '总行营业部', en: 'Main Branch' }, timezone: 'Asia/Shanghai' },
  calls: [...calls].sort((a, b) => b.seq - a.seq),
  services: [],
});

function feed(store = new MemoryStore()) {
  const announced: number[] = [];
  const shown: number[] = [];
  const f = new CallFeed({
    store,
    clock: clock(),
    show: (calls) => shown.push(...calls.map((c) => c.seq)),
    announce: (calls) => announced.push(...calls.map((c) => c.seq)),
  });
  return { f, announced, shown, store };
}

describe('CallFeed', () => {
  it('announces live calls once each, in order', () => {
    const { f, announced } = feed();
    f.connected();
    f.snapshot(snap(3, []));
    f.live(call(4, 'A001'));
    f.live(call(5, 'A002'));
    f.live(call(5, 'A002')); // delivered twice (two server nodes, a retry): said once
    expect(announced).toEqual([4, 5]);
  });

  it('announces a call missed while offline when the snapshot brings it, and no earlier one again', () => {
    const { f, announced } = feed();
    f.connected();
    f.snapshot(snap(3, []));
    f.live(call(4, 'A001'));
    // offline: seq 6 happens; back online
    f.connected();
    f.snapshot(snap(7, [call(4, 'A001'), call(6, 'A002')]));
    expect(announced).toEqual([4, 6]);
  });

  it('back from offline, says the missed call still awaited, not one answered or ended meanwhile', () => {
    const { f, announced, shown } = feed();
    f.connected();
    f.snapshot(snap(3, []));
    f.connected();
    f.snapshot(snap(9, [{ ...call(4, 'A001'), phase: 'over' }, { ...call(6, 'A002'), phase: 'serving' }, call(8, 'A003')]));
    expect(announced).toEqual([8]);
    expect(shown).toEqual([8, 6, 4]);
  });

  it('a fresh screen says nothing of a live call the snapshot already knows has ended', () => {
    const { f, announced } = feed();
    f.connected();
    f.live(call(4, 'A001')); // pushed before the first snapshot answered
    f.snapshot(snap(5, [{ ...call(4, 'A001'), phase: 'over' }]));
    expect(announced).toEqual([]);
  });

  it('holds a live call that races the snapshot, so the missed call before it is still said', () => {
    const { f, announced, shown } = feed();
    f.connected();
    f.snapshot(snap(3, [call(2, 'A001')]));
    f.connected();
    f.live(call(9, 'A003')); // arrives before the snapshot answer
    expect(shown).toContain(9);
    expect(announced).toEqual([2]);
    f.snapshot(snap(8, [call(7, 'A002'), call(2, 'A001')]));
    expect(announced).toEqual([2, 7, 9]);
  });

  it('says nothing again after a reload (the announced seq is stored per branch)', () => {
    const store = new MemoryStore();
    const first = feed(store);
    first.f.connected();
    first.f.snapshot(snap(5, [call(5, 'A001')]));
    expect(first.announced).toEqual([5]);
    expect(store.getItem(announcedKey('b1'))).toBe('5');
    const second = feed(store);
    second.f.connected();
    second.f.snapshot(snap(5, [call(5, 'A001')]));
    expect(second.announced).toEqual([]);
  });

  it('announces a recall, which is a new call with its own seq', () => {
    const { f, announced } = feed();
    f.connected();
    f.snapshot(snap(1, []));
    f.live(call(2, 'A001'));
    f.live(call(3, 'A001', true));
    expect(announced).toEqual([2, 3]);
  });

  it('does not announce stale calls after a long outage, but still shows them', () => {
    const { f, announced, shown } = feed();
    const old = { ...call(4, 'A001'), at: now - 10 * 60_000 };
    f.connected();
    f.snapshot(snap(4, [old]));
    expect(shown).toEqual([4]);
    expect(announced).toEqual([]);
  });

  it('starts over when the branch stream is behind what it announced (rebuilt or reset)', () => {
    const store = new MemoryStore();
    store.setItem(announcedKey('b1'), '500');
    const { f, announced } = feed(store);
    f.connected();
    f.snapshot(snap(3, [call(3, 'A001')]));
    expect(announced).toEqual([3]);
  });

  it('releases held live calls when the snapshot is refused', () => {
    const { f, announced } = feed();
    f.connected();
    f.snapshot(snap(1, []));
    f.connected();
    f.live(call(2, 'A001'));
    expect(announced).toEqual([]);
    f.syncFailed();
    expect(announced).toEqual([2]);
  });
});
