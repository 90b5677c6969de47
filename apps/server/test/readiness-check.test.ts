import { describe, expect, it } from 'vitest';
import type { BranchListItem, ReadinessCheck } from '@tellerline/contracts';
import { checkReadiness, type ReadinessFacts } from '../src/usecases/readiness-check.js';

const day = [{ open: '09:00', close: '17:00' }];
const branch: BranchListItem = {
  id: 'b1',
  code: 'SH01',
  name: { zh: '上海分行', en: 'Shanghai' },
  timezone: 'Asia/Shanghai',
  openingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  address: { zh: '南京路 1 号', en: '1 Nanjing Rd' },
  pilot: true,
  active: true,
  customersOpen: true,
};
const service = (id: string, code: string, extra: { active?: boolean; targetMin?: number } = {}) => ({
  id,
  code,
  name: { zh: `业务${code}`, en: `Service ${code}` },
  targetMin: extra.targetMin ?? 10,
  defaultDurationMin: 10,
  documents: { zh: [], en: [] },
  active: extra.active ?? true,
});
const member = (name: string, role: string, staffId: string | null, skills: Record<string, number>, extra: { active?: boolean; mustChangePassword?: boolean } = {}) => ({
  displayName: name,
  role,
  staffId,
  skills,
  active: extra.active ?? true,
  mustChangePassword: extra.mustChangePassword ?? false,
});

/** A branch ready to go live: every item ok. */
function ready(): ReadinessFacts {
  return {
    branch,
    services: [service('s1', 'A'), service('s2', 'B'), service('s3', 'C', { active: false })],
    counters: [{ id: 'c1', label: '1', active: true }],
    members: [member('Wang', 'manager', 'm1', { s1: 3 }), member('Li', 'staff', 't1', { s1: 2, s2: 2 })],
    rosters: {},
    devices: [
      { kind: 'kiosk', name: 'Kiosk 1', revoked: false, lastSeenAt: 1_000 },
      { kind: 'signage', name: 'Lobby', revoked: false, lastSeenAt: 2_000 },
    ],
    booking: { enabled: true, bookable: new Set(['s1']) },
    notices: { email: 'smtp', sms: 'provider' },
  };
}

const statusOf = (f: ReadinessFacts) => Object.fromEntries(checkReadiness(f).items.map((i) => [i.check, i.status])) as Record<ReadinessCheck, string>;
const itemOf = (f: ReadinessFacts, check: ReadinessCheck) => checkReadiness(f).items.find((i) => i.check === check)!;

