/**
 * What the e2e tests of /staff/branches share: a branch added over the API with a weekday week,
 * and the screen opened by a signed-in admin.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { byTest, device, signInStaff, type HttpClient } from './support.js';

const WEEKDAY = [{ open: '09:00', close: '17:00' }];
/** Monday to Friday 09:00-17:00, closed at the weekend. */
export const WEEKDAY_HOURS = { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [], sun: [] };

/** Adds a branch (weekday hours unless given) as `admin`, who is signed in. */
export async function addBranch(admin: HttpClient, fields: { code: string; name: { zh: string; en: string }; timezone: string; pilot: boolean }): Promise<BranchListItem> {
  const made = await admin.req('POST', '/api/v1/branches', { openingHours: WEEKDAY_HOURS, ...fields });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.data as BranchListItem;
}

/** /staff/branches in a fresh browser context, signed in as the demo admin, once its table is there. */
export async function branchesPage(browser: Browser, url: string, opts: { locale: string; width?: number; height?: number }): Promise<Page> {
  const { page } = await device(browser, opts);
  await signInStaff(page, url, 'admin');
  await page.goto(`${url}/staff/branches`);
  await byTest(page, 'branches-table').waitFor();
  return page;
}
