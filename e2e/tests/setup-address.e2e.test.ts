/**
 * A branch manager sets their own branch's address on /staff/setup, in a real browser against the
 * real system. In Chinese: both languages typed and saved, the screen says so, the address is
 * stored and the booking page shows it. In English: an admin changes the address after the
 * manager opened the screen; the manager's save is refused with what is stored now, the fields
 * keep what the manager typed, and saving again stores it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { byTest, device, eventuallyText, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let admin: HttpClient;

const ADDRESS = { zh: '上海市浦东新区世纪大道 100 号', en: '100 Century Avenue, Pudong, Shanghai' };

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  admin = new HttpClient(sys.url);
  await admin.login('admin');
});

afterAll(() => stopWithBrowser(sys, browser));

const demoAddress = async () => ((await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[]).find((b) => b.id === sys.branchId)!.address;

/** The demo manager's set-up screen in `locale`, once its address section is there. */
async function managerSetup(locale: string): Promise<Page> {
  const { page } = await device(browser, { locale });
  await signInStaff(page, sys.url, 'manager');
  await page.goto(`${sys.url}/staff/setup`);
  await byTest(page, 'address-section').waitFor();
  return page;
}

describe("a manager sets their branch's address", () => {
  it('types both languages and saves; the booking page shows it (zh)', async () => {
    const page = await managerSetup('zh-CN');
    expect(await page.locator('#address-heading').textContent()).toBe('网点地址');
    await byTest(page, 'setup-addressZh').fill(ADDRESS.zh);
    await byTest(page, 'setup-addressEn').fill(ADDRESS.en);
    await byTest(page, 'address-save').click();
    await eventuallyText(page, 'address-status').toBe('已保存网点地址。');
    expect(await demoAddress()).toEqual(ADDRESS);

    await page.goto(`${sys.url}/book?lang=zh`);
    await eventuallyText(page, 'booking-branch-address').toContain(ADDRESS.zh);
  });

  it("is refused with what is stored now after an admin's change, keeps what was typed, and saves on the second try (en)", async () => {
    const page = await managerSetup('en-US');
    expect(await byTest(page, 'setup-addressEn').inputValue()).toBe(ADDRESS.en);
    // The admin changes both languages; the manager then types only the English one.
    const theirs = { zh: '上海市浦东新区世纪大道 100 号', en: '100 Century Ave, Shanghai' };
    expect((await admin.req('PATCH', `/api/v1/branches/${sys.branchId}`, { address: theirs })).status).toBe(200);

    await byTest(page, 'setup-addressEn').fill('Century Avenue 100, Pudong');
    await byTest(page, 'address-save').click();
    await eventuallyText(page, 'address-stale').toBe(
      `Someone changed the address since you opened this page; nothing was saved. Stored now: Chinese "${theirs.zh}", English "${theirs.en}". Your changes are kept in the fields: check them, then save again.`,
    );
    expect(await byTest(page, 'setup-addressEn').inputValue()).toBe('Century Avenue 100, Pudong');
    // The Chinese field, untouched here, now holds the admin's: saving again cannot undo it.
    expect(await byTest(page, 'setup-addressZh').inputValue()).toBe(theirs.zh);
    expect(await demoAddress()).toEqual(theirs);

    await byTest(page, 'address-save').click();
    await eventuallyText(page, 'address-status').toBe('Branch address saved.');
    expect(await demoAddress()).toEqual({ zh: theirs.zh, en: 'Century Avenue 100, Pudong' });
    expect(await byTest(page, 'address-stale').count()).toBe(0);
  });
});
