import type { BranchListItem, BranchReadiness, CounterSetupView, ReadinessCheck, ReadinessFix, ReadinessItem, ReadinessStatus, ServiceSetupView } from '@tellerline/contracts';
import { coverGaps, WEEK, type CoverGap, type LocalizedText, type Weekday, type WeeklyWindows } from '@tellerline/engine';

/**
 * The rollout readiness check of one branch: a pure function over what the server read (no I/O,
 * no clock). Each item says ok / warning / missing in one sentence per language and names the
 * screen that fixes it; `missing` keeps the branch from being ready, `warning` does not.
 */

/** How customer notices leave the server (its configuration): a real sender, the demo's logging one, or none. */
export interface NoticeProviders {
  email: 'smtp' | 'log' | 'none';
  sms: 'provider' | 'log' | 'none';
}

/** An account of the branch as the check needs it. */
export interface ReadinessMember {
  displayName: string;
  role: string;
  active: boolean;
  mustChangePassword: boolean;
  /** Null: a login without a staff record (serves no service). */
  staffId: string | null;
  skills: Record<string, number>;
}

export interface ReadinessDevice {
  kind: 'kiosk' | 'signage';
  name: string;
  revoked: boolean;
  lastSeenAt: number | null;
}

export interface ReadinessFacts {
  branch: BranchListItem;
  /** Inactive ones included (they are left out here). */
  services: readonly ServiceSetupView[];
  counters: readonly CounterSetupView[];
  members: readonly ReadinessMember[];
  /** staffId -> weekly shifts, or null / absent: no roster (available whenever the branch is open). */
  rosters: Readonly<Record<string, WeeklyWindows | null>>;
  devices: readonly ReadinessDevice[];
  booking: { enabled: boolean; bookable: ReadonlySet<string> };
  notices: NoticeProviders;
}

const DAY_NAMES: Record<Weekday, LocalizedText> = {
  mon: { zh: '周一', en: 'Mon' },
  tue: { zh: '周二', en: 'Tue' },
  wed: { zh: '周三', en: 'Wed' },
  thu: { zh: '周四', en: 'Thu' },
  fri: { zh: '周五', en: 'Fri' },
  sat: { zh: '周六', en: 'Sat' },
  sun: { zh: '周日', en: 'Sun' },
};
/** Gaps named per service before "and N more": a sentence, not a timetable. */
const GAPS_NAMED = 3;

function item(check: ReadinessCheck, status: ReadinessStatus, fix: ReadinessFix, zh: string, en: string, extra: Partial<ReadinessItem> = {}): ReadinessItem {
  return { check, status, text: { zh, en }, fix, ...extra };
}

/** Names in a sentence: 甲、乙 / A, B. */
function names(list: readonly LocalizedText[]): LocalizedText {
  return { zh: list.map((n) => n.zh).join('、'), en: list.map((n) => n.en).join(', ') };
}

const serviceName = (s: ServiceSetupView): LocalizedText => ({ zh: `${s.name.zh}（${s.code}）`, en: `${s.name.en} (${s.code})` });

function hoursItems(f: ReadinessFacts): ReadinessItem[] {
  const open = WEEK.filter((d) => (f.branch.openingHours[d] ?? []).length > 0);
  const hours = open.length
    ? item('opening-hours', 'ok', '/staff/setup', `已设置营业时间：每周 ${open.length} 天。`, `Opening hours are set: ${open.length} day(s) a week.`)
    : item('opening-hours', 'missing', '/staff/setup', '尚未设置营业时间：请至少设置一天。', 'No opening hours are set: set at least one day.');
  const { zh, en } = f.branch.address;
  const address =
    zh && en
      ? item('address', 'ok', '/staff/branches', '已设置中英文地址。', 'The address is set in Chinese and English.')
      : zh || en
        ? item('address', 'warning', '/staff/branches', `地址只设置了${zh ? '中文' : '英文'}，另一种语言将显示这一种。`, `The address is set in ${zh ? 'Chinese' : 'English'} only; the other language shows it as it is.`)
        : item('address', 'missing', '/staff/branches', '尚未设置网点地址。', 'The branch has no address.');
  return [hours, address];
}

