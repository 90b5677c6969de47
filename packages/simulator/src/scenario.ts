import { z } from 'zod';
import { parseClock } from './clock.js';

/**
 * A scenario file: one branch, one kind of day. Rates are per opening hour: index 0 is the hour
 * starting at `open`, so both arrays have one value per started hour between open and close.
 */
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day "HH:MM" (00:00-24:00)');
const Rate = z.number().min(0).max(1000);

const ServiceSpec = z.object({
  /** Letter(s) shown on tickets; doubles as the engine's service id. */
  code: z.string().regex(/^[A-Z]{1,3}$/, '1-3 capital letters, like "A"'),
  name: z.string().min(1).max(60).optional(),
  /** Called within this many minutes = served within target. */
  targetMin: z.number().positive().max(480),
  meanServiceMin: z.number().positive().max(480),
  sdServiceMin: z.number().min(0).max(480),
  arrivalsPerHour: z.array(Rate).min(1),
  appointmentsPerHour: z.array(Rate).min(1).optional(),
  /**
   * How the booking page sells this service (the slot engine's rules, issue 5): the booked length
   * (`slotMin`, meanServiceMin unless given), a buffer after each booking, and the share of
   * skilled staff kept for walk-ins. Unless given, the product's defaults: no buffer, and 25% of
   * the skilled staff kept for walk-ins when walk-ins come for the service (0 when none do).
   */
  booking: z
    .object({
      slotMin: z.number().positive().max(480).optional(),
      bufferAfterMin: z.number().min(0).max(120).optional(),
      walkInShare: z.number().min(0).max(1).optional(),
    })
    .strict()
    .optional(),
});

const StaffSpec = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (1-40)'),
  /** Service code -> proficiency in [0, 1]; 0 (or absent) = cannot serve it. Order matters for the fifo baseline: first skill first. */
  skills: z.record(z.string(), z.number().min(0).max(1)),
  /** Working periods, in order; a gap between two is a break (paused), after the last one they sign off. */
  shifts: z.array(z.tuple([Clock, Clock])).min(1),
});

const AppointmentsSpec = z.object({
  noShowRate: z.number().min(0).max(1),
  latenessSdMin: z.number().min(0).max(120),
  /** Mean lateness (negative = early); 0 unless given. */
  latenessMeanMin: z.number().min(-120).max(120).optional(),
});

/**
 * Customers who give up: each one's patience is drawn log-normal (mean, sd; sd = mean / 2 unless
 * given), counted from the start of their wait (as the wait metric counts it). A customer still
 * waiting when their patience runs out leaves (cancels their ticket).
 */
