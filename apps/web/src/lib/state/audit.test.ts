import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditScreen } from './audit.svelte.js';
import { NO_FILTERS } from './audit-logic.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const me = (role: string, branchId: string | null = 'b1') => ({ userId: 'u1', username: 'mei', displayName: 'Mei', role, branchId, staffId: null });
const entries = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: String(from - i), action: 'login', ticketId: null, ticketNumber: null }));
const people = [{ id: 'u2', username: 'alice', displayName: 'Alice', role: 'staff', branchId: 'b1', active: true }];

/** Answers by method and path (query included); records the paths asked. */
function server(routes: Record<string, () => Response>) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      asked.push(path);
      const answer = routes[path];
      return answer ? answer() : json(404, { error: { code: 'NOT_FOUND', message: `no ${path}` } });
    }),
  );
  return asked;
}

const manager = (extra: Record<string, () => Response> = {}) =>
  server({
    '/api/v1/auth/me': () => json(200, { data: me('manager') }),
    '/api/v1/branches/b1': () => json(200, { data: { id: 'b1', name: { zh: '一', en: 'One' } } }),
    '/api/v1/branches/b1/audit/people?id=u2': () => json(200, { data: people }),
    '/api/v1/branches/b1/audit/people?q=ali&limit=8': () => json(200, { data: people }),
    '/api/v1/branches/b1/audit?limit=51': () => json(200, { data: entries(200, 51) }),
    '/api/v1/branches/b1/audit?action=login&limit=51': () => json(200, { data: entries(200, 3) }),
    '/api/v1/branches/b1/audit?userId=u2&limit=51': () => json(200, { data: entries(200, 1) }),
    ...extra,
  });

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('AuditScreen', () => {
  it("opens on a manager's own branch: the newest page and whether older entries exist, without listing everyone", async () => {
    const asked = manager();
    const s = new AuditScreen();
    await s.start('some-other-branch');
    expect(s.load).toBe('ready');
    expect(s.scope).toEqual({ branchId: 'b1' });
    expect(s.entries.map((e) => e.id)).toEqual(entries(200, 50).map((e) => e.id));
    expect(s.more).toBe(true);
    expect(s.person).toBeNull();
    expect(asked.some((p) => p.includes('/audit/people'))).toBe(false);
    expect(s.branch?.name.en).toBe('One');
  });

  it('names the person of a filter read from the address, and asks the server for suggestions in the scope shown', async () => {
    const asked = manager();
    const s = new AuditScreen();
    await s.start(null, { ...NO_FILTERS, userId: 'u2' });
    expect(s.person).toEqual(people[0]);
    expect(asked).toContain('/api/v1/branches/b1/audit/people?id=u2');
    expect(await s.findPeople('ali')).toEqual(people);
  });

  it('drops a person from the address this log does not show, and says so, rather than list nothing', async () => {
    const asked = manager({ '/api/v1/branches/b1/audit/people?id=u9': () => json(200, { data: [] }) });
    const s = new AuditScreen();
    await s.start(null, { ...NO_FILTERS, userId: 'u9', action: 'login' });
    expect(s.load).toBe('ready');
    expect(s.personUnknown).toBe(true);
    expect(s.person).toBeNull();
    expect(s.shown).toEqual({ ...NO_FILTERS, action: 'login' });
    expect(s.form.userId).toBe('');
    expect(asked.filter((p) => p.includes('/audit?'))).toEqual(['/api/v1/branches/b1/audit?action=login&limit=51']);
    // A look with other filters leaves the notice behind.
    expect(await s.apply()).toBe(true);
    expect(s.personUnknown).toBe(false);
  });

  it('loads the next page below the last entry shown, and stops when there is none', async () => {
    const asked = manager({ '/api/v1/branches/b1/audit?limit=51&before=151': () => json(200, { data: entries(150, 7) }) });
    const s = new AuditScreen();
    await s.start();
    expect(await s.loadMore()).toBe(7);
    expect(s.entries).toHaveLength(57);
    expect(s.entries.at(-1)!.id).toBe('144');
    expect(s.more).toBe(false);
    expect(await s.loadMore()).toBe(0);
    expect(asked.filter((p) => p.includes('before='))).toHaveLength(1);
  });

  it('checks the days before asking, then asks with the filters and starts over from the newest', async () => {
    const asked = manager({
      '/api/v1/branches/b1/audit?action=no-show&userId=u2&from=2026-03-01&to=2026-03-02&limit=51': () => json(200, { data: entries(90, 2) }),
    });
    const s = new AuditScreen();
    await s.start();
    s.form = { ...NO_FILTERS, action: 'no-show', userId: 'u2', from: '2026-03-03', to: '2026-03-02' };
    expect(await s.apply()).toBe(false);
    expect(s.rangeError).toBe('audit.range.order');
    expect(asked.filter((p) => p.includes('audit?'))).toHaveLength(1);
    s.form.from = '2026-03-01';
    expect(await s.apply()).toBe(true);
    expect(s.rangeError).toBeNull();
    expect(s.entries.map((e) => e.id)).toEqual(['90', '89']);
    expect(s.shown).toMatchObject({ action: 'no-show', userId: 'u2' });
    expect(s.more).toBe(false);
  });

  it('narrows to one ticket and back, keeping the other filters', async () => {
    manager({
      '/api/v1/branches/b1/audit?ticketId=t9&limit=51': () => json(200, { data: [{ id: '5', action: 'no-show', ticketId: 't9', ticketNumber: 'A009' }] }),
    });
    const s = new AuditScreen();
    await s.start();
    expect(await s.onlyTicket('t9')).toBe(true);
    expect(s.shown.ticketId).toBe('t9');
    expect(s.ticketLabel).toBe('A009');
    expect(await s.allTickets()).toBe(true);
    expect(s.shown.ticketId).toBe('');
    expect(s.entries).toHaveLength(50);
  });

  it('gives an admin every entry by default, and entries of no branch or one branch on request', async () => {
    const asked = server({
      '/api/v1/auth/me': () => json(200, { data: me('admin', null) }),
      '/api/v1/branches': () => json(200, { data: [{ id: 'b1', name: { zh: '一', en: 'One' } }] }),
      '/api/v1/audit?limit=51': () => json(200, { data: entries(10, 3) }),
      '/api/v1/audit?branch=none&limit=51': () => json(200, { data: entries(4, 1) }),
      '/api/v1/branches/b1/audit/people?q=al&limit=8': () => json(200, { data: [] }),
      '/api/v1/branches/b1/audit?limit=51': () => json(200, { data: entries(9, 2) }),
    });
    const s = new AuditScreen();
    await s.start();
    expect(s.scope).toBe('all');
    expect(s.entries).toHaveLength(3);
    expect(await s.pickScope('none')).toBe(true);
    expect(s.scope).toBe('none');
    expect(s.entries.map((e) => e.id)).toEqual(['4']);
    expect(await s.pickScope('b1')).toBe(true);
    expect(s.scope).toEqual({ branchId: 'b1' });
    expect(await s.findPeople('al')).toEqual([]);
    expect(await s.pickScope('not-listed')).toBe(false);
    // An admin has no branch of their own to name in the header.
    expect(asked).not.toContain('/api/v1/branches/null');
  });

  it('keeps a teller out, and says why a page could not be read', async () => {
    server({ '/api/v1/auth/me': () => json(200, { data: me('staff') }) });
    const teller = new AuditScreen();
    await teller.start();
    expect(teller.load).toBe('forbidden');

    manager({ '/api/v1/branches/b1/audit?limit=51&before=151': () => json(503, { error: { code: 'BUSY_RETRY', message: 'busy' } }) });
    const s = new AuditScreen();
    await s.start();
    expect(await s.loadMore()).toBe(0);
    expect(s.error).toBe('BUSY_RETRY');
    // What was shown stays.
    expect(s.entries).toHaveLength(50);
    expect(s.busy).toBe(false);
  });

  it('goes back to sign-in when the session has ended', async () => {
    manager({ '/api/v1/branches/b1/audit?action=login&limit=51': () => json(401, { error: { code: 'SESSION_EXPIRED', message: 'gone' } }) });
    const s = new AuditScreen();
    await s.start();
    s.form.action = 'login';
    expect(await s.apply()).toBe(false);
    expect(goto).toHaveBeenCalledWith('/staff/login?expired=1', { replaceState: true });
    expect(s.error).toBeNull();
  });
});
