import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES, AUDIT_ACTORS, AUDIT_DETAIL_KEYS, BookingSettings, ServiceBookingRules, type AuditEntryView } from '@tellerline/contracts';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';
import {
  actionName,
  actorName,
  auditAddress,
  auditCsvHref,
  auditDetails,
  auditPagePath,
  auditPeoplePath,
  auditSummary,
  entryTime,
  filtersFromAddress,
  NO_FILTERS,
  rangeProblem,
  unnamedRosterStaff,
  whoOf,
} from './audit-logic.js';

const zh = (key: string, params?: Record<string, string | number>) => translate('zh', key, params);
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

const entry = (over: Partial<AuditEntryView> = {}): AuditEntryView => ({
  id: '41',
  at: Date.parse('2026-03-02T01:06:00Z'),
  userId: 'u1',
  displayName: 'Alice',
  username: 'alice',
  role: 'staff',
  deviceName: null,
  action: 'no-show',
  branchId: 'b1',
  timezone: 'Asia/Shanghai',
  ticketId: 't1',
  ticketNumber: 'A003',
  newTicketNumber: null,
  staffName: null,
  ip: '10.0.0.7',
  userAgent: null,
  details: {},
  ...over,
});

describe('audit log words', () => {
  it('names every action and every kind of actor the server records, in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const a of AUDIT_ACTION_NAMES) expect(dictionaries[lang][`audit.action.${a}`], `${lang} ${a}`).toBeTruthy();
      for (const k of Object.keys(AUDIT_ACTORS)) expect(dictionaries[lang][`audit.actor.${k}`], `${lang} ${k}`).toBeTruthy();
    }
    expect(actionName('view-profile', zh)).toBe('查看客户档案');
    expect(actionName('export-kpis', en)).toBe('Exported KPI reports');
    // A newer server's action is shown by its code, not as a missing key.
    expect(actionName('something-new', en)).toBe('something-new');
  });

  it('reads the time in the branch time zone', () => {
    expect(entryTime(entry())).toBe('2026-03-02 09:06');
    expect(entryTime(entry({ timezone: 'Europe/London' }))).toBe('2026-03-02 01:06');
  });

  it('says who acted: a person, an account that is gone, a kiosk, a customer, the system', () => {
    expect(whoOf(entry(), en)).toEqual({ name: 'Alice', detail: 'alice' });
    expect(whoOf(entry({ displayName: null, username: null }), zh)).toEqual({ name: '账号已不存在', detail: 'u1' });
    expect(whoOf(entry({ userId: null, displayName: null, username: null, role: 'device:d1', deviceName: 'Lobby kiosk' }), en)).toEqual({ name: 'Lobby kiosk', detail: null });
    expect(whoOf(entry({ userId: null, displayName: null, username: null, role: 'customer' }), zh).name).toBe('客户');
    expect(whoOf(entry({ userId: null, displayName: null, username: null, role: 'system:session-ended' }), en).name).toBe('System');
    expect(actorName(entry({ role: 'manager' }), zh)).toBe('网点经理');
    expect(actorName(entry({ role: 'device:d1' }), en)).toBe('Device');
    expect(actorName(entry({ role: 'robot' }), en)).toBe('robot');
  });

  it("names the device of a refusal recorded without a role (a lobby screen's early entries), not a dash", () => {
    const screen = entry({ action: 'access-denied', userId: null, displayName: null, username: null, role: null, deviceName: 'Lobby screen', details: { deviceId: 'd1', deviceKind: 'signage' } });
    expect(whoOf(screen, zh)).toEqual({ name: 'Lobby screen', detail: null });
    expect(actorName(screen, zh)).toBe('设备');
    expect(actorName(entry({ role: null }), en)).toBe('—');
  });
});

