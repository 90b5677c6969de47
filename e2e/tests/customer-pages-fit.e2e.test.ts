/**
 * The customer's pages (/t/<token>, /book, /a/<token>, /help) on a small phone at 200% zoom
 * (195 CSS px wide): nothing scrolls sideways, in Chinese or English; and every text on /book and
 * /a/<token> keeps 4.5:1 contrast (3:1 large) in its selected and hovered states, measured from
 * the computed colours in Chromium; and the ticket page's reminder choice with the text size
 * doubled on a 360 px phone shows its words whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpClient, byTest, issueTicket, staffCommand, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

/** A phone at 200% zoom: 390 px of screen are 195 CSS px. */
async function zoomedPhone(lang: 'zh' | 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 195, height: 422 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  return context.newPage();
}

/** How far the page reaches past the screen's right edge (0: no sideways scrolling). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether an element's text sits on a single line (its text no taller than two font sizes). */
const oneLine = (page: Page, testId: string) =>
  byTest(page, testId).evaluate((e) => {
    const text = document.createRange();
    text.selectNodeContents(e);
    return text.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(e).fontSize);
  });

/** How far an element's content reaches past its own box. */
const spill = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => e.scrollWidth - e.clientWidth);

/** A ticket of service B that alice has served; its token. */
async function served(): Promise<string> {
  const { token } = await issueTicket(sys, 'B');
  const alice = new HttpClient(sys.url);
  await alice.login('alice');
  const command = (body: Record<string, unknown>) => staffCommand(sys, alice, body);
  await command({ type: 'sign-on', counterId: sys.counter('1') });
  const { ticketId } = (await command({ type: 'call-next' })).called;
  await command({ type: 'start', ticketId });
  await command({ type: 'complete', ticketId });
  await command({ type: 'sign-off' });
  return token;
}

let phoneSeq = 0;
/** A booking made over the API; its manage token. */
async function bookOverApi(): Promise<string> {
  const info = (await new HttpClient(sys.url).req('GET', `/api/v1/branches/${sys.branchId}/services/${sys.service('A')}/slots`)).body.data;
  const slot = (info.days as { slots: { startsAt: number }[] }[]).flatMap((d) => d.slots)[0]!;
  const contact = { name: `Fit ${++phoneSeq}`, phone: `+86 139 1000 ${String(1000 + phoneSeq)}`, language: 'en', consent: true };
  const r = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: slot.startsAt, contact });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.manageToken;
}

/**
 * Every visible text below the WCAG AA minimum against its own background (the first opaque
 * background up the tree, with translucent ones blended in). Disabled controls are exempt.
 */
function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const p = /rgba?\(([^)]+)\)/.exec(c)?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number) ?? [0, 0, 0, 0];
      return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
    };
    const blend = (top: Rgba, under: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])).concat(1) as Rgba;
    const luminance = (c: Rgba) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const background = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reverse().reduce((under, top) => blend(top, under), [255, 255, 255, 1] as Rgba);
    };
    const low: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!ownText || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) || el.closest(':disabled, [aria-disabled="true"]')) continue;
      const style = getComputedStyle(el);
      const bg = background(el);
      const [a, b] = [luminance(blend(parse(style.color), bg)), luminance(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
      if (ratio < (large ? 3 : 4.5)) low.push(`"${el.textContent!.trim().slice(0, 24)}" ${ratio.toFixed(2)}:1 (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`);
    }
    return low;
  });
}

describe('at 200% zoom on a phone (195 CSS px)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`no page of the journey scrolls sideways, in ${lang}`, async () => {
      const page = await zoomedPhone(lang);

      await page.goto(`${sys.url}/t/${(await issueTicket(sys, 'C')).token}?lang=${lang}`);
      await byTest(page, 'phone-number').waitFor();
      expect(await sideways(page)).toBe(0);
      // The number stays on one line inside its card.
      expect(await spill(page, '[data-testid=phone-ticket]')).toBeLessThanOrEqual(0);
      const number = await byTest(page, 'phone-number').evaluate((e) => ({ high: e.getBoundingClientRect().height, line: parseFloat(getComputedStyle(e).lineHeight) }));
      expect(number.high).toBeLessThan(1.5 * number.line);
      // The language switch keeps its word ("English", "中文") on one line, as on the booking pages.
      expect(await oneLine(page, 'booking-lang-switch')).toBe(true);
      const notify = byTest(page, 'notices-push');
      await notify.waitFor();
      expect(await notify.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
      // No push service here: the page offers e-mail or a text instead.
      await page.context().grantPermissions(['notifications'], { origin: sys.url });
      await notify.click();
      await byTest(page, 'notices-contact').waitFor({ timeout: 20_000 });
      expect(await sideways(page)).toBe(0);

      // After the visit: the survey's rating rows.
      await page.goto(`${sys.url}/t/${await served()}?lang=${lang}`);
      await byTest(page, 'survey-rating-5').waitFor();
      expect(await sideways(page)).toBe(0);

      await page.goto(`${sys.url}/book?lang=${lang}`);
      await byTest(page, 'service-A').click();
      await byTest(page, 'slot').first().waitFor();
      expect(await sideways(page)).toBe(0);
      await byTest(page, 'slot').first().click();
      await byTest(page, 'booking-summary').waitFor();
      expect(await sideways(page)).toBe(0);
      // The header bar spans the screen.
      expect(await page.locator('header.bar').evaluate((e) => Math.round(e.getBoundingClientRect().width))).toBe(195);

      await page.goto(`${sys.url}/a/${await bookOverApi()}?lang=${lang}`);
      await byTest(page, 'appt-code').waitFor();
      expect(await sideways(page)).toBe(0);
      await byTest(page, 'appt-reschedule').click();
      // The next day: late in the evening (branch time) today may have no other time left.
      await page.locator('[data-testid^=day-]:not([disabled])').nth(1).click();
      await byTest(page, 'slot').nth(1).click();
      await byTest(page, 'reschedule-confirm').waitFor();
      expect(await sideways(page)).toBe(0);

      await page.goto(`${sys.url}/help?branch=demo&lang=${lang}`);
      await page.locator('[data-testid=help-question]').waitFor();
      expect(await sideways(page)).toBe(0);
      await page.context().close();
    });
  }
});

