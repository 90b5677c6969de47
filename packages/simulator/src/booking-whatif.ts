import type { BookingRequests } from './customers.js';
import { measure } from './compare.js';
import { isPunctual } from './metrics.js';
import { PUNCTUALITY_GOAL } from './goal.js';
import type { Scenario, ServiceSpec } from './scenario.js';
import { simulate, type DayTrace } from './simulate.js';
import { walkInShareOf } from './booking-capacity.js';

/**
 * Booking what-if: how must the booking page sell appointments for the branch to call 95% of
 * them within 5 minutes of their time?
 *
 * Why: routing cannot keep every promise the calendar makes. Without booking rules the slot
 * engine sells every skilled minute on shift, back to back, while service times vary; on random
 * scenarios even fixed-order (booked customers before anyone) stays below 95% in most of the
 * scenarios where Tellerline does (see the simulator README). What a manager can change is how
 * the calendar sells: a buffer after each booking, and a share of skilled staff kept for
 * walk-ins (the service's `booking` rules, the same the product's booking settings take).
 *
 * Search (like the staffing what-if's): simulate the scenario as it is (Tellerline policy, same
 * customers every time); while fewer than 95% of appointments are on time, move the service
 * whose appointments are least punctual (of those below 95% themselves) one step along
 * `BOOKING_STEPS` (its own `slotMin` is kept) and simulate again. Stops when the goal is met or
 * no such service has a step left. Each trial reports what the rules cost: booking requests
 * moved to another slot or refused (a refused customer does not come that day: the simulator
 * does not turn them into walk-ins, so read the waits next to the refusals), the share within
 * target and p90 wait of everyone, and of the late appointments how many checked in after their
 * booked time (still within the minutes that keep the slot), which no calendar rule prevents.
 */
export interface BookingRules {
  bufferAfterMin: number;
  walkInShare: number;
}

/**
 * From the least to the most restrictive; a service tries only the steps stricter than its own
 * rules (a service taking walk-ins books with the product's 25% share already). Walk-in shares
 * first: over random seeds 1-200 (30 days) a 5-min buffer on every booked service changed
 * nothing (66 of 200 scenarios meeting the whole goal, as without), while a 25% walk-in share
 * took it to 82. The share does its work where few are skilled: with one skilled colleague on
 * shift, floor(1 x 0.75) = 0 bookings, so the slot moves to an hour with two, instead of making
 * a lone officer choose between the booked customer and the walk-in queue (a 25% share that
 * still sold the lone colleague's time: 69). Buffers come last, on top of the largest share.
 */
export const BOOKING_STEPS: readonly BookingRules[] = [
  { bufferAfterMin: 0, walkInShare: 0.25 },
  { bufferAfterMin: 0, walkInShare: 0.34 },
  { bufferAfterMin: 0, walkInShare: 0.5 },
  { bufferAfterMin: 5, walkInShare: 0.5 },
  { bufferAfterMin: 10, walkInShare: 0.5 },
];

export interface BookingTrial {
  /** Per service that takes appointments: its rules, or null for the scenario's own. */
  rules: Record<string, BookingRules | null>;
  /** Summed over the services that take appointments and over the days. */
  requests: BookingRequests;
  apptPunctuality: number | null;
  /** Per service that takes appointments. */
  perService: Record<string, number | null>;
  /** Appointments called more than 5 minutes late, and how many of them checked in after their slot. */
  late: { count: number; checkedInAfterSlot: number };
  servedWithinTarget: number;
  p90WaitMin: number;
  meetsPunctuality: boolean;
}

export interface BookingReport {
  scenario: string;
  days: number;
  punctualityGoal: number;
  /** Codes of the services that take appointments. */
  services: string[];
  trials: BookingTrial[];
  /** Index in `trials` of the first that meets the goal; undefined when none does. */
  recommended?: number;
}