function serviceItems(f: ReadinessFacts, active: readonly ServiceSetupView[]): ReadinessItem[] {
  if (!active.length) return [item('services', 'missing', '/staff/setup', '没有启用的业务：请至少启用一项。', 'No service is active: activate at least one.')];
  const out = [item('services', 'ok', '/staff/setup', `已启用 ${active.length} 项业务。`, `${active.length} service(s) active.`)];
  const noTarget = active.filter((s) => !(s.targetMin > 0));
  out.push(
    noTarget.length
      ? item('service-targets', 'missing', '/staff/setup', `以下业务没有目标等候时间：${names(noTarget.map(serviceName)).zh}。`, `These services have no target wait: ${names(noTarget.map(serviceName)).en}.`)
      : item('service-targets', 'ok', '/staff/setup', '每项业务都有目标等候时间。', 'Every service has a target wait.'),
  );
  const staff = f.members.filter((m) => m.active && m.staffId !== null);
  const unstaffed = active.filter((s) => !staff.some((m) => (m.skills[s.id] ?? 0) > 0));
  out.push(
    unstaffed.length
      ? item('service-staff', 'missing', '/staff/team', `以下业务没有具备该技能的在职员工：${names(unstaffed.map(serviceName)).zh}。`, `No active colleague has the skill for: ${names(unstaffed.map(serviceName)).en}.`)
      : item('service-staff', 'ok', '/staff/team', '每项业务都有具备该技能的在职员工。', 'Every service has an active colleague with its skill.'),
  );
  out.push(coverItem(f, active, staff));
  return out;
}

function gapText(service: ServiceSetupView, gaps: readonly CoverGap[]): LocalizedText {
  const shown = gaps.slice(0, GAPS_NAMED);
  const more = gaps.length - shown.length;
  const name = serviceName(service);
  const zh = shown.map((g) => `${DAY_NAMES[g.day].zh} ${g.open}–${g.close}`).join('、') + (more ? ` 等另外 ${more} 段` : '');
  const en = shown.map((g) => `${DAY_NAMES[g.day].en} ${g.open}–${g.close}`).join(', ') + (more ? ` and ${more} more` : '');
  return { zh: `${name.zh}：${zh}`, en: `${name.en}: ${en}` };
}

/** Every opening hour of the week has someone rostered (or without a roster) with each active service's skill. */
function coverItem(f: ReadinessFacts, active: readonly ServiceSetupView[], staff: readonly ReadinessMember[]): ReadinessItem {
  if (!WEEK.some((d) => (f.branch.openingHours[d] ?? []).length > 0)) {
    return item('service-cover', 'missing', '/staff/team', '没有营业时间，无法检查排班覆盖。', 'Without opening hours, rostered cover cannot be checked.');
  }
  const colleagues = staff.map((m) => ({ skills: m.skills, roster: f.rosters[m.staffId!] ?? null }));
  const gaps = coverGaps(f.branch.openingHours, active.map((s) => s.id), colleagues);
  if (!gaps.length) return item('service-cover', 'ok', '/staff/team', '营业时间内每项业务都有排班员工。', 'Every service has someone rostered in every opening hour.');
  const lines = active.filter((s) => gaps.some((g) => g.serviceId === s.id)).map((s) => gapText(s, gaps.filter((g) => g.serviceId === s.id)));
  return item('service-cover', 'missing', '/staff/team', `以下时段无人排班：${lines.map((l) => l.zh).join('；')}。`, `Nobody with the skill is rostered: ${lines.map((l) => l.en).join('; ')}.`);
}

function deviceItem(f: ReadinessFacts, kind: 'kiosk' | 'signage'): ReadinessItem {
  const what = kind === 'kiosk' ? { zh: '取号机', en: 'kiosk' } : { zh: '大厅叫号屏', en: 'lobby signage screen' };
  const paired = f.devices.filter((d) => d.kind === kind && !d.revoked);
  if (!paired.length) return item(kind, 'missing', '/staff/devices', `尚未配对${what.zh}。`, `No ${what.en} is paired.`, { lastSeenAt: null });
  const seen = paired.map((d) => d.lastSeenAt).filter((t): t is number => t !== null);
  const lastSeenAt = seen.length ? Math.max(...seen) : null;
  const list = names(paired.map((d) => ({ zh: d.name, en: d.name })));
  if (lastSeenAt === null) {
    return item(kind, 'warning', '/staff/devices', `已配对${what.zh}（${list.zh}），但从未连接过：请在设备上打开配对链接。`, `A ${what.en} is paired (${list.en}) but has never connected: open its pairing link on the device.`, { lastSeenAt });
  }
  return item(kind, 'ok', '/staff/devices', `已配对${what.zh}：${list.zh}。`, `${kind === 'kiosk' ? 'Kiosk' : 'Lobby signage'} paired: ${list.en}.`, { lastSeenAt });
}