/**
 * The words of an element's text that a line break cuts in two: a word whose glyph boxes do not
 * all sit on one line ("count / er"). Latin words only; Chinese may break between characters.
 */
const brokenWords = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((e) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/[A-Za-z]{2,}/g)) {
        const tops = new Set<number>();
        for (let i = m.index; i < m.index + m[0].length; i++) {
          const glyph = document.createRange();
          glyph.setStart(node, i);
          glyph.setEnd(node, i + 1);
          tops.add(Math.round(glyph.getBoundingClientRect().top));
        }
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  });

describe('words stay whole at 200% zoom on a phone (195 CSS px)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`the called banner ("Please go to counter 1") and the /book header, in ${lang}`, async () => {
      const page = await zoomedPhone(lang);
      const { ticketId, token } = await issueTicket(sys, 'B');
      const alice = new HttpClient(sys.url);
      await alice.login('alice');
      await staffCommand(sys, alice, { type: 'sign-on', counterId: sys.counter('1') });
      await staffCommand(sys, alice, { type: 'call-ticket', ticketId, reason: 'e2e' });
      await page.goto(`${sys.url}/t/${token}?lang=${lang}`);
      await byTest(page, 'phone-called').waitFor();
      expect(await brokenWords(page, '[data-testid=phone-called] .go')).toEqual([]);
      expect(await spill(page, '[data-testid=phone-called]')).toBeLessThanOrEqual(0);
      expect(await page.locator('[data-testid=phone-called] .go').evaluate((e) => getComputedStyle(e).hyphens)).not.toBe('auto');
      expect(await sideways(page)).toBe(0);
      await staffCommand(sys, alice, { type: 'cancel', ticketId });
      await staffCommand(sys, alice, { type: 'sign-off' });

      await page.goto(`${sys.url}/book?lang=${lang}`);
      await byTest(page, 'service-A').waitFor();
      expect(await brokenWords(page, 'header.bar .app')).toEqual([]);
      expect(await sideways(page)).toBe(0);
      await page.context().close();
    });

    it(`the survey's radio circles keep their size where a rating's words wrap, in ${lang}`, async () => {
      const page = await zoomedPhone(lang);
      await page.goto(`${sys.url}/t/${await served()}?lang=${lang}`);
      await byTest(page, 'survey-rating-5').waitFor();
      const radios = await page.locator('.option input[type=radio]').evaluateAll((inputs) =>
        inputs.map((i) => ({ width: Math.round(i.getBoundingClientRect().width * 10) / 10, shrink: getComputedStyle(i).flexShrink })),
      );
      expect(radios.length).toBe(5);
      // 1.4rem each, none squeezed by its label (they were for 1, 2 and 5 in Chinese).
      expect(radios).toEqual(radios.map(() => ({ width: 22.4, shrink: '0' })));
      await page.context().close();
    });
  }
});

/**
 * The choices of a <select> whose text it cuts off, each chosen in turn: one wider than the box
 * (less its padding) must wrap onto more lines inside it. A select's scrollWidth never exceeds its
 * clientWidth, so the text is measured on its own, in the select's font.
 */
