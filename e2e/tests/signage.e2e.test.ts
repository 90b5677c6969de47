/**
 * Lobby signage in a real browser against the real system: a call shows big with its counter
 * and is announced once in Chinese and once in English; a call made while the screen is offline
 * is shown and announced once when it is back; a reload announces nothing again; a recall is
 * marked and announced again; a call that ends (done, cancelled, no-show) leaves "now calling" at
 * once; a screen opened now announces only calls still awaiting their customer; the screen never
 * shows staff or customer data; a renamed branch or
 * counter shows at once (pushed, not at the next resync); a screen whose
 * token stops working while it is open takes its calls down and says it is no longer paired.
 *
 * Headless Chromium plays no audio, so announcements are checked through `window.__signage`:
 * `announced` records every utterance ("zh-CN|<text>") as it is handed to speech synthesis and
 * `queued` the seq of every call taken for announcement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDb, createRepositories, hashDeviceToken, newDeviceToken } from '@tellerline/db';
import { device, HttpClient, screenshot, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

interface SignageDebug {
  announced: string[];
  queued: number[];
  lastSeq: number;
  status: string;
}

let sys: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kiosk: HttpClient;
let alice: HttpClient;
let bob: HttpClient;

const debug = () => page.evaluate(() => (window as unknown as { __signage: SignageDebug }).__signage);

/** Utterances about one ticket, by language ("A001" is spelled "A 0 0 1" in English). */
async function spoken(number: string): Promise<{ zh: string[]; en: string[] }> {
  const spelled = [...number].join(' ');
  const all = (await debug()).announced;
  return {
    zh: all.filter((u) => u.startsWith('zh-CN|') && u.includes(number)),
    en: all.filter((u) => u.startsWith('en-US|') && u.includes(spelled)),
  };
}

const currentNumber = () => page.locator('[data-testid=current-number]').textContent();
const currentCounter = () => page.locator('[data-testid=current-counter]').innerText();

async function issue(code: string, contact?: unknown) {
  const res = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(code), ...(contact ? { contact } : {}) });
  expect(res.status).toBe(201);
  return res.body.data as { ticketId: string; token: string; view: { number: string } };
}

async function command(staff: HttpClient, body: Record<string, unknown>) {
  const res = await staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { events: { seq: number; type: string }[]; called: { ticketId: string; number: string } | null };
}

async function waitOnline() {
  await page.waitForFunction(() => (window as unknown as { __signage?: SignageDebug }).__signage?.status === 'online', null, { timeout: 20_000 });
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  ({ context, page } = await device(browser, { width: 1920, height: 1080 }));
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  alice = new HttpClient(sys.url);
  bob = new HttpClient(sys.url);
  await alice.login('alice');
  await bob.login('bob');
  await command(alice, { type: 'sign-on', counterId: sys.counter('1') });
  await command(bob, { type: 'sign-on', counterId: sys.counter('2') });
});

afterAll(() => stopWithBrowser(sys, browser));

