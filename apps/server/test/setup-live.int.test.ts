/**
 * A manager's set-up changes reach every screen of the running demo branch at once (real system,
 * a clock at Monday 2 March 2026 08:00, alice signed on at counter 1): a new service gets a kiosk
 * ticket and is on the lobby's board, a renamed one is renamed there, new counters show on the
 * staff panel, changed hours change the booking slots and the help assistant. A change that would
 * orphan live work is refused with what to do, and changes nothing, stored or live.
 */
import { describe, expect, it } from 'vitest';
import type { BranchSetupView, ServiceQueueView, StaffQueueSnapshot } from '@tellerline/contracts';
import { managerAndTeller, MON } from './booking-support.js';
import { nextEvent, openSocket, type ClientSocket } from './support.js';

const { setTime, at, anyone, kiosk, branchPath, freshIp, live } = managerAndTeller();

const setup = async () => (await at.manager.req('GET', branchPath('/setup'))).body.data as BranchSetupView;
const auditOf = async (action: string) => (await at.sys.system.parts.db.audit.list(at.sys.branchId, 200)).filter((e) => e.action === action);
const summaryWith = (socket: ClientSocket, pred: (services: ServiceQueueView[]) => boolean) =>
  nextEvent<{ services: ServiceQueueView[] }>(socket, 'queue:summary', (s) => pred(s.services));

let lobby: ClientSocket;
let wealth: { id: string; token: string };
let foreignId: string;

