import { localTimeOf, parseHm, weekdayOf, type TicketTimes, type Weekday, type WeeklyWindows } from '@tellerline/engine';
import { formatClock } from './clock.js';
import { mean } from './metrics.js';
import { parseScenario, type Scenario } from './scenario.js';

/**
 * What a branch recorded over a period, as the server reads it: enough to build a scenario of one
 * weekday of that branch, so the policy comparison and the staffing and booking what-ifs can be run
 * on a pilot branch's own arrivals instead of invented ones.
 */
export interface BranchHistory {
  /** Scenario name (letters, digits, _ . -). */
  name: string;
  timeZone: string;
  /** The scenario is one such day: only its tickets, opening hours and shifts count. */
  weekday: Weekday;
  /** The branch's opening hours; the weekday's first opening to its last closing is the day. */
  hours: WeeklyWindows;
  services: { id: string; code: string; name?: string; targetMin: number; defaultDurationMin: number }[];
  /** Skills by service id; roster null = works the opening hours. */
  staff: { id: string; skills: Record<string, number>; roster: WeeklyWindows | null }[];
  /** One per ticket of the period (the engine's `TicketTimes`, as the database reads them). */
  tickets: TicketTimes[];
  /** Appointments of the period that came or did not (not cancelled ones). */
  appointments: { kept: number; noShows: number };
}

/** Durations needed before a service's measured time replaces its configured one (as for the ETA). */
export const MIN_MEASURED = 3;

export class HistoryError extends Error {
  constructor(
    readonly code: 'NO_HISTORY' | 'CLOSED_THAT_DAY',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The scenario of one `weekday` at this branch, from its history:
 *
 * - the day runs from the weekday's first opening to its last closing;
 * - walk-ins (kiosk and remote tickets) per service and opening hour of their ticket, and
 *   appointments per hour of their booked slot: each the average over the weekday's dates that
 *   have tickets (a closed day is no evidence of a quiet one); one taken before opening or after
 *   closing counts in the first or last hour;
 * - service time per service: mean and sd of the recorded serving times once there are
 *   MIN_MEASURED of them, else the configured default with sd half of it;
 * - staff: each one's roster for that weekday (null: the opening hours), with their skills;
 *   services nobody on shift can serve are left out (a scenario must be servable);
 * - appointments: the no-show rate of the period, and the lateness (check-in - booked time) of
 *   those who came.
 *
 * The result is validated as any scenario file is (`parseScenario`). Throws HistoryError when the
 * weekday has no opening hours or no tickets.
 */
export function scenarioFromHistory(h: BranchHistory): { scenario: Scenario; days: number } {
  const windows = h.hours[h.weekday] ?? [];
  if (windows.length === 0) throw new HistoryError('CLOSED_THAT_DAY', `The branch has no opening hours on ${h.weekday}.`);
  const openMin = Math.min(...windows.map((w) => parseHm(w.open)));
  const closeMin = Math.max(...windows.map((w) => parseHm(w.close)));
  const hours = Math.ceil((closeMin - openMin) / 60);

  const local = (ms: number) => localTimeOf(ms, h.timeZone);
  const onWeekday = h.tickets.filter((t) => weekdayOf(local(t.joinedAt).date) === h.weekday);
  const dates = new Set(onWeekday.map((t) => local(t.joinedAt).date));
  if (dates.size === 0) throw new HistoryError('NO_HISTORY', `No tickets on ${h.weekday} in the period.`);
  const days = dates.size;

  // A ticket taken before opening (a remote join) or after closing still is a customer of the
  // day: it counts in the first or last hour.
  const hourOf = (ms: number) => Math.min(hours - 1, Math.max(0, Math.floor((local(ms).minutes - openMin) / 60)));
  const perHour = (tickets: TicketTimes[], at: (t: TicketTimes) => number) => {
    const counts = new Array<number>(hours).fill(0);
    for (const t of tickets) counts[hourOf(at(t))]! += 1;
    return counts.map((n) => round(n / days));
  };

  const shiftsOf = (roster: WeeklyWindows | null): [string, string][] =>
    (roster === null ? windows : (roster[h.weekday] ?? []))
      .map((w) => [Math.max(openMin, parseHm(w.open)), Math.min(closeMin, parseHm(w.close))] as const)
      .filter(([from, to]) => to > from)
      .sort((a, b) => a[0] - b[0])
      .map(([from, to]) => [formatClock(from), formatClock(to)]);
  const codeOf = new Map(h.services.map((s) => [s.id, s.code]));
  const staff = h.staff
    .map((st) => ({
      id: st.id,
      skills: Object.fromEntries(Object.entries(st.skills).flatMap(([id, p]) => (codeOf.has(id) && p > 0 ? [[codeOf.get(id)!, Math.min(1, p)]] : []))),
      shifts: shiftsOf(st.roster),
    }))
    .filter((st) => st.shifts.length > 0 && Object.keys(st.skills).length > 0);
  const servable = new Set(staff.flatMap((st) => Object.keys(st.skills)));

  const services = h.services
    .filter((s) => servable.has(s.code))
    .map((s) => {
      const mine = onWeekday.filter((t) => t.serviceId === s.id);
      const booked = new Set(mine.filter((t) => t.kind === 'appointment' && t.appointmentAt !== undefined));
      const measured = h.tickets
        .filter((t) => t.serviceId === s.id && t.servedAt !== undefined && t.doneAt !== undefined && t.doneAt > t.servedAt)
        .map((t) => (t.doneAt! - t.servedAt!) / 60_000);
      const own = measured.length >= MIN_MEASURED;
      const meanServiceMin = own ? mean(measured) : Math.max(1, s.defaultDurationMin);
      return {
        code: s.code,
        ...(s.name && { name: s.name.slice(0, 60) }),
        targetMin: s.targetMin,
        meanServiceMin: round(meanServiceMin),
        sdServiceMin: round(own ? sd(measured) : meanServiceMin / 2),
        arrivalsPerHour: perHour(mine.filter((t) => !booked.has(t)), (t) => t.joinedAt),
        appointmentsPerHour: perHour([...booked], (t) => t.appointmentAt!),
      };
    });

  const lateness = onWeekday.filter((t) => t.kind === 'appointment' && t.appointmentAt !== undefined).map((t) => (t.joinedAt - t.appointmentAt!) / 60_000);
  const asked = h.appointments.kept + h.appointments.noShows;
  const scenario = parseScenario({
    name: h.name,
    description: `Built from the recorded tickets of ${days} ${h.weekday} date${days === 1 ? '' : 's'}.`,
    seed: 1,
    open: formatClock(openMin),
    close: formatClock(closeMin),
    services,
    staff,
    appointments: {
      noShowRate: asked > 0 ? round(h.appointments.noShows / asked) : 0,
      latenessSdMin: lateness.length >= 2 ? round(Math.min(120, sd(lateness))) : 0,
      latenessMeanMin: lateness.length > 0 ? round(Math.max(-120, Math.min(120, mean(lateness)))) : 0,
    },
  });
  return { scenario, days };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Sample standard deviation (0 for fewer than two values). */
function sd(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