const AbandonmentSpec = z
  .object({
    patienceMeanMin: z.number().positive().max(480),
    patienceSdMin: z.number().min(0).max(480).optional(),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'letters, digits, _ . - (used in file names)'),
    description: z.string().max(500).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    open: Clock,
    close: Clock,
    services: z.array(ServiceSpec).min(1).max(26),
    staff: z.array(StaffSpec).min(1).max(100),
    appointments: AppointmentsSpec.optional(),
    /** Customers who leave when kept waiting too long; nobody leaves unless given. */
    abandonment: AbandonmentSpec.optional(),
    /** Share of walk-ins who are priority customers (elderly, pregnant, disabled ...). */
    priorityShare: z.number().min(0).max(1).optional(),
    /** Share of customers within target the staffing what-if must reach per service (default 0.8). */
    serviceLevel: z.number().gt(0).max(1).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    // Zod runs this even when fields above failed their own checks: parse defensively.
    if (!Array.isArray(s.services) || !Array.isArray(s.staff)) return;
    const open = tryClock(s.open);
    const close = tryClock(s.close);
    if (open !== undefined && close !== undefined && close <= open) issue(['close'], `close (${s.close}) must be after open (${s.open})`);
    const hours = open !== undefined && close !== undefined && close > open ? Math.ceil((close - open) / 60) : undefined;
    const codes = new Set<string>();
    s.services.forEach((sv, i) => {
      if (codes.has(sv.code)) issue(['services', i, 'code'], `duplicate service code ${sv.code}`);
      codes.add(sv.code);
      if (hours !== undefined && Array.isArray(sv.arrivalsPerHour) && sv.arrivalsPerHour.length !== hours) {
        issue(['services', i, 'arrivalsPerHour'], `expected ${hours} values (one per opening hour ${s.open}-${s.close}), got ${sv.arrivalsPerHour.length}`);
      }
      if (hours !== undefined && Array.isArray(sv.appointmentsPerHour) && sv.appointmentsPerHour.length !== hours) {
        issue(['services', i, 'appointmentsPerHour'], `expected ${hours} values (one per opening hour ${s.open}-${s.close}), got ${sv.appointmentsPerHour.length}`);
      }
    });
    const ids = new Set<string>();
    const served = new Set<string>();
    s.staff.forEach((st, i) => {
      if (ids.has(st.id)) issue(['staff', i, 'id'], `duplicate staff id ${st.id}`);
      ids.add(st.id);
      let any = false;
      for (const [code, p] of Object.entries(st.skills ?? {})) {
        if (!codes.has(code)) issue(['staff', i, 'skills', code], `unknown service code ${code}`);
        if (p > 0) {
          any = true;
          served.add(code);
        }
      }
      if (!any) issue(['staff', i, 'skills'], 'needs at least one skill with proficiency > 0');
      let prevEnd = -1;
      (st.shifts ?? []).forEach(([from, to], j) => {
        const a = tryClock(from);
        const b = tryClock(to);
        if (a === undefined || b === undefined) return;
        if (b <= a) issue(['staff', i, 'shifts', j], `shift ends (${to}) before it starts (${from})`);
        if (a < prevEnd) issue(['staff', i, 'shifts', j], `shift starting ${from} overlaps or precedes the one before`);
        prevEnd = b;
      });
    });
    s.services.forEach((sv, i) => {
      if (!served.has(sv.code)) issue(['services', i, 'code'], `nobody on the staff can serve ${sv.code}`);
    });
  });

function tryClock(hhmm: unknown): number | undefined {
  try {
    return typeof hhmm === 'string' ? parseClock(hhmm) : undefined;
  } catch {
    return undefined;
  }
}

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
export type ServiceSpec = Scenario['services'][number];
export type StaffSpec = Scenario['staff'][number];

/** A scenario file that does not validate; `issues` are "path: message" lines. */
export class ScenarioError extends Error {
  constructor(
    readonly issues: string[],
    source = 'scenario',
  ) {
    super(`Invalid ${source}:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** Validates parsed JSON as a scenario; throws ScenarioError listing every problem. */
export function parseScenario(json: unknown, source?: string): Scenario {
  const r = ScenarioSchema.safeParse(json);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.length ? formatPath(i.path) : '(root)'}: ${i.message}`);
  throw new ScenarioError(issues, source);
}

/** Parses scenario text (a file's content); JSON syntax errors become a ScenarioError too. */
export function parseScenarioText(text: string, source?: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError([`not valid JSON: ${(err as Error).message}`], source);
  }
  return parseScenario(json, source);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** Opening hours as minutes of the day, and how many hourly rate slots there are. */
export function openingHours(s: Scenario): { openMin: number; closeMin: number; hours: number } {
  const openMin = parseClock(s.open);
  const closeMin = parseClock(s.close);
  return { openMin, closeMin, hours: Math.max(1, Math.ceil((closeMin - openMin) / 60)) };
}

/** Proficiency of a staff member for a service code (0 = cannot serve). */
export function proficiency(st: StaffSpec, code: string): number {
  return st.skills[code] ?? 0;
}

/**
 * The scenario with every booked customer checking in `min` minutes earlier on average (the
 * mean of their lateness lowered by that much; its spread unchanged): what-if for reminders that
 * ask customers to come early (`--arrive-early`). A scenario without appointments is unchanged.
 */
export function arrivingEarlier(s: Scenario, min: number): Scenario {
  if (!s.appointments) return s;
  return { ...s, appointments: { ...s.appointments, latenessMeanMin: (s.appointments.latenessMeanMin ?? 0) - min } };
}
