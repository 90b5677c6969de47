import { describe, expect, it } from 'vitest';
import { BranchPatchBody, CounterPatchBody, NewBranchBody, NewServiceBody, OpeningHoursBody, ServicePatchBody, statusForCode } from '../src/index.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;
const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const branch = { code: 'sh-pudong', name: { zh: '浦东支行', en: 'Pudong' }, timezone: 'Asia/Shanghai', openingHours: closed };
const service = { code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10, defaultDurationMin: 5 };

describe('branch set-up bodies', () => {
  it('takes short url-safe branch codes only', () => {
    expect(ok(NewBranchBody, branch)).toBe(true);
    for (const code of ['SH-Pudong', 'sh pudong', 'sh_pudong', '-sh', 'sh-', 'sh--pudong', 'x', 'a'.repeat(33), '浦东']) {
      expect(ok(NewBranchBody, { ...branch, code }), code).toBe(false);
    }
    expect(NewBranchBody.parse(branch).pilot).toBe(false);
  });

  it('takes a branch to copy (an id), which may give the hours; without one the hours are needed', () => {
    const { openingHours: _, ...noHours } = branch;
    const source = '4f1c2a9e-0000-4000-8000-000000000001';
    expect(ok(NewBranchBody, { ...noHours, copyFrom: source })).toBe(true);
    expect(ok(NewBranchBody, { ...branch, copyFrom: source })).toBe(true);
    expect(ok(NewBranchBody, noHours)).toBe(false);
    expect(ok(NewBranchBody, { ...noHours, copyFrom: 'not an id' })).toBe(false);
    expect(statusForCode('COPY_SOURCE_UNKNOWN')).toBe(404);
    expect(statusForCode('COPY_SOURCE_INACTIVE')).toBe(422);
  });

  it('takes IANA time zones only, stored in their canonical spelling', () => {
    expect(NewBranchBody.parse({ ...branch, timezone: 'asia/shanghai' }).timezone).toBe('Asia/Shanghai');
    expect(NewBranchBody.parse({ ...branch, timezone: 'UTC' }).timezone).toBe('UTC');
    for (const timezone of ['Mars/Olympus', '+08:00', 'GMT+8 ', '', 'Asia/Shanghai; drop']) {
      expect(ok(NewBranchBody, { ...branch, timezone }), timezone).toBe(false);
    }
  });

  it('takes several intervals a day in any order, refuses overlaps, and sorts them', () => {
    const split = OpeningHoursBody.parse({ ...closed, mon: [{ open: '13:30', close: '17:00' }, { open: '09:00', close: '12:00' }] });
    expect(split.mon).toEqual([{ open: '09:00', close: '12:00' }, { open: '13:30', close: '17:00' }]);
    expect(ok(OpeningHoursBody, { ...closed, tue: [{ open: '09:00', close: '12:00' }, { open: '12:00', close: '17:00' }] })).toBe(true);
    expect(ok(OpeningHoursBody, { ...closed, tue: [{ open: '09:00', close: '12:30' }, { open: '12:00', close: '17:00' }] })).toBe(false);
    expect(ok(OpeningHoursBody, { ...closed, wed: [{ open: '17:00', close: '09:00' }] })).toBe(false);
    expect(ok(OpeningHoursBody, { ...closed, thu: [{ open: '9:00', close: '17:00' }] })).toBe(false);
    // Every weekday is named: a forgotten day is a mistake, not "closed".
    const { sun: _sun, ...noSunday } = closed;
    expect(ok(OpeningHoursBody, noSunday)).toBe(false);
  });

  it('keeps the branch code out of an edit, and wants something to change', () => {
    expect(ok(BranchPatchBody, { pilot: true })).toBe(true);
    expect(ok(BranchPatchBody, { code: 'other' })).toBe(false);
    expect(ok(BranchPatchBody, {})).toBe(false);
  });

  it('takes one or two capital letters as a service code (the ticket number prefix)', () => {
    for (const code of ['A', 'VB']) expect(ok(NewServiceBody, { ...service, code }), code).toBe(true);
    for (const code of ['a', 'A1', '1', 'ABC', '', 'Ä']) expect(ok(NewServiceBody, { ...service, code }), code).toBe(false);
    expect(NewServiceBody.parse(service).documents).toEqual({ zh: [], en: [] });
  });

  it('bounds minutes, names and documents', () => {
    for (const bad of [{ targetMin: 0 }, { targetMin: 1.5 }, { defaultDurationMin: 481 }, { name: { zh: '', en: 'Cash' } }, { documents: { zh: ['身份证'] } }, { documents: { zh: ['x'.repeat(101)], en: [] } }]) {
      expect(ok(NewServiceBody, { ...service, ...bad }), JSON.stringify(bad)).toBe(false);
    }
    expect(ok(ServicePatchBody, { active: false })).toBe(true);
    expect(ok(ServicePatchBody, {})).toBe(false);
    expect(ok(CounterPatchBody, { label: '  ' })).toBe(false);
  });

  it('answers every set-up refusal with 409', () => {
    for (const code of ['BRANCH_CODE_TAKEN', 'SERVICE_CODE_TAKEN', 'COUNTER_LABEL_TAKEN', 'SERVICE_IN_USE', 'SERVICE_CODE_IN_USE', 'COUNTER_IN_USE', 'LAST_ACTIVE_SERVICE'] as const) {
      expect(statusForCode(code), code).toBe(409);
    }
  });
});
