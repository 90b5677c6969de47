import { isVisibleName, type DeviceKind, type DeviceView, type Role } from '@tellerline/contracts';

/** A screen's name: 1 to 60 characters once trimmed (the server's PairDeviceBody). */
export const NAME_MAX = 60;

/** A dictionary key and the values it needs. */
export interface Phrase {
  key: string;
  params: Record<string, number>;
}

/** Who may open the screen (the device routes allow these roles only). */
export function canManageDevices(role: Role | undefined): boolean {
  return role === 'manager' || role === 'admin';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "Last seen" in words: never, just now (under a minute, or a clock a little ahead of ours),
 * whole minutes under an hour, whole hours under a day, then whole days (always rounded down:
 * 59 s is "just now", 1 h 59 min is "1 h ago").
 */
export function lastSeenPhrase(lastSeenAt: number | null, now: number): Phrase {
  if (lastSeenAt === null) return { key: 'devices.lastSeen.never', params: {} };
  const ago = now - lastSeenAt;
  if (ago < MINUTE) return { key: 'devices.lastSeen.justNow', params: {} };
  if (ago < HOUR) return { key: 'devices.lastSeen.minutes', params: { n: Math.floor(ago / MINUTE) } };
  if (ago < DAY) return { key: 'devices.lastSeen.hours', params: { n: Math.floor(ago / HOUR) } };
  const n = Math.floor(ago / DAY);
  return { key: n === 1 ? 'devices.lastSeen.day' : 'devices.lastSeen.days', params: { n } };
}

const KIND_ORDER: Record<DeviceKind, number> = { kiosk: 0, signage: 1 };

/**
 * The list as the screen shows it: paired screens first (the ones that matter day to day), then
 * kiosks before lobby screens, then by name, then oldest first. Returns a new array.
 */
export function sortDevices(devices: readonly DeviceView[]): DeviceView[] {
  return [...devices].sort(
    (a, b) =>
      Number(a.revoked) - Number(b.revoked) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      a.createdAt - b.createdAt ||
      a.id.localeCompare(b.id),
  );
}

/** The list with `device` in it (replacing the one with its id, or added). */
export function withDevice(devices: readonly DeviceView[], device: DeviceView): DeviceView[] {
  return sortDevices([...devices.filter((d) => d.id !== device.id), device]);
}

/**
 * The browser's check of a name (the server decides): the dictionary key of the problem, or
 * null. Counted as the server counts (UTF-16 units of the trimmed text).
 */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'devices.invalid.nameMissing';
  if (trimmed.length > NAME_MAX) return 'devices.invalid.nameLong';
  if (!isVisibleName(trimmed)) return 'devices.invalid.nameChars';
  return null;
}

/** VALIDATION_FAILED issues -> the problem with the name, if the server named it. */
export function nameIssue(issues: readonly { path: string }[]): string | null {
  return issues.some((i) => i.path === 'name') ? 'devices.invalid.nameServer' : null;
}

/**
 * The full pairing link to open on the screen: the page's origin and the server's pairPath
 * (always a path of this origin: '/kiosk?device=…' or '/signage/?device=…').
 */
export function pairingUrl(origin: string, pairPath: string): string {
  if (!pairPath.startsWith('/') || pairPath.startsWith('//')) throw new Error('pairPath must be a path on this origin');
  return `${origin.replace(/\/+$/, '')}${pairPath}`;
}
