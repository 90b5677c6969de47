import type { Db } from './client.js';
import { createBranchRepository } from './repositories/branch-repository.js';
import { createDeviceRepository, newDeviceToken } from './repositories/device-repository.js';
import { createUserRepository } from './repositories/user-repository.js';
import { WEEKDAYS, type BranchSetup, type DeviceKind, type OpeningHours, type Role, type StaffSetup } from './types.js';

export interface SeedOptions {
  /** The server's password hasher (Argon2id); the db package never hashes passwords itself. */
  passwordHash: (password: string) => Promise<string>;
  /** Password given to every demo login that does not exist yet. Default 'demo1234'. */
  demoPassword?: string;
  /** Issue new tokens for the demo devices even if they exist (the old tokens stop working). */
  rotateDeviceTokens?: boolean;
  /** The demo branch's opening hours when it is created; default DEMO_HOURS (around the clock). */
  openingHours?: OpeningHours;
}

export interface DemoLogin {
  username: string;
  /** The demo password; null if the user already existed (its password is left alone). */
  password: string | null;
  role: Role;
  displayName: string;
}

export interface DemoDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  /** Plaintext token, shown once: null if the device existed and no rotation was asked for. */
  token: string | null;
}

export interface DemoSeed {
  branchId: string;
  logins: DemoLogin[];
  devices: DemoDevice[];
}

const WEEKDAY_HOURS = [{ open: '09:00', close: '17:00' }];
/**
 * A bank's usual week: Monday to Friday 09:00-17:00, Saturday mornings. The demo branch had
 * these hours before it opened around the clock; tests about hours and booking seed it with them.
 */
export const BANK_HOURS: OpeningHours = {
  mon: WEEKDAY_HOURS,
  tue: WEEKDAY_HOURS,
  wed: WEEKDAY_HOURS,
  thu: WEEKDAY_HOURS,
  fri: WEEKDAY_HOURS,
  sat: [{ open: '09:00', close: '12:00' }],
  sun: [],
};

const ALL_DAY = [{ open: '00:00', close: '23:59' }];
/**
 * The demo branch is open around the clock, every day: the kiosk refuses walk-in tickets
 * outside a branch's hours, and someone trying the demo at 22:00 or on a Sunday must still get
 * one. All but the minute from 23:59 to midnight: hours end at 23:59 at the latest (contracts'
 * LocalTime), and the next day's early window starts no sooner than its own midnight (the daily
 * close then would cancel the ticket), so the kiosk refuses walk-ins with BRANCH_CLOSED then.
 */
export const DEMO_HOURS: OpeningHours = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };

function sameHours(a: OpeningHours, b: OpeningHours): boolean {
  return WEEKDAYS.every((d) => a[d].length === b[d].length && a[d].every((w, i) => w.open === b[d][i]!.open && w.close === b[d][i]!.close));
}

const ID_DOCS = { zh: ['身份证'], en: ['National ID card'] };

/** The demo branch without staff (staff are linked to users once those exist). */
export const DEMO_BRANCH: BranchSetup = {
  code: 'demo',
  name: { zh: '总行营业部', en: 'Main Branch' },
  timezone: 'Asia/Shanghai',
  openingHours: DEMO_HOURS,
  address: { zh: '北京市西城区金融大街 1 号', en: '1 Financial Street, Xicheng District, Beijing' },
  pilot: true,
  // Before any demo history (the tests' and the simulator's), so every seeded day is a pilot day.
  pilotSince: '2026-01-01',
  services: [
    {
      code: 'A',
      name: { zh: '个人现金业务', en: 'Personal cash' },
      targetMin: 10,
      defaultDurationMin: 5,
      documents: { zh: [...ID_DOCS.zh, '银行卡或存折'], en: [...ID_DOCS.en, 'Bank card or passbook'] },
    },
    {
      code: 'B',
      name: { zh: '对公业务', en: 'Business banking' },
      targetMin: 15,
      defaultDurationMin: 12,
      documents: {
        zh: ['营业执照', '法定代表人身份证', '公章'],
        en: ['Business licence', "Legal representative's ID card", 'Company seal'],
      },
    },
    {
      code: 'C',
      name: { zh: '贷款咨询', en: 'Loans' },
      targetMin: 20,
      defaultDurationMin: 20,
      documents: {
        zh: [...ID_DOCS.zh, '收入证明', '房产或资产证明'],
        en: [...ID_DOCS.en, 'Proof of income', 'Proof of property or assets'],
      },
    },
    {
      code: 'D',
      name: { zh: '理财', en: 'Wealth' },
      targetMin: 15,
      defaultDurationMin: 15,
      documents: { zh: [...ID_DOCS.zh, '银行卡'], en: [...ID_DOCS.en, 'Bank card'] },
    },
  ],
  counters: [{ label: '1' }, { label: '2' }, { label: '3' }, { label: '4' }],
  staff: [],
};

