import { describe, expect, it } from 'vitest';
import type { PublicCall, ServiceQueueView, SignageSnapshot } from '@tellerline/contracts';
import { SignageScreen } from './signage.svelte.js';

const call = (seq: number, number: string): PublicCall => ({
  seq,
  at: seq,
  number,
  counterLabel: '1',
  serviceName: { zh: '个人现金业务', en: 'Personal cash' },
  recall: false,
  phase: 'calling',
});
const service = (waiting: number): ServiceQueueView => ({
  serviceId: 's1',
  code: 'A',
  name: { zh: '个人现金业务', en: 'Personal cash' },
  waiting,
  longestWaitMin: 0,
  targetMin: 10,
  wait: { lowMin: 0, highMin: 0, expectedMin: 0 },
  noStaff: false,
  walkIns: true,
});
const snap = (seq: number, calls: PublicCall[], waiting = 0): SignageSnapshot => ({
  seq,
  branch: { id: 'b1', name: { zh: '总行营业部', en: 'Main Branch' }, timezone: 'Asia/Shanghai' },
  calls,
  services: [service(waiting)],
});

describe('SignageScreen', () => {
  it('shows the newest call big and the earlier ones in the recent list', () => {
    const screen = new SignageScreen();
    screen.applySnapshot(snap(5, [call(4, 'A002'), call(2, 'A001')]));
    screen.showCalls([call(6, 'A003')]);
    expect(screen.current?.number).toBe('A003');
    expect(screen.recent.map((c) => c.number)).toEqual(['A002', 'A001']);
  });

  it('takes a cancelled or finished call off "now calling" when told, and keeps it in the recent list', () => {
    const screen = new SignageScreen();
    screen.applySnapshot(snap(5, [call(4, 'A002'), call(2, 'A001')]));
    screen.showCalls([call(6, 'A005')]);
    // The customer cancels on their phone: the call ends, the screen is not reloaded.
    screen.movedOn({ seq: 7, number: 'A005', phase: 'over' });
    expect(screen.current?.number).toBe('A002');
    expect(screen.recent.map((c) => c.number)).toEqual(['A005', 'A001']);
    // Served, then finished: it stays big while served, and leaves once done.
    screen.movedOn({ seq: 8, number: 'A002', phase: 'serving' });
    expect(screen.current?.number).toBe('A002');
    screen.movedOn({ seq: 9, number: 'A002', phase: 'over' });
    screen.movedOn({ seq: 10, number: 'A001', phase: 'over' });
    expect(screen.current).toBeNull();
    expect(screen.recent.map((c) => c.number)).toEqual(['A005', 'A002', 'A001']);
  });

  it('after a resync, shows a call as the snapshot has it now, and an unlisted older one as ended', () => {
    const screen = new SignageScreen();
    screen.applySnapshot(snap(5, [call(4, 'A002'), call(2, 'A001')]));
    screen.applySnapshot(snap(9, [{ ...call(4, 'A002'), phase: 'over' }]));
    expect(screen.current).toBeNull();
    expect(screen.recent.map((c) => c.number)).toEqual(['A002', 'A001']);
  });

  it('takes a renamed branch at once, and a resync brings calls with the counter as it is called now', () => {
    const screen = new SignageScreen();
    screen.applySnapshot(snap(5, [call(4, 'A002')]));
    screen.renamed({ id: 'b1', name: { zh: '滨江支行', en: 'Riverside Branch' }, timezone: 'Asia/Shanghai' });
    expect(screen.branch?.name.en).toBe('Riverside Branch');
    // Another branch's news, or news for a refused screen, changes nothing.
    screen.renamed({ id: 'b2', name: { zh: '别处', en: 'Elsewhere' }, timezone: 'Asia/Shanghai' });
    expect(screen.branch?.name.en).toBe('Riverside Branch');
    // The same seq again (a rename moves no seq the screen sees): the call's new label replaces the old.
    screen.applySnapshot({ ...snap(5, [{ ...call(4, 'A002'), counterLabel: '1 VIP' }]), branch: { id: 'b1', name: { zh: '滨江支行', en: 'Riverside Branch' }, timezone: 'Asia/Shanghai' } });
    expect(screen.current).toMatchObject({ number: 'A002', counterLabel: '1 VIP' });
    screen.reject();
    screen.renamed({ id: 'b1', name: { zh: '滨江支行', en: 'Riverside Branch' }, timezone: 'Asia/Shanghai' });
    expect(screen.branch).toBeNull();
  });

  it('ignores a queue summary older than what it shows', () => {
    const screen = new SignageScreen();
    screen.applySnapshot(snap(5, [], 3));
    screen.applySummary({ seq: 4, services: [service(9)] });
    expect(screen.services[0]?.waiting).toBe(3);
    screen.applySummary({ seq: 6, services: [service(1)] });
    expect(screen.services[0]?.waiting).toBe(1);
  });

  it('drops the old calls when the branch stream was reset', () => {
    const screen = new SignageScreen();
    screen.applySnapshot(snap(50, [call(40, 'A009')]));
    screen.applySnapshot(snap(3, [call(2, 'A001')]));
    expect(screen.calls.map((c) => c.number)).toEqual(['A001']);
  });

  it('drops the branch, its calls and counts when the server refuses the screen, and takes no call after', () => {
    const screen = new SignageScreen();
    screen.applySnapshot(snap(12, [call(10, 'A010'), call(8, 'A009')], 4));
    screen.status = 'offline';
    screen.reject();
    expect(screen.pairing).toBe('rejected');
    expect(screen.current).toBeNull();
    expect(screen.recent).toEqual([]);
    expect(screen.services).toEqual([]);
    expect(screen.branch).toBeNull();
    screen.showCalls([call(13, 'A011')]);
    expect(screen.calls).toEqual([]);

    // Taken back (the device restored): a full snapshot again, not one after the old seq.
    expect(screen.seq).toBe(0);
    screen.pairing = 'paired';
    screen.applySnapshot(snap(14, [call(13, 'A011')]));
    expect(screen.current?.number).toBe('A011');
  });

  it('is offline until connected', () => {
    const screen = new SignageScreen();
    expect(screen.offline).toBe(true);
    screen.status = 'online';
    expect(screen.offline).toBe(false);
  });
});
