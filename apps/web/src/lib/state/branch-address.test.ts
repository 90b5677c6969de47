import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { BranchAddressEditor } from './branch-address.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const demo: BranchListItem = { id: 'b1', code: 'demo', name: { zh: '总行营业部', en: 'Main Branch' }, timezone: 'Asia/Shanghai', openingHours: closed, address: { zh: '旧地址', en: null }, pilot: false, active: true, customersOpen: true };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('BranchAddressEditor', () => {
  it('sends both languages (an empty one as not set) with the address it showed, and shows what was stored', async () => {
    const stored = { ...demo, address: { zh: '新地址', en: null } };
    const sent = fakeApi({ 'PUT /api/v1/branches/b1/address': () => json(200, { data: stored }) });
    const a = new BranchAddressEditor();
    a.reset(demo);
    expect(a.dirty).toBe(false);
    a.set('addressZh', ' 新地址 ');
    a.set('addressEn', '  ');
    expect(a.dirty).toBe(true);
    expect(await a.save('b1')).toEqual(stored);
    expect(sent.find((x) => x.method === 'PUT')!.body).toEqual({ address: { zh: '新地址', en: null }, expected: { address: demo.address } });
    expect(a.saved).toBe(true);
    expect(a.dirty).toBe(false);
  });

  it("after STALE_BRANCH keeps what was typed, takes the colleague's value where nothing was typed, and compares the next save with it", async () => {
    const theirs = { ...demo, address: { zh: '同事的地址', en: 'Their address' } };
    let answer = () => json(409, { error: { code: 'STALE_BRANCH', message: 'stale', details: { current: theirs } } });
    const sent = fakeApi({ 'PUT /api/v1/branches/b1/address': () => answer() });
    const a = new BranchAddressEditor();
    a.reset(demo);
    a.set('addressZh', '我的地址');
    expect(await a.save('b1')).toBeNull();
    expect(a.stale).toEqual(theirs.address);
    expect(a.form.addressZh).toBe('我的地址');
    // The English address was not touched here: the colleague's stays, and saving again keeps it.
    expect(a.form.addressEn).toBe('Their address');
    answer = () => json(200, { data: { ...theirs, address: { zh: '我的地址', en: 'Their address' } } });
    expect(await a.save('b1')).not.toBeNull();
    const puts = sent.filter((x) => x.method === 'PUT');
    expect(puts[1]!.body).toEqual({ address: { zh: '我的地址', en: 'Their address' }, expected: { address: theirs.address } });
    expect(a.stale).toBeNull();
  });

  it('refuses an address over the limit before sending anything', async () => {
    const sent = fakeApi({});
    const a = new BranchAddressEditor();
    a.reset(demo);
    a.set('addressEn', 'x'.repeat(201));
    expect(await a.save('b1')).toBeNull();
    expect(a.errors.addressEn).toBe('branches.invalid.addressTooLong');
    expect(sent).toEqual([]);
  });
});