describe('auditSummary', () => {
  it('words what an entry holds instead of showing its JSON', () => {
    expect(auditSummary(entry({ action: 'sign-off', userId: null, role: 'system:session-ended', staffName: 'Bob', details: { seq: [4], staffId: 's2' } }), en)).toBe('For Bob');
    expect(auditSummary(entry({ action: 'login-failed', details: { username: 'bob' } }), zh)).toBe('用户名：bob');
    expect(auditSummary(entry({ action: 'login-failed', details: { username: 'spray0', unknownUsername: true, windowSec: 3600 } }), en)).toBe('Username: spray0; no such username (recorded once an hour per address)');
    expect(auditSummary(entry({ action: 'login-throttled', details: { perAddress: true, attempts: 20, unknownUsernames: 18, waitSec: 60 } }), zh)).toBe('同一地址登录失败 20 次，其中 18 次的用户名不存在');
    // A service's code, not a check-in code, and how many bookings its deactivation cancelled.
    const cancelled = { serviceId: 's1', code: 'L', count: 3, appointmentIds: ['a1', 'a2', 'a3'] };
    expect(auditSummary(entry({ action: 'cancel-service-bookings', details: cancelled }), zh)).toBe('停用业务 L，取消 3 个预约');
    expect(auditSummary(entry({ action: 'cancel-service-bookings', details: cancelled }), en)).toBe('Deactivated service L, cancelled 3 bookings');
    expect(auditSummary(entry({ action: 'cancel-service-bookings', details: { ...cancelled, count: 1 } }), en)).toBe('Deactivated service L, cancelled 1 booking');
    expect(auditSummary(entry({ action: 'export-kpis', details: { scope: 'all', from: '2026-03-01', to: '2026-03-02' } }), zh)).toBe('全部网点；2026-03-01 至 2026-03-02');
    expect(auditSummary(entry({ action: 'export-audit', ticketId: 't1', details: { scope: 'branch', action: 'view-profile', userId: 'u2' } }), en)).toBe(
      'This branch; Action: Viewed a customer profile; One person; One ticket',
    );
    expect(auditSummary(entry({ action: 'device-paired', details: { deviceId: 'd', kind: 'signage', name: 'Window' } }), zh)).toBe('大堂屏“Window”');
    expect(auditSummary(entry({ action: 'service-record-saved', details: { outcome: 'follow-up', notesLength: 42 } }), en)).toBe('Outcome: Follow-up needed; notes of 42 characters');
    expect(auditSummary(entry({ action: 'book-appointment', details: { code: 'K7Q2MX', startsAt: Date.parse('2026-03-03T02:30:00Z') } }), zh)).toBe('签到码 K7Q2MX；预约时间 2026-03-03 10:30');
    expect(auditSummary(entry({ action: 'booking-settings', details: { parts: ['settings', 'services'], services: [{ id: 'x', code: 'A', changes: {} }, { id: 'y', code: 'C', changes: {} }] } }), en)).toBe(
      'Changed: booking settings, services A, C',
    );
    expect(auditSummary(entry({ action: 'view-appointments', details: { day: '2026-03-02' } }), en)).toBe('Day: 2026-03-02');
    // Team actions name the account affected, as the team routes record it.
    for (const action of ['create-staff', 'update-staff', 'deactivate-staff', 'reactivate-staff', 'reset-password'] as const) {
      expect(auditSummary(entry({ action, ticketId: null, details: { userId: 'u9', username: 'fei.wang' } }), en)).toBe('Account: fei.wang');
      expect(auditSummary(entry({ action, ticketId: null, details: { userId: 'u9', username: 'fei.wang' } }), zh)).toBe('账号：fei.wang');
    }
    // Set-up entries: what was set up (a branch or service code is no check-in code), and what changed.
    expect(auditSummary(entry({ action: 'create-branch', details: { code: 'sh-pudong', timezone: 'Asia/Shanghai' } }), en)).toBe('Branch sh-pudong');
    expect(auditSummary(entry({ action: 'deactivate-branch', details: { code: 'demo', cancelledBookings: 2, appointmentIds: ['a', 'b'] } }), en)).toBe('Branch demo; deactivated; cancelled 2 booked visits');
    expect(auditSummary(entry({ action: 'reactivate-branch', details: { code: 'demo' } }), en)).toBe('Branch demo; reactivated');
    const copied = { code: 'sh-jiading', copiedFrom: { id: '4f1c2a9e-0000-4000-8000-000000000001', code: 'demo', services: 3, counters: 2 } };
    expect(auditSummary(entry({ action: 'create-branch', details: copied }), en)).toBe('Branch sh-jiading; like branch demo');
    expect(auditSummary(entry({ action: 'create-branch', details: copied }), zh)).toBe('网点 sh-jiading；以网点 demo 为模板');
    expect(auditSummary(entry({ action: 'update-service', details: { serviceId: 's', code: 'A', changes: { name: { from: {}, to: {} }, targetMin: { from: 10, to: 12 } } } }), zh)).toBe('业务 A；修改了：名称、目标等候时间');
    expect(auditSummary(entry({ action: 'update-counter', details: { counterId: 'c', label: 'VIP 1', changes: { active: { from: true, to: false } } } }), en)).toBe('Counter VIP 1; deactivated');
    // Nothing worth a sentence: the ticket column and "All details" say the rest.
    expect(auditSummary(entry({ action: 'call-next', details: { seq: [3], staffId: 's1' } }), en)).toBe('');
  });

  it('says what a refused request was after, never a check-in code', () => {
    const refused = (route: string, code = 'FORBIDDEN', method = 'GET') => entry({ action: 'access-denied', ticketId: null, details: { method, route, code, windowMin: 10 } });
    expect(auditSummary(refused('/api/v1/branches/:branchId/kpis'), zh)).toBe('被拒绝访问：经营报表');
    expect(auditSummary(refused('/api/v1/branches/:branchId/kpis.csv'), en)).toBe('Refused: the KPI reports');
    expect(auditSummary(refused('/api/v1/branches/:branchId/audit/people'), en)).toBe('Refused: the audit log');
    expect(auditSummary(refused('/api/v1/branches/:branchId/tickets', 'FORBIDDEN', 'POST'), zh)).toBe('被拒绝访问：取号');
    expect(auditSummary(refused('/api/v1/branches/:branchId/tickets/:ticketId/profile', 'TICKET_NOT_YOURS'), zh)).toBe('被拒绝访问：客户档案；不是本人正在办理的号');
    // A route this screen does not know (a newer server's) by itself.
    expect(auditSummary(refused('/api/v1/branches/:branchId/robots', 'FORBIDDEN', 'DELETE'), en)).toBe('Refused: DELETE /api/v1/branches/:branchId/robots');
    expect(auditSummary(refused('/api/v1/branches/:branchId/kpis'), zh)).not.toContain('签到码');
  });

  it('ignores details of an unexpected shape instead of failing', () => {
    expect(auditSummary(entry({ action: 'booking-settings', details: { parts: 'services', services: 7 } }), en)).toBe('');
    expect(auditSummary(entry({ action: 'export-kpis', details: { scope: { nested: true } } }), en)).toBe('');
  });
});

