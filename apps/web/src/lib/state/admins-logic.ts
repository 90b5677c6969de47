import type { AdminMember, Role } from '@tellerline/contracts';

/** Who may open the administrators screen (the /admins routes let only admins in). */
export function canManageAdmins(role: Role | undefined): boolean {
  return role === 'admin';
}

/**
 * An administrator's last sign-in for the list, in the screen's language and the browser's time
 * zone ("2026年11月30日 09:05", "30 Nov 2026, 09:05"); null when they never signed in.
 */
export function lastSignInText(at: number | null, lang: 'zh' | 'en'): string | null {
  if (at === null) return null;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** The admin list with `changed` in place of the row with its id, keeping the last sign-in a change answer does not carry. */
export function withAdmin(admins: readonly AdminMember[], changed: Omit<AdminMember, 'lastSignInAt'> & { lastSignInAt?: number | null }): AdminMember {
  const before = admins.find((a) => a.userId === changed.userId);
  return { ...changed, lastSignInAt: changed.lastSignInAt ?? before?.lastSignInAt ?? null };
}