function clippedChoices(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).first().evaluate((select: HTMLSelectElement) => {
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${style.font};letter-spacing:${style.letterSpacing}`;
    document.body.append(probe);
    const clipped: string[] = [];
    const before = select.selectedIndex;
    for (const [i, option] of [...select.options].entries()) {
      select.selectedIndex = i;
      probe.textContent = option.text;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const wraps = !/nowrap|pre/.test(getComputedStyle(select).whiteSpace) && select.scrollHeight <= select.clientHeight;
      if (probe.getBoundingClientRect().width > room && !wraps) clipped.push(option.text);
    }
    select.selectedIndex = before;
    probe.remove();
    return clipped;
  });
}

describe('the reminder choice with the text size doubled (360 px phone)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`shows each choice whole on the ticket page, in ${lang}`, async () => {
      const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' })).newPage();
      await page.goto(`${sys.url}/t/${(await issueTicket(sys, 'C')).token}?lang=${lang}`);
      await byTest(page, 'notices-ahead').waitFor();
      // A large default font (the phone's text-size setting): the root font size doubled.
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      expect(await byTest(page, 'notices-ahead').evaluate((e) => getComputedStyle(e).fontSize)).toBe('32px');
      expect(await clippedChoices(page, '[data-testid=notices-ahead]')).toEqual([]);
      expect(await sideways(page)).toBe(0);
      await page.context().close();
    });
  }
});

describe('contrast of selected and hovered states', () => {
  it('/book: chosen day, chosen slot (with "N left"), chosen reminder channel, and hovered ones, all at least 4.5:1', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })).newPage();
    await page.goto(`${sys.url}/book`);
    await byTest(page, 'service-A').hover();
    expect(await lowContrast(page)).toEqual([]);
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().waitFor();
    await page.locator('[data-testid^=day-]:not([disabled])').nth(1).hover();
    // The next day, whose times are all ahead: late in the evening (branch time) today may have
    // fewer than three left, and this test ran at whatever hour CI does.
    await page.locator('[data-testid^=day-]:not([disabled])').nth(1).click();
    await byTest(page, 'slot').nth(2).hover();
    expect(await lowContrast(page)).toEqual([]);
    // A slot with few places left, chosen; back from the contact step it is shown selected.
    const few = page.locator('[data-testid=slot]:has(small)').first();
    const startsAt = await few.getAttribute('data-starts-at');
    await few.click();
    await byTest(page, 'booking-summary').waitFor();
    await page.locator('label:has([data-testid=contact-kind-email])').hover();
    expect(await lowContrast(page)).toEqual([]);
    await byTest(page, 'booking-back').click();
    const chosen = page.locator(`[data-testid=slot][data-starts-at="${startsAt}"]`);
    await expect.poll(() => chosen.getAttribute('class')).toContain('on');
    expect(await chosen.locator('small').textContent()).toMatch(/left/);
    await chosen.hover();
    expect(await lowContrast(page)).toEqual([]);
    await page.context().close();
  });

  it('/a/<token>: a new time chosen to move to, and hovered ones, all at least 4.5:1', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${sys.url}/a/${await bookOverApi()}`);
    await byTest(page, 'appt-reschedule').hover();
    expect(await lowContrast(page)).toEqual([]);
    await byTest(page, 'appt-reschedule').click();
    await page.locator('[data-testid^=day-]:not([disabled])').nth(1).click();
    await page.locator('[data-testid=slot]:has(small)').first().click();
    await byTest(page, 'reschedule-confirm').waitFor();
    expect(await page.locator('[data-testid=slot].on small').count()).toBe(1);
    await page.locator('[data-testid^=day-]:not([disabled])').nth(1).hover();
    expect(await lowContrast(page)).toEqual([]);
    await byTest(page, 'reschedule-confirm').hover();
    expect(await lowContrast(page)).toEqual([]);
    await page.context().close();
  });
});

describe('moving a booking on a 360x640 phone (zh)', () => {
  it('a chosen time brings "改到 …" into view and focus; after the move the focus is on the heading and the notice comes in a live region already there', async () => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })).newPage();
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
    // Just booked: the focus starts on "预约成功！", not on <body>.
    await page.goto(`${sys.url}/a/${await bookOverApi()}?new=1`);
    await byTest(page, 'appt-booked').waitFor();
    await expect.poll(active).toBe('appt-booked');
    expect((await byTest(page, 'appt-booked').textContent())!.trim()).toBe('预约成功！');
    // The help assistant is one tap away here too, and "复制链接" is a full-size target.
    expect(await byTest(page, 'phone-help-link').count()).toBe(1);
    expect(await page.getByRole('button', { name: '复制链接' }).evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThanOrEqual(44);

    await byTest(page, 'appt-reschedule').click();
    await page.locator('[data-testid^=day-]:not([disabled])').nth(1).click();
    await byTest(page, 'slot').last().click();
    const confirm = byTest(page, 'reschedule-confirm');
    await expect.poll(active).toBe('reschedule-confirm');
    const box = await confirm.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, screen: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.screen);

    // The live region is in the page before the move; the move only changes what it says.
    await byTest(page, 'appt-live').evaluate((e) => e.setAttribute('data-before', ''));
    expect(await byTest(page, 'appt-live').getAttribute('role')).toBe('status');
    await page.keyboard.press('Enter');
    await byTest(page, 'appt-notice').waitFor();
    expect((await page.locator('[data-testid=appt-live][data-before]').textContent())!.trim()).toBe('已改约到新的时间。');
    await expect.poll(active).toBe('appt-title');
    await page.context().close();
  });
});
