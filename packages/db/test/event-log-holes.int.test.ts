/**
 * The event log after an append that failed and was copied later (a short PostgreSQL outage):
 * the hole is found, filling it leaves the tickets projection and the checkpoint as if nothing had
 * failed, and a different event under a stored seq is refused rather than skipped.
 */
import { apply, initialState, replay, type BranchEvent, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, type BranchSetup, type Repositories } from '../src/index.js';
import { openTestDb, type Backend, type TestDb } from './support/test-db.js';

const MIN = 60_000;
/** Monday 2026-01-05 09:00 in Asia/Shanghai. */
const T0 = Date.UTC(2026, 0, 5, 1, 0);

const plain = (s: BranchState) => JSON.parse(JSON.stringify(s)) as BranchState;
const ticketOf = (e: BranchEvent | undefined): string => {
  if (!e || !('ticketId' in e)) throw new Error(`not a ticket event: ${e?.type}`);
  return e.ticketId;
};

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`event log holes on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    /** A fresh branch and a driver that runs commands through the engine, collecting events. */
    async function branch(code: string) {
      const id = await repos.branches.upsert({
        code,
        name: { zh: code, en: code },
        timezone: 'Asia/Shanghai',
        openingHours: {} as BranchSetup['openingHours'],
        services: [
          { code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 5, defaultDurationMin: 3 },
          { code: 'B', name: { zh: '贷款', en: 'Loans' }, targetMin: 10, defaultDurationMin: 8 },
        ],
        counters: [{ label: '1' }],
        staff: [{ displayName: `${code}-1`, skills: { A: 1, B: 1 } }],
      });
      const config = (await repos.branches.loadConfig(id))!;
      let state = initialState(id);
      let at = T0;
      const events: BranchEvent[] = [];
      const run = (cmd: Command) => {
        at += MIN;
        const r = apply(state, cmd, at);
        state = r.state;
        events.push(...r.events);
        return r.events;
      };
      run({ type: 'configure', config });
      run({ type: 'sign-on', staffId: config.staff[0]!.id, counterId: config.counters[0]!.id });
      const issue = (n: number) =>
        run({ type: 'issue', ticketId: `${code}-t${n}`, token: `tok-${code}-${n}`, serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal' });
      return { id, config, run, issue, events, state: () => state, staffId: config.staff[0]!.id };
    }

    it('finds the missing seqs after the checkpoint: at the start, in the middle and at the end', async () => {
      const b = await branch(`gap-${backend}`);
      for (let n = 1; n <= 6; n++) b.issue(n); // seqs 3..8
      const bySeq = (...seqs: number[]) => b.events.filter((e) => seqs.includes(e.seq));
      expect(await repos.events.missingSeqs(b.id, 8)).toEqual([{ from: 1, to: 8 }]);
      await repos.events.appendEvents(bySeq(2, 3, 6));
      expect(await repos.events.missingSeqs(b.id, 8)).toEqual([
        { from: 1, to: 1 },
        { from: 4, to: 5 },
        { from: 7, to: 8 },
      ]);
      expect(await repos.events.missingSeqs(b.id, 6)).toEqual([
        { from: 1, to: 1 },
        { from: 4, to: 5 },
      ]);
      await repos.events.appendEvents(b.events);
      expect(await repos.events.missingSeqs(b.id, 8)).toEqual([]);
      expect(await repos.events.missingSeqs(b.id, 0)).toEqual([]);
    });

    it('filling a hole projects its tickets as if the events had come in order, and writes the held-back checkpoint', async () => {
      const b = await branch(`fill-${backend}`);
      const [issued] = b.issue(1);
      b.issue(2);
      const called = b.run({ type: 'call-next', staffId: b.staffId });
      expect(called.find((e) => e.type === 'ticket-called')).toMatchObject({ ticketId: ticketOf(issued) });
      b.run({ type: 'start', staffId: b.staffId, ticketId: ticketOf(issued) });
      b.run({ type: 'close-day', day: '2026-01-05' });
      const hole = new Set([issued!.seq, called[0]!.seq]);

      // The appends of the issue and the call failed; everything after them was stored.
      for (const e of b.events) if (!hole.has(e.seq)) await repos.events.appendEvents([e]);
      expect(await repos.events.findTicket(ticketOf(issued))).toBeNull();
      expect((await repos.events.eventsForRebuild(b.id)).checkpoint).toBeNull(); // the hole held it back

      // Catch-up copies the missing events later, with a repeat of a stored one.
      const copy = b.events.filter((e) => hole.has(e.seq) || e.seq === issued!.seq + 1);
      expect(await repos.events.appendEvents(copy)).toEqual({ inserted: 2 });
      expect(await repos.events.missingSeqs(b.id, b.state().seq)).toEqual([]);

      // The ticket exists again, with the call the later events built on.
      const t1 = (await repos.events.findTicket(ticketOf(issued)))!;
      expect(t1).toMatchObject({ id: ticketOf(issued), number: 'A001' });
      expect(t1.calledAt).toBe(called[0]!.at);
      expect(t1.servedAt).not.toBeNull();
      expect(t1.status).not.toBe('waiting');
      const dayClosed = b.events.find((e) => e.type === 'day-closed')!;
      const { checkpoint } = await repos.events.eventsForRebuild(b.id);
      expect(checkpoint?.seq).toBe(dayClosed.seq);
      expect(plain(await repos.events.rebuildState(b.id))).toEqual(plain(replay(b.id, b.events)));
    });

    it('projects a filled ticket exactly like in-order appends would', async () => {
      const inOrder = await branch(`ordered-${backend}`);
      const filled = await branch(`filled-${backend}`);
      for (const b of [inOrder, filled]) {
        b.issue(1);
        b.issue(2);
        const [call] = b.run({ type: 'call-next', staffId: b.staffId });
        b.run({ type: 'recall', staffId: b.staffId, ticketId: ticketOf(call) });
        b.run({ type: 'start', staffId: b.staffId, ticketId: ticketOf(call) });
        b.run({ type: 'transfer', staffId: b.staffId, ticketId: ticketOf(call), toServiceId: b.config.services[1]!.id });
      }
      for (const e of inOrder.events) await repos.events.appendEvents([e]);
      // Everything about the first ticket but its transfer arrives after the rest.
      const late = (e: BranchEvent) => 'ticketId' in e && e.ticketId === `filled-${backend}-t1` && e.type !== 'ticket-transferred';
      for (const e of filled.events) if (!late(e)) await repos.events.appendEvents([e]);
      await repos.events.appendEvents(filled.events.filter(late));

      const row = async (id: string) => {
        const { id: _i, branchId: _b, token: _t, serviceId: _s, staffId: _st, counterId: _c, ...rest } = (await repos.events.findTicket(id))!;
        return rest;
      };
      expect(filled.events.filter(late).length).toBeGreaterThan(2);
      expect(await row(`filled-${backend}-t1`)).toEqual(await row(`ordered-${backend}-t1`));
      expect(await row(`filled-${backend}-t1`)).toMatchObject({ status: 'waiting', number: 'B001', transfers: 1, recalls: 0, calledAt: null });
    });

    it('refuses a different event under a stored seq, storing nothing of that append', async () => {
      const b = await branch(`clash-${backend}`);
      b.issue(1);
      await repos.events.appendEvents(b.events);
      const top = b.state().seq;
      const stored = b.events.at(-1)!;
      // Another timeline reused the seq (Redis came back older), then went on.
      const other = { ...stored, token: 'tok-other', ticketId: `${b.id}-other` } as BranchEvent;
      const next = { ...other, seq: top + 1, ticketId: `${b.id}-next`, token: 'tok-next' } as BranchEvent;
      const failure = await repos.events.appendEvents([other, next]).catch((err: unknown) => err);
      expect(failure).toMatchObject({ code: 'EVENT_SEQ_CONFLICT', conflicts: [{ branchId: b.id, seq: top }] });
      expect(await repos.events.lastSeq(b.id)).toBe(top);
      expect(await repos.events.findTicket(`${b.id}-next`)).toBeNull();
      // A conflicting event alone is refused too (the one-statement path), and a true repeat is fine.
      await expect(repos.events.appendEvents([other])).rejects.toMatchObject({ code: 'EVENT_SEQ_CONFLICT' });
      expect(await repos.events.appendEvents([stored])).toEqual({ inserted: 0 });
      expect(await repos.events.eventsSince(b.id, 0)).toEqual(b.events);
    });
  });
}