describe('audit paths and address', () => {
  const f = { ...NO_FILTERS, action: 'no-show' as const, from: '2026-03-01', to: '2026-03-02' };

  it('asks the branch route for a branch, the admin route for every entry or those of no branch', () => {
    expect(auditPagePath({ branchId: 'b1' }, f, 51, null)).toBe('/api/v1/branches/b1/audit?action=no-show&from=2026-03-01&to=2026-03-02&limit=51');
    expect(auditPagePath('all', { ...NO_FILTERS, userId: 'u1' }, 51, '99')).toBe('/api/v1/audit?userId=u1&limit=51&before=99');
    expect(auditPagePath('none', NO_FILTERS, 51, null)).toBe('/api/v1/audit?branch=none&limit=51');
    expect(auditCsvHref({ branchId: 'b1' }, { ...NO_FILTERS, ticketId: 't1' }, 'en')).toBe('/api/v1/branches/b1/audit?ticketId=t1&format=csv&lang=en');
    expect(auditCsvHref('none', NO_FILTERS, 'zh')).toBe('/api/v1/audit?branch=none&format=csv&lang=zh');
    // A complaint about "my ticket A008": the number as typed, found by the server at the time of each entry.
    expect(auditPagePath({ branchId: 'b1' }, { ...NO_FILTERS, ticketNumber: ' a008 ' }, 51, null)).toBe('/api/v1/branches/b1/audit?ticketNumber=a008&limit=51');
    expect(auditPeoplePath({ branchId: 'b 1' }, { q: 'wang li' })).toBe('/api/v1/branches/b%201/audit/people?q=wang+li&limit=8');
    expect(auditPeoplePath('none', { id: 'u2' })).toBe('/api/v1/audit/people?id=u2');
  });

  it('keeps the scope and filters in the address, and reads back only what the server would take', () => {
    const address = auditAddress('none', { ...f, userId: 'u1', ticketId: 't1', ticketNumber: 'A008' });
    expect(address).toBe('/staff/audit?branch=none&action=no-show&user=u1&ticket=t1&number=A008&from=2026-03-01&to=2026-03-02');
    expect(filtersFromAddress(new URL(address, 'http://x').searchParams)).toEqual({ ...f, userId: 'u1', ticketId: 't1', ticketNumber: 'A008' });
    expect(filtersFromAddress(new URLSearchParams({ number: 'a008' })).ticketNumber).toBe('A008');
    expect(filtersFromAddress(new URLSearchParams({ number: 'A 008; drop' })).ticketNumber).toBe('');
    expect(auditAddress(null, NO_FILTERS)).toBe('/staff/audit');
    const bad = new URLSearchParams({ action: 'drop-table', user: 'a b', from: '2026-02-30', to: '2026-03-02', ticket: '' });
    expect(filtersFromAddress(bad)).toEqual({ ...NO_FILTERS, to: '2026-03-02' });
    expect(filtersFromAddress(new URLSearchParams({ from: '2026-03-05', to: '2026-03-02' }))).toEqual({ ...NO_FILTERS, from: '2026-03-05' });
  });

  it('checks the days as the server does', () => {
    expect(rangeProblem('', '')).toBeNull();
    expect(rangeProblem('2026-03-01', '')).toBeNull();
    expect(rangeProblem('2026-03-02', '2026-03-02')).toBeNull();
    expect(rangeProblem('2026-03-03', '2026-03-02')).toBe('audit.range.order');
    expect(rangeProblem('2026-02-30', '')).toBe('audit.range.invalid');
    expect(rangeProblem('', 'tomorrow')).toBe('audit.range.invalid');
  });
});

