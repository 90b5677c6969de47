/**
 * What the phone page says when the queue moves without a call: a transfer that gives the
 * customer a new number (said in the live region, in both languages, and still after a reload),
 * and an estimate that runs out while the counter is busy ("any moment now", not "0–1 min" for
 * ever), read out to a screen reader only when it moves into another 5-minute band. The real system, Chromium; staff act over HTTP as the panel would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpClient, byTest, issueTicket, staffCommand, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let alice: HttpClient;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  alice = new HttpClient(sys.url);
  await alice.login('alice');
  await command({ type: 'sign-on', counterId: sys.counter('1') });
});
afterAll(() => stopWithBrowser(sys, browser));

const command = (body: Record<string, unknown>) => staffCommand(sys, alice, body);
const issue = (code: string) => issueTicket(sys, code);

/** A phone (portrait, touch) on the ticket's page; `clock`: the page's timers are the test's. */
async function openPhone(token: string, lang: 'zh' | 'en', opts: { clock?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const page = await context.newPage();
  if (opts.clock) await page.clock.install();
  await page.goto(`${sys.url}/t/${token}?lang=${lang}`);
  await byTest(page, 'phone-number').waitFor();
  return page;
}

describe('a transfer on the phone page', () => {
  it('says the new number and the old one in the live region, in both languages, and again after a reload', async () => {
    const services = (await alice.req('GET', `/api/v1/branches/${sys.branchId}`)).body.data.services as { code: string; name: { zh: string; en: string } }[];
    const wealth = services.find((s) => s.code === 'D')!.name;
    const me = await issue('A');
    const page = await openPhone(me.token, 'zh');
    // The live region is on the page before anything happens, and says nothing yet.
    const region = await page.$('[data-testid=phone-transfer-region]');
    expect(await region!.getAttribute('role')).toBe('status');
    expect((await region!.textContent())!.trim()).toBe('');

    expect((await command({ type: 'call-next' })).called.ticketId).toBe(me.ticketId);
    await command({ type: 'transfer', ticketId: me.ticketId, toServiceId: sys.service('D') });
    await expect.poll(() => textOf(page, 'phone-number'), { timeout: 10_000 }).toMatch(/^D\d{3}$/);
    const moved = await textOf(page, 'phone-number');
    // Said in the region that was already there (the same element), so a screen reader reads it out.
    await expect.poll(() => region!.textContent()).toContain(`您已转到${wealth.zh}，新号码 ${moved}（原 ${me.number}）`);
    expect(await page.title()).toContain(moved);

    await page.reload();
    await byTest(page, 'phone-number').waitFor();
    expect((await textOf(page, 'phone-transfer')).trim()).toBe(`您已转到${wealth.zh}，新号码 ${moved}（原 ${me.number}）`);
    await page.click('[data-testid=booking-lang-switch]');
    expect((await textOf(page, 'phone-transfer')).trim()).toBe(`You were moved to ${wealth.en}; your new number is ${moved} (was ${me.number})`);
    await page.context().close();
  });

  it('says nothing of a transfer to a ticket never moved', async () => {
    const me = await issue('B');
    const page = await openPhone(me.token, 'en');
    expect(await byTest(page, 'phone-transfer').count()).toBe(0);
    await command({ type: 'cancel', ticketId: me.ticketId });
    await page.context().close();
  });
});

describe('an estimate that runs out', () => {
  it('counts down while the counter stays busy, then says "any moment now" in both languages', async () => {
    // Alice serves a long customer; nobody else can serve A, so the next one waits on her.
    const first = await issue('A');
    expect((await command({ type: 'call-next' })).called.ticketId).toBe(first.ticketId);
    await command({ type: 'start', ticketId: first.ticketId });
    const me = await issue('A');
    const page = await openPhone(me.token, 'zh', { clock: true });
    // "约 2–6 分钟", or once it may end now "6 分钟内" (never "约 0–6 分钟").
    const range = async () => {
      const text = await textOf(page, 'phone-wait');
      expect(text).not.toMatch(/约 0–/);
      const within = /^(\d+) 分钟内$/.exec(text);
      return within ? [0, Number(within[1])] : (/约 (\d+)–(\d+) 分钟/.exec(text)?.slice(1).map(Number) ?? []);
    };
    const [low, high] = await range();
    expect(high).toBeGreaterThan(1);
    // The screen reader's region: polite, already there, in 5-minute bands; the countdown on
    // screen is not live. Every text it takes from now on is recorded.
    const announce = byTest(page, 'phone-announce');
    expect(await announce.getAttribute('aria-live')).toBe('polite');
    expect(await byTest(page, 'phone-state').getAttribute('aria-live')).toBeNull();
    expect(await textOf(page, 'phone-announce')).toMatch(/^前面还有 \d+ 人，预计等候：(约 \d*[05]–|不到 )\d*[05] 分钟。$/);
    await announce.evaluate((e) => {
      const said: string[] = ((window as unknown as { said: string[] }).said = []);
      new MutationObserver(() => said.push(e.textContent!.trim())).observe(e, { childList: true, characterData: true, subtree: true });
    });
    const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);

    // A minute on, nothing has happened at the branch: the range has moved down with the time.
    await page.clock.fastForward(60_000);
    await expect.poll(async () => (await range())[1]).toBeLessThan(high!);
    expect((await range())[0]).toBeLessThan(Math.max(1, low!));
    // The region took no minute-by-minute text: only whole bands, each once.
    for (const text of await said()) expect(text).toMatch(/^前面还有 \d+ 人，预计等候：(约 \d*[05]–|不到 )\d*[05] 分钟。$/);

    // Past its upper end: not "0–1 min" for ever.
    await page.clock.fastForward(high! * 60_000);
    await expect.poll(() => textOf(page, 'phone-wait')).toBe('即将叫号');
    await expect.poll(() => textOf(page, 'phone-announce')).toMatch(/即将叫号。$/);
    const heard = await said();
    expect(heard.filter((text, i) => text === heard[i - 1])).toEqual([]);
    await page.click('[data-testid=booking-lang-switch]');
    expect(await textOf(page, 'phone-wait')).toBe('Any moment now');

    // Called at last: the call replaces the estimate.
    await command({ type: 'complete', ticketId: first.ticketId });
    await command({ type: 'call-next' });
    await byTest(page, 'phone-called').waitFor({ timeout: 10_000 });
    await page.context().close();
  });
});
