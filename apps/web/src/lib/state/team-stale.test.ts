import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamMember } from '@tellerline/contracts';
import { TeamManager } from './team.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';
import { translate } from '$lib/i18n/translate.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const service = (id: string, code: string) => ({ id, code, name: { zh: code, en: code }, targetMin: 10 });
const branch = { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', services: [service('sa', 'A'), service('sb', 'B'), service('sc', 'C')], counters: [] };
const member = (over: Partial<TeamMember>): TeamMember => ({ userId: 'u-alice', username: 'alice', displayName: 'Alice', role: 'staff', active: true, mustChangePassword: false, canServe: true, staffId: 's-alice', skills: { sa: 1 }, signedOn: false, counterLabel: null, holding: null, ...over });
const alice = member({});

async function opened(patch: () => Response) {
  const sent = fakeApi({
    'GET /api/v1/auth/me': () => json(200, { data: { userId: 'u-mei', username: 'mei', displayName: 'Mei', role: 'manager', branchId: 'b1', staffId: null, mustChangePassword: false } }),
    'GET /api/v1/branches/b1': () => json(200, { data: branch }),
    'GET /api/v1/branches/b1/team': () => json(200, { data: [alice] }),
    'PATCH /api/v1/branches/b1/team/u-alice': patch,
  });
  const t = new TeamManager();
  await t.start();
  t.openEdit(t.members[0]!);
  return { t, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('TeamManager: edits from a dialog opened before a colleague saved', () => {
  it('a name-only edit sends no skills, so a skill a colleague added stays', async () => {
    const { t, sent } = await opened(() => json(200, { data: member({ displayName: 'Alice Wang', skills: { sa: 1, sc: 0.6 } }) }));
    t.setDisplayName('Alice Wang');
    expect(await t.submitForm()).toBe(true);
    expect(sent.at(-1)!.body).toEqual({ displayName: 'Alice Wang', expected: { displayName: 'Alice' } });
    expect(t.members[0]!.skills).toEqual({ sa: 1, sc: 0.6 });
  });

  it('sends nothing when nothing changed', async () => {
    const { t, sent } = await opened(() => json(500, {}));
    expect(await t.submitForm()).toBe(true);
    expect(sent.filter((x) => x.method === 'PATCH')).toEqual([]);
  });

  it("after STALE_MEMBER: says so, shows the colleague's values, keeps the skill this manager changed, and saves again against what is stored", async () => {
    const current = member({ displayName: 'Alice W.', skills: { sa: 1, sc: 0.9 } });
    let answer = json(409, { error: { code: 'STALE_MEMBER', message: 'stale', details: { current } } });
    const { t, sent } = await opened(() => answer);
    t.form!.skills.sc = '0.3';
    expect(await t.submitForm()).toBe(false);
    expect(t.error).toBe('STALE_MEMBER');
    expect(translate('en', 'team.error.STALE_MEMBER')).toContain('Someone changed this member');
    expect(t.form).toMatchObject({ displayName: 'Alice W.', skills: { sa: '1', sb: '', sc: '0.3' } });
    // Only what both changed is named, with the colleague's value: the name was theirs alone.
    expect(t.conflicts).toEqual({ skills: { sc: 0.9 } });
    expect(translate('zh', 'team.stale.skill', { service: 'C · C', value: '90%' })).toBe('C · C 现在保存为 90%；选项中仍是你的选择。');
    answer = json(200, { data: member({ displayName: 'Alice W.', skills: { sa: 1, sc: 0.3 } }) });
    expect(await t.submitForm()).toBe(true);
    expect(sent.filter((x) => x.method === 'PATCH').at(-1)!.body).toEqual({ skills: { sa: 1, sc: 0.3 }, expected: { skills: { sa: 1, sc: 0.9 } } });
    expect(t.conflicts).toBeNull();
  });
});
