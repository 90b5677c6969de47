import { StaleMemberDetails, type ExpectedMemberFields, type TeamMember, type UpdateMemberBody } from '@tellerline/contracts';
import { skillsOf, type SkillChoices } from './team-logic.js';

/** The edit dialog's fields, as team.svelte.ts keeps them. */
interface EditForm {
  displayName: string;
  role: 'staff' | 'manager';
  skills: SkillChoices;
}

const sameSkills = (a: Record<string, number>, b: Record<string, number>) => {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...ids].every((id) => a[id] === b[id]);
};

/**
 * The PATCH body of a member's edit: only what the person changed, each with the value the
 * dialog showed in `expected`. With `expected.skills` the server changes only the skills that
 * differ from it, so a skill a colleague added meanwhile stays. Null when nothing changed.
 */
export function memberPatch(opened: TeamMember, form: EditForm): UpdateMemberBody | null {
  const displayName = form.displayName.trim();
  const skills = skillsOf(form.skills);
  const body: Omit<UpdateMemberBody, 'expected'> = {};
  const expected: ExpectedMemberFields = {};
  if (displayName !== opened.displayName) {
    body.displayName = displayName;
    expected.displayName = opened.displayName;
  }
  if (form.role !== opened.role && opened.role !== 'admin') {
    body.role = form.role;
    expected.role = opened.role;
  }
  if (!sameSkills(skills, opened.skills)) {
    body.skills = skills;
    expected.skills = opened.skills;
  }
  return Object.keys(body).length > 0 ? { ...body, expected } : null;
}

/**
 * After STALE_MEMBER: the dialog on the member as stored now, keeping what the person changed
 * (name, role, each skill they touched); everything else takes the colleague's values.
 */
export function rebasedMember<F extends EditForm>(opened: TeamMember, current: TeamMember, form: F): F {
  const mine = skillsOf(form.skills);
  const skills: SkillChoices = {};
  for (const id of Object.keys(form.skills)) {
    const touched = mine[id] !== opened.skills[id];
    const level = touched ? mine[id] : current.skills[id];
    skills[id] = level === undefined ? '' : String(level);
  }
  return {
    ...form,
    displayName: form.displayName.trim() !== opened.displayName ? form.displayName : current.displayName,
    role: form.role !== opened.role ? form.role : current.role === 'manager' ? 'manager' : 'staff',
    skills,
  };
}

/** The member stored now, from a STALE_MEMBER refusal's details (null otherwise, or when they do not parse). */
export function staleMember(code: string, details: unknown): TeamMember | null {
  if (code !== 'STALE_MEMBER') return null;
  const parsed = StaleMemberDetails.safeParse(details);
  return parsed.success ? parsed.data.current : null;
}

/** After STALE_MEMBER: the stored-now values of what both the person and a colleague changed (skills: serviceId -> level, null not served). */
export interface MemberConflicts {
  displayName?: string;
  role?: TeamMember['role'];
  skills: Record<string, number | null>;
}

export function memberConflicts(opened: TeamMember, current: TeamMember, form: EditForm): MemberConflicts {
  const mine = skillsOf(form.skills);
  const out: MemberConflicts = { skills: {} };
  if (form.displayName.trim() !== opened.displayName && current.displayName !== opened.displayName) out.displayName = current.displayName;
  if (form.role !== opened.role && current.role !== opened.role) out.role = current.role;
  for (const id of Object.keys(form.skills)) {
    if (mine[id] !== opened.skills[id] && current.skills[id] !== opened.skills[id]) out.skills[id] = current.skills[id] ?? null;
  }
  return out;
}