describe('set-up changes on a running branch', () => {
  it('a new service is on the lobby board and gets a kiosk ticket at once', async () => {
    setTime(MON, '09:30');
    lobby = await openSocket(at.sys.url, { auth: { deviceToken: at.sys.kioskToken } });
    const board = summaryWith(lobby, (s) => s.some((x) => x.code === 'E'));
    const created = await at.manager.req('POST', branchPath('/services'), {
      code: 'E',
      name: { zh: '外币兑换', en: 'Foreign exchange' },
      targetMin: 15,
      defaultDurationMin: 8,
      documents: { zh: ['护照'], en: ['Passport'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    foreignId = created.body.data.id;
    expect((await board).services.find((s) => s.code === 'E')).toMatchObject({ serviceId: foreignId, name: { en: 'Foreign exchange' }, targetMin: 15, walkIns: true });

    const ticket = await kiosk().req('POST', branchPath('/tickets'), { serviceId: foreignId });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body.data.view).toMatchObject({ number: 'E001', service: { code: 'E', name: { zh: '外币兑换' } } });
    wealth = { id: ticket.body.data.ticketId, token: ticket.body.data.token };
    // The staff panel's snapshot (its services and counters) and the help assistant know it too.
    const snapshot = (await at.alice.req('GET', branchPath('/staff-queue'))).body.data as StaffQueueSnapshot;
    expect(snapshot.services.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(snapshot.counters.map((c) => c.label)).toEqual(['1', '2', '3', '4']);
    const help = await anyone().req('POST', branchPath('/assistant'), { question: 'what do I need to bring for foreign exchange?', language: 'en' }, freshIp());
    expect(help.body.data.answer).toContain('Passport');
    const [entry] = await auditOf('create-service');
    expect(entry).toMatchObject({ role: 'manager', details: { serviceId: foreignId, code: 'E', name: { en: 'Foreign exchange' } } });
  });

  it('a renamed service is renamed on the lobby board, the kiosk and the ticket at once; the audit has before and after', async () => {
    const board = summaryWith(lobby, (s) => s.some((x) => x.name.en === 'Cash and cards'));
    const a = at.sys.service('A');
    const renamed = await at.manager.req('PATCH', branchPath(`/services/${a}`), { name: { zh: '现金与银行卡', en: 'Cash and cards' }, targetMin: 12 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ id: a, code: 'A', name: { en: 'Cash and cards' }, targetMin: 12, defaultDurationMin: 5, active: true });
    expect((await board).services.find((s) => s.serviceId === a)).toMatchObject({ name: { zh: '现金与银行卡' }, targetMin: 12 });
    expect((await anyone().req('GET', branchPath('/queue'))).body.data.find((s: ServiceQueueView) => s.serviceId === a).name.en).toBe('Cash and cards');
    const [entry] = await auditOf('update-service');
    expect(entry!.details).toEqual({
      serviceId: a,
      code: 'A',
      changes: { name: { from: { zh: '个人现金业务', en: 'Personal cash' }, to: { zh: '现金与银行卡', en: 'Cash and cards' } }, targetMin: { from: 10, to: 12 } },
    });
    expect((await live()).services[a]).toMatchObject({ name: { en: 'Cash and cards' }, targetMin: 12 });
  });

  it('refuses to deactivate a service someone waits for, saying how many, and changes nothing', async () => {
    const refused = await at.manager.req('PATCH', branchPath(`/services/${foreignId}`), { active: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'SERVICE_IN_USE',
      message: '1 customer is waiting for this service; deactivate it after they are served.',
      details: { serviceCode: 'E', waiting: 1, called: 0, serving: 0 },
    });
    expect((await setup()).services.find((s) => s.id === foreignId)?.active).toBe(true);
    expect((await live()).services[foreignId]).toBeDefined();
    expect(await auditOf('update-service')).toHaveLength(1);

    // Once the customer has gone, it can be deactivated: the kiosk no longer offers it.
    expect((await anyone().req('POST', `/api/v1/tickets/${wealth.token}/cancel`)).status).toBe(200);
    const board = summaryWith(lobby, (s) => !s.some((x) => x.code === 'E'));
    const off = await at.manager.req('PATCH', branchPath(`/services/${foreignId}`), { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    await board;
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: foreignId })).body.error.code).toBe('UNKNOWN_SERVICE');
    expect((await setup()).services.find((s) => s.id === foreignId)).toMatchObject({ code: 'E', active: false });
    // Reactivated, it is back, numbering on where it left off today.
    expect((await at.manager.req('PATCH', branchPath(`/services/${foreignId}`), { active: true })).status).toBe(200);
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: foreignId })).body.data.view.number).toBe('E002');
  });

  it('refuses to deactivate a counter someone is signed on at, naming them; new and renamed counters reach the staff panel', async () => {
    const refused = await at.manager.req('PATCH', branchPath(`/counters/${at.sys.counter('1')}`), { active: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'COUNTER_IN_USE', message: 'Alice is signed on at counter 1; deactivate it after they sign off.', details: { counterLabel: '1', staffName: 'Alice' } });
    expect((await live()).counters[at.sys.counter('1')]).toBeDefined();

    const added = await at.manager.req('POST', branchPath('/counters'), { label: '5' });
    expect(added.status).toBe(201);
    const panel = await openSocket(at.sys.url, { cookie: at.alice.cookie });
    const renamed = nextEvent<StaffQueueSnapshot>(panel, 'staff:changed', (s) => s.counters.some((c) => c.label === 'VIP 1'));
    expect((await at.manager.req('PATCH', branchPath(`/counters/${added.body.data.id}`), { label: 'VIP 1' })).status).toBe(200);
    expect((await renamed).counters.map((c) => c.label)).toEqual(['1', '2', '3', '4', 'VIP 1']);
    panel.close();
    // Nobody sits there: it can go.
    expect((await at.manager.req('PATCH', branchPath(`/counters/${added.body.data.id}`), { active: false })).body.data).toMatchObject({ label: 'VIP 1', active: false });
    expect(Object.values((await live()).counters).map((c) => c.label)).toEqual(['1', '2', '3', '4']);
    expect((await auditOf('update-counter')).map((e) => e.details?.changes)).toEqual([{ active: { from: true, to: false } }, { label: { from: '5', to: 'VIP 1' } }]);
  });

  it('changed opening hours change the free booking slots and the help assistant at once', async () => {
    setTime(MON, '08:00');
    const slots = async () => (await anyone().req('GET', branchPath(`/services/${at.sys.service('B')}/slots?from=${MON}&days=6`))).body.data.days as { date: string; closed: boolean; slots: { time: string }[] }[];
    const before = await slots();
    expect(before[0]!.slots.at(-1)!.time > '16:00').toBe(true);
    expect(before[5]).toMatchObject({ closed: false });

    const morning = [{ open: '09:00', close: '12:00' }];
    const hours = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: [], sun: [] };
    const saved = await at.manager.req('PUT', branchPath('/opening-hours'), { openingHours: hours });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = await slots();
    expect(after[0]!.slots.length).toBeGreaterThan(0);
    expect(after[0]!.slots.every((s) => s.time < '12:00')).toBe(true);
    expect(after[5]).toMatchObject({ closed: true, slots: [] });
    const help = await anyone().req('POST', branchPath('/assistant'), { question: '营业时间', language: 'zh' }, freshIp());
    expect(help.body.data.answer).toContain('今天（3月2日 周一）的营业时间：09:00–12:00。');
    expect((await auditOf('update-branch'))[0]?.details).toMatchObject({ code: 'demo', changes: { openingHours: { to: { mon: morning, sat: [] } } } });
    lobby.close();
  });
});
