/**
 * The phone's Back button on the multi-step pages (/join, /book): each step is a browser history
 * entry, so Back goes to the previous step with what was typed kept and Forward comes back; once
 * the ticket or the booking is made, Back never offers the filled-in last step again, so nothing
 * is issued or booked twice. And a join whose ticket page is refused for now (the network hit the
 * unknown-link limit) still shows the customer their number. Real system, Chromium, a clock set
 * on the next Monday, 10:00; the limit test comes last (the address stays refused for the window).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { TOKEN_MISSES_PER_WINDOW } from '../../apps/server/src/auth/token-probe-limiter.js';
import { byTest, HttpClient, local, nextMonday, startWithBrowser, stopWithBrowser, textOf, waitFor, type TestSystem } from '../support.js';

const MON = nextMonday();
const clock = { t: local(MON, '10:00'), now: () => clock.t };
const PHONE = '139 0000 7733';

let sys: TestSystem;
let browser: Browser;
let manager: HttpClient;

/** The manager switches the branch's remote queue on or off. */
async function remoteQueue(on: boolean): Promise<void> {
  const r = await manager.saveBookingSettings(`/api/v1/branches/${sys.branchId}/booking/settings`, { settings: { remoteQueue: on } }, { origin: sys.url });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
  manager = new HttpClient(sys.url);
  await manager.login('manager');
  await remoteQueue(true);
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
});
afterAll(() => stopWithBrowser(sys, browser));

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  return context.newPage();
}

/** The step heading shown (each step has one h1). */
const heading = (page: Page) => page.locator('main h1').textContent();

async function remoteTickets(): Promise<number> {
  const state = await sys.system.parts.store.load(sys.branchId);
  return Object.values(state?.tickets ?? {}).filter((t) => t.kind === 'remote').length;
}

/** /join up to its third step (confirm), with a number typed on the contact step. */
async function joinToConfirm(page: Page): Promise<void> {
  await page.goto(`${sys.url}/join?lang=zh`);
  await byTest(page, 'join-service-A').click();
  await byTest(page, 'join-contact-value').fill(PHONE);
  await byTest(page, 'join-contact-consent').check();
  await byTest(page, 'join-contact-next').click();
  await byTest(page, 'join-summary').waitFor();
}

