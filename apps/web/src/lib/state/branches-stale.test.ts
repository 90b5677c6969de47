import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { BranchesScreen } from './branches.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const day = [{ open: '09:00', close: '17:00' }];
const saturday = [{ open: '10:00', close: '14:00' }];
const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
const london: BranchListItem = { id: 'b1', code: 'ldn', name: { zh: '伦敦支行', en: 'London Branch' }, timezone: 'Europe/London', openingHours: hours, address: { zh: null, en: '1 Bank Street, London' }, pilot: true, active: true, customersOpen: true };
const admin = { userId: 'u1', username: 'root', displayName: 'Root', role: 'admin', branchId: null, staffId: null };

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openedOn(patch: () => Response) {
  const sent = fakeApi({
    'GET /api/v1/auth/me': () => json(200, { data: admin }),
    'GET /api/v1/branches': () => json(200, { data: [london] }),
    'PATCH /api/v1/branches/b1': patch,
  });
  const s = new BranchesScreen();
  await s.start();
  s.open(s.branches[0]!);
  return { s, sent };
}

describe('BranchesScreen: edits from a dialog opened before a colleague saved', () => {
  it('sends only the fields changed, with the values the dialog showed', async () => {
    const { s, sent } = await openedOn(() => json(200, { data: { ...london, name: { ...london.name, en: 'London City' }, pilot: false, openingHours: { ...hours, sat: saturday } } }));
    s.setField('nameEn', 'London City');
    expect(await s.save()).toBe(true);
    const patch = sent.find((x) => x.method === 'PATCH')!;
    // Not the pilot flag nor the hours: a colleague's save of those stands.
    expect(patch.body).toEqual({ name: { zh: '伦敦支行', en: 'London City' }, expected: { name: london.name } });
    expect(s.branches[0]).toMatchObject({ pilot: false, openingHours: { sat: saturday } });
  });

  it('sends the hours only when they changed, and nothing at all when nothing did', async () => {
    const { s, sent } = await openedOn(() => json(200, { data: london }));
    expect(await s.save()).toBe(true);
    expect(sent.filter((x) => x.method === 'PATCH')).toEqual([]);
    s.open(s.branches[0]!);
    s.hours.add('sat');
    expect(await s.save()).toBe(true);
    const body = sent.find((x) => x.method === 'PATCH')!.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['expected', 'openingHours']);
    expect(body.expected).toEqual({ openingHours: hours });
  });

  it("after STALE_BRANCH: shows the colleague's values, keeps the person's change, names the field both changed, and saves again on what is stored now", async () => {
    const current = { ...london, name: { zh: '伦敦支行', en: 'London Central' }, pilot: false, openingHours: { ...hours, sat: saturday } };
    let answer = json(409, { error: { code: 'STALE_BRANCH', message: 'stale', details: { current } } });
    const { s, sent } = await openedOn(() => answer);
    s.setField('nameEn', 'London City');
    expect(await s.save()).toBe(false);
    expect(s.error).toMatchObject({ area: 'dialog', code: 'STALE_BRANCH' });
    expect(s.dialog).not.toBeNull();
    expect(s.form).toMatchObject({ nameEn: 'London City', nameZh: '伦敦支行', pilot: false });
    expect(s.hours.checked()).toMatchObject({ sat: saturday });
    expect(s.conflicts.map((c) => [c.field, c.current.name.en])).toEqual([['nameEn', 'London Central']]);
    expect(s.branches[0]).toMatchObject({ pilot: false, name: { en: 'London Central' } });

    answer = json(200, { data: { ...current, name: { zh: '伦敦支行', en: 'London City' } } });
    expect(await s.save()).toBe(true);
    expect(sent.filter((x) => x.method === 'PATCH').at(-1)!.body).toEqual({ name: { zh: '伦敦支行', en: 'London City' }, expected: { name: current.name } });
    expect(s.conflicts).toEqual([]);
  });

  it('sends the address in both languages (an emptied one as null) with the address the dialog showed; a colleague\'s new address is STALE_BRANCH', async () => {
    const current = { ...london, address: { zh: '伦敦银行街 1 号', en: '1 Bank Street, London EC2' } };
    const { s, sent } = await openedOn(() => json(409, { error: { code: 'STALE_BRANCH', message: 'stale', details: { current } } }));
    expect(s.form).toMatchObject({ addressZh: '', addressEn: '1 Bank Street, London' });
    s.setField('addressEn', '  ');
    s.setField('addressZh', ' 伦敦银行街 2 号 ');
    expect(await s.save()).toBe(false);
    expect(sent.find((x) => x.method === 'PATCH')!.body).toEqual({ address: { zh: '伦敦银行街 2 号', en: null }, expected: { address: london.address } });
    // Both languages were changed by both: each is named with what is stored now, the dialog keeps the person's.
    expect(s.conflicts.map((c) => c.field)).toEqual(['addressZh', 'addressEn']);
    expect(s.form).toMatchObject({ addressZh: ' 伦敦银行街 2 号 ', addressEn: '  ' });
  });

  it('the pilot switch in the list says what it expects, and shows the flag stored now when a colleague switched it', async () => {
    const { s, sent } = await openedOn(() => json(409, { error: { code: 'STALE_BRANCH', message: 'stale', details: { current: { ...london, pilot: false } } } }));
    s.close();
    expect(await s.setPilot(s.branches[0]!, false)).toBe(false);
    expect(sent.at(-1)!.body).toEqual({ pilot: false, expected: { pilot: true } });
    expect(s.error).toMatchObject({ area: 'list', code: 'STALE_BRANCH' });
    expect(s.branches[0]!.pilot).toBe(false);
  });
});
