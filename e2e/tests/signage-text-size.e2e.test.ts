/**
 * Lobby signage read from across the lobby: the English lines of the recent calls (the counter,
 * the "Calling again" badge of a recall), of the current call's counter and of the service board
 * are at least 18 px on a 1366×768 screen (the smallest the branches use) and grow with larger
 * screens, without leaving their rows or covering each other.
 *
 * Then with the longest names set-up allows (services' 60 characters, counters' 20, not plain
 * numbers): the ticket number of "now calling" stays whole, visible and the largest text of its
 * panel, no text on the screen is under 18 px from 1280×720 up, and the recent calls keep to
 * their cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { device, HttpClient, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

async function command(staff: HttpClient, body: Record<string, unknown>) {
  const res = await staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { called: { ticketId: string; number: string } | null };
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const alice = new HttpClient(sys.url);
  const bob = new HttpClient(sys.url);
  await alice.login('alice');
  await bob.login('bob');
  await command(alice, { type: 'sign-on', counterId: sys.counter('1') });
  await command(bob, { type: 'sign-on', counterId: sys.counter('2') });
  for (let i = 0; i < 5; i++) expect((await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') })).status).toBe(201);
  // A recall, then a later call: the recall is listed under recent calls with its badge.
  const first = await command(alice, { type: 'call-next' });
  await command(alice, { type: 'recall', ticketId: first.called!.ticketId });
  const second = await command(bob, { type: 'call-next' });
  await command(bob, { type: 'no-show', ticketId: second.called!.ticketId });
  await command(bob, { type: 'call-next' });
});

afterAll(() => stopWithBrowser(sys, browser));

/** Font sizes (px) of the English lines a lobby reads, and any overflow or overlap on the screen. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const px = (sel: string) => [...document.querySelectorAll(sel)].map((el) => parseFloat(getComputedStyle(el).fontSize));
    const boxes = (el: Element) => [...el.children].map((c) => c.getBoundingClientRect());
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
    const problems: string[] = [];
    for (const item of document.querySelectorAll('.recent .item')) {
      const own = item.getBoundingClientRect();
      const parts = boxes(item);
      parts.forEach((p, i) => {
        if (!inside(p, own)) problems.push(`recent row ${item.textContent}: part ${i} leaves its row`);
        parts.slice(i + 1).forEach((q, j) => overlaps(p, q) && problems.push(`recent row ${item.textContent}: parts ${i} and ${i + 1 + j} overlap`));
      });
    }
    for (const el of document.querySelectorAll('.services .service, .recent, .current, .services')) {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) problems.push(`${el.className.split(' ')[0]} overflows: ${el.textContent?.slice(0, 40)}`);
    }
    return {
      recallBadge: px('.recent .mark .en'),
      recentCounter: px('.recent .counter .en'),
      currentCounter: px('.current .counter-word .en'),
      serviceName: px('.services .name .en'),
      problems,
    };
  });
}

describe('signage text size', () => {
  for (const [width, height] of [
    [1280, 720],
    [1366, 768],
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    it(`the English lines are at least 18 px, without overflow, at ${width}×${height}`, async () => {
      const { context, page } = await device(browser, { width, height });
      try {
        await page.goto(`${sys.url}/signage/?device=${sys.signageToken}`);
        await page.locator('.recent .mark').first().waitFor({ timeout: 20_000 });
        const m = await measure(page);
        expect(m.recallBadge).toHaveLength(1);
        expect(m.recentCounter.length).toBeGreaterThanOrEqual(2);
        expect(m.serviceName).toHaveLength(4);
        for (const key of ['recallBadge', 'recentCounter', 'currentCounter', 'serviceName'] as const) {
          for (const size of m[key]) expect(size, `${key} at ${width}×${height}`).toBeGreaterThanOrEqual(18);
        }
        await page.screenshot({ path: `/tmp/lobby-signage-${width}x${height}.png` });
        expect(m.problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

/** Set-up's longest names: 60 characters in each language for services, 20 for counters. */
const LONG_SERVICES: Record<string, { zh: string; en: string }> = {
  A: { zh: '个人客户现金存取款外币兑换及跨境汇款综合业务办理专窗个人客户现金存取款外币兑换及跨境汇款综合业务办理专窗个人客户现金存取', en: 'Personal cash deposits, withdrawals and foreign exchange svc' },
  B: { zh: '对公客户开户结算代发工资票据承兑及国际结算业务对公客户开户结算代发工资票据承兑及国际结算业务对公客户开户结算代发工资票据', en: 'Business banking: accounts, payroll, bills and trade finance' },
  C: { zh: '贷款'.repeat(30), en: 'Loans, mortgages and credit lines for individuals and firms.' },
  D: { zh: '理财'.repeat(30), en: 'Wealth management and private banking for high-net-worth cl' },
};
const LONG_COUNTERS: Record<string, string> = {
  '1': '贵宾理财中心第二号综合业务窗口柜台甲',
  '2': 'Cash & FX Counter 03',
  '3': 'WWWWWWWWWWWWWWWWWWWW',
  '4': '外汇兑换专窗',
};
const FLOOR_PX = 18;

