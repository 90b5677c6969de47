import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportsScreen } from './reports.svelte.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const me = (role: string, branchId: string | null = 'b1') => ({ userId: 'u1', username: 'mei', displayName: 'Mei', role, branchId, staffId: null });
const report = (branchId: string, fromDay = '2026-02-03', toDay = '2026-03-02') => ({ fromDay, toDay, branch: { id: branchId }, totals: {}, services: [], days: [], staff: [], comments: [] });
const all = (fromDay = '2026-02-03', toDay = '2026-03-02') => ({ fromDay, toDay, branches: [], totals: {}, pilot: {}, others: {} });

/** Answers by method and path (query included); records the paths asked. */
function server(routes: Record<string, () => Response>) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      asked.push(path);
      const answer = routes[path];
      return answer ? answer() : json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    }),
  );
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('ReportsScreen', () => {
  it("shows a manager their branch over the server's default period and fills the form with it", async () => {
    const asked = server({ '/api/v1/auth/me': () => json(200, { data: me('manager') }), '/api/v1/branches/b1/kpis': () => json(200, { data: report('b1') }) });
    const s = new ReportsScreen();
    await s.start();
    expect(s.load).toBe('ready');
    expect([s.from, s.to]).toEqual(['2026-02-03', '2026-03-02']);
    expect(s.all).toBeNull();
    // A manager never asks for every branch (admins only).
    expect(asked).toEqual(['/api/v1/auth/me', '/api/v1/branches/b1/kpis']);
  });

  it('checks the period before asking, then asks for exactly it', async () => {
    const asked = server({
      '/api/v1/auth/me': () => json(200, { data: me('manager') }),
      '/api/v1/branches/b1/kpis': () => json(200, { data: report('b1') }),
      '/api/v1/branches/b1/kpis?from=2026-03-01&to=2026-03-02': () => json(200, { data: report('b1', '2026-03-01', '2026-03-02') }),
    });
    const s = new ReportsScreen();
    await s.start();
    s.from = '2026-03-03';
    s.to = '2026-03-02';
    expect(await s.apply()).toBe(false);
    expect(s.rangeError).toBe('reports.range.order');
    expect(asked).toHaveLength(2);
    s.from = '2026-03-01';
    expect(await s.apply()).toBe(true);
    expect(s.rangeError).toBeNull();
    expect(s.report?.fromDay).toBe('2026-03-01');
  });

  it('gives an admin a branch picker, the branch asked for, and every branch side by side', async () => {
    server({
      '/api/v1/auth/me': () => json(200, { data: me('admin', null) }),
      '/api/v1/branches': () => json(200, { data: [{ id: 'b1', name: { zh: '一', en: 'One' } }, { id: 'b2', name: { zh: '二', en: 'Two' } }] }),
      '/api/v1/branches/b2/kpis?from=2026-03-01&to=2026-03-02': () => json(200, { data: report('b2', '2026-03-01', '2026-03-02') }),
      '/api/v1/kpis?from=2026-03-01&to=2026-03-02': () => json(200, { data: all('2026-03-01', '2026-03-02') }),
      '/api/v1/branches/b1/kpis?from=2026-03-01&to=2026-03-02': () => json(200, { data: report('b1', '2026-03-01', '2026-03-02') }),
    });
    const s = new ReportsScreen();
    await s.start('b2', { from: '2026-03-01', to: '2026-03-02' });
    expect(s.load).toBe('ready');
    expect(s.branchId).toBe('b2');
    expect(s.all?.fromDay).toBe('2026-03-01');
    expect(await s.pickBranch('b1')).toBe(true);
    expect(s.report?.branch.id).toBe('b1');
    expect(await s.pickBranch('not-listed')).toBe(false);
  });

  it('lists pilot branches first for an admin and opens on the first of them', async () => {
    const asked = server({
      '/api/v1/auth/me': () => json(200, { data: me('admin', null) }),
      '/api/v1/branches': () =>
        json(200, {
          data: [
            { id: 'b1', name: { zh: '一', en: 'One' }, pilot: false },
            { id: 'b2', name: { zh: '二', en: 'Two' }, pilot: true },
            { id: 'b3', name: { zh: '三', en: 'Three' }, pilot: false },
            { id: 'b4', name: { zh: '四', en: 'Four' }, pilot: true },
          ],
        }),
      '/api/v1/branches/b2/kpis': () => json(200, { data: report('b2') }),
      '/api/v1/kpis': () => json(200, { data: all() }),
    });
    const s = new ReportsScreen();
    await s.start();
    expect(s.load).toBe('ready');
    expect(s.branches.map((b) => b.id)).toEqual(['b2', 'b4', 'b1', 'b3']);
    expect(s.branchId).toBe('b2');
    expect(asked).toContain('/api/v1/branches/b2/kpis');
    expect(asked).not.toContain('/api/v1/branches/b1/kpis');
  });

  it('tells a teller the screen is for managers, and keeps the report shown when a refresh is refused', async () => {
    server({ '/api/v1/auth/me': () => json(200, { data: me('staff') }) });
    const teller = new ReportsScreen();
    await teller.start();
    expect(teller.load).toBe('forbidden');

    server({
      '/api/v1/auth/me': () => json(200, { data: me('manager') }),
      '/api/v1/branches/b1/kpis': () => json(200, { data: report('b1') }),
      '/api/v1/branches/b1/kpis?from=2026-01-01&to=2026-01-02': () => json(400, { error: { code: 'VALIDATION_FAILED', message: 'no' } }),
    });
    const s = new ReportsScreen();
    await s.start();
    s.from = '2026-01-01';
    s.to = '2026-01-02';
    expect(await s.apply()).toBe(false);
    expect(s.error).toBe('VALIDATION_FAILED');
    expect(s.report?.fromDay).toBe('2026-02-03');
  });

  it('says so when the period in the address is over 92 days or not valid, showing the default instead, until a period is chosen', async () => {
    const asked = server({
      '/api/v1/auth/me': () => json(200, { data: me('manager') }),
      '/api/v1/branches/b1/kpis': () => json(200, { data: report('b1') }),
      '/api/v1/branches/b1/kpis?from=2026-03-01&to=2026-03-02': () => json(200, { data: report('b1', '2026-03-01', '2026-03-02') }),
    });
    const s = new ReportsScreen();
    await s.start(null, { from: '2025-09-01', to: '2026-03-02' });
    expect(s.rangeFallback).toBe('tooLong');
    expect(s.report?.fromDay).toBe('2026-02-03');
    // The default period was asked for, never the one refused.
    expect(asked).toEqual(['/api/v1/auth/me', '/api/v1/branches/b1/kpis']);
    s.from = '2026-03-01';
    expect(await s.apply()).toBe(true);
    expect(s.rangeFallback).toBeNull();

    await s.start(null, { from: '2026-03-05', to: '2026-03-02' });
    expect(s.rangeFallback).toBe('invalid');
    await s.start(null, { from: '2026-03-01', to: null });
    expect(s.rangeFallback).toBe('invalid');
    await s.start(null, { from: '2026-03-01', to: '2026-03-02' });
    expect(s.rangeFallback).toBeNull();
    await s.start();
    expect(s.rangeFallback).toBeNull();
  });

  it('lists the latest comments first and, asked, every one of the period shown; a new report starts from its latest again', async () => {
    const comment = (n: number) => ({ day: '2026-03-02', createdAt: n, serviceCode: 'A', serviceName: { zh: '现金', en: 'Cash' }, rating: 4, comment: `c${n}` });
    const latest = Array.from({ length: 50 }, (_, i) => comment(60 - i));
    const every = Array.from({ length: 60 }, (_, i) => comment(60 - i));
    const asked = server({
      '/api/v1/auth/me': () => json(200, { data: me('manager') }),
      '/api/v1/branches/b1/kpis': () => json(200, { data: { ...report('b1'), comments: latest, commentCount: 60 } }),
      '/api/v1/branches/b1/kpis/comments?from=2026-02-03&to=2026-03-02': () => json(200, { data: { fromDay: '2026-02-03', toDay: '2026-03-02', comments: every } }),
      '/api/v1/branches/b1/kpis?from=2026-03-01&to=2026-03-02': () => json(200, { data: { ...report('b1', '2026-03-01', '2026-03-02'), comments: [comment(1)], commentCount: 1 } }),
    });
    const s = new ReportsScreen();
    await s.start();
    expect(s.comments).toHaveLength(50);
    expect(s.moreComments).toBe(true);
    expect(await s.showAllComments()).toBe(true);
    expect(asked.at(-1)).toBe('/api/v1/branches/b1/kpis/comments?from=2026-02-03&to=2026-03-02');
    expect(s.comments.map((c) => c.comment)).toEqual(every.map((c) => c.comment));
    expect(s.moreComments).toBe(false);
    expect(s.commentsBusy).toBe(false);

    s.from = '2026-03-01';
    expect(await s.apply()).toBe(true);
    expect(s.comments.map((c) => c.comment)).toEqual(['c1']);
    expect(s.moreComments).toBe(false);
  });

  it('says when every comment could not be loaded, keeping the latest listed', async () => {
    server({
      '/api/v1/auth/me': () => json(200, { data: me('manager') }),
      '/api/v1/branches/b1/kpis': () => json(200, { data: { ...report('b1'), commentCount: 70 } }),
      '/api/v1/branches/b1/kpis/comments?from=2026-02-03&to=2026-03-02': () => json(503, { error: { code: 'BUSY_RETRY', message: 'later' } }),
    });
    const s = new ReportsScreen();
    await s.start();
    expect(await s.showAllComments()).toBe(false);
    expect(s.commentsError).toBe('BUSY_RETRY');
    expect(s.moreComments).toBe(true);
  });
});