describe('the browser Back and Forward on /join', () => {
  it('go between the steps with the number kept; after joining, Back never joins again', async () => {
    const page = await phone();
    // Something before /join in this tab's history, as a link from the bank's site.
    await page.goto(`${sys.url}/help?branch=demo&lang=zh`);
    await joinToConfirm(page);
    expect(await byTest(page, 'join-summary').textContent()).toContain(PHONE);

    // Back: the contact step, on the same page, with what was typed.
    await page.goBack();
    await byTest(page, 'join-contact-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/join');
    expect(await byTest(page, 'join-contact-value').inputValue()).toBe(PHONE);
    expect(await byTest(page, 'join-contact-consent').isChecked()).toBe(true);

    // Forward: the confirm step again, with the same number.
    await page.goForward();
    await byTest(page, 'join-summary').waitFor();
    expect(await byTest(page, 'join-summary').textContent()).toContain(PHONE);

    // The page's own Back and the browser's agree: page Back, then browser Back, is two steps.
    await byTest(page, 'join-back').click();
    await byTest(page, 'join-contact-form').waitFor();
    await page.goBack();
    await byTest(page, 'join-service-A').waitFor();
    expect(await heading(page)).toBe('选择业务');
    await page.goForward();
    await byTest(page, 'join-contact-next').click();
    await byTest(page, 'join-summary').waitFor();

    const before = await remoteTickets();
    await byTest(page, 'join-confirm').click();
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]+/);
    await byTest(page, 'phone-number').waitFor();
    expect(await remoteTickets()).toBe(before + 1);

    // Back from the ticket: /join starts afresh (no filled-in confirm step), and nothing is issued.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/join');
    await byTest(page, 'join-service-A').waitFor();
    expect(await heading(page)).toBe('选择业务');
    expect(await byTest(page, 'join-confirm').count()).toBe(0);
    expect(await remoteTickets()).toBe(before + 1);
    // The filled-in steps were dropped from the history: Forward is the ticket; Back leaves /join
    // after at most the one entry kept below the ticket (see StepPage.finish), never showing a form.
    await page.goForward();
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]+/);
    await byTest(page, 'phone-number').waitFor();
    await page.goBack();
    await byTest(page, 'join-service-A').waitFor();
    for (let i = 0; i < 2 && new URL(page.url()).pathname !== '/help'; i++) {
      expect(await byTest(page, 'join-confirm').count()).toBe(0);
      await page.goBack();
      await page.waitForTimeout(300);
    }
    expect(new URL(page.url()).pathname).toBe('/help');
    expect(await remoteTickets()).toBe(before + 1);
    await page.context().close();
  });

  it('a Back pressed the moment the join is answered does not leave the site: the ticket still opens', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/help?branch=demo&lang=zh`);
    await joinToConfirm(page);
    const before = await remoteTickets();
    // The answer is let through, and Back pressed as it lands (the reviewer lost the ticket with
    // any Back in the first 200 ms: the page's own unwinding plus this one crossed out of /join).
    await page.route('**/remote-tickets', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response });
      await page.evaluate(() => history.back()).catch(() => undefined);
    });
    await byTest(page, 'join-confirm').click();
    await expect.poll(() => remoteTickets()).toBe(before + 1);
    // The ticket opens: not left on /join's confirm step (the router had dropped the page's own
    // navigation for the Back, leaving a join already made on screen as if it were not), and not
    // back on the page before /join (the history unwinding plus this Back crossed out of /join).
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]+/, { timeout: 10_000 });
    await byTest(page, 'phone-number').waitFor();
    await page.context().close();
  });

  it('a reload on a later step starts cleanly at the first step', async () => {
    const page = await phone();
    await joinToConfirm(page);
    await page.reload();
    await byTest(page, 'join-service-A').waitFor();
    expect(await heading(page)).toBe('选择业务');
    // And the history works from there.
    await byTest(page, 'join-service-A').click();
    await byTest(page, 'join-contact-form').waitFor();
    await page.goBack();
    await byTest(page, 'join-service-A').waitFor();
    await page.context().close();
  });
});

describe('the browser Back on /book after booking', () => {
  it('never comes back to the filled-in details: nothing is booked twice', async () => {
    const page = await phone();
    const booked = async () => (await sys.system.parts.db.booking.listStartingBetween(sys.branchId, clock.t, clock.t + 60 * 86_400_000)).filter((a) => a.state === 'booked').length;
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().click();
    await byTest(page, 'booking-summary').waitFor();
    await byTest(page, 'contact-name').fill('王小明');
    await byTest(page, 'contact-value').fill('+86 139 0000 4455');
    await byTest(page, 'contact-consent').check();

    // Back and Forward from the details keep the chosen time (the summary) and what was typed.
    const summary = await byTest(page, 'booking-summary').textContent();
    await page.goBack();
    await byTest(page, 'slot').first().waitFor();
    await page.goForward();
    await byTest(page, 'booking-summary').waitFor();
    expect(await byTest(page, 'booking-summary').textContent()).toBe(summary);
    expect(await byTest(page, 'contact-name').inputValue()).toBe('王小明');
    expect(await byTest(page, 'contact-value').inputValue()).toBe('+86 139 0000 4455');
    expect(await byTest(page, 'contact-consent').isChecked()).toBe(true);

    const before = await booked();
    await byTest(page, 'booking-confirm').click();
    await page.waitForURL((u) => u.pathname.startsWith('/a/'));
    expect(await booked()).toBe(before + 1);

    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/book');
    await byTest(page, 'service-A').waitFor();
    expect(await heading(page)).toBe('选择业务');
    expect(await byTest(page, 'booking-confirm').count()).toBe(0);
    expect(await booked()).toBe(before + 1);
    await page.context().close();
  });
});

/** The ?lang= of the page's address now. */
const langOf = (page: Page) => new URL(page.url()).searchParams.get('lang');

describe('Back after switching the language mid-flow', () => {
  it('on /book (Chinese, then English on the second step): the previous step, in English, and it stays English on reload', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().waitFor();
    expect(await heading(page)).toBe('选择日期和时间');
    await byTest(page, 'booking-lang-switch').click();
    await expect.poll(() => heading(page)).toBe('Choose a day and time');
    expect(langOf(page)).toBe('en');

    await page.goBack();
    await byTest(page, 'service-A').waitFor();
    await expect.poll(() => langOf(page)).toBe('en');
    expect(await heading(page)).toBe('Choose a service');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Forward keeps it too, and a reload does not bring the Chinese back.
    await page.goForward();
    await byTest(page, 'slot').first().waitFor();
    await expect.poll(() => langOf(page)).toBe('en');
    expect(await heading(page)).toBe('Choose a day and time');
    await page.reload();
    await byTest(page, 'service-A').waitFor();
    expect(await heading(page)).toBe('Choose a service');
    await page.context().close();
  });

  it('on /join (English, then Chinese on the contact step): the previous step, in Chinese', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/join?lang=en`);
    await byTest(page, 'join-service-A').click();
    await byTest(page, 'join-contact-form').waitFor();
    await byTest(page, 'booking-lang-switch').click();
    await expect.poll(() => heading(page)).toBe('接收提醒（可不填）');

    await page.goBack();
    await byTest(page, 'join-service-A').waitFor();
    await expect.poll(() => langOf(page)).toBe('zh');
    expect(await heading(page)).toBe('选择业务');
    await page.reload();
    await byTest(page, 'join-service-A').waitFor();
    expect(await heading(page)).toBe('选择业务');
    await page.context().close();
  });
});

