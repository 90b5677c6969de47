import type { BookingSettingsView, BranchSetupView, TeamMember, WeeklyWindows } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { HoursEditor } from './hours-editor.svelte.js';
import { managerRequest, type Refusal } from './manager-screen.js';
import { changedRosters, coverGaps, rebaseRosters, rosterFormOf, rosterIssues, type CoverGap, type RosterForm } from './roster-logic.js';
import { hoursFormOf, type HoursForm } from './setup-logic.js';
import { readSettings, staleCurrent } from './stale-settings.js';

/** A colleague the roster editor lists: a team member with a staff record. */
export type RosterColleague = Pick<TeamMember, 'displayName' | 'username' | 'skills'> & { staffId: string };

/** The colleagues who can be rostered: active members who may sign on at a counter, in the team's order. */
export function rosterColleagues(members: readonly TeamMember[]): RosterColleague[] {
  return members.flatMap((m) => (m.active && m.staffId ? [{ staffId: m.staffId, displayName: m.displayName, username: m.username, skills: m.skills }] : []));
}

/**
 * The roster editor on the team screen: each colleague's weekly shifts, or no roster (available
 * whenever the branch is open), beside the branch's opening hours and the stretches where a service
 * has nobody rostered. Saved through the booking settings (`rosters`, with their `version`): a save
 * after a colleague's refuses with STALE_SETTINGS, and the editor keeps the rosters typed and takes
 * the others as stored now, naming the ones the colleague's save changed.
 */
export class RosterEditor {
  load = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  branchId: string | null = null;
  /** The settings version the rosters were read at; sent with a save. */
  version = $state<number | null>(null);
  /** The rosters as last loaded or saved, by staff id. */
  saved = $state<Record<string, WeeklyWindows | null>>({});
  /** The branch's opening hours (what "no roster" means, and where cover is checked). */
  opening = $state<HoursForm>(hoursFormOf({}));
  /** One week editor per colleague, and whether they have a roster of their own (else `null` is saved). */
  weeks = $state<Record<string, HoursEditor>>({});
  own = $state<Record<string, boolean>>({});
  /** The colleague shown in the editor. */
  selected = $state<string | null>(null);
  busy = $state(false);
  /** The last refusal's code (VALIDATION_FAILED for the browser's own check too). */
  error = $state<string | null>(null);
  notice = $state<'saved' | 'nothing' | null>(null);
  /** After STALE_SETTINGS: the colleagues whose stored roster is not the one loaded (another save changed it), with the stored one. */
  differs = $state<{ staffId: string; stored: RosterForm }[]>([]);

  /** Each colleague's roster as edited (null: none). */
  forms(): Record<string, RosterForm> {
    return Object.fromEntries(Object.entries(this.weeks).map(([id, w]) => [id, this.own[id] ? w.hours : null]));
  }

  /** Leaving now would lose a roster changed and not saved. */
  get unsaved(): boolean {
    return Object.keys(changedRosters(this.saved, this.forms())).length > 0;
  }

  /** The week editor of the colleague shown, or null. */
  get week(): HoursEditor | null {
    return this.selected ? (this.weeks[this.selected] ?? null) : null;
  }

  /** Reads the rosters and opening hours of the branch; `colleagues` are the ones offered. */
  async start(branchId: string, colleagues: readonly RosterColleague[]): Promise<void> {
    this.branchId = branchId;
    this.load = 'loading';
    const path = `/api/v1/branches/${encodeURIComponent(branchId)}`;
    const read = await managerRequest(this, () => Promise.all([api<BookingSettingsView>('GET', `${path}/booking/settings`), api<BranchSetupView>('GET', `${path}/setup`)]), () => (this.load = 'error'));
    if (!read) return;
    const [view, setup] = read;
    this.opening = hoursFormOf(setup.branch.openingHours);
    this.apply(view);
    this.selected = colleagues.some((c) => c.staffId === this.selected) ? this.selected : (colleagues[0]?.staffId ?? null);
    this.load = 'ready';
  }

  /**
   * Colleagues the rosters were not read for (added on the team screen since): no roster, as the
   * server holds a new colleague, so they can be given one without reading the rosters again.
   */
  include(colleagues: readonly RosterColleague[]): void {
    const added = colleagues.filter((c) => !(c.staffId in this.weeks));
    if (this.load !== 'ready' || added.length === 0) return;
    this.weeks = { ...this.weeks, ...Object.fromEntries(added.map((c) => [c.staffId, new HoursEditor(this.opening, 'roster.invalid')])) };
    this.own = { ...this.own, ...Object.fromEntries(added.map((c) => [c.staffId, false])) };
    this.selected ??= added[0]!.staffId;
  }

