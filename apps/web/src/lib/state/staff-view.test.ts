import type { BranchInfo, StaffQueueSnapshot, StaffTicketView } from '@tellerline/contracts';
import { translate } from '$lib/i18n/translate.js';
import { describe, expect, it } from 'vitest';
import { allowedActions, arrivalWords, callableBy, counterBoard, mySkills, myPosition, onlyMine, pauseReasonKey, queueByService, waitLevel, waitedNow, withLiveConfig, type StaffEntry } from './staff-view.js';

const branch: BranchInfo = {
  id: 'b1',
  code: 'HQ',
  name: { zh: '总行', en: 'HQ' },
  active: true,
  timezone: 'Asia/Shanghai',
  services: [
    { id: 'sA', code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10 },
    { id: 'sB', code: 'B', name: { zh: '对公', en: 'Business' }, targetMin: 15 },
    { id: 'sC', code: 'C', name: { zh: '外汇', en: 'Foreign exchange' }, targetMin: 20 },
  ],
  // Deliberately out of order: the board sorts by label, numerically.
  counters: [
    { id: 'c10', label: '10' },
    { id: 'c2', label: '2' },
    { id: 'c1', label: '1' },
  ],
};

const ticket = (over: Partial<StaffTicketView>): StaffTicketView => ({
  id: 't',
  number: 'A001',
  serviceId: 'sA',
  kind: 'walk-in',
  priority: 'normal',
  status: 'waiting',
  waitedMin: 1,
  targetMin: 10,
  counterId: null,
  staffId: null,
  recalls: 0,
  transfers: 0,
  appointmentAt: null,
  reservedCounterId: null,
  callReason: null,
  ...over,
});

const staff = (over: Partial<StaffEntry>): StaffEntry => ({
  id: 'alice',
  status: 'available',
  counterId: 'c1',
  ticketId: null,
  pauseReason: null,
  displayName: 'Alice',
  skills: { sA: 1, sB: 0.5 },
  ...over,
});

const snapshot: StaffQueueSnapshot = {
  seq: 7,
  tickets: [
    ticket({ id: 't1', number: 'A001', status: 'called', counterId: 'c1', staffId: 'alice' }),
    ticket({ id: 't2', number: 'A002' }),
    ticket({ id: 't3', number: 'B001', serviceId: 'sB', targetMin: 15 }),
  ],
  staff: [
    staff({ ticketId: 't1', status: 'serving' }),
    staff({ id: 'bob', displayName: 'Bob', counterId: 'c2', skills: { sB: 1, sA: 0.6 } }),
    staff({ id: 'old', displayName: 'Old', status: 'offline', counterId: 'c10', skills: {} }),
  ],
  services: [],
  counters: [],
};

describe('waits against targets', () => {
  it('is fine below 80 % of the target, near from there, over past it', () => {
    expect(waitLevel(7.9, 10)).toBe('ok');
    expect(waitLevel(8, 10)).toBe('near');
    expect(waitLevel(10, 10)).toBe('near');
    expect(waitLevel(10.1, 10)).toBe('over');
    expect(waitLevel(99, 0)).toBe('ok');
  });

  it('keeps a waiting ticket’s wait growing between snapshots, not a called one’s', () => {
    expect(waitedNow(ticket({ waitedMin: 2 }), 0, 90_000)).toBeCloseTo(3.5);
    expect(waitedNow(ticket({ waitedMin: 2, status: 'called' }), 0, 90_000)).toBe(2);
    expect(waitedNow(ticket({ waitedMin: 2 }), 1000, 0)).toBe(2);
  });
});

describe('my position', () => {
  it('finds me and the ticket I hold', () => {
    const p = myPosition(snapshot, 'alice');
    expect(p.staff?.counterId).toBe('c1');
    expect(p.ticket?.number).toBe('A001');
    expect(myPosition(snapshot, 'bob').ticket).toBeNull();
    expect(myPosition(null, 'alice')).toEqual({ staff: null, ticket: null });
    expect(myPosition(snapshot, null).staff).toBeNull();
  });
});

