/**
 * Lobby signage read from across the lobby: the English lines of the recent calls (the counter,
 * the "Calling again" badge of a recall), of the current call's counter and of the service board
 * are at least 18 px on a 1366×768 screen (the smallest the branches use) and grow with larger
 * screens, without leaving their rows or covering each other.
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