describe("/book's help panel and Back", () => {
  const helpShown = (page: Page) => byTest(page, 'help-toggle').getAttribute('aria-expanded');

  it('Back closes the open panel first, on the step it was opened on; the next Back is the previous step', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().waitFor();
    await byTest(page, 'help-toggle').click();
    await page.locator('#booking-help').waitFor();
    expect(await helpShown(page)).toBe('true');

    // The panel takes the focus (its question field); closed by Back, it gives it to its button, not to <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('help-question');
    await page.goBack();
    await expect.poll(() => helpShown(page)).toBe('false');
    expect(await page.locator('#booking-help').isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('help-toggle');
    expect(await heading(page)).toBe('选择日期和时间');
    expect(await textOf(page, 'help-toggle')).toBe('有疑问？');
    await page.goBack();
    await byTest(page, 'service-A').waitFor();
    expect(await heading(page)).toBe('选择业务');
    expect(await helpShown(page)).toBe('false');

    // The page's own Back button agrees: with the panel open it closes the panel, then goes back a step.
    await page.goForward();
    await byTest(page, 'slot').first().waitFor();
    await byTest(page, 'help-toggle').click();
    await expect.poll(() => helpShown(page)).toBe('true');
    await byTest(page, 'booking-back').click();
    await expect.poll(() => helpShown(page)).toBe('false');
    expect(await heading(page)).toBe('选择日期和时间');
    await byTest(page, 'booking-back').click();
    await byTest(page, 'service-A').waitFor();
    await page.context().close();
  });

  it('a step taken with the panel open closes it, and one Back is one step back', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/book?lang=en`);
    await byTest(page, 'help-toggle').click();
    await expect.poll(() => helpShown(page)).toBe('true');
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().waitFor();
    expect(await helpShown(page)).toBe('false');
    expect(await page.locator('#booking-help').isVisible()).toBe(false);
    await page.goBack();
    await byTest(page, 'service-A').waitFor();
    expect(await heading(page)).toBe('Choose a service');
    expect(await helpShown(page)).toBe('false');
    await page.context().close();
  });
});

describe('every Back press does something visible', () => {
  it('after a reload in mid-flow on /join: Back leaves the page, not walking silently through the old steps', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/help?branch=demo&lang=zh`);
    await joinToConfirm(page);
    await page.reload();
    await byTest(page, 'join-service-A').waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/help');
    await page.context().close();
  });

  it('after a reload in mid-flow on /book: Back from the first step leaves the page', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/help?branch=demo&lang=en`);
    await page.goto(`${sys.url}/book?lang=en`);
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().click();
    await byTest(page, 'booking-summary').waitFor();
    await page.reload();
    await byTest(page, 'service-A').waitFor();
    // The history still works from the new start: forward one step, Back to it, Back out.
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().waitFor();
    await page.goBack();
    await byTest(page, 'service-A').waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/help');
    await page.context().close();
  });

  // A reload names its entry again: it must keep the entry's place among the older ones, which
  // SvelteKit does not give back as page.state on a full load (the reviewer's Forward went to /help).
  const reloadedSecondSteps = [
    { flow: 'join', lang: 'en', first: 'join-service-A', next: ['join-contact-next'], last: 'join-summary', second: 'join-contact-form', heading: 'Choose a service' },
    { flow: 'book', lang: 'zh', first: 'service-A', next: ['slot'], last: 'booking-summary', second: 'slot', heading: '选择业务' },
  ] as const;
  it.each(reloadedSecondSteps)('after Back and a reload on the second step of /$flow: Forward stays in the flow, one Back leaves', async (f) => {
    const page = await phone();
    await page.goto(`${sys.url}/help?branch=demo&lang=${f.lang}`);
    await page.goto(`${sys.url}/${f.flow}?lang=${f.lang}`);
    await byTest(page, f.first).click();
    for (const id of f.next) await byTest(page, id).first().click();
    await byTest(page, f.last).waitFor();
    await page.goBack();
    await byTest(page, f.second).first().waitFor();
    await page.reload();
    await byTest(page, f.first).waitFor();
    await page.goForward();
    await page.waitForTimeout(600);
    expect(new URL(page.url()).pathname).toBe(`/${f.flow}`);
    expect(await heading(page)).toBe(f.heading);
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/help');
    await page.context().close();
  });

  it('on the /join "closed" screen (the branch stopped taking joins): Back leaves the page', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/help?branch=demo&lang=zh`);
    await joinToConfirm(page);
    await remoteQueue(false);
    try {
      await byTest(page, 'join-confirm').click();
      await byTest(page, 'join-restart').waitFor();
      expect(await heading(page)).toBe('现在不能远程排队');
      await page.goBack();
      await page.waitForURL((u) => u.pathname === '/help');
    } finally {
      await remoteQueue(true);
    }
    await page.context().close();
  });
});

