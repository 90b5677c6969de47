import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { BranchesScreen } from './branches.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const day = [{ open: '08:30', close: '16:00' }];
const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
const london: BranchListItem = { id: 'b1', code: 'ldn', name: { zh: '伦敦支行', en: 'London Branch' }, timezone: 'Europe/London', openingHours: hours, address: { zh: null, en: '1 Bank Street' }, pilot: true, active: true, customersOpen: true };
const admin = { userId: 'u1', username: 'root', displayName: 'Root', role: 'admin', branchId: null, staffId: null };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('BranchesScreen: a new branch like another', () => {
  it("opens with the source's time zone and hours but none of its own fields, and sends copyFrom", async () => {
    const made = { ...london, id: 'b2', code: 'ldn-2', name: { zh: '伦敦二号', en: 'London 2' }, address: { zh: null, en: null }, pilot: false };
    const sent = fakeApi({
      'GET /api/v1/auth/me': () => json(200, { data: admin }),
      'GET /api/v1/branches': () => json(200, { data: [london] }),
      'POST /api/v1/branches': () => json(201, { data: made }),
    });
    const s = new BranchesScreen();
    await s.start();
    s.openCopy(s.branches[0]!);
    expect(s.form).toMatchObject({ code: '', nameZh: '', nameEn: '', timezone: 'Europe/London', addressEn: '', pilot: false });
    expect(s.unsaved).toBe(false);
    s.setField('code', 'ldn-2');
    s.setField('nameZh', '伦敦二号');
    s.setField('nameEn', 'London 2');
    expect(await s.save()).toBe(true);
    expect(sent.find((x) => x.method === 'POST')!.body).toEqual({
      code: 'ldn-2',
      name: { zh: '伦敦二号', en: 'London 2' },
      timezone: 'Europe/London',
      openingHours: hours,
      address: { zh: null, en: null },
      pilot: false,
      copyFrom: 'b1',
    });
    expect(s.notice).toEqual({ key: 'copied', code: 'ldn-2', from: 'ldn' });
    expect(s.branches.map((b) => b.code)).toEqual(['ldn', 'ldn-2']);
  });

  /** A copy of London refused as out of service; the list is then read again with `again`'s answer. */
  async function refusedCopy(again: () => Response): Promise<BranchesScreen> {
    fakeApi({
      'GET /api/v1/auth/me': () => json(200, { data: admin }),
      'GET /api/v1/branches': [() => json(200, { data: [london] }), again],
      'POST /api/v1/branches': () => json(422, { error: { code: 'COPY_SOURCE_INACTIVE', message: 'out of service' } }),
    });
    const s = new BranchesScreen();
    await s.start();
    s.openCopy(s.branches[0]!);
    s.setField('code', 'ldn-3');
    s.setField('nameZh', '伦敦三号');
    s.setField('nameEn', 'London 3');
    expect(await s.save()).toBe(false);
    expect(s.error).toMatchObject({ area: 'dialog', code: 'COPY_SOURCE_INACTIVE' });
    return s;
  }

  it('keeps the dialog open with the refusal when the source went out of service, and the list behind shows it out of service', async () => {
    const s = await refusedCopy(() => json(200, { data: [{ ...london, active: false }] }));
    expect(s.dialog?.copyFrom?.id).toBe('b1');
    expect(s.branches.map((b) => [b.code, b.active])).toEqual([['ldn', false]]);
  });

  it('keeps the list and the refusal when the list cannot be read again', async () => {
    const s = await refusedCopy(() => json(500, { error: { code: 'INTERNAL', message: 'down' } }));
    expect(s.branches.map((b) => [b.code, b.active])).toEqual([['ldn', true]]);
  });
});
