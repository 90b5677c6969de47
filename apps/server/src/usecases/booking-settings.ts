import { BookingSettings, NO_ADDRESS, ServiceBookingRules, walkInShareOf, WeeklyWindows, type BookingSettingsView, type BranchAddress } from '@tellerline/contracts';
import type { BookedSlot, LocalizedText, SlotInput, SlotStaff, WeeklyWindows as EngineWeekly } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { BookingSetup } from './booking-ports.js';

export interface BookingService {
  id: string;
  code: string;
  name: LocalizedText;
  documents: { zh: string[]; en: string[] };
  /** With the walk-in share in force filled in (`walkInShareOf`). */
  rules: ServiceBookingRules & { walkInShare: number };
  durationMin: number;
}

/** A branch's booking setup, validated, with defaults filled in. */
/** What a booking or notice shows of its service. */
export interface ServiceLabel {
  code: string;
  name: LocalizedText;
  documents: { zh: string[]; en: string[] };
}

export interface BranchBooking {
  branchId: string;
  name: LocalizedText;
  /** Where the branch is (null per language where not set). */
  address: BranchAddress;
  timezone: string;
  /** False once the branch was taken out of service: nothing is booked or moved there. */
  active: boolean;
  /**
   * False while the branch is in preparation: nothing is booked or moved there and its slots are
   * not shown. Bookings made while it was open stay valid (cancel, check-in and reminders go on).
   */
  customersOpen: boolean;
  settings: BookingSettings;
  /** The stored setup's version (BookingSettingsView.version). */
  version: number;
  services: Map<string, BookingService>;
  /**
   * How a stored booking names its service: an active service, else one the branch no longer
   * offers (a booking it cancelled for that still says what was booked). Undefined: no such service.
   */
  serviceNamed(serviceId: string): ServiceLabel | undefined;
  /** Raw rosters as stored (validated): staffId -> weekly windows or null. */
  rosters: Record<string, WeeklyWindows | null>;
  /** The slot finder's input with these bookings. */
  slotInput(bookings: readonly BookedSlot[]): SlotInput;
}

/**
 * Stored settings are written through the validated settings endpoint, but a row edited by hand
 * or by an older version must not break booking: what does not parse falls back to defaults.
 */
function parseOr<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, raw: unknown, fallback: T): T {
  const r = schema.safeParse(raw);
  return r.success ? r.data : fallback;
}

export function toBranchBooking(setup: BookingSetup): BranchBooking {
  const settings = parseOr(BookingSettings, setup.settings, BookingSettings.parse({}));
  const services = new Map<string, BookingService>();
  for (const s of setup.services) {
    const parsed = parseOr(ServiceBookingRules, s.booking, ServiceBookingRules.parse({}));
    // The share in force, written out: the settings view shows managers what the slot finder uses.
    const rules = { ...parsed, walkInShare: walkInShareOf(parsed) };
    services.set(s.id, { id: s.id, code: s.code, name: s.name, documents: s.documents, rules, durationMin: rules.durationMin ?? s.defaultDurationMin });
  }
  const rosters: Record<string, WeeklyWindows | null> = {};
  const staff: SlotStaff[] = setup.staff.map((m) => {
    const roster = m.roster === null || m.roster === undefined ? null : parseOr(WeeklyWindows, m.roster, null);
    rosters[m.id] = roster;
    return { id: m.id, skills: m.skills, ...(roster ? { roster: roster as EngineWeekly } : {}) };
  });
  const policy = {
    timeZone: setup.timezone,
    hours: setup.openingHours as EngineWeekly,
    closures: settings.closures.map((c) => ('date' in c ? { date: c.date, ...(c.until ? { until: c.until } : {}) } : { from: c.from, to: c.to })),
    slotStepMin: settings.slotStepMin,
    minNoticeMin: settings.minNoticeMin,
    maxDaysAhead: settings.maxDaysAhead,
    maxActivePerCustomer: settings.maxActivePerCustomer,
  };
  const rules = [...services.values()].map((s) => ({
    id: s.id,
    durationMin: s.durationMin,
    bufferBeforeMin: s.rules.bufferBeforeMin,
    bufferAfterMin: s.rules.bufferAfterMin,
    walkInShare: s.rules.walkInShare,
  }));
  const former = new Map((setup.formerServices ?? []).map((s) => [s.id, s]));
  return {
    branchId: setup.branchId,
    name: setup.name,
    address: setup.address ?? NO_ADDRESS,
    timezone: setup.timezone,
    active: setup.active !== false,
    customersOpen: setup.customersOpen !== false,
    settings,
    version: setup.version,
    services,
    serviceNamed: (serviceId) => services.get(serviceId) ?? former.get(serviceId),
    rosters,
    slotInput: (bookings) => ({ policy, services: rules, staff, bookings }),
  };
}

/** BRANCH_INACTIVE: the branch was taken out of service (bookings, moves, tickets, sign-on). */
export function branchInactive(): AppError {
  return new AppError('BRANCH_INACTIVE', 'This branch has been taken out of service; please choose another branch.');
}

/**
 * BRANCH_NOT_OPEN: the branch is in preparation (bookings, moves, slots, remote queue). Only new
 * customer work is refused: a booking made while it was open is still kept, cancelled or checked in.
 */
export function branchNotOpen(): AppError {
  return new AppError('BRANCH_NOT_OPEN', 'This branch is not open to customers yet; please choose another branch.');
}

/** The service as a booking may use it, or the refusal. */
export function bookableService(b: BranchBooking, serviceId: string, channel?: string): BookingService {
  if (!b.active) throw branchInactive();
  if (!b.customersOpen) throw branchNotOpen();
  if (!b.settings.enabled) throw new AppError('BOOKING_OFF', 'This branch does not take bookings online.');
  const s = b.services.get(serviceId);
  if (!s) throw new AppError('UNKNOWN_SERVICE', 'No such service at this branch.');
  if (!s.rules.bookable) throw new AppError('SERVICE_NOT_BOOKABLE', 'This service cannot be booked; come as a walk-in.');
  if (channel !== undefined && !s.rules.channels.includes(channel as 'branch')) {
    throw new AppError('CHANNEL_NOT_OFFERED', `This service is not offered by ${channel}.`);
  }
  return s;
}

export function settingsView(b: BranchBooking): BookingSettingsView {
  return {
    version: b.version,
    settings: b.settings,
    services: Object.fromEntries([...b.services.values()].map((s) => [s.id, s.rules])),
    rosters: b.rosters,
  };
}
