import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BranchListItem, ServiceQueueView, WalkInHours } from '@tellerline/contracts';
import { JoinFlow } from './join-flow.svelte.js';
import { bookingInfo } from './booking-test-fixtures.js';

const MON = '2026-03-02';
const open: WalkInHours = { issuing: true, closed: null, reason: null, next: null, today: MON };
const branch = { id: 'br1', code: 'demo', name: { zh: '演示', en: 'Demo' }, timezone: 'Asia/Shanghai', active: true } as unknown as BranchListItem;
const line: ServiceQueueView = { serviceId: 'svcA', code: 'A', name: { zh: 'A', en: 'A' }, waiting: 1, longestWaitMin: 2, targetMin: 10, wait: { lowMin: 2, highMin: 6, expectedMin: 4 }, noStaff: false, walkIns: true };

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
const refusal = (status: number, code: string, details?: Record<string, unknown>) => respond(status, { error: { code, message: code, ...(details ? { details } : {}) } });

/** A flow at the confirm step for service A at the one branch, with `contact` given. */
function atConfirm(over: Partial<ReturnType<typeof bookingInfo>> = {}, value = ''): JoinFlow {
  const flow = new JoinFlow('en');
  const row = { branch, info: { ...bookingInfo(), remoteQueue: true, ...over }, state: { kind: 'open' as const } };
  flow.branches = [row];
  flow.chosen = row;
  flow.service = line;
  flow.step = 'contact';
  flow.kind = value.includes('@') ? 'email' : 'phone';
  flow.value = value;
  flow.consent = value !== '';
  expect(flow.submitContact()).toBe(true);
  return flow;
}

const bodies = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls.filter((c) => (c[1] as RequestInit | undefined)?.method === 'POST').map((c) => [String(c[0]), JSON.parse((c[1] as RequestInit).body as string)] as const);

afterEach(() => vi.unstubAllGlobals());

describe('JoinFlow', () => {
  it('joins without a contact: one POST, the token back, no code', async () => {
    const fetch = vi.fn().mockResolvedValue(respond(201, { data: { token: 'tok_123456789012345', ticketId: 't1', view: {} } }));
    vi.stubGlobal('fetch', fetch);
    const flow = atConfirm();
    expect(flow.steps).toEqual(['service', 'contact', 'confirm']);
    expect(await flow.confirm()).toBe('tok_123456789012345');
    expect(bodies(fetch)).toEqual([['/api/v1/branches/br1/remote-tickets', { serviceId: 'svcA', lang: 'en' }]]);
  });

  it('at a branch confirming numbers: sends the code first, then joins with it; a wrong code stays on the code step', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(respond(201, { data: { checkId: 'chk1', expiresAt: Date.now() + 600_000, resendAfterSec: 60 } }))
      .mockResolvedValueOnce(refusal(422, 'PHONE_CODE_WRONG', { triesLeft: 4 }))
      .mockResolvedValueOnce(respond(201, { data: { token: 'tok_abcdefghijklmnop', ticketId: 't2', view: {} } }));
    vi.stubGlobal('fetch', fetch);
    const flow = atConfirm({ phoneCheck: 'required' }, '139 0000 1234');
    expect(flow.steps.at(-1)).toBe('verify');
    expect(await flow.confirm()).toBeNull();
    expect(flow.step).toBe('verify');
    expect(await flow.confirmCode('111111')).toBeNull();
    expect([flow.step, flow.phoneCheck.error, flow.phoneCheck.triesLeft]).toEqual(['verify', 'PHONE_CODE_WRONG', 4]);
    expect(await flow.confirmCode('222222')).toBe('tok_abcdefghijklmnop');
    const [send, wrong, right] = bodies(fetch);
    expect(send![0]).toBe('/api/v1/phone-checks');
    expect(wrong![1]).toMatchObject({ contact: { phone: '139 0000 1234', consent: true }, phoneCheck: { checkId: 'chk1', code: '111111' } });
    expect(right![1].phoneCheck).toEqual({ checkId: 'chk1', code: '222222' });
  });

  it('REMOTE_QUEUE_OFF or BRANCH_CLOSED ends the flow with the branch read again for why', async () => {
    const fetch = vi.fn().mockImplementation(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') return refusal(409, 'BRANCH_CLOSED', { closed: 'ended' });
      if (url.endsWith('/walk-in-hours')) return respond(200, { data: { ...open, issuing: false, closed: 'ended' } });
      return respond(200, { data: { ...bookingInfo(), remoteQueue: true } });
    });
    vi.stubGlobal('fetch', fetch);
    const flow = atConfirm();
    expect(await flow.confirm()).toBeNull();
    expect([flow.step, flow.error, flow.chosen?.state.kind]).toEqual(['closed', 'BRANCH_CLOSED', 'closed']);
  });

  it('a service that became appointment-only goes back to the services, read again', async () => {
    const fetch = vi.fn().mockImplementation(async (_url: string, init?: RequestInit) => (init?.method === 'POST' ? refusal(422, 'SERVICE_APPOINTMENT_ONLY') : respond(200, { data: [{ ...line, walkIns: false }] })));
    vi.stubGlobal('fetch', fetch);
    const flow = atConfirm();
    await flow.confirm();
    expect([flow.step, flow.error, flow.lines]).toEqual(['service', 'SERVICE_APPOINTMENT_ONLY', []]);
  });

  it('RATE_LIMITED stays on the confirm step; Back keeps the contact as typed', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(refusal(429, 'RATE_LIMITED')));
    const flow = atConfirm({}, 'li@example.com');
    await flow.confirm();
    expect([flow.step, flow.error]).toEqual(['confirm', 'RATE_LIMITED']);
    flow.back();
    expect([flow.step, flow.value, flow.consent, flow.error]).toEqual(['contact', 'li@example.com', true, null]);
  });

  it("the browser's Back and Forward: earlier steps come back with what was typed; Forward past the contact checks it first", () => {
    const flow = atConfirm({}, '139 0000 1234');
    expect(flow.step).toBe('confirm');
    flow.show('contact');
    expect([flow.step, flow.value, flow.consent]).toEqual(['contact', '139 0000 1234', true]);
    flow.show('service');
    expect(flow.step).toBe('service');
    flow.show('contact');
    expect(flow.step).toBe('contact');
    // Forward to the confirm step is the contact step's Next: a broken number stays, with why.
    flow.value = '12';
    flow.show('confirm');
    expect([flow.step, flow.problem]).toEqual(['contact', 'invalid']);
    flow.value = '139 0000 1234';
    flow.show('confirm');
    expect([flow.step, flow.contact?.phone]).toEqual(['confirm', '139 0000 1234']);
    // No code was sent: there is no code step to come forward to.
    flow.show('verify');
    expect(flow.step).toBe('confirm');
  });

  it('never moves while joining, nor from a branch that stopped taking joins, nor to a step skipped', () => {
    const flow = atConfirm();
    flow.joining = true;
    flow.show('contact');
    expect(flow.step).toBe('confirm');
    flow.joining = false;
    flow.step = 'closed';
    flow.show('contact');
    expect(flow.step).toBe('closed');
    // One open branch: no branch step to go back to.
    flow.step = 'service';
    flow.show('branch');
    expect(flow.step).toBe('service');
  });

  it('notices follow the page language until the customer picks one', () => {
    const flow = new JoinFlow('zh');
    flow.pageLanguage('en');
    expect(flow.language).toBe('en');
    flow.language = 'zh';
    flow.languagePicked = true;
    flow.pageLanguage('en');
    expect(flow.language).toBe('zh');
  });
});
