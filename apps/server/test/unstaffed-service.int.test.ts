/**
 * A service nobody on duty can serve (everyone with its skill signed off): the kiosk's tile, the
 * issued ticket, the phone page and the lobby screen promise no wait and say so; once someone
 * with the skill signs on, they show a wait again. Real system, demo branch (open all day).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceQueueView } from '@tellerline/contracts';
import { HttpClient, startSignedOn, type TestSystem } from './support.js';

let sys: TestSystem;
let kiosk: HttpClient;
const branch = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
const line = (services: ServiceQueueView[], code: string) => services.find((s) => s.code === code)!;

beforeAll(async () => {
  // Alice (cash A, business B) is on; nobody with the loans (C) skill is.
  ({ sys } = await startSignedOn({}));
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
});
afterAll(async () => {
  await sys?.close();
});

describe('a service nobody on duty can serve', () => {
  it('shows no wait on the tile, the ticket, the phone page and the lobby screen, then a wait once someone skilled signs on', async () => {
    const queue = async () => (await new HttpClient(sys.url).req('GET', branch('/queue'))).body.data as ServiceQueueView[];
    expect(line(await queue(), 'C')).toMatchObject({ noStaff: true, wait: null, waiting: 0 });
    expect(line(await queue(), 'A')).toMatchObject({ noStaff: false, wait: { lowMin: 0, highMin: 0 } });

    // The kiosk still issues: the customer may wait for someone to come on.
    const first = await kiosk.req('POST', branch('/tickets'), { serviceId: sys.service('C') });
    const second = await kiosk.req('POST', branch('/tickets'), { serviceId: sys.service('C') });
    expect(first.status).toBe(201);
    expect(second.body.data.view).toMatchObject({ status: 'waiting', ahead: 1, noStaff: true, wait: null });
    const phone = await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${second.body.data.token}`);
    expect(phone.body.data).toMatchObject({ ahead: 1, noStaff: true, wait: null });
    const signage = await new HttpClient(sys.url, { authorization: `Bearer ${sys.signageToken}` }).req('GET', branch('/signage'));
    expect(line(signage.body.data.services, 'C')).toMatchObject({ waiting: 2, noStaff: true, wait: null });

    const chen = new HttpClient(sys.url);
    await chen.login('chen');
    expect((await chen.req('POST', branch('/commands'), { type: 'sign-on', counterId: sys.counter('3') })).status).toBe(200);
    expect(line(await queue(), 'C')).toMatchObject({ noStaff: false, wait: { highMin: expect.any(Number) } });
    const after = await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${second.body.data.token}`);
    expect(after.body.data).toMatchObject({ noStaff: false, wait: { expectedMin: expect.any(Number) } });
    expect(after.body.data.wait.highMin).toBeGreaterThan(0);
  });
});
