import { isVisibleName, USERNAME_PATTERN, type Role, type TeamMember } from '@tellerline/contracts';

/** The display name's limit (the server's DisplayName: 1 to 60 characters once trimmed). */
export const DISPLAY_NAME_MAX = 60;

/** Proficiencies offered in the form, highest first: tenths, as managers think of them (50% = half as fast). */
export const PROFICIENCY_STEPS: readonly number[] = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];

/** A dictionary key and the values it needs. */
export interface Phrase {
  key: string;
  params: Record<string, string | number>;
}

/** Who may open the screen (the team routes let these roles in). */
export function canManageTeam(role: Role | undefined): boolean {
  return role === 'manager' || role === 'admin';
}

/** The roles `me` may give (create, or change to): managers add tellers only. */
export function rolesFor(me: Role | undefined): ('staff' | 'manager')[] {
  return me === 'admin' ? ['staff', 'manager'] : ['staff'];
}

/**
 * Whether `me` may change `member` at all (the server decides; this only hides buttons that would
 * be refused): a manager changes tellers, an admin anyone of the branch.
 */
export function mayChange(me: { role: Role; userId: string } | null, member: TeamMember): boolean {
  if (!me) return false;
  return me.role === 'admin' || (me.role === 'manager' && member.role === 'staff');
}

/** Whether `member` is `me` (nobody deactivates or resets themselves here). */
export const isMe = (me: { userId: string } | null, member: TeamMember): boolean => me?.userId === member.userId;

/** The list as the screen shows it: active first, then by name as people read it, then by username. */
export function sortMembers<M extends TeamMember>(members: readonly M[]): M[] {
  return [...members].sort((a, b) => Number(!a.active) - Number(!b.active) || a.displayName.localeCompare(b.displayName, 'zh-CN') || a.username.localeCompare(b.username));
}

/** The list with `member` in it (replacing the one with its id, or added). */
export function withMember<M extends TeamMember>(members: readonly M[], member: M): M[] {
  return sortMembers([...members.filter((m) => m.userId !== member.userId), member]);
}

/** What the member is doing now, in words: at which counter, with which customer. */
export function presence(m: TeamMember): Phrase {
  if (!m.signedOn) return { key: 'team.now.off', params: {} };
  const counter = m.counterLabel ?? '—';
  return m.holding ? { key: 'team.now.holding', params: { counter, number: m.holding } } : { key: 'team.now.signedOn', params: { counter } };
}

/** A proficiency as a whole percentage (0.5 -> "50%"). */
export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** The form's skill choices: serviceId -> '' (does not serve) or a proficiency as text ('0.5'). */
export type SkillChoices = Record<string, string>;

/** A member's skills as the form's choices, one per service shown (skills off the PROFICIENCY_STEPS keep their value). */
export function skillChoices(serviceIds: readonly string[], skills: Record<string, number>): SkillChoices {
  return Object.fromEntries(serviceIds.map((id) => [id, skills[id] === undefined ? '' : String(skills[id])]));
}

/** The choices as the request's skills: services chosen, with their proficiency. */
export function skillsOf(choices: SkillChoices): Record<string, number> {
  return Object.fromEntries(Object.entries(choices).filter(([, v]) => v !== '').map(([id, v]) => [id, Number(v)]));
}

/** The browser's check of a username (the server decides): a dictionary key, or null. */
export function usernameProblem(text: string): string | null {
  if (text.trim() === '') return 'team.invalid.usernameMissing';
  return USERNAME_PATTERN.test(text.trim()) ? null : 'team.invalid.usernameFormat';
}

/** The browser's check of a display name, counted as the server counts (UTF-16 units of the trimmed text). */
export function displayNameProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'team.invalid.displayNameMissing';
  if (trimmed.length > DISPLAY_NAME_MAX) return 'team.invalid.displayNameLong';
  if (!isVisibleName(trimmed)) return 'team.invalid.displayNameChars';
  return null;
}

/** VALIDATION_FAILED issues -> the form's fields the server named (username, displayName). */
export function fieldIssues(issues: readonly { path: string }[]): { username?: string; displayName?: string } {
  const named = (field: string) => issues.some((i) => i.path === field || i.path.startsWith(`${field}.`));
  return { ...(named('username') ? { username: 'team.invalid.server' } : {}), ...(named('displayName') ? { displayName: 'team.invalid.server' } : {}) };
}

/** MEMBER_SERVING in words: with the customer's number and the counter when the server gave them. */
export function servingPhrase(details: Record<string, string | number | boolean> | null | undefined): Phrase {
  const number = details?.ticketNumber;
  const counter = details?.counterLabel;
  const plain = (v: unknown): v is string => typeof v === 'string' && /^[\p{L}\p{N} _-]{1,24}$/u.test(v);
  if (plain(number) && plain(counter)) return { key: 'team.error.MEMBER_SERVING.details', params: { number, counter } };
  return { key: 'team.error.MEMBER_SERVING', params: {} };
}

/** A display name as people compare them: spaces collapsed, case aside. */
const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Another active member with this display name (not `exceptUserId`, the one edited), or null. Only
 * a warning: two colleagues may share a name, but the roster and the skills grid then need their
 * usernames to tell them apart, and a twin is more often one added twice.
 */
export function sameNamedMember<M extends Pick<TeamMember, 'userId' | 'displayName' | 'active'>>(displayName: string, members: readonly M[], exceptUserId: string | null): M | null {
  const key = nameKey(displayName);
  if (key === '') return null;
  return members.find((m) => m.active && m.userId !== exceptUserId && nameKey(m.displayName) === key) ?? null;
}

/**
 * How a member is named where colleagues are picked or compared (roster picker, skills grid): the
 * display name, with the username beside it when another of `shown` (active members) has the same.
 */
export function distinctName(member: Pick<TeamMember, 'displayName' | 'username'>, shown: readonly Pick<TeamMember, 'displayName'>[]): string {
  const key = nameKey(member.displayName);
  return shown.filter((m) => nameKey(m.displayName) === key).length > 1 ? `${member.displayName} (${member.username})` : member.displayName;
}