describe('lobby signage', () => {
  it('pairs with the device token, then keeps it out of the address', async () => {
    await page.goto(`${sys.url}/signage/?device=${sys.signageToken}`);
    await waitOnline();
    await expect.poll(() => page.url()).not.toContain('device=');
    await expect.poll(() => page.locator('h1').innerText()).toContain('总行营业部');
    expect(await page.locator('h1').innerText()).toContain('Main Branch');
  });

  it('shows the call big with its counter, and announces it once in Chinese and once in English', async () => {
    const ticket = await issue('A');
    const called = await command(alice, { type: 'call-next' });
    expect(called.called?.number).toBe(ticket.view.number);
    const number = ticket.view.number; // A001

    await expect.poll(currentNumber, { timeout: 10_000 }).toBe(number);
    expect(await currentCounter()).toContain('1');
    await expect.poll(() => spoken(number), { timeout: 10_000 }).toEqual({
      zh: [`zh-CN|请 ${number} 号到 1 号柜台`],
      en: [`en-US|Ticket ${[...number].join(' ')}, please go to counter 1`],
    });
    // Chinese first, then English.
    expect((await debug()).announced.slice(0, 2).map((u) => u.slice(0, 5))).toEqual(['zh-CN', 'en-US']);
  });

  it('marks itself offline, and on return shows and announces the call it missed, once', async () => {
    const before = (await currentNumber())!;
    await context.setOffline(true);
    await expect.poll(() => page.locator('[role=alert][data-status=offline]').count(), { timeout: 10_000 }).toBe(1);
    const marker = await page.locator('[role=alert][data-status=offline]').innerText();
    expect(marker).toContain('网络已断开');
    expect(marker).toContain('Offline');

    // While the screen is offline: alice finishes her customer and calls the next one, who
    // left a phone number and an email at the kiosk (which must never reach the lobby).
    const missed = await issue('A', { phone: '+86 138 0013 8000', email: 'wang.fang@example.com', consent: true });
    const serving = await staffTicket(alice);
    await command(alice, { type: 'start', ticketId: serving.id });
    await command(alice, { type: 'complete', ticketId: serving.id });
    const call = await command(alice, { type: 'call-next' });
    expect(call.called?.number).toBe(missed.view.number);
    await page.waitForTimeout(1500);
    expect(await currentNumber()).toBe(before);

    await context.setOffline(false);
    await expect.poll(currentNumber, { timeout: 20_000 }).toBe(missed.view.number);
    await expect.poll(() => page.locator('[role=alert]').count()).toBe(0);
    await expect.poll(() => spoken(missed.view.number), { timeout: 10_000 }).toEqual({
      zh: [`zh-CN|请 ${missed.view.number} 号到 1 号柜台`],
      en: [`en-US|Ticket ${[...missed.view.number].join(' ')}, please go to counter 1`],
    });
    // The first call was not announced again by the resync, and moved to the recent list.
    const firstSpoken = await spoken(before);
    expect(firstSpoken.zh.length + firstSpoken.en.length).toBe(2);
    expect((await debug()).announced).toHaveLength(4);
    expect(await page.locator('.recent').innerText()).toContain(before);
  });

  it('announces nothing again after a reload', async () => {
    const shown = await currentNumber();
    await page.reload();
    await waitOnline();
    await expect.poll(currentNumber, { timeout: 10_000 }).toBe(shown);
    // The snapshot has been taken (the screen shows it): nothing was queued for announcement.
    expect((await debug()).queued).toEqual([]);
    await page.waitForTimeout(2_000);
    expect((await debug()).announced).toEqual([]);
  });

  it('marks a recall on screen and announces it again; two calls in a row are both said, in order', async () => {
    const serving = await staffTicket(alice);
    await command(alice, { type: 'recall', ticketId: serving.id });
    await expect.poll(() => page.locator('[data-testid=current-recall]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-testid=current-recall]').innerText()).toContain('再次呼叫');
    await expect.poll(async () => (await debug()).announced, { timeout: 10_000 }).toEqual([
      `zh-CN|再次呼叫，请 ${serving.number} 号到 1 号柜台`,
      `en-US|Calling again: ticket ${[...serving.number].join(' ')}, please go to counter 1`,
    ]);

    const b = await issue('B');
    const a = await issue('A');
    const byBob = await command(bob, { type: 'call-next' });
    await command(alice, { type: 'start', ticketId: serving.id });
    await command(alice, { type: 'complete', ticketId: serving.id });
    const byAlice = await command(alice, { type: 'call-next' });
    expect([byBob.called?.number, byAlice.called?.number]).toEqual([b.view.number, a.view.number]);
    await expect.poll(currentNumber, { timeout: 10_000 }).toBe(a.view.number);
    await expect.poll(async () => (await debug()).announced.length, { timeout: 15_000 }).toBe(6);
    expect((await debug()).announced.slice(2)).toEqual([
      `zh-CN|请 ${b.view.number} 号到 2 号柜台`,
      `en-US|Ticket ${[...b.view.number].join(' ')}, please go to counter 2`,
      `zh-CN|请 ${a.view.number} 号到 1 号柜台`,
      `en-US|Ticket ${[...a.view.number].join(' ')}, please go to counter 1`,
    ]);
    expect(await page.locator('.recent').innerText()).toContain(b.view.number);
  });

  it('takes a call off "now calling" once done, cancelled on the phone or a no-show, without a reload', async () => {
    await page.evaluate(() => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true));
    const standing = await staffTicket(bob); // called at counter 2 by the test before, still awaited
    const served = await staffTicket(alice);
    expect(await currentNumber()).toBe(served.number);

    // Done at counter 1: the big number goes back to the call still waiting for its customer.
    await command(alice, { type: 'start', ticketId: served.id });
    await command(alice, { type: 'complete', ticketId: served.id });
    await expect.poll(currentNumber, { timeout: 10_000 }).toBe(standing.number);
    expect(await currentCounter()).toContain('2');
    expect(await page.locator('.recent').innerText()).toContain(served.number);

    // Called, then the customer cancels on their phone.
    const gone = await issue('A');
    expect((await command(alice, { type: 'call-next' })).called?.number).toBe(gone.view.number);
    await expect.poll(currentNumber, { timeout: 10_000 }).toBe(gone.view.number);
    await expect.poll(async () => (await spoken(gone.view.number)).en.length, { timeout: 10_000 }).toBe(1);
    const cancel = await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${gone.token}/cancel`, {});
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    await expect.poll(currentNumber, { timeout: 10_000 }).toBe(standing.number);
    expect(await page.locator('.recent').innerText()).toContain(gone.view.number);

    // Nobody came to counter 2: with no call standing, the screen says it waits for the next one.
    await command(bob, { type: 'no-show', ticketId: standing.id });
    await expect.poll(() => page.locator('[data-testid=current-number]').count(), { timeout: 10_000 }).toBe(0);
    const current = await page.locator('.current').innerText();
    expect(current).toContain('等待叫号');
    expect(current).toContain('Waiting for the next call');
    expect(await page.locator('.recent').innerText()).toContain(standing.number);
    expect(await page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
  });

  it('a screen opened now announces only the recent call still awaiting its customer, not ended or transferred ones', async () => {
    // Called, then sent to another service with a new number: the old number must not be called out.
    const moved = await issue('A');
    expect((await command(alice, { type: 'call-next' })).called?.number).toBe(moved.view.number);
    await command(alice, { type: 'transfer', ticketId: moved.ticketId, toServiceId: sys.service('B') });
    const awaited = await issue('A');
    const call = await command(alice, { type: 'call-next' });
    expect(call.called?.number).toBe(awaited.view.number);
    const callSeq = call.events.find((e) => e.type === 'ticket-called')!.seq;
    // This screen says it, and is done saying it before the next tests count what it says.
    await expect.poll(async () => (await spoken(awaited.view.number)).en.length, { timeout: 10_000 }).toBe(1);

    // All within the last 90 s: a call served and done, one cancelled, a no-show, the transferred one.
    const fresh = await device(browser, { width: 1920, height: 1080 });
    await fresh.page.goto(`${sys.url}/signage/?device=${sys.signageToken}`);
    await expect.poll(() => fresh.page.locator('[data-testid=current-number]').textContent(), { timeout: 20_000 }).toBe(awaited.view.number);
    const queued = () => fresh.page.evaluate(() => (window as unknown as { __signage: SignageDebug }).__signage.queued);
    expect(await queued()).toEqual([callSeq]);
    expect(await fresh.page.locator('.recent').innerText()).toContain(moved.view.number);
    await fresh.context.close();
  });

  it('shows no staff or customer data, in either orientation', async () => {
    const check = async () => {
      const text = await page.locator('body').innerText();
      const html = await page.content();
      for (const s of [text, html]) {
        expect(s).not.toMatch(/alice|bob|chen|dana|Mei Manager/i);
        expect(s).not.toMatch(/138\s*0013|13800138000|wang\.fang|@example/);
      }
      // Waiting counts and wait ranges per service, in both languages.
      expect(text).toContain('个人现金业务');
      expect(text).toContain('Personal cash');
      expect(text).toMatch(/\d+ 人等候/);
      expect(text).toMatch(/\d+ waiting/);
    };
    await check();
    await screenshot(page, 'signage-landscape');

    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.waitForTimeout(300);
    await check();
    // Nothing scrolls: the whole display fits the screen.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await screenshot(page, 'signage-portrait');
  });

  it('says so, in both languages, when the screen is not paired or its token is refused', async () => {
    const fresh = await device(browser, { width: 1920, height: 1080 });
    await fresh.page.goto(`${sys.url}/signage/`);
    await expect.poll(() => fresh.page.locator('[role=alert]').innerText()).toContain('此屏幕尚未配对');
    expect(await fresh.page.locator('[role=alert]').innerText()).toContain('This screen is not paired');

    await fresh.page.goto(`${sys.url}/signage/?device=${'x'.repeat(40)}`);
    await expect.poll(() => fresh.page.locator('[role=alert]').innerText(), { timeout: 10_000 }).toContain('此屏幕的配对已失效');
    expect(await fresh.page.locator('[role=alert]').innerText()).toContain('no longer valid');
    await fresh.context.close();
  });

  it('asks for a tap when the browser blocks sound, in a place that covers nothing', async () => {
    const blocked = await device(browser, { width: 1920, height: 1080 });
    // The default autoplay policy: audio stays suspended until someone touches the screen.
    await blocked.context.addInitScript(() => {
      class SuspendedAudio {
        state = 'suspended';
        resume() {
          return new Promise<void>(() => {});
        }
      }
      (window as unknown as { AudioContext: unknown }).AudioContext = SuspendedAudio;
    });
    const screen = blocked.page;
    await screen.goto(`${sys.url}/signage/?device=${sys.signageToken}`);
    await screen.waitForFunction(() => (window as unknown as { __signage?: SignageDebug }).__signage?.status === 'online', null, { timeout: 20_000 });
    await command(alice, { type: 'recall', ticketId: (await staffTicket(alice)).id });
    // The lobby's own screen says the recall too: wait for it here, or on a loaded machine it
    // is said during the next test and counted as an announcement that test caused.
    await expect.poll(async () => (await debug()).announced.at(-1), { timeout: 10_000 }).toMatch(/^en-US\|Calling again/);
    const hint = screen.locator('[data-testid=sound-hint]');
    await hint.waitFor({ timeout: 10_000 });
    expect(await hint.innerText()).toContain('点击屏幕以启用声音');

    const overlaps = () =>
      screen.evaluate(() => {
        const h = document.querySelector('[data-testid=sound-hint]')!.getBoundingClientRect();
        const content = [...document.querySelectorAll('.header h1, .clock, .current, .recent, .media, .service')];
        return content
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.left < h.right && h.left < r.right && r.top < h.bottom && h.top < r.bottom;
          })
          .map((el) => el.className);
      });
    expect(await overlaps()).toEqual([]);
    const fits = () => screen.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
    expect(await fits()).toBe(true);
    await screenshot(screen, 'signage-sound-hint');
    await screen.setViewportSize({ width: 1080, height: 1920 });
    await screen.waitForTimeout(300);
    expect(await overlaps()).toEqual([]);
    expect(await fits()).toBe(true);

    await blocked.context.close();
  });

  // Last: it leaves the demo signage token invalid for the rest of this system.
  it('shows a renamed branch and counter at once, without a reload and without announcing again', async () => {
    const admin = new HttpClient(sys.url);
    await admin.login('admin');
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const said = (await debug()).announced.length;
    const renamed = await admin.req('PATCH', `/api/v1/branches/${sys.branchId}`, { name: { zh: '滨江支行', en: 'Riverside Branch' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    // Well within the screen's own 60 s resync: pushed, not polled.
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 5000 }).toContain('滨江支行');
    expect(await page.locator('h1').innerText()).toContain('Riverside Branch');
    for (const label of ['1', '2']) {
      const r = await manager.req('PATCH', `/api/v1/branches/${sys.branchId}/counters/${sys.counter(label)}`, { label: `${label}号窗口` });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    await expect.poll(currentCounter, { timeout: 5000 }).toMatch(/[12]号窗口/);
    expect((await debug()).announced.length).toBe(said);
  });

  it('takes the calls down and says the pairing is gone, without a reload, once its token stops working', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const shown = (await currentNumber())!;
    expect(shown).toMatch(/^[A-Z]\d{3}$/);
    // Gone if the page were reloaded: the switch must happen in the page as it is.
    await page.evaluate(() => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true));

    // What the demo seed does at every start, and a re-pairing at any time: the device gets a
    // new token, through the device repository, and the one this screen holds is void.
    const { databaseUrl, databaseSchema } = sys.system.parts.config;
    const db = createDb({ url: databaseUrl!, ...(databaseSchema ? { schema: databaseSchema } : {}), poolSize: 1 });
    try {
      const devices = createRepositories(db).devices;
      const signage = (await devices.findByTokenHash(hashDeviceToken(sys.signageToken)))!;
      await devices.rotateToken(signage.id, newDeviceToken().tokenHash);
    } finally {
      await db.close();
    }
    // The open socket was let in before: nothing changes until the screen connects again.
    // A server restart drops every socket, and the new process has no cached device lookups
    // (kept up to 30 s), so the reconnect is judged on the new token: the reported situation.
    await sys.restart();

    const alert = page.locator('[role=alert]');
    await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toContain('此屏幕的配对已失效');
    expect(await alert.innerText()).toContain('no longer valid');
    expect(await page.locator('[data-testid=current-number]').count()).toBe(0);
    expect(await page.locator('.recent').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(shown);
    expect(await page.locator('body').innerText()).not.toContain('Offline');
    expect(await page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
  });
});

/** The ticket a staff member has at their counter, from the staff queue (staff-only API). */
async function staffTicket(staff: HttpClient): Promise<{ id: string; number: string }> {
  const q = await staff.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`);
  const me = (await staff.req('GET', '/api/v1/auth/me')).body.data as { staffId: string };
  const snapshot = q.body.data as { staff: { id: string; ticketId: string | null }[]; tickets: { id: string; number: string }[] };
  const ticketId = snapshot.staff.find((s) => s.id === me.staffId)?.ticketId;
  const ticket = snapshot.tickets.find((t) => t.id === ticketId);
  if (!ticket) throw new Error('no ticket at this counter');
  return ticket;
}
