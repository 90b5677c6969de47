import type { ReadinessFix, ReadinessItem, Role } from '@tellerline/contracts';

/**
 * The rollout readiness screen's rules (/staff/readiness), no state here. The check itself runs on
 * the server (usecases/readiness-check.ts); the screen shows it and links to the screens that fix it.
 */

/** Who may open /staff/readiness: a branch's managers (their own branch) and admins (every branch). */
export function canSeeReadiness(role: Role | undefined): boolean {
  return role === 'manager' || role === 'admin';
}

/**
 * Where an item's fix is: its screen, for an admin with the branch chosen (`?branch=`) on the
 * screens that take one. The branches screen lists them all.
 */
export function fixHref(fix: ReadinessFix, branchId: string, admin: boolean): string {
  return admin && fix !== '/staff/branches' ? `${fix}?branch=${encodeURIComponent(branchId)}` : fix;
}

/** The dictionary key naming an item's screen: `readiness.fix.<last path segment>`. */
export function fixKey(fix: ReadinessFix): string {
  return `readiness.fix.${fix.slice(fix.lastIndexOf('/') + 1)}`;
}

/** Items needing attention first (missing, then warning), otherwise in the server's order. */
export function byUrgency(items: readonly ReadinessItem[]): ReadinessItem[] {
  const rank = { missing: 0, warning: 1, ok: 2 } as const;
  return items.map((item, i) => ({ item, i })).sort((a, b) => rank[a.item.status] - rank[b.item.status] || a.i - b.i).map(({ item }) => item);
}