export function bookingWhatIf(scenario: Scenario, days = 5): BookingReport {
  const booked = scenario.services.filter(takesAppointments).map((sv) => sv.code);
  const report: BookingReport = { scenario: scenario.name, days, punctualityGoal: PUNCTUALITY_GOAL, services: booked, trials: [] };
  if (booked.length === 0) return report;
  // Step 0 is the scenario's own rules; step k >= 1 is BOOKING_STEPS[k - 1].
  const step: Record<string, number> = Object.fromEntries(booked.map((c) => [c, 0]));
  for (;;) {
    const rules = Object.fromEntries(booked.map((c) => [c, step[c]! > 0 ? BOOKING_STEPS[step[c]! - 1]! : null]));
    const trial = report.trials.push(run(scenario, booked, rules, days)) - 1;
    const t = report.trials[trial]!;
    if (t.meetsPunctuality) {
      report.recommended = trial;
      return report;
    }
    const next = booked
      // Only a service below the goal itself: stricter rules elsewhere cost bookings and buy nothing.
      .filter((c) => stricterStep(scenario, c, step[c]!) !== undefined && t.perService[c] !== null && t.perService[c]! < PUNCTUALITY_GOAL)
      .sort((a, b) => t.perService[a]! - t.perService[b]!)[0];
    if (next === undefined) return report;
    step[next] = stricterStep(scenario, next, step[next]!)!;
  }
}

/** The first step after `from` that is stricter than the service's own rules (a larger share or buffer); undefined when none is. */
function stricterStep(scenario: Scenario, code: string, from: number): number | undefined {
  const sv = scenario.services.find((x) => x.code === code)!;
  const share = walkInShareOf(sv);
  const buffer = sv.booking?.bufferAfterMin ?? 0;
  for (let k = from + 1; k <= BOOKING_STEPS.length; k++) {
    const r = BOOKING_STEPS[k - 1]!;
    if (r.walkInShare > share || r.bufferAfterMin > buffer) return k;
  }
  return undefined;
}

function run(scenario: Scenario, booked: readonly string[], rules: Record<string, BookingRules | null>, days: number): BookingTrial {
  const trial = withBookingRules(scenario, rules);
  const r = simulate(trial, 'tellerline', days);
  const m = measure(trial, r);
  const late = r.days.flatMap((d) => d.tickets).filter((t) => t.keptSlot && !isPunctual(t));
  return {
    rules,
    requests: requestsOf(r.days, booked),
    apptPunctuality: m.apptPunctuality,
    perService: Object.fromEntries(booked.map((c) => [c, m.perService[c]?.apptPunctuality ?? null])),
    late: { count: late.length, checkedInAfterSlot: late.filter((t) => t.appointmentAt !== undefined && t.joinedAt > t.appointmentAt).length },
    servedWithinTarget: m.servedWithinTarget,
    p90WaitMin: m.p90WaitMin,
    meetsPunctuality: m.apptPunctuality === null || m.apptPunctuality >= PUNCTUALITY_GOAL,
  };
}

/**
 * The scenario on the calendar the what-if ends with: its recommended rules, or the strictest it
 * tried when none reaches the goal (the scenario itself when it takes no appointments).
 * `--random --booking` checks the routing goal on it.
 */
export function recommendedCalendar(scenario: Scenario, report: BookingReport): Scenario {
  const t = report.trials[report.recommended ?? report.trials.length - 1];
  return t ? withBookingRules(scenario, t.rules) : scenario;
}

/**
 * The scenario with every service that takes appointments keeping `share` of its skilled staff
 * for walk-ins (its other booking rules kept): `--walk-in-share`, one rule for a whole branch or
 * for every random branch, next to the per-service search of `bookingWhatIf`.
 */
export function withWalkInShare(scenario: Scenario, share: number): Scenario {
  return withBookingRules(scenario, Object.fromEntries(scenario.services.filter(takesAppointments).map((sv) => [sv.code, { walkInShare: share }])));
}

/** A service some customer books: the ones the booking rules and the what-if are about. */
function takesAppointments(sv: ServiceSpec): boolean {
  return (sv.appointmentsPerHour ?? []).some((x) => x > 0);
}

/** The scenario with the given booking rules per service, merged over its own (null or absent: its own; its booked length is kept). */
export function withBookingRules(scenario: Scenario, rules: Record<string, Partial<BookingRules> | null>): Scenario {
  return {
    ...scenario,
    services: scenario.services.map((sv) => {
      const r = rules[sv.code];
      return r ? { ...sv, booking: { ...sv.booking, ...r } } : sv;
    }),
  };
}

function requestsOf(days: readonly DayTrace[], codes: readonly string[]): BookingRequests {
  const total: BookingRequests = { requested: 0, atWish: 0, moved: 0, refused: 0 };
  for (const { requests } of days) {
    for (const code of codes) {
      const r = requests[code];
      if (!r) continue;
      total.requested += r.requested;
      total.atWish += r.atWish;
      total.moved += r.moved;
      total.refused += r.refused;
    }
  }
  return total;
}
