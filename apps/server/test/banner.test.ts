import { describe, expect, it } from 'vitest';
import { banner, hoursText } from '../src/banner.js';
import { loadConfig } from '../src/config.js';

const allDay = [{ open: '00:00', close: '23:59' }];

describe('the start-up banner', () => {
  it("prints every screen's address for each branch, the demo pairing links and logins, and no Redis password", () => {
    const text = banner({
      config: loadConfig({}),
      url: 'http://127.0.0.1:3000',
      roles: ['api', 'realtime', 'worker', 'scheduler'],
      branches: [{ id: 'b1', code: 'main', name: { zh: '总行营业部', en: 'Main Branch' }, timezone: 'Asia/Shanghai', active: true, customersOpen: true }],
      demo: {
        branchId: 'b1',
        kioskToken: 'k'.repeat(43),
        signageToken: 's'.repeat(43),
        logins: [{ username: 'manager', password: 'demo1234', role: 'manager', skills: '' }],
        openingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      },
      redisUrl: 'redis://user:secret@127.0.0.1:6380',
      dbKind: 'pglite',
    });
    for (const screen of [
      'http://127.0.0.1:3000/staff',
      'http://127.0.0.1:3000/staff/booking?branch=b1',
      'http://127.0.0.1:3000/staff/devices?branch=b1',
      'http://127.0.0.1:3000/staff/reports?branch=b1',
      'http://127.0.0.1:3000/staff/team?branch=b1',
      'http://127.0.0.1:3000/staff/account',
      'http://127.0.0.1:3000/staff/setup?branch=b1',
      'http://127.0.0.1:3000/staff/branches',
      'http://127.0.0.1:3000/staff/admins',
      'http://127.0.0.1:3000/staff/audit?branch=b1',
      'http://127.0.0.1:3000/staff/audit\n',
      'http://127.0.0.1:3000/book',
      'http://127.0.0.1:3000/help?branch=main',
      `http://127.0.0.1:3000/kiosk?device=${'k'.repeat(43)}`,
      `http://127.0.0.1:3000/signage/?device=${'s'.repeat(43)}`,
      'http://127.0.0.1:3000/t/<ticket token>',
      'http://127.0.0.1:3000/api/v1/openapi.json',
    ]) expect(text).toContain(screen);
    expect(text).toContain('总行营业部 / Main Branch');
    expect(text).toMatch(/manager\s+demo1234\s+manager/);
    expect(text).not.toContain('secret');
    // The demo branch is open around the clock, and the banner says so (the kiosk issues only within the hours).
    expect(text).toContain('Hours 营业时间:          every day 每天 00:00–23:59 (Asia/Shanghai;');
    expect(text).not.toContain('npm run admin');
  });

  it('without an active administrator, says how to create the first one (and, on PGlite, to stop the server first)', () => {
    const input = {
      config: loadConfig({ SEED_DEMO: 'false' }),
      url: 'http://127.0.0.1:3000',
      roles: ['api', 'realtime', 'worker', 'scheduler'],
      branches: [],
      demo: null,
      redisUrl: 'redis://127.0.0.1:6380',
      noAdmin: true,
    };
    const pglite = banner({ ...input, dbKind: 'pglite' });
    expect(pglite).toContain('No administrator yet  /  还没有管理员账号');
    expect(pglite).toContain('npm run admin -- create <username> [--display-name "<name>"]');
    expect(pglite).toContain('TELLERLINE_ADMIN_PASSWORD');
    expect(pglite).toContain('stop Tellerline first');
    expect(banner({ ...input, dbKind: 'postgres' })).not.toContain('stop Tellerline first');
  });

  it('lists the hours day by day when they differ', () => {
    const week = { mon: [{ open: '09:00', close: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [{ open: '09:00', close: '12:00' }], sun: [] };
    expect(hoursText(week)).toBe('mon 09:00–17:00, tue closed 休息, wed closed 休息, thu closed 休息, fri closed 休息, sat 09:00–12:00, sun closed 休息');
  });
});