function counterItem(counters: readonly CounterSetupView[]): ReadinessItem {
  const n = counters.filter((c) => c.active).length;
  return n
    ? item('counters', 'ok', '/staff/setup', `已启用 ${n} 个柜台。`, `${n} counter(s) active.`)
    : item('counters', 'missing', '/staff/setup', '没有启用的柜台：请至少添加一个。', 'No counter is active: add at least one.');
}

function accountItems(f: ReadinessFacts): ReadinessItem[] {
  const active = f.members.filter((m) => m.active);
  const manager = active.some((m) => m.role === 'manager')
    ? item('manager', 'ok', '/staff/team', '网点有在职的经理账号。', 'The branch has an active manager account.')
    : item('manager', 'missing', '/staff/team', '网点没有在职的经理账号。', 'The branch has no active manager account.');
  const firsts = active.filter((m) => m.mustChangePassword);
  const who = names(firsts.map((m) => ({ zh: m.displayName, en: m.displayName })));
  const passwords = firsts.length
    ? item('first-passwords', 'warning', '/staff/team', `以下员工尚未修改初始密码：${who.zh}。`, `Still on their first password: ${who.en}.`)
    : item('first-passwords', 'ok', '/staff/team', '所有员工都已修改初始密码。', 'Every colleague has changed their first password.');
  return [manager, passwords];
}

function bookingItem(f: ReadinessFacts, active: readonly ServiceSetupView[]): ReadinessItem {
  if (!f.booking.enabled) return item('booking-services', 'ok', '/staff/booking', '未开放网上预约。', 'Online booking is off.');
  const n = active.filter((s) => f.booking.bookable.has(s.id)).length;
  return n
    ? item('booking-services', 'ok', '/staff/booking', `已开放网上预约，${n} 项业务可预约。`, `Online booking is on; ${n} service(s) can be booked.`)
    : item('booking-services', 'missing', '/staff/booking', '已开放网上预约，但没有可预约的业务。', 'Online booking is on but no service can be booked.');
}

function noticeItem({ email, sms }: NoticeProviders): ReadinessItem {
  const sends = { zh: [email !== 'none' && '邮件', sms !== 'none' && '短信'].filter(Boolean).join('、'), en: [email !== 'none' && 'e-mail', sms !== 'none' && 'SMS'].filter(Boolean).join(', ') };
  if (email === 'log' || sms === 'log') {
    return item('notice-providers', 'warning', '/staff/booking', '通知使用演示用的日志发送方式（只写入日志，不会发出）：请在服务器配置中设置 SMTP_URL / SMS_PROVIDER。', "Notices use the demo's logging provider (written to the log, never sent): set SMTP_URL / SMS_PROVIDER in the server's configuration.");
  }
  if (email === 'none' && sms === 'none') return item('notice-providers', 'missing', '/staff/booking', '没有配置邮件或短信发送：客户收不到预约确认和提醒。', 'Neither e-mail nor SMS is configured: customers get no booking confirmations or reminders.');
  return item('notice-providers', 'ok', '/staff/booking', `客户通知通过${sends.zh}发送。`, `Customer notices go out by ${sends.en}.`);
}

/** The branch's readiness, items in `READINESS_CHECKS` order (the per-service ones only when a service is active). */
export function checkReadiness(f: ReadinessFacts): BranchReadiness {
  const active = f.services.filter((s) => s.active);
  const items = [
    ...hoursItems(f),
    ...serviceItems(f, active),
    counterItem(f.counters),
    deviceItem(f, 'kiosk'),
    deviceItem(f, 'signage'),
    ...accountItems(f),
    bookingItem(f, active),
    noticeItem(f.notices),
  ];
  const counts = { ok: 0, warning: 0, missing: 0 };
  for (const i of items) counts[i.status]++;
  const { id, code, name, pilot, active: inService } = f.branch;
  return { branch: { id, code, name, pilot, active: inService }, ready: counts.missing === 0, counts, items };
}
