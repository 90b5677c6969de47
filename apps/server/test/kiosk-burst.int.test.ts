// One kiosk issues 40 tickets at once here: above the per-kiosk cap (KIOSK_ISSUES_PER_MIN, 30), which kiosk-priority.int.test.ts covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ KIOSK_ISSUES_PER_MIN: '100' });
});
afterAll(async () => {
  await sys?.close();
});

describe('a burst of kiosk issues on one branch', () => {
  it('gives every request its own ticket, in order, stored in Redis, the event log, the projection and the audit', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const n = 40;
    // All at once: the node decides them in groups (one commit each) instead of racing commits.
    const answers = await Promise.all(
      Array.from({ length: n }, () => kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') })),
    );
    for (const a of answers) expect(a.status).toBe(201);
    const views = answers.map((a) => a.body.data as { token: string; ticketId: string; view: { number: string; ahead: number } });
    const numbers = views.map((v) => v.view.number).sort();
    expect(numbers).toEqual(Array.from({ length: n }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    // Each answer shows the queue as its own command left it: one ahead more per ticket.
    const byNumber = [...views].sort((a, b) => (a.view.number < b.view.number ? -1 : 1));
    expect(byNumber.map((v) => v.view.ahead)).toEqual(Array.from({ length: n }, (_, i) => i));

    const live = (await sys.system.parts.store.load(sys.branchId))!;
    for (const v of views) expect(live.tickets[v.ticketId]?.token).toBe(v.token);
    // The answers waited for PostgreSQL: the projection and the audit are complete.
    for (const v of views) expect(await sys.system.parts.db.tickets.byToken(v.token)).toMatchObject({ number: v.view.number, status: 'waiting' });
    const audit = await sys.system.parts.db.audit.list(sys.branchId, 500);
    const issued = new Set(audit.filter((e) => e.action === 'issue').map((e) => e.ticketId));
    for (const v of views) expect(issued.has(v.ticketId)).toBe(true);
  });
});