/**
 * Whether the current ticket number is whole and on top inside its panel, the font sizes on the
 * screen, and any recent-calls row that overlaps another or leaves its cell.
 */
async function measureLong(page: Page) {
  return page.evaluate((floor) => {
    const problems: string[] = [];
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const fontOf = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const hidden = (el: Element) => !!el.closest('.visually-hidden') || el.getClientRects().length === 0;
    /** Elements that hold text of their own (not only in children). */
    const texts = (root: Element) =>
      [root, ...root.querySelectorAll('*')].filter((el) => !hidden(el) && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''));

    const panel = document.querySelector('.current')!.getBoundingClientRect();
    const body = document.querySelector('.current .body')!.getBoundingClientRect();
    const numberEl = document.querySelector('[data-testid=current-number]');
    let numberPx = 0;
    if (numberEl) {
      const n = numberEl.getBoundingClientRect();
      numberPx = fontOf(numberEl);
      if (!inside(n, body)) problems.push(`number ${JSON.stringify(n)} leaves the panel ${JSON.stringify(body)}`);
      // The glyphs themselves (a range's box: ascent to descent), against every box that clips them.
      const range = document.createRange();
      range.selectNodeContents(numberEl);
      const glyphs = range.getBoundingClientRect();
      for (let box = numberEl.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflow !== 'visible' && !inside(glyphs, box.getBoundingClientRect())) problems.push(`the number's glyphs ${JSON.stringify(glyphs)} are clipped by ${box.className}`);
      }
      for (const [x, y] of [
        [n.left + n.width / 2, n.top + n.height / 2],
        [n.left + 2, n.top + n.height / 2],
        [n.right - 2, n.top + n.height / 2],
      ]) {
        const hit = document.elementFromPoint(x!, y!);
        if (!hit || !(numberEl === hit || numberEl.contains(hit))) problems.push(`at (${Math.round(x!)}, ${Math.round(y!)}) the number is covered by ${hit?.className}`);
      }
      for (const el of texts(document.querySelector('.current')!)) {
        if (el !== numberEl && fontOf(el) >= numberPx) problems.push(`"${el.textContent?.slice(0, 30)}" (${fontOf(el)} px) is as large as the number (${numberPx} px)`);
      }
    }
    const small = texts(document.querySelector('main')!)
      .filter((el) => fontOf(el) < floor - 0.01)
      .map((el) => `${el.className || el.tagName} "${el.textContent?.trim().slice(0, 30)}" ${fontOf(el).toFixed(1)} px`);

    const list = document.querySelector('.recent .list');
    if (list) {
      const cell = list.getBoundingClientRect();
      const rows = [...list.querySelectorAll(':scope > .item')];
      rows.forEach((row, i) => {
        const r = row.getBoundingClientRect();
        if (!inside(r, cell)) problems.push(`recent row ${i} leaves the list`);
        if (row.scrollWidth > row.clientWidth + 1 || row.scrollHeight > row.clientHeight + 1) problems.push(`recent row ${i} "${row.textContent}" overflows its cell`);
        for (const part of row.querySelectorAll('*')) {
          const p = part.getBoundingClientRect();
          if (p.width > 0 && !inside(p, r)) problems.push(`recent row ${i}: "${part.textContent?.slice(0, 20)}" leaves its cell`);
        }
        rows.slice(i + 1).forEach((other, j) => overlaps(r, other.getBoundingClientRect()) && problems.push(`recent rows ${i} and ${i + 1 + j} overlap`));
      });
    }
    return {
      numberPx,
      small,
      problems,
      panelShare: panel.height / window.innerHeight,
      servicesShare: document.querySelector('.services')!.getBoundingClientRect().height / window.innerHeight,
      counterText: document.querySelector('[data-testid=current-counter]')?.textContent ?? '',
    };
  }, FLOOR_PX);
}