describe('all details of an entry, for people', () => {
  const staffId = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

  it('names the keys in both languages and the staff member acted on by name', () => {
    const e = entry({ action: 'sign-off', userId: null, displayName: null, role: 'system:session-ended', staffName: 'Alice', details: { seq: [12, 13], staffId } });
    expect(auditDetails(e, zh)).toEqual([
      { label: '事件序号', value: '12, 13' },
      { label: '相关员工', value: 'Alice' },
    ]);
    expect(auditDetails(e, en)).toEqual([
      { label: 'Event no.', value: '12, 13' },
      { label: 'Staff member', value: 'Alice' },
    ]);
  });

  it('names a person acting on themselves from the entry, and leaves out an id whose name is unknown', () => {
    const own = entry({ action: 'call-next', userId: staffId, displayName: 'Alice', details: { seq: [7], staffId } });
    expect(auditDetails(own, en)).toEqual([
      { label: 'Event no.', value: '7' },
      { label: 'Staff member', value: 'Alice' },
    ]);
    const unknown = entry({ action: 'call-next', userId: null, displayName: null, details: { seq: [7], staffId, customerId: 'aa2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b' } });
    expect(auditDetails(unknown, zh)).toEqual([{ label: '事件序号', value: '7' }]);
    for (const l of [...auditDetails(unknown, zh), ...auditDetails(unknown, en)]) expect(l.value).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('reads an appointment time as a local date and time, and a check-in code and day as they are', () => {
    const e = entry({ action: 'book-appointment', details: { code: 'K7P2QX', startsAt: Date.parse('2026-03-03T02:30:00Z'), day: '2026-03-03' } });
    expect(auditDetails(e, zh)).toEqual([
      { label: '签到码', value: 'K7P2QX' },
      { label: '预约时间', value: '2026-03-03 10:30' },
      { label: '日期', value: '2026-03-03' },
    ]);
  });

  it('says when a staff press’s retry recorded the entry its first run could not, in local time', () => {
    const e = entry({ action: 'call-next', details: { seq: [7], completedOnRetry: Date.parse('2026-03-03T02:30:05Z') } });
    expect(auditDetails(e, zh)).toEqual([
      { label: '事件序号', value: '7' },
      { label: '重试时补记于', value: '2026-03-03 10:30' },
    ]);
    expect(auditDetails(e, en)).toContainEqual({ label: 'Recorded on a retry at', value: '2026-03-03 10:30' });
  });

  it('says when the server recorded a press nobody retried, in local time', () => {
    const e = entry({ action: 'call-next', details: { seq: [7], completedLater: Date.parse('2026-03-03T02:30:40Z') } });
    expect(auditDetails(e, zh)).toEqual([
      { label: '事件序号', value: '7' },
      { label: '事后补记于', value: '2026-03-03 10:30' },
    ]);
    expect(auditDetails(e, en)).toContainEqual({ label: 'Recorded afterwards at', value: '2026-03-03 10:30' });
  });

  it('names a set-up change’s field and its before and after', () => {
    const e = entry({ action: 'update-service', details: { code: 'A', changes: { targetMin: { from: 10, to: 15 } } } });
    expect(auditDetails(e, en)).toEqual([
      { label: 'Code', value: 'A' },
      { label: 'Changes › target wait › before', value: '10' },
      { label: 'Changes › target wait › after', value: '15' },
    ]);
  });

  it('lists a transfer’s services from before to after, whatever order the store kept the keys in', () => {
    const e = entry({ action: 'transfer', details: { seq: [20], toService: 'D', somethingNew: 'x', fromService: 'A', toCounter: '2' } });
    expect(auditDetails(e, en)).toEqual([
      { label: 'Event no.', value: '20' },
      { label: 'From service', value: 'A' },
      { label: 'To service', value: 'D' },
      { label: 'To counter', value: '2' },
      { label: 'somethingNew', value: 'x' },
    ]);
  });

  it('keeps a key it does not know (a newer server’s) as it is', () => {
    expect(auditDetails(entry({ details: { somethingNew: 'x' } }), zh)).toEqual([{ label: 'somethingNew', value: 'x' }]);
  });
});

describe('a transfer in words', () => {
  it('says from which service to which, and to which counter', () => {
    const e = entry({ action: 'transfer', details: { seq: [20], fromService: 'A', toService: 'D', toCounter: '2' } });
    expect(auditSummary(e, zh)).toBe('从 A 业务转到 D 业务；转给 2 号柜台');
    expect(auditSummary(e, en)).toBe('transferred from A to D; sent to counter 2');
    expect(auditSummary(entry({ action: 'transfer', details: { seq: [21], fromService: 'A', toService: 'A', toCounter: '3' } }), en)).toBe('sent to counter 3');
    // An entry written before the audit named them says nothing rather than ids.
    expect(auditSummary(entry({ action: 'transfer', details: { seq: [22] } }), en)).toBe('');
  });
});

describe('every details key the server writes has a name', () => {
  // AUDIT_DETAIL_KEYS is what the server's writers may use (a key not listed fails to compile there).
  it.each(AUDIT_DETAIL_KEYS)('%s: named in zh and en, never shown raw', (key) => {
    for (const lang of ['zh', 'en'] as const) expect(Object.hasOwn(dictionaries[lang], `audit.detail.${key}`), `${lang} audit.detail.${key}`).toBe(true);
    for (const t of [zh, en]) {
      // The staff member acted on is shown by name (here the actor's own, u1 Alice).
      const [line] = auditDetails(entry({ action: 'login', details: { [key]: key === 'staffId' ? 'u1' : 'x' } }), t);
      expect(line?.label).not.toBe(key);
      expect(line?.label).toBe(t(`audit.detail.${key}`).replace(/^./, (c) => c.toUpperCase()));
    }
  });

  it('names the parts of a set-up entry in both languages, and a refusal\'s code as such', () => {
    const created = entry({ action: 'create-branch', details: { name: { zh: '浦东支行', en: 'Pudong' }, openingHours: { mon: [] }, defaultDurationMin: 10 } });
    expect(auditDetails(created, en)).toEqual([
      { label: 'Name › Chinese', value: '浦东支行' },
      { label: 'Name › English', value: 'Pudong' },
      { label: 'Opening hours › Mon', value: '—' },
      { label: 'Expected service time (min)', value: '10' },
    ]);
    const hours = { sun: [], fri: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }], mon: [{ open: '09:00', close: '17:00' }] };
    const changed = entry({ action: 'update-branch', details: { code: 'PD', changes: { openingHours: { to: hours, from: { mon: [{ open: '08:30', close: '17:00' }] } } } } });
    expect(auditDetails(changed, zh)).toEqual([
      { label: '代码', value: 'PD' },
      { label: '修改 › 营业时间 › 原值 › 周一', value: '08:30–17:00' },
      { label: '修改 › 营业时间 › 新值 › 周一', value: '09:00–17:00' },
      { label: '修改 › 营业时间 › 新值 › 周五', value: '09:00–12:00, 13:00–17:00' },
      { label: '修改 › 营业时间 › 新值 › 周日', value: '—' },
    ]);
    const refused = entry({ action: 'access-denied', details: { method: 'GET', route: '/api/v1/branches/:branchId/audit', code: 'FORBIDDEN', windowMin: 10 } });
    expect(auditDetails(refused, zh).map((l) => l.label)).toEqual(['拒绝原因代码', '请求方式', '访问地址', '统计时段（分钟）']);
  });

  it('words opening a branch to customers and putting it back in preparation, before and after', () => {
    const opened = entry({ action: 'update-branch', details: { code: 'sh-jiading', changes: { customersOpen: { from: false, to: true } } } });
    expect(auditSummary(opened, en)).toBe('Branch sh-jiading; opened to customers');
    expect(auditSummary(opened, zh)).toBe('网点 sh-jiading；已对客户开放');
    const closed = entry({ action: 'update-branch', details: { code: 'demo', changes: { customersOpen: { from: true, to: false } } } });
    expect(auditSummary(closed, en)).toBe('Branch demo; back in preparation');
    expect(auditDetails(closed, en).map((l) => l.label)).toEqual(['Code', 'Changes › Open to customers › before', 'Changes › Open to customers › after']);
    expect(auditDetails(closed, zh).map((l) => l.label)[1]).toBe('修改 › 对客户开放 › 原值');
  });

  describe('a booking rules save', () => {
    const alice = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
    const bob = '4a2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
    // As the store hands them back: jsonb sorts keys (`to` before `from`, `fri` before `mon`).
    const saved = entry({
      action: 'booking-settings',
      details: {
        parts: ['settings', 'rosters'],
        settings: { remoteQueue: { to: true, from: false }, slotStepMin: { to: 20, from: 15 } },
        rosters: [
          { to: { fri: [{ open: '09:00', close: '12:00' }], mon: [{ open: '09:00', close: '17:00' }] }, from: null, staffId: alice },
          { to: null, from: { mon: [] }, staffId: bob },
        ],
      },
    });

    it('names whose roster changed (their id when the name is not known), weekdays in week order, old before new (zh)', () => {
      const lines = auditDetails(saved, zh, { [alice]: 'Alice' });
      expect(lines[0]).toEqual({ label: '修改部分', value: '预约设置, 排班' });
      expect(lines.filter((l) => l.label.startsWith('排班'))).toEqual([
        { label: '排班 › Alice › 原值', value: '按营业时间' },
        { label: '排班 › Alice › 新值 › 周一', value: '09:00–17:00' },
        { label: '排班 › Alice › 新值 › 周五', value: '09:00–12:00' },
        { label: `排班 › ${bob} › 原值 › 周一`, value: '—' },
        { label: `排班 › ${bob} › 新值`, value: '按营业时间' },
      ]);
    });

    it('names each setting and says yes or no, old before new (zh and en)', () => {
      expect(auditDetails(saved, zh).filter((l) => l.label.startsWith('预约设置'))).toEqual([
        { label: '预约设置 › 远程取号 › 原值', value: '否' },
        { label: '预约设置 › 远程取号 › 新值', value: '是' },
        { label: '预约设置 › 时段间隔（分钟） › 原值', value: '15' },
        { label: '预约设置 › 时段间隔（分钟） › 新值', value: '20' },
      ]);
      const en_ = auditDetails(saved, en, { [alice]: 'Alice', [bob]: 'Bob' });
      expect(en_.filter((l) => l.label.includes('remote queue'))).toEqual([
        { label: 'Booking settings › remote queue › before', value: 'No' },
        { label: 'Booking settings › remote queue › after', value: 'Yes' },
      ]);
      expect(en_.filter((l) => l.label.startsWith('Rosters › Alice')).map((l) => `${l.label}: ${l.value}`)).toEqual([
        'Rosters › Alice › before: the opening hours',
        'Rosters › Alice › after › Mon: 09:00–17:00',
        'Rosters › Alice › after › Fri: 09:00–12:00',
      ]);
      expect(en_.some((l) => l.label.startsWith('Rosters › Bob › before › Mon'))).toBe(true);
    });

    it('asks for the names of the colleagues whose rosters changed, once each, and not for those already known', () => {
      expect(unnamedRosterStaff([saved, saved, entry({ action: 'call-next', details: { staffId: alice } })], { [alice]: 'Alice' })).toEqual([bob]);
      expect(unnamedRosterStaff([saved], { [alice]: 'Alice', [bob]: 'Bob' })).toEqual([]);
    });

    it('names a service rule change by the service code, and every booking setting in both languages', () => {
      const e = entry({ action: 'booking-settings', details: { parts: ['services'], services: [{ id: bob, code: 'A', changes: { walkIns: { to: false, from: true } } }] } });
      expect(auditDetails(e, en).filter((l) => l.label.startsWith('Services'))).toEqual([
        { label: 'Services › A › Changes › takes walk-ins › before', value: 'Yes' },
        { label: 'Services › A › Changes › takes walk-ins › after', value: 'No' },
      ]);
      for (const key of [...Object.keys(BookingSettings.shape).filter((k) => k !== 'closures'), ...Object.keys(ServiceBookingRules.shape)]) {
        for (const t of [zh, en]) expect(t(`audit.detail.setting.${key}`), key).not.toBe(`audit.detail.setting.${key}`);
      }
    });
  });
});
