import type { OpeningHoursBody } from '@tellerline/contracts';
import { copyDay, hoursBody, hoursErrors, hoursFormOf, nextInterval, WEEKDAYS, type HoursForm, type Interval, type Weekday } from './setup-logic.js';

/**
 * A weekly opening hours editor (the set-up screen's, and the new branch dialog's; the team
 * screen's roster editor has one per colleague): several intervals a day, a day without any is
 * closed (off). A day's problem shows once the day was edited, and every day's once the hours are
 * checked for sending.
 */
export class HoursEditor {
  hours = $state<HoursForm>(hoursFormOf({}));
  /** Day -> dictionary key of its problem, for the days shown with one. */
  errors = $state<Partial<Record<Weekday, string>>>({});
  /** Changed since `reset`. */
  dirty = $state(false);

  /** `invalid`: the dictionary prefix of the problems' keys (a roster words them as shifts). */
  constructor(
    hours: Partial<Record<Weekday, readonly Interval[]>> = {},
    private readonly invalid = 'setup.invalid',
  ) {
    this.reset(hours);
  }

  reset(hours: Partial<Record<Weekday, readonly Interval[]>>): void {
    this.hours = hoursFormOf(hours);
    this.errors = {};
    this.dirty = false;
  }

  /** Whether another interval fits the day (at most six, and not past 23:00). */
  canAdd(day: Weekday): boolean {
    return nextInterval(this.hours[day]) !== null;
  }

  /** Adds an interval to the day; returns its index (for focus), or null when none fits. */
  add(day: Weekday): number | null {
    const next = nextInterval(this.hours[day]);
    if (!next) return null;
    this.hours[day] = [...this.hours[day], next];
    this.edited(day);
    return this.hours[day].length - 1;
  }

  remove(day: Weekday, index: number): void {
    this.hours[day] = this.hours[day].filter((_, i) => i !== index);
    this.edited(day);
  }

  setTime(day: Weekday, index: number, field: 'open' | 'close', value: string): void {
    this.hours[day] = this.hours[day].map((w, i) => (i === index ? { ...w, [field]: value } : w));
    this.edited(day);
  }

  /** `from`'s intervals on each of `to` too (what those days had is replaced). */
  copyDay(from: Weekday, to: readonly Weekday[]): void {
    this.hours = copyDay(this.hours, from, to);
    for (const d of to) this.edited(d);
  }

  /** The day closed (off): no intervals. */
  clearDay(day: Weekday): void {
    this.hours[day] = [];
    this.edited(day);
  }

  /** Every day's problems shown; the body when there are none, else null. */
  checked(): OpeningHoursBody | null {
    this.errors = this.problems();
    return Object.keys(this.errors).length === 0 ? hoursBody(this.hours) : null;
  }

  /** The server named days in VALIDATION_FAILED (`<root>.<day>...`, `openingHours` unless told): mark them. */
  serverIssues(issues: readonly { path: string }[], root = 'openingHours'): void {
    for (const i of issues) {
      const day = WEEKDAYS.find((d) => i.path.startsWith(`${root}.${d}`));
      if (day) this.errors = { ...this.errors, [day]: `${this.invalid}.server` };
    }
  }

  private problems(): Partial<Record<Weekday, string>> {
    const keys = hoursErrors(this.hours);
    return Object.fromEntries(Object.entries(keys).map(([d, key]) => [d, key.replace(/^setup\.invalid/, this.invalid)]));
  }

  private edited(day: Weekday): void {
    this.dirty = true;
    this.errors = { ...this.errors, [day]: this.problems()[day] };
    if (!this.errors[day]) delete this.errors[day];
  }
}
