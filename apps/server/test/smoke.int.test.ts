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
});