describe('signage with the longest names set-up allows', () => {
  const SIZES = [
    [1920, 1080],
    [1280, 720],
    [1080, 1920],
  ] as const;
  let screen: Awaited<ReturnType<typeof device>>;
  const staffAt: Record<string, HttpClient> = {};

  beforeAll(async () => {
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    for (const [code, name] of Object.entries(LONG_SERVICES)) {
      const r = await manager.req('PATCH', `/api/v1/branches/${sys.branchId}/services/${sys.service(code)}`, { name });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    for (const [label, long] of Object.entries(LONG_COUNTERS)) {
      const r = await manager.req('PATCH', `/api/v1/branches/${sys.branchId}/counters/${sys.counter(label)}`, { label: long });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    for (const code of ['A', 'B', 'C', 'D', 'C', 'D']) expect((await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(code) })).status).toBe(201);
    for (const [username, label] of [
      ['alice', '1'],
      ['bob', '2'],
      ['chen', '3'],
      ['dana', '4'],
    ] as const) {
      staffAt[label] = new HttpClient(sys.url);
      await staffAt[label].login(username);
      if (label === '3' || label === '4') await command(staffAt[label], { type: 'sign-on', counterId: sys.counter(label) });
    }
    screen = await device(browser, { width: 1920, height: 1080 });
    await screen.page.goto(`${sys.url}/signage/?device=${sys.signageToken}`);
    await screen.page.locator('.recent .item').first().waitFor({ timeout: 20_000 });
  });

  afterAll(() => screen?.context.close());

  /** Ends the ticket the counter's staff member holds (a no-show), so they can call the next. */
  async function release(label: string) {
    const staff = staffAt[label]!;
    const q = await staff.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`);
    const me = (await staff.req('GET', '/api/v1/auth/me')).body.data as { staffId: string };
    const ticketId = (q.body.data as { staff: { id: string; ticketId: string | null }[] }).staff.find((s) => s.id === me.staffId)?.ticketId;
    if (ticketId) await command(staff, { type: 'no-show', ticketId });
  }

  /** Every size: the number whole and largest, nothing under the floor, recent rows in their cells. */
  async function checkAllSizes(tag: string, counter?: string) {
    for (const [width, height] of SIZES) {
      await screen.page.setViewportSize({ width, height });
      // Let the layout settle after the resize (container units, fonts).
      await screen.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await screen.page.screenshot({ path: `/tmp/lobby-signage-long-${tag}-${width}x${height}.png` });
      const m = await measureLong(screen.page);
      const where = `${tag} at ${width}×${height}`;
      expect(m.problems, where).toEqual([]);
      expect(m.small, where).toEqual([]);
      if (counter) {
        // Cut short on screen perhaps, never in what assistive technology reads.
        expect(m.counterText, where).toContain(counter);
        expect(m.numberPx, where).toBeGreaterThan(0);
      }
      // The service board never takes the call's place: "now calling" keeps a fair share.
      if (width > height) expect(m.servicesShare, where).toBeLessThanOrEqual(0.34);
    }
  }

  for (const label of ['1', '2', '3', '4'] as const) {
    it(`keeps the ticket number whole and largest, all text legible, at counter "${LONG_COUNTERS[label]}"`, async () => {
      await release(label);
      const t = await command(staffAt[label]!, { type: 'call-next' });
      expect(t.called).not.toBeNull();
      await expect.poll(() => screen.page.locator('[data-testid=current-number]').textContent()).toBe(t.called!.number);
      await expect.poll(() => screen.page.locator('[data-testid=current-counter]').textContent()).toContain(LONG_COUNTERS[label]);
      await checkAllSizes(`counter${label}`, LONG_COUNTERS[label]);
    });
  }

  it('does the same for a recall, and for the waiting message once no call stands', async () => {
    await release('1');
    const first = await command(staffAt['1']!, { type: 'call-next' });
    const recalled = await command(staffAt['1']!, { type: 'recall', ticketId: first.called!.ticketId });
    expect(recalled).toBeTruthy();
    await screen.page.locator('.current [data-testid=current-recall]').waitFor({ timeout: 10_000 });
    await checkAllSizes('recall', LONG_COUNTERS['1']);

    // Every standing call ends: "now calling" waits for the next one.
    for (const label of ['1', '2', '3', '4']) await release(label);
    await screen.page.locator('.current .none').waitFor({ timeout: 10_000 });
    await checkAllSizes('waiting');
  });
});
