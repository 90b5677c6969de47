/**
 * The help assistant against the real system (demo branch: Asia/Shanghai, Mon-Fri 09:00-17:00,
 * Sat 09:00-12:00): hours with a holiday the manager entered, a service's documents, waits after
 * tickets issued through the kiosk route, what it refuses, and that it tells nobody's details.
 */
import { describe, expect, it } from 'vitest';
import type { AssistantAnswer, ServiceQueueView } from '@tellerline/contracts';
import { ASSISTANT_QUESTIONS_PER_IP } from '../src/usecases/assistant/assistant.js';
import { managerAndTeller, MON, THU, TUE, WED } from './booking-support.js';

const { setTime, at, anyone, kiosk, branchPath, freshIp } = managerAndTeller();

const ask = (question: unknown, language: unknown = 'en', branch = at.sys.branchId, ip = freshIp()) =>
  anyone().req('POST', `/api/v1/branches/${branch}/assistant`, { question, language }, ip);

async function answer(question: string, language: 'zh' | 'en', branch?: string): Promise<AssistantAnswer> {
  const res = await ask(question, language, branch);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.body.data as AssistantAnswer;
}

describe('the help assistant', () => {
  it('hours: today, and the holiday the manager entered in the booking settings, by branch id or code', async () => {
    setTime(MON, '10:00');
    const saved = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { closures: [{ date: TUE, reason: '员工培训' }] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const zh = await answer('营业时间', 'zh');
    expect(zh.intent).toBe('hours');
    expect(zh.answer).toContain('总行营业部今天（3月2日 周一）的营业时间：09:00–17:00。现在正在营业。');
    expect(zh.answer).toContain('请注意：3月3日 周二 休息（员工培训）。');
    const hours = zh.facts?.find((f) => f.kind === 'hours');
    if (hours?.kind !== 'hours') throw new Error('no hours table');
    expect(hours.days.slice(0, 2)).toEqual([
      { date: MON, weekday: 'mon', windows: [{ open: '09:00', close: '17:00' }], closure: false, reason: null },
      { date: TUE, weekday: 'tue', windows: [], closure: true, reason: '员工培训' },
    ]);
    expect(hours.days[5]).toMatchObject({ weekday: 'sat', windows: [{ open: '09:00', close: '12:00' }] });
    expect(zh.suggestions.length).toBeGreaterThan(0);

    // The branch's code, as a printed link names it, answers the same.
    setTime(TUE, '10:00');
    const byCode = await answer('are you open today?', 'en', 'demo');
    expect(byCode.answer).toContain('Main Branch is closed today, Tue 3 Mar (员工培训).');
    expect(byCode.answer).toContain('Next opening: Wed 4 Mar, 09:00–17:00.');
  });

  it("documents: a service's list from its configuration, in the language asked", async () => {
    setTime(MON, '10:00');
    const en = await answer('what documents do I need for a loan?', 'en');
    expect(en.intent).toBe('documents');
    expect(en.answer).toContain('For Loans (C), please bring: National ID card, Proof of income, Proof of property or assets.');
    expect(en.facts).toEqual([{ kind: 'documents', services: [{ code: 'C', name: { zh: '贷款咨询', en: 'Loans' }, documents: ['National ID card', 'Proof of income', 'Proof of property or assets'] }] }]);
    const zh = await answer('对公业务要带什么材料', 'zh');
    expect(zh.answer).toContain('办理对公业务（B）请携带：营业执照、法定代表人身份证、公章。');
  });

  it('waits: the counts and estimates the kiosk shows, after tickets issued at the kiosk; no customer details', async () => {
    setTime(MON, '10:30');
    // Wealth (D) needs someone with the skill on duty to have a wait at all: Chen signs on.
    const chen = anyone();
    await chen.login('chen');
    expect((await chen.req('POST', branchPath('/commands'), { type: 'sign-on', counterId: at.sys.counter('3') })).status).toBe(200);
    const phone = '+86 138 0013 4455';
    for (const contact of [{ phone, consent: true }, undefined]) {
      const issued = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('D'), ...(contact ? { contact } : {}) });
      expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    }
    const queue = (await anyone().req('GET', branchPath('/queue'))).body.data as ServiceQueueView[];
    const d = queue.find((s) => s.code === 'D')!;
    expect(d.waiting).toBe(2);

    const res = await ask('How long is the wait for wealth?', 'en');
    expect(res.status).toBe(200);
    const a = res.body.data as AssistantAnswer;
    expect(a.intent).toBe('waits');
    expect(a.facts).toEqual([{ kind: 'waits', live: true, services: [{ code: 'D', name: d.name, waiting: 2, lowMin: d.wait!.lowMin, highMin: d.wait!.highMin, noStaff: false, walkIns: true }] }]);
    // Worded as the phone page words the same estimate: "within N min" from 0, never "0–N".
    expect(a.answer).toMatch(Math.round(d.wait!.lowMin) === 0 ? /Wealth \(D\): 2 waiting; a new ticket would now be called within \d+ min\./ : new RegExp(`Wealth \\(D\\): 2 waiting; a new ticket now waits about ${Math.round(d.wait!.lowMin)}`));
    // Nothing about the customers in the queue: no phone number, ticket token or ticket id.
    expect(JSON.stringify(res.body)).not.toContain('0013');
    expect(JSON.stringify(res.body)).not.toMatch(/token|ticketId|customer/i);

    const zh = await answer('理财现在要排多久', 'zh');
    expect(zh.answer).toMatch(/理财（D）：2 人等候，现在取号预计(等约? [1-9]\d*(–\d+)? 分钟| \d+ 分钟内叫号)。/);
  });

  it('waits while the branch is closed: closed today for the holiday, or outside the hours; never a short wait', async () => {
    // A ticket waiting from the morning, then the evening: the queue holds it, the branch is shut
    // (and closed on Tuesday, the holiday the first test entered).
    setTime(MON, '10:40');
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') })).status).toBe(201);
    setTime(MON, '18:30');
    const evening = await answer('How long is the wait?', 'en');
    expect(evening.intent).toBe('waits');
    expect(evening.answer).toMatch(/^Main Branch is not open at the moment, so there is no queue to join now\.\n\nNext opening: Wed 4 Mar, 09:00–17:00\./);
    expect(evening.facts?.[0]).toEqual({ kind: 'waits', live: false, services: [] });

    const saved = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { closures: [{ date: WED, reason: '系统升级' }] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    setTime(WED, '10:00');
    const zh = await answer('要等多久', 'zh', 'demo');
    expect(zh.answer).toMatch(/^总行营业部今天（3月4日 周三）不营业（系统升级），现在不能取号排队。\n\n下次营业：3月5日 周四 09:00–17:00。/);
    expect(zh.answer).not.toContain('很快就能办理');
    expect(zh.facts?.[0]).toEqual({ kind: 'waits', live: false, services: [] });
    // The hours answer says the same, and a day named is answered for that day.
    expect((await answer('营业时间', 'zh')).answer).toContain('总行营业部今天（3月4日 周三）不营业（系统升级）。');
    expect((await answer('are you open on saturday', 'en')).answer).toMatch(/^Yes\. Main Branch is open on Sat 7 Mar: 09:00–12:00\./);
    expect((await answer('明天几点开门', 'zh')).answer).toMatch(/^总行营业部明天（3月5日 周四）的营业时间：09:00–17:00。/);
  });

  it('a ticket number is not a service: how to follow the ticket on its page', async () => {
    setTime(THU, '10:00');
    const zh = await answer('A001叫到了吗', 'zh');
    expect(zh.intent).toBe('ticket');
    expect(zh.answer).toContain('用手机扫描号票上的二维码');
    expect(zh.facts).toBeUndefined();
    const en = await answer('is B012 called yet', 'en');
    expect(en).toMatchObject({ intent: 'ticket' });
    expect(en.answer).not.toContain('Business banking');
  });

  it('the day asked and the topic asked, from what the manager set: next week, a holiday, lateness, length', async () => {
    setTime(MON, '10:00');
    const saved = await at.manager.saveBookingSettings(branchPath('/booking/settings'), {
      settings: { checkInLateMin: 20, closures: [{ date: '2026-03-11', reason: '系统升级' }, { date: '2026-05-01', until: '2026-05-05', reason: '劳动节' }] },
      services: { [at.sys.service('C')]: { durationMin: 40 } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // This week's Wednesday is open; next week's is the closure.
    expect((await answer('下周三开门吗', 'zh')).answer).toMatch(/^不营业。总行营业部3月11日 周三不营业（系统升级）。\n\n下次营业：3月12日 周四 09:00–17:00。/);
    expect((await answer('Are you open on May 1st?', 'en', 'demo')).answer).toMatch(/^No\. Main Branch is closed on Fri 1 May \(劳动节\)\.\n\nNext opening: Wed 6 May, 09:00–17:00\./);
    const spring = await answer('春节营业吗', 'zh');
    expect(spring.answer).toContain('网点登记的休息日：3月11日 周三（系统升级）、5月1日 周五–5月5日 周二（劳动节）。');
    expect(spring.answer).not.toContain('今天');
    // A date no branch could answer for is still an answer, not an error.
    expect((await answer('open on 9999-12-31?', 'en')).answer).toMatch(/^Fri 31 Dec 9999 is too far ahead/);

    const late = await answer("I booked but I'm going to be 10 minutes late", 'en');
    expect(late.intent).toBe('late-booking');
    expect(late.answer).toContain('up to 20 minutes after your booked time');
    const length = await answer('How long does a loan appointment take?', 'en');
    expect(length.intent).toBe('duration');
    expect(length.answer).toContain('Loans (C): about 40 minutes.');
  });

  it('rates and amounts: an honest "not here, ask at the counter", not the cash service by the demo link', async () => {
    setTime(MON, '10:00');
    const zh = (await ask('你们的存款利率是多少？', 'zh', 'demo')).body.data as AssistantAnswer;
    expect(zh).toMatchObject({ intent: 'out-of-scope' });
    expect(zh.answer).toContain('利率、汇率、手续费');
    expect(zh.facts).toBeUndefined();
    const en = (await ask('Can I withdraw 50000 cash today?', 'en', 'demo')).body.data as AssistantAnswer;
    expect(en).toMatchObject({ intent: 'out-of-scope' });
    expect(en.answer).toContain('Please ask at a counter in the branch.');
    expect(en.suggestions).toContain('What are your opening hours?');
  });

  it('refuses bad questions with 400 VALIDATION_FAILED, an unknown branch with 404 BRANCH_UNKNOWN', async () => {
    const refusals = [
      await ask(''),
      await ask('   '),
      await ask('opening\u0000hours'),
      await ask('opening hours\u0007'),
      await ask('opening hours', 'fr'),
      await ask(42),
      await anyone().req('POST', branchPath('/assistant'), { question: 'hours', language: 'en', extra: true }, freshIp()),
      await anyone().req('POST', branchPath('/assistant'), 'not json', { ...freshIp(), 'content-type': 'application/json' }),
    ];
    for (const r of refusals) {
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    // Too long: its own code, with the limit.
    const long = await ask('x'.repeat(301));
    expect([long.status, long.body.error.code, long.body.error.details]).toEqual([400, 'TEXT_TOO_LONG', { field: 'question', max: 300 }]);
    expect((await ask('x'.repeat(300))).status).toBe(200);
    const unknown = await ask('opening hours', 'en', 'no-such-branch');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('BRANCH_UNKNOWN');
  });

  it('limits questions per caller address, saying when to ask again', async () => {
    const ip = freshIp();
    for (let i = 0; i < ASSISTANT_QUESTIONS_PER_IP; i++) expect((await ask('hello', 'en', at.sys.branchId, ip)).status).toBe(200);
    const limited = await ask('hello', 'en', at.sys.branchId, ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not held up.
    expect((await ask('hello')).status).toBe(200);
  });
});