describe('allowed actions', () => {
  const set = (...a: string[]) => new Set(a);
  it('offers nothing before sign-on', () => {
    expect(allowedActions(null, null)).toEqual(set());
    expect(allowedActions(staff({ status: 'offline', counterId: null }), null)).toEqual(set());
  });
  it('lets a free person call, pause or sign off', () => {
    expect(allowedActions(staff({}), null)).toEqual(set('call-next', 'pause', 'sign-off'));
  });
  it('lets a paused person only resume or sign off', () => {
    expect(allowedActions(staff({ status: 'paused' }), null)).toEqual(set('resume', 'sign-off'));
  });
  it('follows the ticket: called → start, recall, no-show, transfer; serving → complete, transfer', () => {
    const st = staff({ status: 'serving', ticketId: 't1' });
    expect(allowedActions(st, ticket({ status: 'called' }))).toEqual(set('recall', 'no-show', 'start', 'transfer'));
    expect(allowedActions(st, ticket({ status: 'serving' }))).toEqual(set('complete', 'transfer'));
  });
});

describe('counter board', () => {
  it('lists counters by label with who is there and what they hold', () => {
    const board = counterBoard(branch, snapshot, 'bob');
    expect(board.map((c) => c.label)).toEqual(['1', '2', '10']);
    expect(board[0]).toMatchObject({ status: 'serving', staffId: 'alice', displayName: 'Alice', mine: false, ticket: { number: 'A001' } });
    expect(board[1]).toMatchObject({ status: 'available', displayName: 'Bob', mine: true, ticket: null });
    // Someone signed off still names a counter; it is free, and nobody's name is on it.
    expect(board[2]).toMatchObject({ status: 'free', staffId: null, displayName: null });
  });
});

describe('queue by service', () => {
  it('groups in the branch’s service order, waiting apart from those at counters', () => {
    const groups = queueByService(branch, snapshot);
    expect(groups.map((g) => g.service.code)).toEqual(['A', 'B', 'C']);
    expect(groups[0]!.waiting.map((t) => t.number)).toEqual(['A002']);
    expect(groups[0]!.atCounters.map((t) => t.number)).toEqual(['A001']);
    expect(groups[1]!.waiting.map((t) => t.number)).toEqual(['B001']);
    expect(queueByService(branch, null).every((g) => g.waiting.length === 0)).toBe(true);
  });
});

describe('only my services', () => {
  const withC = (over: Partial<StaffTicketView> = {}): StaffQueueSnapshot => ({
    ...snapshot,
    tickets: [...snapshot.tickets, ticket({ id: 't4', number: 'C001', serviceId: 'sC', targetMin: 20, ...over })],
  });

  it('reads my skills from my entry in the snapshot, or none when I am not listed', () => {
    expect(mySkills(snapshot, 'alice')).toEqual({ sA: 1, sB: 0.5 });
    expect(mySkills(snapshot, 'manager')).toBeNull();
    expect(mySkills(snapshot, null)).toBeNull();
    expect(mySkills(null, 'alice')).toBeNull();
  });

  it('keeps the services I can serve and counts the ones left out', () => {
    const { groups, hidden } = onlyMine(queueByService(branch, withC()), { sA: 1, sB: 0.5 }, 'c1');
    expect(groups.map((g) => g.service.code)).toEqual(['A', 'B']);
    expect(hidden).toBe(1);
    // A zero proficiency is no skill at all.
    expect(onlyMine(queueByService(branch, withC()), { sA: 1, sB: 0, sC: 0 }, 'c1').groups.map((g) => g.service.code)).toEqual(['A']);
  });

  it('still shows a service I do not handle when one of its tickets was transferred to my counter', () => {
    const groups = queueByService(branch, withC({ reservedCounterId: 'c1' }));
    expect(onlyMine(groups, { sA: 1 }, 'c1').groups.map((g) => g.service.code)).toEqual(['A', 'C']);
    expect(onlyMine(groups, { sA: 1 }, 'c2').groups.map((g) => g.service.code)).toEqual(['A']);
  });

  it('offers Call only on tickets I may take: not reserved for another counter, not a service I lack', () => {
    const skills = { sA: 1 };
    expect(callableBy(ticket({}), skills, 'c1')).toBe(true);
    expect(callableBy(ticket({ reservedCounterId: 'c1' }), skills, 'c1')).toBe(true);
    expect(callableBy(ticket({ reservedCounterId: 'c2' }), skills, 'c1')).toBe(false);
    expect(callableBy(ticket({ reservedCounterId: 'c2' }), null, null)).toBe(false);
    expect(callableBy(ticket({ serviceId: 'sC' }), skills, 'c1')).toBe(false);
    // Skills unknown: the server decides.
    expect(callableBy(ticket({ serviceId: 'sC' }), null, 'c1')).toBe(true);
  });
});

