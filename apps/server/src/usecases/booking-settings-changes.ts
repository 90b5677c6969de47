import type { BranchBooking } from './booking-settings.js';

/** One field's value before and after a save; null stands for "not set". */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * What a booking-rules save changed, as the audit log records it: for each part only what differs,
 * compared on the rules in force (defaults filled in), so a service's walk-in share that follows
 * from `walkIns` shows up when it moves. No customer data: only the branch's own rules.
 */
export interface BookingSettingsChanges {
  /** The parts with at least one change, in a fixed order. */
  parts: ('settings' | 'closures' | 'services' | 'rosters')[];
  /** Branch settings other than closures: field -> before / after. */
  settings?: Record<string, FieldChange>;
  /**
   * Closures are a list: the ones added and the ones removed, and how many booked visits the
   * branch cancelled because the added ones took their time (left out when none).
   */
  closures?: { added: unknown[]; removed: unknown[]; cancelledBookings?: number };
  services?: { id: string; code: string; changes: Record<string, FieldChange> }[];
  /** A roster is one weekly value: before / after (null: works the opening hours). */
  rosters?: { staffId: string; from: unknown; to: unknown }[];
}

/** JSON with object keys sorted: stored JSON (jsonb) does not keep key order, values do not care. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Field -> before / after for the fields of two records that differ (absent reads as null). */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, skip: readonly string[] = []): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (skip.includes(key)) continue;
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (!same(from, to)) out[key] = { from, to };
  }
  return out;
}

/** Items of `a` not in `b`, counting repeats (two equal closures are two entries). */
function minus(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const left = b.map(canonical);
  return a.filter((x) => {
    const i = left.indexOf(canonical(x));
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** The differences between a branch's booking setup before and after a save. */
export function bookingSettingsChanges(before: BranchBooking, after: BranchBooking): BookingSettingsChanges {
  const out: BookingSettingsChanges = { parts: [] };

  const settings = fieldChanges(before.settings, after.settings, ['closures']);
  if (Object.keys(settings).length) {
    out.parts.push('settings');
    out.settings = settings;
  }

  const added = minus(after.settings.closures, before.settings.closures);
  const removed = minus(before.settings.closures, after.settings.closures);
  if (added.length || removed.length) {
    out.parts.push('closures');
    out.closures = { added, removed };
  }

  const services: NonNullable<BookingSettingsChanges['services']> = [];
  for (const [id, now] of after.services) {
    const then = before.services.get(id);
    if (!then) continue; // services are not added here; a service made active meanwhile is not this save's doing
    const changes = fieldChanges(then.rules, now.rules);
    if (Object.keys(changes).length) services.push({ id, code: now.code, changes });
  }
  if (services.length) {
    out.parts.push('services');
    out.services = services;
  }

  const rosters: NonNullable<BookingSettingsChanges['rosters']> = [];
  for (const staffId of Object.keys(after.rosters)) {
    if (!Object.hasOwn(before.rosters, staffId)) continue;
    const from = before.rosters[staffId] ?? null;
    const to = after.rosters[staffId] ?? null;
    if (!same(from, to)) rosters.push({ staffId, from, to });
  }
  if (rosters.length) {
    out.parts.push('rosters');
    out.rosters = rosters;
  }
  return out;
}
