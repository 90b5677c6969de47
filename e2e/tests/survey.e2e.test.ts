/**
 * The satisfaction survey on the phone page in Chromium, on the real system: the customer's page
 * is open while staff complete the visit; the survey appears without a reload, is answered with
 * the keyboard alone, thanks the customer and still shows the answer after a reload. Once in
 * Chinese and once in English. A missed ticket is not asked.
 * Needs apps/web built (`npx turbo run build --filter=@tellerline/web`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, screenshot, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let staff: HttpClient;
let kiosk: HttpClient;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  staff = new HttpClient(sys.url);
  await staff.login('alice');
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  expect((await command('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
});

afterAll(() => stopWithBrowser(sys, browser));

const command = (type: string, extra: Record<string, unknown> = {}) => staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type, ...extra });

async function issue(lang: 'zh' | 'en') {
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A'), lang });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { token: r.body.data.token as string, ticketId: r.body.data.ticketId as string };
}

/** Nobody else waits, so call-next calls this ticket. */
async function callNext(ticketId: string): Promise<void> {
  const r = await command('call-next');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.data.called.ticketId).toBe(ticketId);
}

async function openPhone(token: string, lang: 'zh' | 'en'): Promise<Page> {
  const { page } = await device(browser, { width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
  await page.goto(`${sys.url}/t/${token}?lang=${lang}`);
  await byTest(page, 'phone-state').waitFor();
  return page;
}

/** What has the keyboard focus: its data-testid, else its tag and name. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return el?.dataset.testid ?? `${el?.tagName.toLowerCase()}:${el?.getAttribute('name') ?? ''}`;
});

type AxNode = { nodeId: string; ignored?: boolean; role?: { value?: unknown }; name?: { value?: unknown }; childIds?: string[] };

/**
 * What a screen reader finds in the rating group, in order, from Chromium's own accessibility
 * tree: each radio by its name, and any text beside the radios (read as well when browsing).
 */
async function ratingsRead(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const group = nodes.find((n) => n.role?.value === 'radiogroup');
  const read: string[] = [];
  const walk = (n: AxNode | undefined) => {
    if (!n) return;
    const role = n.role?.value;
    if (!n.ignored && (role === 'radio' || role === 'StaticText')) {
      read.push(String(n.name?.value ?? ''));
      return;
    }
    for (const id of n.childIds ?? []) walk(byId.get(id));
  };
  for (const id of group?.childIds ?? []) walk(byId.get(id));
  return read;
}

const WORDS = {
  zh: { title: '您对本次服务满意吗？', legend: '请选择评分（1 = 非常不满意，5 = 非常满意）', noRating: '请先选择一个评分（1 到 5）。', four: '4 满意', options: ['1 非常不满意', '2 不满意', '3 一般', '4 满意', '5 非常满意'], thanks: '感谢您的评价！', rating: '您的评分：4 分（满意）', left: '还可以输入' },
  en: { title: 'How was your visit today?', legend: 'Choose a rating (1 = very unhappy, 5 = very happy)', noRating: 'Please choose a rating from 1 to 5 first.', four: '4 Happy', options: ['1 Very unhappy', '2 Unhappy', '3 Okay', '4 Happy', '5 Very happy'], thanks: 'Thank you for your feedback!', rating: 'Your rating: 4 (Happy)', left: 'characters left' },
};

describe('the survey after a visit, on the customer’s phone', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`appears live when staff complete the visit, is answered by keyboard, and stays answered (${lang})`, async () => {
      const words = WORDS[lang];
      const { token, ticketId } = await issue(lang);
      const page = await openPhone(token, lang);
      expect(await byTest(page, 'survey-panel').count()).toBe(0);

      await callNext(ticketId);
      await byTest(page, 'phone-called').waitFor();
      expect(await byTest(page, 'survey-panel').count()).toBe(0);
      expect((await command('start', { ticketId })).status).toBe(200);
      expect((await command('complete', { ticketId })).status).toBe(200);

      // No reload: the page follows its ticket over the socket.
      await page.locator('[data-testid=survey-panel][data-state=open]').waitFor({ timeout: 15_000 });
      expect(await page.locator('#survey-title').textContent()).toBe(words.title);
      // Each value has a visible label and the same words as its accessible name.
      const four = page.getByRole('radio', { name: words.four, exact: true });
      expect(await four.count()).toBe(1);
      expect(await page.getByRole('radiogroup', { name: words.legend }).getByRole('radio').count()).toBe(5);
      // Each option is read once, digit then words ("1 非常不满意", not "1 1 非常不满意"): by name,
      // and in Chromium's own accessibility tree (what a screen reader gets), with no text beside.
      for (const [i, name] of words.options.entries()) {
        expect(await page.getByRole('radio', { name, exact: true }).getAttribute('value')).toBe(String(i + 1));
      }
      expect(await ratingsRead(page)).toEqual([words.legend, ...words.options]);
      const box = await page.locator('label.option').first().boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      if (lang === 'zh') await screenshot(page, 'survey-open-zh');

      // Keyboard only. Sending without a rating is refused, in the page's language.
      for (let i = 0; i < 12 && !(await focused(page)).startsWith('survey-rating-'); i++) await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('survey-rating-1');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('survey-submit');
      await page.keyboard.press('Enter');
      expect(await byTest(page, 'survey-error').getAttribute('role')).toBe('alert');
      expect(await textOf(page, 'survey-error')).toBe(words.noRating);
      // The error belongs to the rating group, and the focus is back on its first rating.
      expect(await byTest(page, 'survey-ratings').getAttribute('aria-invalid')).toBe('true');
      expect(await byTest(page, 'survey-ratings').getAttribute('aria-describedby')).toBe('survey-error');
      expect(await page.locator('#survey-error').textContent()).toBe(words.noRating);
      await expect.poll(() => focused(page)).toBe('survey-rating-1');
      // Arrows to 4, Tab to the comment, Tab to send.
      let at = Number((await focused(page)).replace('survey-rating-', ''));
      expect(at).toBeGreaterThanOrEqual(1);
      for (; at < 4; at++) await page.keyboard.press('ArrowDown');
      for (; at > 4; at--) await page.keyboard.press('ArrowUp');
      expect(await focused(page)).toBe('survey-rating-4');
      expect(await four.isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('survey-comment');
      const comment = lang === 'zh' ? '柜员很耐心' : 'Quick and kind';
      await page.keyboard.type(comment);
      await page.keyboard.press('Enter');
      await page.keyboard.type(lang === 'zh' ? '谢谢' : 'thanks');
      expect(await textOf(page, 'survey-left')).toContain(String(500 - comment.length - 1 - (lang === 'zh' ? 2 : 6)));
      expect(await textOf(page, 'survey-left')).toContain(words.left);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('survey-submit');
      await page.keyboard.press('Enter');

      await byTest(page, 'survey-thanks').waitFor();
      expect(await focused(page)).toBe('survey-thanks');
      expect(await page.locator('#survey-thanks').textContent()).toBe(words.thanks);
      expect((await textOf(page, 'survey-answer-rating')).trim()).toBe(words.rating);
      const sent = `${comment} ${lang === 'zh' ? '谢谢' : 'thanks'}`;
      expect(await textOf(page, 'survey-answer-comment')).toContain(sent);
      expect(await byTest(page, 'survey-submit').count()).toBe(0);
      if (lang === 'en') await screenshot(page, 'survey-thanks-en');

      // Stored as answered, in the page's language, with who served the visit.
      const stored = await sys.system.parts.db.surveys.findByTicket(ticketId);
      expect(stored).toMatchObject({ rating: 4, comment: sent, language: lang, branchId: sys.branchId, serviceId: sys.service('A') });
      expect(stored!.staffId).toBeTruthy();

      await page.reload();
      await page.locator('[data-testid=survey-panel][data-state=answered]').waitFor();
      expect(await page.locator('#survey-thanks').textContent()).toBe(words.thanks);
      expect((await textOf(page, 'survey-answer-rating')).trim()).toBe(words.rating);
      expect(await textOf(page, 'survey-answer-comment')).toContain(sent);
      expect(await byTest(page, 'survey-submit').count()).toBe(0);
      // The page's language switch words the answer in the other language at once.
      const other = lang === 'zh' ? 'en' : 'zh';
      await page.getByRole('button', { name: other === 'zh' ? '中文' : 'English' }).click();
      expect(await page.locator('#survey-thanks').textContent()).toBe(WORDS[other].thanks);
      expect((await textOf(page, 'survey-answer-rating')).trim()).toBe(WORDS[other].rating);
      await page.context().close();
    });
  }

  it('is not offered to a customer who missed their call', async () => {
    const { token, ticketId } = await issue('en');
    const page = await openPhone(token, 'en');
    await callNext(ticketId);
    expect((await command('no-show', { ticketId })).status).toBe(200);
    await page.locator('[data-testid=phone-state][data-status=no-show]').waitFor();
    // Give a survey every chance to appear (it is loaded on its own after the status).
    await page.waitForTimeout(1500);
    expect(await byTest(page, 'survey-panel').count()).toBe(0);
    await page.reload();
    await page.locator('[data-testid=phone-state][data-status=no-show]').waitFor();
    await page.waitForTimeout(500);
    expect(await byTest(page, 'survey-panel').count()).toBe(0);
    await page.context().close();
  });
});
