import type { WeeklyWindows } from '@tellerline/contracts';
import { coverGaps, type CoverGap } from '@tellerline/engine';
import { HM, hoursBody, hoursFormOf, WEEKDAYS, type HoursForm, type Interval, type Weekday } from './setup-logic.js';

/**
 * The roster editor's rules (team screen), no state here. A colleague's roster is their weekly
 * shifts in branch time, or null: no roster, so they count as available whenever the branch is
 * open (what the slot finder and the simulator assume). A day without shifts is a day off.
 */

/** A roster as the editor holds it: every weekday (a day off is []), or null for "no roster". */
export type RosterForm = HoursForm | null;

/** A colleague as the coverage check needs them: their skills and their roster (as edited). */
export type RosteredColleague = { skills: Record<string, number>; roster: RosterForm };
export type { CoverGap };

/** The stored roster (a missing day is off) as the editor holds it. */
export function rosterFormOf(stored: WeeklyWindows | null | undefined): RosterForm {
  return stored ? hoursFormOf(stored) : null;
}

/** The roster as a save sends it: null, or every weekday in time order. */
export function rosterBody(form: RosterForm): WeeklyWindows | null {
  return form ? hoursBody(form) : null;
}

/** Same shifts (in any order within a day), or both without a roster. */
export function sameRoster(a: RosterForm, b: RosterForm): boolean {
  return JSON.stringify(rosterBody(a)) === JSON.stringify(rosterBody(b));
}

/** The rosters a save sends: only the colleagues whose roster differs from what was loaded. */
export function changedRosters(saved: Record<string, WeeklyWindows | null>, forms: Record<string, RosterForm>): Record<string, WeeklyWindows | null> {
  const out: Record<string, WeeklyWindows | null> = {};
  for (const [id, form] of Object.entries(forms)) if (!sameRoster(form, rosterFormOf(saved[id]))) out[id] = rosterBody(form);
  return out;
}

/**
 * After another save came first (STALE_SETTINGS): a roster the manager changed keeps their draft,
 * every other takes the one stored now. `differs`: the colleagues whose stored roster is no longer
 * what the screen loaded (what the other save changed), with the stored roster, for the screen to
 * name before the manager saves again; not one whose draft already is what is stored now.
 */
export function rebaseRosters(
  loaded: Record<string, WeeklyWindows | null>,
  forms: Record<string, RosterForm>,
  current: Record<string, WeeklyWindows | null>,
): { forms: Record<string, RosterForm>; differs: { staffId: string; stored: RosterForm }[] } {
  const out: Record<string, RosterForm> = {};
  const differs: { staffId: string; stored: RosterForm }[] = [];
  for (const id of new Set([...Object.keys(current), ...Object.keys(forms)])) {
    const stored = rosterFormOf(current[id]);
    const before = rosterFormOf(loaded[id]);
    const typed = forms[id];
    const kept = typed !== undefined && !sameRoster(typed, before) ? typed : undefined;
    out[id] = kept === undefined ? stored : kept;
    // Named when the other save changed it, unless the draft kept is that very roster.
    if (!sameRoster(stored, before) && !(kept !== undefined && sameRoster(kept, stored))) differs.push({ staffId: id, stored });
  }
  return { forms: out, differs };
}

/**
 * The days "Copy" writes to: the ones ticked, without the day copied from. Its box is hidden while
 * it is the source, but a tick given before it became the source would stay, and copying a day
 * onto itself counts a day that did not change.
 */
export function copyTargets(from: Weekday, ticked: readonly Weekday[]): Weekday[] {
  return ticked.filter((d) => d !== from);
}

/** VALIDATION_FAILED issues (`rosters.<staffId>.<day>...`) -> the days they name, per colleague. */
export function rosterIssues(issues: readonly { path: string }[]): Record<string, Weekday[]> {
  const out: Record<string, Weekday[]> = {};
  for (const { path } of issues) {
    const [root, id, day] = path.split('.');
    if (root !== 'rosters' || !id || !(WEEKDAYS as readonly string[]).includes(day ?? '')) continue;
    (out[id] ??= []).push(day as Weekday);
  }
  return out;
}

// --- cover -----------------------------------------------------------------------------------------

/**
 * Where a service has nobody rostered with its skill while the branch is open: the engine's
 * `coverGaps`, which the server's readiness check uses too (a roster form is weekly windows).
 */
export { coverGaps };

/** One weekday's windows as a line: "09:00–12:00, 13:00–17:00", or null for none. */
export function dayText(day: readonly Interval[]): string | null {
  const sorted = [...day].sort((a, b) => (a.open < b.open ? -1 : 1));
  return sorted.length ? sorted.map((w) => `${w.open}–${w.close}`).join(', ') : null;
}

// --- shifts outside the opening hours --------------------------------------------------------------

/** A day whose shifts reach outside the branch's opening hours: the day is closed, or these stretches are outside. */
export type OutsideOpening = { day: Weekday; closed: true } | { day: Weekday; closed: false; times: Interval[] };

const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The days a roster has shifts while the branch is closed, for a warning only: a branch may roster
 * staff before it opens (to prepare), so the server takes such shifts. Shifts not yet valid (a
 * half-typed time, closing before opening) are left to the day's own error.
 */
export function outsideOpening(roster: HoursForm, opening: HoursForm): OutsideOpening[] {
  const out: OutsideOpening[] = [];
  for (const day of WEEKDAYS) {
    const shifts = roster[day].filter((w) => HM.test(w.open) && HM.test(w.close) && w.open < w.close);
    if (shifts.length === 0) continue;
    const open = opening[day].filter((w) => HM.test(w.open) && HM.test(w.close) && w.open < w.close);
    if (open.length === 0) {
      out.push({ day, closed: true });
      continue;
    }
    // Each minute of a shift that no opening interval covers, merged into stretches.
    const covered = (m: number) => open.some((w) => minutes(w.open) <= m && m < minutes(w.close));
    const outside = new Set<number>();
    for (const s of shifts) for (let m = minutes(s.open); m < minutes(s.close); m++) if (!covered(m)) outside.add(m);
    const times: Interval[] = [];
    for (const m of [...outside].sort((a, b) => a - b)) {
      const last = times.at(-1);
      if (last && minutes(last.close) === m) last.close = hm(m + 1);
      else times.push({ open: hm(m), close: hm(m + 1) });
    }
    if (times.length > 0) out.push({ day, closed: false, times });
  }
  return out;
}
