/**
 * The printed receipt says what the kiosk screen said, in both languages, on one 58 mm page: the
 * branch, the people ahead, the wait (worded against the slot for a booked customer who came
 * early), the booked time, and that nobody can serve the service now when that is so. Real
 * system on a clock the test moves, Chromium with print media (and its PDF, for the page count).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { HttpClient, startWithBrowser, stopWithBrowser, type TestSystem, local, nextMonday } from '../support.js';

/** The next Monday (branch time) after today: the demo branch is open Mon-Fri 09:00-17:00 here. */
const MON = nextMonday();
const clock = { t: local(MON, '08:00'), now: () => clock.t };
const setTime = (hm: string) => void (clock.t = local(MON, hm));

let sys: TestSystem;
let browser: Browser;
let kiosk: Page;
let api: HttpClient;
let phoneSeq = 0;

async function book(serviceCode: string, hm: string): Promise<string> {
  const res = await new HttpClient(sys.url).req(
    'POST',
    '/api/v1/appointments',
    { branchId: sys.branchId, serviceId: sys.service(serviceCode), startsAt: local(MON, hm), contact: { name: `Customer ${++phoneSeq}`, phone: `+86 139 0000 ${2000 + phoneSeq}`, language: 'en', consent: true } },
    { 'x-forwarded-for': `198.51.100.${phoneSeq}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.code as string;
}

/** Checks in at the kiosk screen by typing the code, and returns the receipt's lines as printed. */
async function checkInAndPrint(code: string): Promise<{ text: string; lines: Record<string, string> }> {
  await kiosk.emulateMedia({ media: 'screen' });
  await kiosk.click('[data-testid=lang-en]');
  await kiosk.click('[data-testid=appointment]');
  for (const ch of code) await kiosk.click(`[data-testid=code-key-${ch}]`);
  await kiosk.click('[data-testid=appointment-submit]');
  await kiosk.locator('[data-testid=kiosk-ticket] [data-testid=ticket-qr] svg').waitFor();
  await kiosk.emulateMedia({ media: 'print' });
  const receipt = kiosk.locator('[data-testid=receipt]');
  const line = async (id: string) => ((await receipt.locator(`[data-testid=${id}]`).count()) ? await receipt.locator(`[data-testid=${id}]`).innerText() : '');
  const lines = { branch: await line('receipt-branch'), appointment: await line('receipt-appointment'), ahead: await line('receipt-ahead'), wait: await line('receipt-wait') };
  return { text: await receipt.innerText(), lines };
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({ TRUST_PROXY: 'true' }, { clock, demoOpeningHours: BANK_HOURS }));
  api = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  // Alice serves cash (A) and business (B); nobody with the loans (C) skill signs on.
  const alice = new HttpClient(sys.url);
  await alice.login('alice');
  expect((await alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
  setTime('09:00');
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'en-US' });
  kiosk = await context.newPage();
  await kiosk.goto(`${sys.url}/kiosk?device=${sys.kioskToken}&paper=58`);
});

afterAll(() => stopWithBrowser(sys, browser));

describe('the kiosk receipt', () => {
  it('a booked customer who came early: branch, booked time, people ahead and a wait worded against the slot, on one 58 mm page', async () => {
    const code = await book('A', '10:30');
    setTime('10:00');
    // Three walk-ins for cash came first: ahead of a booked customer until near the slot.
    for (let i = 0; i < 3; i++) expect((await api.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') })).status).toBe(201);
    const { lines } = await checkInAndPrint(code);
    expect(lines.branch).toMatch(/总行营业部\s+Main Branch/);
    expect(lines.appointment).toBe('您的预约时间：10:30\nYour appointment: 10:30');
    expect(lines.ahead).toMatch(/^前面还有：[1-9]\d* 人\nPeople ahead of you: [1-9]\d*$/);
    // The screen's wording, in both languages: never a plain "about N–M min" past the slot.
    const screenWait = await kiosk.locator('[data-testid=ticket-wait]').innerText();
    expect(lines.wait).toContain(screenWait);
    expect(lines.wait).toMatch(/^预计等候：.*预约时间.*10:30/);
    expect(lines.wait).toMatch(/\nExpected wait: .*appointment time.*10:30/);

    // Nothing runs off the 58 mm slip, and it prints on one page.
    const overflow = await kiosk.evaluate(() => {
      const r = document.querySelector('[data-testid=receipt]') as HTMLElement;
      return { width: r.getBoundingClientRect().width, wider: [...r.querySelectorAll('p')].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.textContent) };
    });
    expect(Math.round(overflow.width)).toBe(Math.round((58 / 25.4) * 96));
    expect(overflow.wider).toEqual([]);
    const pdf = await kiosk.pdf({ preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await kiosk.emulateMedia({ media: 'screen' });
    await kiosk.click('[data-testid=ticket-done]');
  });

  it('a service nobody on duty can serve: the receipt says so instead of a wait', async () => {
    const code = await book('C', '11:30');
    setTime('11:15');
    const { lines } = await checkInAndPrint(code);
    expect(lines.wait).toBe('预计等候：暂无可办理人员\nExpected wait: No staff available for this service right now');
    expect(lines.ahead).toBe('前面还有：0 人\nPeople ahead of you: 0');
    const pdf = await kiosk.pdf({ preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });
});
