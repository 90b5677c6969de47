/**
 * A customer transferred to a colleague's counter must never be stranded there (the reviewer's
 * A016 sent to Chen, who serves C and D only: nobody could call it until Chen signed off). Over
 * the real HTTP API: such a transfer is refused with a code and a message without ids, and a
 * reservation that stops holding (a pause, a skills change) goes back to its service queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskTicket, signedOnAt, startSignedOn, type HttpClient, type TestSystem } from './support.js';

let sys: TestSystem;
let alice: HttpClient;
let bob: HttpClient;
let chen: HttpClient;
const commands = () => `/api/v1/branches/${sys.branchId}/commands`;
const cmd = (who: HttpClient, body: Record<string, unknown>) => who.req('POST', commands(), body);

const issue = async (code: string) => (await kioskTicket(sys, code)).ticketId;

async function ticket(id: string) {
  const r = await alice.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`);
  return (r.body.data.tickets as { id: string; number: string; status: string; serviceId: string; reservedCounterId: string | null }[]).find((t) => t.id === id);
}

/** Alice calls the A ticket just issued and starts serving it. */
async function aliceServesA(): Promise<string> {
  const id = await issue('A');
  const called = await cmd(alice, { type: 'call-next' });
  expect(called.body.data.called.ticketId).toBe(id);
  expect((await cmd(alice, { type: 'start', ticketId: id })).status).toBe(200);
  return id;
}

beforeAll(async () => {
  ({ sys, client: alice } = await startSignedOn({}, 'alice', '1'));
  // Demo skills: alice A 1.0 / B 0.5, bob B 1.0 / A 0.6, chen C 1.0 / D 0.8.
  bob = await signedOnAt(sys, 'bob', '2');
  chen = await signedOnAt(sys, 'chen', '3');
});

afterAll(async () => {
  await sys?.close();
});

describe('a transfer to a counter', () => {
  it("is refused (409 COUNTER_NOT_SKILLED) when the colleague there cannot serve the ticket's service; alice keeps the customer", async () => {
    const id = await aliceServesA();
    const r = await cmd(alice, { type: 'transfer', ticketId: id, toCounterId: sys.counter('3') });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('COUNTER_NOT_SKILLED');
    expect(r.body.error.details).toMatchObject({ counterLabel: '3', serviceCode: 'A' });
    expect(r.body.error.message).toBe('The colleague at counter 3 cannot serve Personal cash (A).');
    // No raw ids in what a person reads.
    expect(r.body.error.message).not.toContain(sys.service('A'));
    expect(r.body.error.message).not.toContain(sys.counter('3'));
    expect(await ticket(id)).toMatchObject({ status: 'serving', reservedCounterId: null });
    // The customer is not stranded: chen still has nobody, alice still has them.
    expect((await cmd(chen, { type: 'call-next' })).body.error.code).toBe('NO_TICKET_WAITING');
    expect((await cmd(alice, { type: 'complete', ticketId: id })).status).toBe(200);
  });

  it('is accepted when it also names a service the colleague there can serve, and that colleague calls it first', async () => {
    const id = await aliceServesA();
    const r = await cmd(alice, { type: 'transfer', ticketId: id, toCounterId: sys.counter('3'), toServiceId: sys.service('C') });
    expect(r.status).toBe(200);
    expect(await ticket(id)).toMatchObject({ status: 'waiting', serviceId: sys.service('C'), reservedCounterId: sys.counter('3') });
    const called = await cmd(chen, { type: 'call-next' });
    expect(called.body.data.called).toMatchObject({ ticketId: id, reason: { rule: 'reserved' } });
    await cmd(chen, { type: 'start', ticketId: id });
    await cmd(chen, { type: 'complete', ticketId: id });
  });

  it('answers call-ticket for a service one cannot serve with NOT_SKILLED naming the service, not its id', async () => {
    const id = await issue('C');
    const r = await cmd(alice, { type: 'call-ticket', ticketId: id, reason: 'help' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('NOT_SKILLED');
    expect(r.body.error.message).not.toContain(sys.service('C'));
    expect(r.body.error.message).toMatch(/\(C\)\.$/);
    await cmd(chen, { type: 'call-ticket', ticketId: id, reason: 'tidy up' });
    await cmd(chen, { type: 'start', ticketId: id });
    await cmd(chen, { type: 'complete', ticketId: id });
  });
});

describe('a reservation that stops holding', () => {
  it("goes back to the service queue when the colleague there pauses: everyone skilled can call it again", async () => {
    const id = await aliceServesA();
    expect((await cmd(alice, { type: 'transfer', ticketId: id, toCounterId: sys.counter('2') })).status).toBe(200);
    expect(await ticket(id)).toMatchObject({ status: 'waiting', reservedCounterId: sys.counter('2') });
    // Reserved for bob: alice cannot take it back meanwhile.
    expect((await cmd(alice, { type: 'call-next' })).body.error.code).toBe('NO_TICKET_WAITING');
    expect((await cmd(bob, { type: 'pause', reason: 'break' })).status).toBe(200);
    expect(await ticket(id)).toMatchObject({ status: 'waiting', reservedCounterId: null });
    const called = await cmd(alice, { type: 'call-next' });
    expect(called.body.data.called.ticketId).toBe(id);
    await cmd(alice, { type: 'start', ticketId: id });
    await cmd(alice, { type: 'complete', ticketId: id });
  });

  it('a transfer to a paused colleague is refused (409 COUNTER_PAUSED)', async () => {
    const id = await aliceServesA();
    const r = await cmd(alice, { type: 'transfer', ticketId: id, toCounterId: sys.counter('2') });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'COUNTER_PAUSED', details: { counterLabel: '2' } });
    expect((await cmd(bob, { type: 'resume' })).status).toBe(200);
    await cmd(alice, { type: 'complete', ticketId: id });
  });

  it("goes back to the service queue when the colleague's skills change so they can no longer serve it", async () => {
    const id = await aliceServesA();
    expect((await cmd(alice, { type: 'transfer', ticketId: id, toCounterId: sys.counter('2') })).status).toBe(200);
    // A manager takes A away from bob mid-day (the same configure the admin screens send).
    const state = (await sys.system.parts.store.load(sys.branchId))!;
    const bobId = Object.values(state.staff).find((st) => st.counterId === sys.counter('2'))!.id;
    const config = {
      branchId: sys.branchId,
      services: Object.values(state.services),
      counters: Object.values(state.counters),
      staff: Object.values(state.staff).map((st) => ({ id: st.id, skills: st.id === bobId ? { [sys.service('B')]: 1 } : st.skills })),
      routing: state.routing,
    };
    await sys.system.parts.commands.run(sys.branchId, { type: 'configure', config }, null);
    expect(await ticket(id)).toMatchObject({ status: 'waiting', reservedCounterId: null });
    expect((await cmd(alice, { type: 'call-next' })).body.data.called.ticketId).toBe(id);
  });
});
