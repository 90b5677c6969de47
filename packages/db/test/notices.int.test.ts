/** Push subscriptions, e-mail/SMS contacts and settings, on PostgreSQL and on PGlite. */
import { apply, initialState, type BranchEvent, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

const T0 = Date.UTC(2026, 0, 5, 1, 0);

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`notices storage on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let customerId: string;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      const { branchId } = await seedDemo(t.db, { passwordHash: fakeHash });
      const config = (await repos.branches.loadConfig(branchId))!;
      customerId = (await repos.customers.create({ phone: '+86 138 0000 0001', email: 'wang@bank.example', language: 'zh', consents: { notices: true } })).id;
      const quiet = (await repos.customers.create({ phone: '+86 138 0000 0002', language: 'en', consents: { notices: false } })).id;
      let state: BranchState = initialState(branchId);
      const events: BranchEvent[] = [];
      const run = (cmd: Command) => {
        const r = apply(state, cmd, T0 + events.length * 1000);
        state = r.state;
        events.push(...r.events);
      };
      run({ type: 'configure', config });
      run({ type: 'issue', ticketId: 'n1', token: 'tok-n1-aaaaaaaaaaaa', serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal', customerId });
      run({ type: 'issue', ticketId: 'n2', token: 'tok-n2-aaaaaaaaaaaa', serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal', customerId: quiet });
      await repos.events.appendEvents(events);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('keeps one push subscription per ticket and endpoint, updating the choices', async () => {
      const base = { ticketId: 'n1', endpoint: 'https://push.example/a', keys: { p256dh: 'p', auth: 'a' }, lang: 'zh' as const, aheadThreshold: 3, onCalled: true, consentAt: T0 };
      const first = await repos.pushSubscriptions.save(base);
      const again = await repos.pushSubscriptions.save({ ...base, keys: { p256dh: 'p2', auth: 'a2' }, aheadThreshold: null, lang: 'en' });
      expect(again.id).toBe(first.id);
      expect(again).toMatchObject({ keys: { p256dh: 'p2', auth: 'a2' }, aheadThreshold: null, lang: 'en', onCalled: true, consentAt: T0 });
      await repos.pushSubscriptions.save({ ...base, endpoint: 'https://push.example/b' });
      expect(await repos.pushSubscriptions.countForTicket('n1')).toBe(2);
      expect((await repos.pushSubscriptions.forTickets(['n1', 'n2'])).map((s) => s.endpoint)).toEqual(['https://push.example/a', 'https://push.example/b']);
      expect(await repos.pushSubscriptions.remove(first.id)).toBe(true);
      expect(await repos.pushSubscriptions.remove(first.id)).toBe(false);
      expect(await repos.pushSubscriptions.removeByEndpoint('n1', 'https://push.example/b')).toBe(true);
      expect(await repos.pushSubscriptions.forTickets(['n1'])).toEqual([]);
    });

    it('refuses a subscription for a ticket that does not exist', async () => {
      await expect(
        repos.pushSubscriptions.save({ ticketId: 'nope', endpoint: 'https://push.example/x', keys: { p256dh: 'p', auth: 'a' }, lang: 'zh', aheadThreshold: 3, onCalled: true, consentAt: T0 }),
      ).rejects.toThrow();
    });

    it('stores e-mail and SMS contacts, and finds customers who consented to notices', async () => {
      await repos.noticeContacts.save({ ticketId: 'n2', channel: 'sms', address: '+8613800000002', lang: 'en', aheadThreshold: 2, onCalled: true, consentAt: T0 });
      const mail = await repos.noticeContacts.save({ ticketId: 'n2', channel: 'email', address: 'x@bank.example', lang: 'en', aheadThreshold: null, onCalled: true, consentAt: T0 });
      expect(await repos.noticeContacts.countForTicket('n2')).toBe(2);
      expect((await repos.noticeContacts.forTickets(['n2'])).map((c) => c.channel).sort()).toEqual(['email', 'sms']);
      expect(await repos.noticeContacts.remove(mail.id)).toBe(true);
      expect(await repos.noticeContacts.removeForTicket('n2')).toBe(1);
      const customers = await repos.noticeContacts.consentingCustomers([customerId, 'unknown']);
      expect(customers).toEqual([{ id: customerId, phone: '+8613800000001', email: 'wang@bank.example', language: 'zh' }]);
    });

    it('purges old rows', async () => {
      await repos.pushSubscriptions.save({ ticketId: 'n1', endpoint: 'https://push.example/old', keys: { p256dh: 'p', auth: 'a' }, lang: 'zh', aheadThreshold: 3, onCalled: true, consentAt: T0 });
      expect(await repos.pushSubscriptions.purgeCreatedBefore(Date.now() - 60_000)).toBe(0);
      expect(await repos.pushSubscriptions.purgeCreatedBefore(Date.now() + 60_000)).toBe(1);
      expect(await repos.noticeContacts.purgeCreatedBefore(Date.now() + 60_000)).toBe(0);
    });

    it('settings: the first writer wins', async () => {
      expect(await repos.settings.get('vapid')).toBeNull();
      const results = await Promise.all([repos.settings.putIfAbsent('vapid', { k: 1 }), repos.settings.putIfAbsent('vapid', { k: 2 })]);
      expect(results[0]).toEqual(results[1]);
      expect(await repos.settings.putIfAbsent('vapid', { k: 3 })).toEqual(results[0]);
    });
  });
}
