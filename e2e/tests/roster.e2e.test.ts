/**
 * Rosters on the team screen (/staff/team) in real Chromium against the real system (demo branch:
 * Asia/Shanghai, Mon-Fri 09:00-17:00 and Saturday mornings, real clock; Chen alone serves C · Loans). The manager, in
 * English, gives Chen mornings only (a shift overlapping another is refused by its day first),
 * copies Monday to the other weekdays, sees Loans named without cover in the afternoons, and
 * saves: the booking page's times for Loans then end at noon. In Chinese, a save after a
 * colleague's is refused, naming the roster that colleague changed, and the draft kept; Chen back on
 * no roster brings the afternoons back. Shifts outside the opening hours are saved with a warning. On a 360 px phone (zh, en) and at tablet width (768 px)
 * nothing scrolls sideways (the skills grid scrolls in its own box), shift times are touch-sized,
 * and leaving with a shift not saved asks first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_HOURS } from '@tellerline/db';
import { axeViolations, byTest, device, HttpClient, local, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, weekdayAhead, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let api: HttpClient;

const DAY = weekdayAhead();

/** The booking page's times for Loans on DAY: when the last one ends (epoch ms), and how many. */
async function loansThatDay(): Promise<{ count: number; lastEnd: number }> {
  const r = await api.req('GET', `/api/v1/branches/${sys.branchId}/services/${sys.service('C')}/slots?from=${DAY}&days=1`);
  const slots = (r.body.data.days[0]?.slots ?? []) as { endsAt: number }[];
  return { count: slots.length, lastEnd: Math.max(0, ...slots.map((s) => s.endsAt)) };
}

const settings = async () => (await api.req('GET', `/api/v1/branches/${sys.branchId}/booking/settings`)).body.data as { version: number; rosters: Record<string, unknown> };
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function openTeam(page: Page) {
  await signInStaff(page, sys.url, 'manager');
  await page.goto(`${sys.url}/staff/team`);
  await byTest(page, 'roster-form').waitFor();
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { demoOpeningHours: BANK_HOURS }));
  api = new HttpClient(sys.url);
  await api.login('manager');
});

afterAll(() => stopWithBrowser(sys, browser));