describe('pause reasons', () => {
  it('translates presets and leaves typed reasons as they are', () => {
    expect(pauseReasonKey('break')).toBe('staff.pause.break');
    expect(pauseReasonKey('dentist')).toBeNull();
    expect(pauseReasonKey(null)).toBeNull();
  });
});

describe('the branch as the queue runs it', () => {
  const live = (services: StaffQueueSnapshot['services'], counters: StaffQueueSnapshot['counters']): StaffQueueSnapshot => ({ ...snapshot, services, counters });
  const line = (id: string, code: string, en: string, targetMin: number) => ({ serviceId: id, code, name: { zh: code, en }, waiting: 0, longestWaitMin: 0, targetMin, wait: { lowMin: 0, highMin: 0, expectedMin: 0 }, noStaff: false, walkIns: true });

  it('takes services and counters a manager added or renamed from the snapshot', () => {
    const next = withLiveConfig(branch, live([line('sA', 'A', 'Cash and cards', 12), line('sE', 'E', 'Loans', 20)], [{ id: 'c1', label: '1' }, { id: 'c5', label: 'VIP 1' }]));
    expect(next.services).toEqual([
      { id: 'sA', code: 'A', name: { zh: 'A', en: 'Cash and cards' }, targetMin: 12 },
      { id: 'sE', code: 'E', name: { zh: 'E', en: 'Loans' }, targetMin: 20 },
    ]);
    expect(counterBoard(next, null, null).map((c) => c.label)).toEqual(['1', 'VIP 1']);
    expect(next.name).toEqual(branch.name);
  });

  it('keeps the same branch object when nothing changed (nothing redraws)', () => {
    const same = live(
      branch.services.map((s) => line(s.id, s.code, s.name.en, s.targetMin)).map((l, i) => ({ ...l, name: branch.services[i]!.name })),
      branch.counters,
    );
    expect(withLiveConfig(branch, same)).toBe(branch);
  });
});

describe('remote arrivals on the queue list', () => {
  it('says whether a remote ticket\'s holder is here, in words and branch time; nothing for other tickets', () => {
    const at = Date.parse('2026-12-01T10:42:00+08:00');
    const arrived = arrivalWords({ kind: 'remote', arrivedAt: at }, 'Asia/Shanghai')!;
    expect(translate('en', arrived.key, arrived.params)).toBe('arrived 10:42');
    expect(translate('zh', arrived.key, arrived.params)).toBe('10:42 已到店');
    const notYet = arrivalWords({ kind: 'remote' }, 'Asia/Shanghai')!;
    expect([translate('en', notYet.key), translate('zh', notYet.key)]).toEqual(['not here yet', '尚未到店']);
    expect(arrivalWords({ kind: 'walk-in' }, 'Asia/Shanghai')).toBeNull();
    // Sent on from a counter: the customer was at that counter, so "not here yet" would be wrong.
    expect(arrivalWords({ kind: 'remote', transfers: 1 }, 'Asia/Shanghai')).toBeNull();
    expect(translate('en', arrivalWords({ kind: 'remote', transfers: 1, arrivedAt: at }, 'Asia/Shanghai')!.key, { time: '10:42' })).toBe('arrived 10:42');
    expect(arrivalWords({ kind: 'appointment', arrivedAt: at }, 'Asia/Shanghai')).toBeNull();
  });
});
