import type { OpeningHoursBody } from '@tellerline/contracts';
import { hoursBody, hoursErrors, hoursFormOf, nextInterval, WEEKDAYS, type HoursForm, type Interval, type Weekday } from './setup-logic.js';

/**
 * A weekly opening hours editor (the set-up screen's, and the new branch dialog's): several
 * intervals a day, a day without any is closed. A day's problem shows once the day was edited,
 * and every day's once the hours are checked for sending.
 */
export class HoursEditor {
  hours = $state<HoursForm>(hoursFormOf({}));
  /** Day -> dictionary key of its problem, for the days shown with one. */
  errors = $state<Partial<Record<Weekday, string>>>({});
  /** Changed since `reset`. */
  dirty = $state(false);

  constructor(hours: Partial<Record<Weekday, readonly Interval[]>> = {}) {
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

  /** Every day's problems shown; the body when there are none, else null. */
  checked(): OpeningHoursBody | null {
    this.errors = hoursErrors(this.hours);
    return Object.keys(this.errors).length === 0 ? hoursBody(this.hours) : null;
  }

  /** The server named days in VALIDATION_FAILED (`openingHours.<day>...`): mark them. */
  serverIssues(issues: readonly { path: string }[]): void {
    for (const i of issues) {
      const day = WEEKDAYS.find((d) => i.path.startsWith(`openingHours.${d}`));
      if (day) this.errors = { ...this.errors, [day]: 'setup.invalid.server' };
    }
  }

  private edited(day: Weekday): void {
    this.dirty = true;
    this.errors = { ...this.errors, [day]: hoursErrors(this.hours)[day] };
    if (!this.errors[day]) delete this.errors[day];
  }
}