describe('rosters on the team screen', () => {
  it('the manager (in English) gives Chen mornings only; Loans is named without cover, and the booking page offers it until noon', async () => {
    const before = await loansThatDay();
    expect(before.lastEnd).toBeGreaterThan(local(DAY, '12:00'));

    const { page } = await device(browser, { locale: 'en-US' });
    await openTeam(page);
    expect(await textOf(page, 'roster-gaps-none')).toBe('Every service has someone rostered who serves it during all opening hours.');
    expect(await textOf(page, 'roster-opening')).toContain('Monday09:00–17:00');
    await page.getByLabel('Colleague').selectOption({ label: 'Chen' });
    expect(await textOf(page, 'roster-none')).toBe('Chen has no roster: they count as available during all opening hours.');
    await page.getByLabel('Works their own shifts').check();
    // A first roster starts from the opening hours: what "no roster" meant.
    expect(await page.getByLabel('Monday, shift 1: ends').inputValue()).toBe('17:00');
    await page.getByLabel('Monday, shift 1: ends').fill('12:00');

    // A second shift overlapping the first is refused by its day, in words tied to its fields.
    await byTest(page, 'roster-week-mon-add').click();
    await page.getByLabel('Monday, shift 2: starts').fill('11:00');
    expect(await textOf(page, 'roster-week-mon-error')).toBe('The shifts of a day must not overlap.');
    expect(await page.getByLabel('Monday, shift 2: starts').getAttribute('aria-describedby')).toBe('roster-week-mon-error');
    await byTest(page, 'roster-week-mon-1-remove').click();
    expect(await byTest(page, 'roster-week-mon-error').count()).toBe(0);

    // Monday's morning onto the other weekdays.
    await byTest(page, 'roster-copy-from').selectOption('mon');
    for (const d of ['tue', 'wed', 'thu', 'fri']) await byTest(page, `roster-copy-to-${d}`).check();
    await byTest(page, 'roster-copy').click();
    expect(await textOf(page, 'roster-status')).toBe("Monday's shifts copied to 4 days.");
    expect(await page.getByLabel('Friday, shift 1: ends').inputValue()).toBe('12:00');
    expect(await textOf(page, 'roster-gap-C')).toBe('C · Loans: Monday 12:00–17:00, Tuesday 12:00–17:00, Wednesday 12:00–17:00, Thursday 12:00–17:00, Friday 12:00–17:00');
    expect(await byTest(page, 'roster-gap-A').count()).toBe(0);
    await byTest(page, 'roster').scrollIntoViewIfNeeded();
    await screenshot(page, 'roster-en');

    await byTest(page, 'roster-save').click();
    await expect.poll(() => textOf(page, 'roster-status')).toBe('Rosters saved.');
    const chen = Object.entries((await settings()).rosters).find(([, r]) => r !== null);
    expect(chen?.[1]).toMatchObject({ mon: [{ open: '09:00', close: '12:00' }], fri: [{ open: '09:00', close: '12:00' }], sat: [{ open: '09:00', close: '12:00' }], sun: [] });

    const after = await loansThatDay();
    expect(after.count).toBeGreaterThan(0);
    expect(after.lastEnd).toBeLessThanOrEqual(local(DAY, '12:00'));
  });

  it('in Chinese: a save after a colleague\'s keeps the draft and shows what is stored now; Chen back on no roster brings the afternoons back', async () => {
    const { page } = await device(browser, { locale: 'zh-CN' });
    await openTeam(page);
    await page.getByLabel('员工', { exact: true }).selectOption({ label: 'Chen' });
    expect(await byTest(page, 'roster-mode-own').isChecked()).toBe(true);
    await page.getByLabel('周二第 1 班结束时间').fill('08:00');
    expect(await textOf(page, 'roster-week-tue-error')).toBe('班次的结束时间必须晚于开始时间。');
    await page.getByLabel('周二第 1 班结束时间').fill('12:00');

    // Another manager saves someone else's roster meanwhile.
    const stored = await settings();
    const other = Object.entries(stored.rosters).find(([, r]) => r === null)![0];
    expect((await api.req('PUT', `/api/v1/branches/${sys.branchId}/booking/settings`, { version: stored.version, rosters: { [other]: { sat: [{ open: '10:00', close: '11:00' }] } } })).status).toBe(200);

    await page.getByLabel('不排班：网点营业时都在岗').check();
    expect(await textOf(page, 'roster-none')).toBe('Chen没有排班：系统按网点营业时间计算其在岗时间。');
    await byTest(page, 'roster-save').click();
    await expect.poll(() => page.locator('[data-testid="roster-error"]').getAttribute('data-code')).toBe('STALE_SETTINGS');
    expect(await textOf(page, 'roster-error')).toContain('有人在你打开此页后修改了排班或预约设置');
    // What this manager chose stays; the colleague whose roster the other save changed is named
    // with it as stored now (not Chen, whose stored roster is still the one this screen loaded).
    expect(await byTest(page, 'roster-mode-none').isChecked()).toBe(true);
    expect(await byTest(page, 'roster-stale-item').count()).toBe(1);
    expect(await textOf(page, 'roster-stale-item')).toMatch(/^[^C].*：周一 休息; .*周六 10:00–11:00; 周日 休息$/);
    await byTest(page, 'roster-save').click();
    await expect.poll(() => textOf(page, 'roster-status')).toBe('排班已保存。');

    const now = await settings();
    expect(now.rosters[other]).toEqual({ sat: [{ open: '10:00', close: '11:00' }] });
    expect(Object.values(now.rosters).filter((r) => r === null).length).toBe(Object.keys(now.rosters).length - 1);
    expect((await loansThatDay()).lastEnd).toBeGreaterThan(local(DAY, '12:00'));
  });

  it('warns of shifts outside the opening hours or on a closed day, while editing, after saving and when viewed again; the save still goes through', async () => {
    const { page, context } = await device(browser, { locale: 'en-US' });
    await openTeam(page);
    await byTest(page, 'roster-colleague').selectOption({ label: 'Chen' });
    await byTest(page, 'roster-mode-own').check();
    // A roster starting from the opening hours is within them.
    expect(await byTest(page, 'roster-outside').count()).toBe(0);
    await byTest(page, 'roster-week-sat-0-open').fill('07:00');
    await byTest(page, 'roster-week-sun-add').click();
    expect(await textOf(page, 'roster-outside-sat')).toBe('Saturday 07:00–09:00 is outside opening hours');
    expect(await textOf(page, 'roster-outside-sun')).toBe('Sunday: the branch is closed');
    expect(await byTest(page, 'roster-outside-mon').count()).toBe(0);

    // "Correct the marked days" goes once the day is put right.
    await byTest(page, 'roster-week-tue-0-close').fill('08:00');
    await byTest(page, 'roster-save').click();
    await expect.poll(() => byTest(page, 'roster-error').getAttribute('data-code')).toBe('VALIDATION_FAILED');
    await byTest(page, 'roster-week-tue-0-close').fill('17:00');
    expect(await byTest(page, 'roster-error').count()).toBe(0);

    // "Copy" by keyboard: the button goes disabled (no day ticked), the focus goes to what it did.
    await byTest(page, 'roster-copy-from').selectOption('mon');
    await byTest(page, 'roster-copy-to-wed').check();
    await byTest(page, 'roster-copy').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(page, 'roster-status')).toBe("Monday's shifts copied to 1 day.");
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('roster-status');

    await byTest(page, 'roster-save').click();
    await expect.poll(() => textOf(page, 'roster-status')).toBe('Rosters saved.');
    expect(await textOf(page, 'roster-outside-sun')).toBe('Sunday: the branch is closed');
    const chen = (await settings()).rosters[await byTest(page, 'roster-colleague').inputValue()];
    expect(chen).toMatchObject({ sat: [{ open: '07:00', close: '12:00' }], sun: [{ open: '09:00', close: '17:00' }] });
    await context.close();

    // Stored and viewed again (in Chinese): the same warning.
    const zh = await device(browser, { locale: 'zh-CN' });
    await openTeam(zh.page);
    await byTest(zh.page, 'roster-colleague').selectOption({ label: 'Chen' });
    expect(await textOf(zh.page, 'roster-outside-sat')).toBe('周六 07:00–09:00 在营业时间之外');
    expect(await textOf(zh.page, 'roster-outside-sun')).toBe('周日网点不营业');
    await zh.context.close();
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`fits a 360 px phone in ${lang}: the page never scrolls sideways, the skills grid scrolls in its own box, shift times are 44 px tall`, async () => {
      const { page } = await device(browser, { locale: lang === 'zh' ? 'zh-CN' : 'en-US', width: 360, height: 740 });
      await openTeam(page);
      await byTest(page, 'roster-colleague').selectOption({ label: 'Chen' });
      await byTest(page, 'roster-mode-own').check();
      expect(await sideways(page)).toBe(0);
      // The grid is wider than the phone: it scrolls inside a box the keyboard can reach.
      const region = byTest(page, 'skills-grid-region');
      expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.getAttribute('aria-label')).toBe(lang === 'zh' ? '技能一览（可左右滚动）' : 'Skills at a glance (scrolls sideways)');
      const times = page.locator('[data-testid="roster-week"] input[type="time"]');
      expect(await times.count()).toBeGreaterThan(0);
      const heights = await times.evaluateAll((inputs) => inputs.map((i) => i.getBoundingClientRect().height));
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
      if (lang === 'en') {
        // A day ticked as a target, then chosen as the source: it is no target any more.
        await byTest(page, 'roster-copy-to-sat').check();
        await byTest(page, 'roster-copy-from').selectOption('sat');
        expect(await byTest(page, 'roster-copy').isDisabled()).toBe(true);
        await byTest(page, 'roster-copy-to-sun').check();
        await byTest(page, 'roster-copy').click();
        expect(await textOf(page, 'roster-status')).toBe("Saturday's shifts copied to 1 day.");
      }
    });
  }

  it('fits a tablet (768 px) without sideways scrolling, with a roster open; leaving unsaved asks first', async () => {
    const { page } = await device(browser, { locale: 'en-US', width: 768, height: 1024 });
    await openTeam(page);
    await page.getByLabel('Colleague').selectOption({ label: 'Chen' });
    await page.getByLabel('Works their own shifts').check();
    await byTest(page, 'roster-week-mon-add').click();
    expect(await byTest(page, 'roster-gaps').count() + (await byTest(page, 'roster-gaps-none').count())).toBe(1);
    expect(await sideways(page)).toBe(0);
    await byTest(page, 'roster').scrollIntoViewIfNeeded();
    await screenshot(page, 'roster-tablet-en');
    const section = await byTest(page, 'roster').evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(section).toBe(0);

    // The shift added is not saved: leaving asks first, like the other manager screens.
    await byTest(page, 'booking-rules-link').click();
    await byTest(page, 'leave-dialog').waitFor();
    expect(await textOf(page, 'leave-dialog')).toContain('You have unsaved changes');
    await byTest(page, 'leave-cancel').click();
    await byTest(page, 'leave-dialog').waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/staff/team');
    expect(await byTest(page, 'roster-week-mon-1-open').count()).toBe(1);
  });

  for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']] as const) {
    it(`each day's "+ Add shift" button is named starting with the words it shows, and axe finds nothing (${lang})`, async () => {
      const { page, context } = await device(browser, { locale });
      await openTeam(page);
      await byTest(page, 'roster-colleague').selectOption({ label: 'Chen' });
      await byTest(page, 'roster-mode-own').check();
      const add = byTest(page, 'roster-week-mon-add');
      await add.waitFor();
      const shown = (await add.textContent())!.replace('+', '').trim();
      const name = (await add.getAttribute('aria-label'))!;
      // WCAG 2.5.3: speech users say what they see ("Add shift"); the name starts with it.
      expect(name.startsWith(shown), `"${name}" does not start with "${shown}"`).toBe(true);
      expect(name).toBe(lang === 'en' ? 'Add shift on Monday' : '添加班次：周一');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
