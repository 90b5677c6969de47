/**
 * Closures with a reason per language, through the real API on PostgreSQL and Redis: a plain
 * reason stored before bilingual ones existed still reads (in both languages), a bilingual one is
 * told in the customer's language by the help assistant and the kiosk, and the save refuses a
 * closure added in the past or overlapping another with stable codes.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { AssistantAnswer, WalkInHours } from '@tellerline/contracts';
import { managerAndTeller, MON, TUE, WED } from './booking-support.js';
import { PG_URL } from './support.js';

const { setTime, at, anyone, branchPath, freshIp } = managerAndTeller();

async function answer(question: string, language: 'zh' | 'en'): Promise<string> {
  const res = await anyone().req('POST', `/api/v1/branches/${at.sys.branchId}/assistant`, { question, language }, freshIp());
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.data as AssistantAnswer).answer;
}

const walkInHours = async () => (await anyone().req('GET', branchPath('/walk-in-hours'))).body.data as WalkInHours;
const stored = async () => (await at.manager.req('GET', branchPath('/booking/settings'))).body.data as { version: number; settings: { closures: unknown[] } };

/** Writes the settings row as an older version did (no endpoint writes what it no longer would). */
async function storeSettingsAsBefore(settings: unknown) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`set search_path to "${at.sys.system.parts.config.databaseSchema}"`);
    await client.query('update branches set booking = $1 where id = $2', [JSON.stringify(settings), at.sys.branchId]);
  } finally {
    await client.end();
  }
}

describe('closure reasons in two languages', () => {
  it('a plain reason stored before bilingual ones is still read, the same in both languages', async () => {
    setTime(MON, '10:00');
    await storeSettingsAsBefore({ closures: [{ date: TUE, reason: '员工培训' }] });
    expect((await stored()).settings.closures).toEqual([{ date: TUE, reason: '员工培训' }]);
    expect(await answer('营业时间', 'zh')).toContain('请注意：3月3日 周二 休息（员工培训）。');
    expect(await answer('opening hours', 'en')).toContain('Please note: closed on Tue 3 Mar (员工培训).');
    setTime(TUE, '10:00');
    expect(await walkInHours()).toMatchObject({ closed: 'day-off', reason: '员工培训', reasons: { zh: '员工培训', en: '员工培训' } });
  });

  it('a bilingual reason is told in the language asked, by the assistant and the kiosk', async () => {
    setTime(MON, '10:00');
    const { version } = await stored();
    const reason = { zh: '清明节', en: 'Qingming Festival' };
    const saved = await at.manager.req('PUT', branchPath('/booking/settings'), { version, settings: { closures: [{ date: WED, reason }] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.settings.closures).toEqual([{ date: WED, reason }]);

    const zh = await answer('营业时间', 'zh');
    expect(zh).toContain('请注意：3月4日 周三 休息（清明节）。');
    expect(zh).not.toContain('Qingming');
    const en = await answer('opening hours', 'en');
    expect(en).toContain('Please note: closed on Wed 4 Mar (Qingming Festival).');
    expect(en).not.toContain('清明节');

    setTime(WED, '10:00');
    expect(await answer('are you open today?', 'en')).toContain('Main Branch is closed today, Wed 4 Mar (Qingming Festival).');
    expect(await answer('今天营业吗', 'zh')).toContain('总行营业部今天（3月4日 周三）不营业（清明节）。');
    const kiosk = await walkInHours();
    expect(kiosk).toMatchObject({ issuing: false, closed: 'day-off', reason: '清明节', reasons: reason });
  });

  it('a reason in one language only is shown in both', async () => {
    setTime(MON, '10:00');
    const { version } = await stored();
    const saved = await at.manager.req('PUT', branchPath('/booking/settings'), { version, settings: { closures: [{ date: WED, reason: { en: 'Staff training' } }] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await answer('营业时间', 'zh')).toContain('请注意：3月4日 周三 休息（Staff training）。');
  });

  it('refuses an empty bilingual reason, a closure added in the past, and overlapping closures', async () => {
    setTime(WED, '10:00');
    const put = async (closures: unknown[]) => at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { closures } });
    const empty = await put([{ date: '2026-03-20', reason: {} }]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');

    const past = await put([{ date: MON, reason: { zh: '补登' } }]);
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ code: 'CLOSURE_IN_PAST', issues: [{ path: 'settings.closures.0.date' }] });

    const overlap = await put([{ date: '2026-03-20', until: '2026-03-22' }, { date: '2026-03-22' }]);
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.code).toBe('CLOSURES_OVERLAP');

    // A past closure already stored stays (a record), and the save beside it goes through.
    expect((await stored()).settings.closures).toEqual([{ date: WED, reason: { en: 'Staff training' } }]);
    setTime(THU_NEXT, '10:00');
    const kept = await put([{ date: WED, reason: { en: 'Staff training' } }, { date: '2026-03-20' }]);
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    // Audited as every booking settings save: the closure added, by whom.
    const rows = (await at.sys.system.parts.db.audit.list(at.sys.branchId, 500)).filter((e) => e.action === 'booking-settings');
    expect(rows[0]!.details).toMatchObject({ parts: ['closures'], closures: { added: [{ date: '2026-03-20' }], removed: [] } });
  });
});

const THU_NEXT = '2026-03-12';
