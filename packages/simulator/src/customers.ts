import type { PriorityClass } from '@tellerline/engine';
import { BookingCalendar } from './booking-capacity.js';
import { between, logNormal, mixSeed, mulberry32, normal, poisson, type Rng } from './rng.js';
import { openingHours, type Scenario } from './scenario.js';

/** One customer of a simulated day, drawn before any policy runs (common random numbers). */
export interface Customer {
  id: string;
  service: string;
  kind: 'walk-in' | 'appointment';
  priority: PriorityClass;
  /** Minute of day the customer takes a ticket (walk-ins) or checks in (appointments). */
  arriveMin: number;
  /** Booked minute of day, for appointments. */
  appointmentMin?: number;
  /** Service time in minutes at proficiency 1; a staff member with proficiency p takes base / p. */
  baseServiceMin: number;
  /** Minutes of waiting after which this customer leaves; only when the scenario has `abandonment`. */
  patienceMin?: number;
}

/** Appointments are booked on this grid within their hour. */
const SLOT_GRID_MIN = 5;

/**
 * Draws the customers of day `day` (0-based), sorted by arrival. Walk-ins: a Poisson process
 * per service with a piecewise-constant hourly rate (a Poisson count per hour, uniform times).
 * Appointments: a Poisson count of bookings wished per hour on a 5-minute grid, booked through
 * the product's slot engine (`BookingCalendar`: a full slot moves to the nearest free one that
 * day, a full day loses the booking); each is a no-show with
 * `noShowRate`, else checks in at slot + Normal(latenessMeanMin, latenessSdMin), not before
 * opening; one who would arrive after closing is dropped (the door is shut). Service times are
 * log-normal with the service's mean and sd. Priority: `priorityShare` of walk-ins. Patience
 * (with `abandonment`): log-normal, drawn per customer in ticket order from a stream of its own,
 * so the day's customers are the same with or without it.
 *
 * Every service and hour draws from its own stream, so changing one rate does not reshuffle the
 * rest of the day.
 */
export function drawCustomers(s: Scenario, day: number): Customer[] {
  return drawDay(s, day).customers;
}

/** An appointment in the day's booking calendar, whether or not its customer will come. */
export interface Booking {
  /** The ticket id the check-in will use: the customer's id, or `d<day>-ns<k>` for one who never comes. */
  ticketId: string;
  service: string;
  appointmentMin: number;
}

/** What became of the day's booking requests for one service. */
export interface BookingRequests {
  /** Customers who wished to book (a Poisson count per hour, before no-shows). */
  requested: number;
  /** Booked at the slot they wished. */
  atWish: number;
  /** Booked at another slot that day (the wished one was full). */
  moved: number;
  /** No free slot that day: they did not book. */
  refused: number;
}

/**
 * The customers of `drawCustomers` plus the day's booking calendar: every appointment drawn,
 * including no-shows and those who would come after closing (the branch cannot know in advance),
 * and per service what became of the booking requests. Same random draws as `drawCustomers`:
 * adding the calendar changes nobody's day.
 */
export function drawDay(s: Scenario, day: number): { customers: Customer[]; bookings: Booking[]; requests: Record<string, BookingRequests> } {
  const { openMin, closeMin, hours } = openingHours(s);
  const appt = s.appointments ?? { noShowRate: 0, latenessSdMin: 0 };
  const out: Customer[] = [];
  const absent: { service: string; appointmentMin: number }[] = [];
  const calendar = new BookingCalendar(s, day, openMin, closeMin, SLOT_GRID_MIN);
  const requests: Record<string, BookingRequests> = {};
  s.services.forEach((sv, si) => {
    const asked = (requests[sv.code] = { requested: 0, atWish: 0, moved: 0, refused: 0 });
    for (let h = 0; h < hours; h++) {
      const from = openMin + h * 60;
      const to = Math.min(closeMin, from + 60);
      const rng = mulberry32(mixSeed(s.seed, day, si, h));
      const walkIns = poisson(rng, ((sv.arrivalsPerHour[h] ?? 0) * (to - from)) / 60);
      for (let k = 0; k < walkIns; k++) {
        out.push({
          id: '',
          service: sv.code,
          kind: 'walk-in',
          priority: rng() < (s.priorityShare ?? 0) ? 'priority' : 'normal',
          arriveMin: between(rng, from, to),
          baseServiceMin: serviceMin(rng, sv.meanServiceMin, sv.sdServiceMin),
        });
      }
      const arng = mulberry32(mixSeed(s.seed, day, si, h, 0xa99));
      const booked = poisson(arng, sv.appointmentsPerHour?.[h] ?? 0);
      const slots = Math.max(1, Math.floor((to - from) / SLOT_GRID_MIN));
      for (let k = 0; k < booked; k++) {
        const wished = from + SLOT_GRID_MIN * Math.floor(arng() * slots);
        const noShow = arng() < appt.noShowRate;
        const lateness = normal(arng, appt.latenessMeanMin ?? 0, appt.latenessSdMin);
        const base = serviceMin(arng, sv.meanServiceMin, sv.sdServiceMin);
        const slot = calendar.book(sv.code, wished);
        asked.requested++;
        if (slot === undefined) {
          asked.refused++;
          continue; // fully booked: this customer does not come by appointment
        }
        if (slot === wished) asked.atWish++;
        else asked.moved++;
        const arriveMin = Math.max(openMin, slot + lateness);
        if (noShow || arriveMin >= closeMin) {
          absent.push({ service: sv.code, appointmentMin: slot });
          continue;
        }
        out.push({ id: '', service: sv.code, kind: 'appointment', priority: 'normal', arriveMin, appointmentMin: slot, baseServiceMin: base });
      }
    }
  });
  out.sort((a, b) => a.arriveMin - b.arriveMin || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  out.forEach((c, i) => (c.id = `d${day}-${String(i + 1).padStart(4, '0')}`));
  if (s.abandonment) {
    const { patienceMeanMin: mean, patienceSdMin: sd = mean / 2 } = s.abandonment;
    const prng = mulberry32(mixSeed(s.seed, day, 0xab0));
    for (const c of out) c.patienceMin = Math.max(0.1, logNormal(prng, mean, sd));
  }
  const bookings: Booking[] = [
    ...out.flatMap((c) => (c.appointmentMin !== undefined ? [{ ticketId: c.id, service: c.service, appointmentMin: c.appointmentMin }] : [])),
    ...absent.map((b, k) => ({ ticketId: `d${day}-ns${k + 1}`, ...b })),
  ];
  return { customers: out, bookings, requests };
}

/** A service time, at least 6 seconds (nobody is served in zero time). */
function serviceMin(rng: Rng, mean: number, sd: number): number {
  return Math.max(0.1, logNormal(rng, mean, sd));
}