describe('checkReadiness', () => {
  it('reports a fully set-up branch as ready, every item ok, with zh and en sentences and its fixing screen', () => {
    const r = checkReadiness(ready());
    expect(r.ready).toBe(true);
    expect(r.counts).toEqual({ ok: 13, warning: 0, missing: 0 });
    expect(r.branch).toEqual({ id: 'b1', code: 'SH01', name: branch.name, pilot: true, active: true });
    for (const i of r.items) {
      expect(i.text.zh).not.toBe('');
      expect(i.text.en).not.toBe('');
    }
    expect(itemOf(ready(), 'kiosk')).toMatchObject({ fix: '/staff/devices', lastSeenAt: 1_000 });
    expect(itemOf(ready(), 'address').fix).toBe('/staff/branches');
  });

  it('misses opening hours, and then cannot check rostered cover', () => {
    const f = { ...ready(), branch: { ...branch, openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } } };
    expect(statusOf(f)).toMatchObject({ 'opening-hours': 'missing', 'service-cover': 'missing' });
    expect(checkReadiness(f).ready).toBe(false);
  });

  it('warns about an address in one language only and misses none', () => {
    expect(statusOf({ ...ready(), branch: { ...branch, address: { zh: '南京路 1 号', en: null } } }).address).toBe('warning');
    expect(statusOf({ ...ready(), branch: { ...branch, address: { zh: null, en: null } } }).address).toBe('missing');
  });

  it('misses services when none is active, and leaves out the per-service items', () => {
    const r = checkReadiness({ ...ready(), services: [service('s3', 'C', { active: false })] });
    expect(r.items.map((i) => i.check)).not.toContain('service-staff');
    expect(r.items.find((i) => i.check === 'services')?.status).toBe('missing');
  });

  it('names an active service nobody active has the skill for (inactive services and colleagues do not count)', () => {
    const f = { ...ready(), members: [member('Wang', 'manager', 'm1', { s1: 3, s3: 2 }), member('Li', 'staff', 't1', { s2: 2 }, { active: false })] };
    const staff = itemOf(f, 'service-staff');
    expect(staff.status).toBe('missing');
    expect(staff.fix).toBe('/staff/team');
    expect(staff.text.en).toContain('Service B (B)');
    expect(staff.text.en).not.toContain('(C)');
    expect(staff.text.zh).toContain('业务B（B）');
  });

  it('misses a service without a target wait', () => {
    expect(statusOf({ ...ready(), services: [service('s1', 'A', { targetMin: 0 })] })['service-targets']).toBe('missing');
  });

  it('finds opening hours nobody rostered with the skill covers; no roster counts as always available', () => {
    const shift = [{ open: '09:00', close: '12:00' }];
    const roster = { mon: shift, tue: shift, wed: shift, thu: shift, fri: day };
    const f = { ...ready(), rosters: { t1: roster } };
    // Wang (no roster) covers A all day; only Li serves B, mornings Monday to Thursday.
    const cover = itemOf(f, 'service-cover');
    expect(cover.status).toBe('missing');
    expect(cover.text.en).toBe('Nobody with the skill is rostered: Service B (B): Mon 12:00–17:00, Tue 12:00–17:00, Wed 12:00–17:00 and 1 more.');
    expect(cover.text.zh).toContain('周一 12:00–17:00');
    expect(statusOf({ ...ready(), rosters: { t1: { mon: day, tue: day, wed: day, thu: day, fri: day } } })['service-cover']).toBe('ok');
  });

  it('misses counters when none is active', () => {
    expect(statusOf({ ...ready(), counters: [{ id: 'c1', label: '1', active: false }] }).counters).toBe('missing');
  });

  it('misses an unpaired kiosk or screen, warns about one never seen, and gives the latest time one was seen', () => {
    const devices = [
      { kind: 'kiosk' as const, name: 'Old', revoked: true, lastSeenAt: 9_000 },
      { kind: 'signage' as const, name: 'Lobby', revoked: false, lastSeenAt: null },
    ];
    const s = statusOf({ ...ready(), devices });
    expect(s.kiosk).toBe('missing');
    expect(s.signage).toBe('warning');
    const two = [...ready().devices, { kind: 'kiosk' as const, name: 'Kiosk 2', revoked: false, lastSeenAt: 5_000 }];
    expect(itemOf({ ...ready(), devices: two }, 'kiosk')).toMatchObject({ status: 'ok', lastSeenAt: 5_000 });
  });

  it('misses an active manager account and warns, by name, about first passwords', () => {
    const f = { ...ready(), members: [member('Wang', 'manager', 'm1', { s1: 3, s2: 1 }, { active: false }), member('Li', 'staff', 't1', { s1: 2, s2: 2 }, { mustChangePassword: true })] };
    expect(statusOf(f).manager).toBe('missing');
    const pw = itemOf(f, 'first-passwords');
    expect(pw.status).toBe('warning');
    expect(pw.text.en).toContain('Li');
  });

  it('misses bookable services only while booking is on', () => {
    const none = { enabled: true, bookable: new Set<string>(['s3']) };
    expect(statusOf({ ...ready(), booking: none })['booking-services']).toBe('missing');
    expect(statusOf({ ...ready(), booking: { ...none, enabled: false } })['booking-services']).toBe('ok');
  });

  it("warns about the demo's logging providers and misses notices that cannot go out at all", () => {
    expect(statusOf({ ...ready(), notices: { email: 'log', sms: 'log' } })['notice-providers']).toBe('warning');
    expect(statusOf({ ...ready(), notices: { email: 'none', sms: 'none' } })['notice-providers']).toBe('missing');
    expect(itemOf({ ...ready(), notices: { email: 'smtp', sms: 'none' } }, 'notice-providers')).toMatchObject({ status: 'ok', text: { en: 'Customer notices go out by e-mail.' } });
  });

  it('counts warnings without making the branch unready', () => {
    const r = checkReadiness({ ...ready(), notices: { email: 'log', sms: 'log' } });
    expect(r.counts).toEqual({ ok: 12, warning: 1, missing: 0 });
    expect(r.ready).toBe(true);
  });
});
