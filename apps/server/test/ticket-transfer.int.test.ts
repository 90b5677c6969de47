/**
 * A transfer renumbers the ticket (A003 to Wealth becomes D001) while the customer's paper ticket
 * still says A003: the phone page's view says where it came from, live, after a reload, after a
 * restart (nothing in memory) and once the visit is over. The real system, Redis and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketView } from '@tellerline/contracts';
import { HttpClient, nextEvent, openSocket, startSignedOn, type ClientSocket, type TestSystem } from './support.js';

let sys: TestSystem;
let alice: HttpClient;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  ({ sys, client: alice } = await startSignedOn({}, 'alice', '1'));
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
});

/** The system's address (a restart listens on a new port). */
const url = () => sys.system.url();

/** A staff command, sent to the system as it now listens. */
async function command(client: HttpClient, body: Record<string, unknown>) {
  const r = await new HttpClient(url(), client.cookie ? { cookie: client.cookie } : {}).req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
}

async function issue(code: string) {
  const kiosk = new HttpClient(url(), { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(code) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data as { token: string; ticketId: string; view: TicketView };
}

const view = async (token: string): Promise<TicketView> => (await new HttpClient(url()).req('GET', `/api/v1/tickets/${token}`)).body.data;

async function phone(token: string): Promise<ClientSocket> {
  const socket = await openSocket(url(), { auth: { ticketToken: token } });
  sockets.push(socket);
  return socket;
}

function sync(socket: ClientSocket): Promise<TicketView> {
  return new Promise((resolve, reject) =>
    (socket.emit as unknown as (e: string, p: unknown, ack: (r: { data?: TicketView; error?: unknown }) => void) => void)('ticket:sync', { afterSeq: 0 }, (r) =>
      r.data ? resolve(r.data) : reject(new Error(JSON.stringify(r.error))),
    ),
  );
}

describe('a transferred ticket on the phone page', () => {
  it('says the number and service it had before, live and on every later read', async () => {
    const me = await issue('A');
    expect(me.view.transferredFrom).toBeNull();
    const socket = await phone(me.token);
    expect((await sync(socket)).transferredFrom).toBeNull();
    const serviceA = (await new HttpClient(url()).req('GET', `/api/v1/branches/${sys.branchId}`)).body.data.services.find((s: { code: string }) => s.code === 'A');

    expect((await command(alice, { type: 'call-next' })).called.ticketId).toBe(me.ticketId);
    const moved = nextEvent<TicketView>(socket, 'ticket:update', (v) => v.service.code === 'D');
    await command(alice, { type: 'transfer', ticketId: me.ticketId, toServiceId: sys.service('D') });
    const pushed = await moved;
    const was = { number: me.view.number, service: { id: serviceA.id, code: 'A', name: serviceA.name } };
    expect(pushed.number).toMatch(/^D\d{3}$/);
    expect(pushed).toMatchObject({ status: 'waiting', transferredFrom: was });

    // A reload (HTTP) and a resync say the same.
    expect(await view(me.token)).toMatchObject({ number: pushed.number, transferredFrom: was });
    expect(await sync(socket)).toMatchObject({ number: pushed.number, transferredFrom: was });

    // A new process knows nothing in memory: it reads the ticket's events.
    socket.close();
    await sys.restart();
    expect(await view(me.token)).toMatchObject({ number: pushed.number, transferredFrom: was });
    expect(await sync(await phone(me.token))).toMatchObject({ number: pushed.number, transferredFrom: was });

    // Served at the Wealth desk and done: the finished page still says it.
    const dana = new HttpClient(url());
    await dana.login('dana');
    await command(dana, { type: 'sign-on', counterId: sys.counter('4') });
    expect((await command(dana, { type: 'call-next' })).called.ticketId).toBe(me.ticketId);
    await command(dana, { type: 'start', ticketId: me.ticketId });
    await command(dana, { type: 'complete', ticketId: me.ticketId });
    expect(await view(me.token)).toMatchObject({ status: 'done', number: pushed.number, transferredFrom: was });
  });

  it('is null after a move to a named counter of the same service (the number stays)', async () => {
    const bob = new HttpClient(url());
    await bob.login('bob');
    await command(bob, { type: 'sign-on', counterId: sys.counter('2') });
    const me = await issue('A');
    expect((await command(alice, { type: 'call-next' })).called.ticketId).toBe(me.ticketId);
    await command(alice, { type: 'transfer', ticketId: me.ticketId, toCounterId: sys.counter('2') });
    expect(await view(me.token)).toMatchObject({ number: me.view.number, status: 'waiting', transferredFrom: null });
  });
});