/** From /join's first step: Back out of /join, then Forward twice, through /join to the ticket. */
async function outAndForwardToTicket(page: Page, ticket: string): Promise<void> {
  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/help');
  await page.goForward();
  await page.waitForURL((u) => u.pathname === '/join');
  await byTest(page, 'join-service-A').waitFor();
  await page.goForward();
  await page.waitForURL((u) => u.pathname === ticket, { timeout: 5000 });
  await byTest(page, 'phone-number').waitFor();
}

describe('the ticket page stays reachable from /join', () => {
  it('Back from the ticket twice and Forward twice: the ticket again (its only link)', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/help?branch=demo&lang=zh`);
    await page.goto(`${sys.url}/join?lang=zh`);
    await byTest(page, 'join-service-A').click();
    await byTest(page, 'join-contact-form').waitFor();
    await byTest(page, 'booking-lang-switch').click();
    await expect.poll(() => langOf(page)).toBe('en');
    await byTest(page, 'join-contact-next').click();
    await byTest(page, 'join-confirm').click();
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]+/);
    const ticket = new URL(page.url()).pathname;
    await byTest(page, 'phone-number').waitFor();

    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/join');
    await byTest(page, 'join-service-A').waitFor();
    await outAndForwardToTicket(page, ticket);

    // Also after a reload on the /join entry below the ticket (its stored state is emptied).
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/join');
    await byTest(page, 'join-service-A').waitFor();
    await page.reload();
    await byTest(page, 'join-service-A').waitFor();
    await outAndForwardToTicket(page, ticket);
    await page.context().close();
  });
});

describe('a join whose ticket page is refused for now (the network guessed links)', () => {
  it('shows the number and service the join answered with, and that the page will update', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/join?lang=zh`);
    await byTest(page, 'join-service-A').click();
    await byTest(page, 'join-contact-next').click();
    await byTest(page, 'join-summary').waitFor();
    // The guessing, from the same address as the browser, just before the join lands.
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) {
      const res = await fetch(`${sys.url}/api/v1/tickets/${randomBytes(18).toString('base64url')}`);
      expect(res.status).toBe(404);
    }
    const before = await remoteTickets();
    await byTest(page, 'join-confirm').click();
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]+/);
    await byTest(page, 'phone-limited-joined').waitFor();
    const state = await sys.system.parts.store.load(sys.branchId);
    const remote = Object.values(state!.tickets).filter((t) => t.kind === 'remote');
    expect(remote).toHaveLength(before + 1);
    expect(remote.map((t) => t.number)).toContain(await textOf(page, 'phone-number'));
    expect(await textOf(page, 'phone-service')).toBe('个人现金业务');
    expect(await textOf(page, 'phone-limited-joined')).toBe('您已排上队。本页暂时无法更新，我们会尽快为您更新。');
    // In English too (the page's language switch).
    await page.goto(page.url().replace('lang=zh', 'lang=en'));
    await byTest(page, 'phone-limited-joined').waitFor();
    expect(await textOf(page, 'phone-limited-joined')).toBe('You are in the queue. This page cannot update right now; we’ll update it when we can.');
    await page.context().close();
  });
});