const DEMO_USERS: { username: string; role: Role; displayName: string; skills?: Record<string, number> }[] = [
  { username: 'admin', role: 'admin', displayName: 'Admin' },
  { username: 'manager', role: 'manager', displayName: 'Mei Manager' },
  { username: 'alice', role: 'staff', displayName: 'Alice', skills: { A: 1.0, B: 0.5 } },
  { username: 'bob', role: 'staff', displayName: 'Bob', skills: { B: 1.0, A: 0.6 } },
  { username: 'chen', role: 'staff', displayName: 'Chen', skills: { C: 1.0, D: 0.8 } },
  { username: 'dana', role: 'staff', displayName: 'Dana', skills: { D: 1.0, A: 0.4 } },
];

/**
 * A device has one name, typed by a manager in whatever language they use, and the devices
 * screen shows it as it is in both languages: the demo's names carry both, Chinese first.
 * `formerly` are the English-only names of earlier versions: a start renames those devices
 * (same id, same token) instead of adding new ones beside them.
 */
const DEMO_DEVICES: { kind: DeviceKind; name: string; formerly: string[] }[] = [
  { kind: 'kiosk', name: '大堂取号机 Lobby kiosk', formerly: ['Lobby kiosk'] },
  { kind: 'signage', name: '大堂显示屏 Lobby display', formerly: ['Lobby display'] },
];

/**
 * Creates the demo branch, its logins and devices; safe to run at every start. Existing users
 * keep their passwords and existing devices their tokens (unless `rotateDeviceTokens`), so the
 * plaintext secrets come back only when they were just created. Not safe to run twice at the same
 * moment (both would create the same users): callers that may (several nodes starting at once)
 * run it under `underStartupLock`.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<DemoSeed> {
  const branches = createBranchRepository(db.prisma);
  const users = createUserRepository(db.prisma);
  const devices = createDeviceRepository(db.prisma);
  const password = options.demoPassword ?? 'demo1234';

  const demoBranch: BranchSetup = { ...DEMO_BRANCH, openingHours: options.openingHours ?? DEMO_HOURS };
  const existingBranch = await branches.findByCode(DEMO_BRANCH.code);
  const branchId = existingBranch?.id ?? (await branches.upsert(demoBranch));

  const logins: DemoLogin[] = [];
  const staff: StaffSetup[] = [];
  for (const u of DEMO_USERS) {
    let user = await users.findByUsername(u.username);
    const created = !user;
    if (!user) {
      const passwordHash = await options.passwordHash(password);
      const branch = u.role === 'admin' ? null : branchId;
      await users.create({ username: u.username, passwordHash, role: u.role, displayName: u.displayName, branchId: branch });
      user = await users.findByUsername(u.username);
    }
    logins.push({ username: u.username, password: created ? password : null, role: u.role, displayName: u.displayName });
    if (u.skills && user) staff.push({ displayName: u.displayName, userId: user.id, skills: u.skills });
  }
  // Configure once: a later run leaves an admin's edits to the demo branch alone (an interrupted
  // first run, which left the branch without staff, is completed).
  const configured = existingBranch && ((await branches.details(branchId))?.staff.length ?? 0) > 0;
  if (!configured) await branches.upsert({ ...demoBranch, staff });
  // A demo branch seeded by an earlier version still has the bank hours it had then: it would
  // refuse walk-in tickets in the evening. Hours anyone changed since are left alone.
  else if (!options.openingHours && sameHours(existingBranch.openingHours, BANK_HOURS)) await branches.setOpeningHours(branchId, DEMO_HOURS);

  const known = await devices.listByBranch(branchId);
  const out: DemoDevice[] = [];
  for (const d of DEMO_DEVICES) {
    const existing = known.find((k) => k.kind === d.kind && k.name === d.name) ?? known.find((k) => k.kind === d.kind && d.formerly.includes(k.name));
    if (existing && existing.name !== d.name) await devices.rename(existing.id, d.name);
    if (existing && !options.rotateDeviceTokens) {
      out.push({ id: existing.id, kind: d.kind, name: d.name, token: null });
      continue;
    }
    const { token, tokenHash } = newDeviceToken();
    const id = existing
      ? (await devices.rotateToken(existing.id, tokenHash), existing.id)
      : (await devices.create({ branchId, kind: d.kind, name: d.name, tokenHash })).id;
    out.push({ id, kind: d.kind, name: d.name, token });
  }
  return { branchId, logins, devices: out };
}
