import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

describe('a kiosk ticket and a staff call over HTTP', () => {
  it('issues, calls with a reason, and shows the phone page as called', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issued = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
    expect(issued.status).toBe(201);
    expect(issued.body.data.view).toMatchObject({ number: 'A001', status: 'waiting', ahead: 0 });

    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    expect((await alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
    const call = await alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'call-next' });
    expect(call.status).toBe(200);
    expect(call.body.data.called).toMatchObject({ number: 'A001', reason: { rule: 'urgency' } });
    expect(call.body.data.called.reason.text).toMatch(/target 10/);

    const phone = await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${issued.body.data.token}`);
    expect(phone.body.data).toMatchObject({ status: 'called', counterLabel: '1' });
  });

  it('a kiosk retry with the same request id gets the same ticket, even when the copies race', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const body = { serviceId: sys.service('B'), requestId: 'touch-0001-abcdef' };
    const before = (await sys.system.parts.store.load(sys.branchId))!;
    const answers = await Promise.all([1, 2, 3].map(() => kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, body)));
    const again = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, body);
    for (const a of [...answers, again]) expect(a.status === 200 || a.status === 201).toBe(true);
    expect(new Set([...answers, again].map((a) => a.body.data.token)).size).toBe(1);
    const after = (await sys.system.parts.store.load(sys.branchId))!;
    expect(Object.keys(after.tickets).length - Object.keys(before.tickets).length).toBe(1);
    // A different touch is a different ticket.
    const other = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { ...body, requestId: 'touch-0002-abcdef' });
    expect(other.body.data.view.number).not.toBe(again.body.data.view.number);
  });

  it('a retry after the ticket left the queue answers with that ticket, not a second one under its id', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const body = { serviceId: sys.service('C'), requestId: 'touch-0003-abcdef' };
    const first = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, body);
    expect(first.status).toBe(201);
    const { token, ticketId } = first.body.data;
    const phone = new HttpClient(sys.url);
    expect((await phone.req('POST', `/api/v1/tickets/${token}/cancel`)).status).toBe(200);
    const waiting = Object.keys((await sys.system.parts.store.load(sys.branchId))!.tickets).length;

    const retry = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, body);
    expect(retry.status).toBe(200);
    expect(retry.body.data).toMatchObject({ token, ticketId, view: { number: first.body.data.view.number, status: 'cancelled' } });
    expect(Object.keys((await sys.system.parts.store.load(sys.branchId))!.tickets).length).toBe(waiting);
    // The first customer's page still opens, as it was.
    const page = await phone.req('GET', `/api/v1/tickets/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.data).toMatchObject({ number: first.body.data.view.number, status: 'cancelled' });
  });
});
