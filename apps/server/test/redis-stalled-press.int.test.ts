/**
 * The known problem this closes: a staff press cut off by a stalled Redis (SIGSTOP here) is
 * answered 503 within seconds, but what Redis had already received may still run when it
 * resumes. The panel presses again with the same commandId; the server answers with what was
 * done, if anything was (else decides now), and the press after that is answered the same:
 * never a second customer, never STAFF_BUSY for the teller's own call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { noShowJobId } from '../src/jobs/processors/no-show-timer.js';
import { startWithStallableRedis, within, type StallableSystem } from './stallable-redis.js';
import { kioskTicket, signedOnAt, waitFor } from './support.js';

let stallable: StallableSystem | undefined;

afterAll(async () => {
  await stallable?.close();
});

describe('a staff press while Redis stalls', () => {
  it('answered 503, pressed again with the same commandId once Redis resumes: one customer called, and the retry names them', async () => {
    stallable = await startWithStallableRedis('press');
    const s = stallable.sys;
    const alice = await signedOnAt(s, 'alice', '1');
    const first = await kioskTicket(s, 'A');
    await kioskTicket(s, 'A');
    const from = (await s.system.parts.store.load(s.branchId))!.seq;

    const press = (ms: number) =>
      within(ms, `${s.url}/api/v1/branches/${s.branchId}/commands`, {
        method: 'POST',
        headers: { cookie: alice.cookie!, 'content-type': 'application/json', origin: 'http://allowed.test' },
        body: JSON.stringify({ type: 'call-next', commandId: 'stalled-press-0001' }),
      });
    stallable.stall();
    const cut = await press(10_000);
    expect(cut.status, cut.body).toBe(503);
    stallable.resume();
    await waitFor('readiness after Redis resumed', async () => (await within(3000, `${s.url}/readyz`)).status === 200, 20_000);

    const retry = await press(10_000);
    expect(retry.status, retry.body).toBe(200);
    expect(JSON.parse(retry.body).data.called).toMatchObject({ ticketId: first.ticketId, number: first.number });
    const again = await press(10_000);
    expect(JSON.parse(again.body)).toEqual(JSON.parse(retry.body));
    const calls = (await s.system.parts.store.readEvents(s.branchId, from)).filter((e) => e.type === 'ticket-called');
    expect(calls.map((e) => (e as { ticketId: string }).ticketId)).toEqual([first.ticketId]);
    // Whichever run did the call (the cut one, if Redis had its commit, or the retry), it is
    // recorded, timed and audited once.
    const call = calls[0]!;
    expect(await s.system.parts.db.eventLog.missingSeqs(s.branchId, call.seq)).toEqual([]);
    expect(await s.system.parts.queues.queue.getJob(noShowJobId(s.branchId, first.ticketId, call.at))).toBeTruthy();
    const audited = (await s.system.parts.db.audit.list(s.branchId, 100)).filter((e) => e.action === 'call-next' && e.ticketId === first.ticketId);
    expect(audited).toHaveLength(1);
  }, 90_000);
});
