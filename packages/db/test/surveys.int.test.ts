/** Survey answers: one per ticket, even when two arrive at once; on PostgreSQL and on PGlite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type Repositories, type SurveyResponseRecord } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

const T0 = Date.UTC(2026, 0, 5, 1, 0);

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`survey answers on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let answer: (ticketId: string, over?: Partial<SurveyResponseRecord>) => SurveyResponseRecord;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      const { branchId } = await seedDemo(t.db, { passwordHash: fakeHash });
      answer = (ticketId, over = {}) => ({ ticketId, branchId, serviceId: 'svc-a', staffId: 'staff-1', rating: 4, comment: '', language: 'zh', createdAt: T0, ...over });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('stores the first answer with everything the KPI reports read, and reads it back', async () => {
      const first = answer('s1', { rating: 5, comment: '柜员很耐心 — very patient', language: 'en', staffId: null });
      expect(await repos.surveys.findByTicket('s1')).toBeNull();
      expect(await repos.surveys.insertOnce(first)).toEqual({ inserted: true, stored: first });
      expect(await repos.surveys.findByTicket('s1')).toEqual(first);
    });

    it('keeps the first answer: a second one (same or different) is not stored, and the stored one is returned', async () => {
      const first = answer('s2', { rating: 2, comment: 'slow' });
      await repos.surveys.insertOnce(first);
      expect(await repos.surveys.insertOnce({ ...first, createdAt: T0 + 5_000 })).toEqual({ inserted: false, stored: first });
      expect(await repos.surveys.insertOnce(answer('s2', { rating: 5, comment: 'changed my mind', createdAt: T0 + 9_000 }))).toEqual({ inserted: false, stored: first });
      expect(await repos.surveys.findByTicket('s2')).toEqual(first);
    });

    it('two answers racing for one ticket: exactly one wins and both callers see the winner', async () => {
      const results = await Promise.all([1, 2, 3, 4, 5].map((rating) => repos.surveys.insertOnce(answer('s3', { rating }))));
      expect(results.filter((r) => r.inserted)).toHaveLength(1);
      const winner = results.find((r) => r.inserted)!.stored;
      for (const r of results) expect(r.stored).toEqual(winner);
      expect(await repos.surveys.findByTicket('s3')).toEqual(winner);
    });

    it('refuses an answer for a branch that does not exist', async () => {
      await expect(repos.surveys.insertOnce(answer('s4', { branchId: 'no-such-branch' }))).rejects.toThrow();
      expect(await repos.surveys.findByTicket('s4')).toBeNull();
    });
  });
}