  select(staffId: string): void {
    this.selected = staffId;
    // "Correct the marked days" spoke of the colleague shown until now.
    this.settled();
  }

  /**
   * A change made with the tools (copy, clear): what was said about the last save is old news, and
   * "correct the marked days" too (a save checks every day again).
   */
  toolUsed(): void {
    this.notice = null;
    this.settled();
  }

  /** The refusal to show: "correct the marked days" goes once no day of a roster to save is marked. */
  get shownError(): string | null {
    if (this.error === 'VALIDATION_FAILED' && this.marked && !Object.entries(this.weeks).some(([id, w]) => this.own[id] && Object.keys(w.errors).length > 0)) return null;
    return this.error;
  }

  /** Whether the VALIDATION_FAILED shown was about marked days (a server refusal may name none). */
  private marked = $state(false);

  private settled(): void {
    if (this.error === 'VALIDATION_FAILED') this.error = null;
  }

  /**
   * A roster of their own, or none (available whenever the branch is open). A first roster starts
   * from the opening hours (`show`), which is what the colleague counted as until now.
   */
  setOwn(staffId: string, on: boolean): void {
    if (!this.weeks[staffId]) return;
    this.own = { ...this.own, [staffId]: on };
    this.notice = null;
  }

  /** Where services have nobody rostered with their skill, on the rosters as edited. */
  gaps(colleagues: readonly RosterColleague[], serviceIds: readonly string[]): CoverGap[] {
    const forms = this.forms();
    return coverGaps(
      this.opening,
      serviceIds,
      colleagues.map((c) => ({ skills: c.skills, roster: forms[c.staffId] ?? null })),
    );
  }

  /** Checks every roster changed, then saves them. Resolves true when saved (or nothing to save). */
  async save(): Promise<boolean> {
    if (this.busy || !this.branchId) return false;
    this.error = null;
    this.notice = null;
    this.differs = [];
    const rosters = changedRosters(this.saved, this.forms());
    const wrong = Object.keys(rosters).filter((id) => this.weeks[id]!.checked() === null);
    if (wrong.length > 0) {
      this.error = 'VALIDATION_FAILED';
      this.marked = true;
      this.selected = wrong.includes(this.selected ?? '') ? this.selected : wrong[0]!;
      return false;
    }
    if (Object.keys(rosters).length === 0) {
      this.notice = 'nothing';
      return true;
    }
    if (this.version === null) {
      // Never read (the first read failed): a save without its version is refused. The rosters
      // stored now come beside the ones typed, as after a colleague's save.
      const current = await managerRequest(this, () => readSettings(this.branchId!), (code, refusal) => this.refused(code, refusal));
      if (current) {
        this.error = 'STALE_SETTINGS';
        this.rebase(current);
      }
      return false;
    }
    const body = { version: this.version, rosters };
    const view = await managerRequest(this, () => api<BookingSettingsView>('PUT', `/api/v1/branches/${encodeURIComponent(this.branchId!)}/booking/settings`, body), (code, refusal) => this.refused(code, refusal));
    if (!view) return false;
    this.apply(view);
    this.notice = 'saved';
    return true;
  }

  private refused(code: string, refusal: Refusal): void {
    this.error = code;
    const named = Object.keys(rosterIssues(refusal.issues)).filter((id) => id in this.weeks);
    for (const id of named) this.weeks[id]!.serverIssues(refusal.issues, `rosters.${id}`);
    this.marked = named.length > 0;
    // The manager sees the first colleague the server named, unless the one shown is named too.
    if (named.length > 0 && !named.includes(this.selected ?? '')) this.selected = named[0]!;
    const current = staleCurrent(refusal);
    if (current) this.rebase(current);
  }

  /** Another save came first: the rosters typed stay, the others are as stored now. */
  private rebase(current: BookingSettingsView): void {
    const { forms, differs } = rebaseRosters(this.saved, this.forms(), current.rosters);
    this.saved = current.rosters;
    this.version = current.version;
    this.show(forms);
    this.differs = differs;
  }

  private apply(view: BookingSettingsView): void {
    this.version = view.version;
    this.saved = view.rosters;
    this.show(Object.fromEntries(Object.entries(view.rosters).map(([id, r]) => [id, rosterFormOf(r)])));
  }

  /** The editors on these rosters; a colleague without one shows the opening hours, ready to become theirs. */
  private show(forms: Record<string, RosterForm>): void {
    const weeks: Record<string, HoursEditor> = {};
    const own: Record<string, boolean> = {};
    for (const [id, form] of Object.entries(forms)) {
      weeks[id] = new HoursEditor(form ?? this.opening, 'roster.invalid');
      own[id] = form !== null;
    }
    this.weeks = weeks;
    this.own = own;
  }
}
