import { addressIn, PUNCTUALITY_GOAL, type AppointmentView, type BranchScenarioQuery, type BranchScenarioView, type BookingInfo, type ContactCheckMode, type PunctualityQuery, type PunctualityView, type SlotsView, type StaffAppointmentsView } from '@tellerline/contracts';
import { addDays, formatHm, listSlots, localDateOf, localTimeOf, zonedInstant, type BranchState } from '@tellerline/engine';
import { maskEmail, maskName, maskPhone } from '@tellerline/contracts/input-rules';
import { AppError } from '../errors.js';
import { branchScenario } from './branch-scenario.js';
import type { Appointment, BookingCustomer, BookingStore, CustomerBook, IcsWriter, RoutingSource } from './booking-ports.js';
import { bookableService, type BranchBooking } from './booking-settings.js';
import { assertBooked, presentBooked, type BookingManage } from './booking-manage.js';
import type { Clock, TicketLookup, TicketRecord } from './ports.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

export interface BookingViewDeps {
  manage: BookingManage;
  store: BookingStore;
  customers: CustomerBook;
  tickets: TicketLookup;
  routing: RoutingSource;
  /** The live state of an open branch, null when it is not open. */
  liveState(branchId: string): Promise<BranchState | null>;
  ics: IcsWriter;
  /** What the booking page is told about texted codes for a branch's `verifyPhone` (contact-checks.ts). */
  phoneCheckMode(verifyPhone: boolean): ContactCheckMode;
  /** The same for mailed codes and `verifyEmail`. */
  emailCheckMode(verifyEmail: boolean): ContactCheckMode;
  clock: Clock;
}

/** Staff recognise a number, they do not copy it: all but the last four digits masked (`maskPhone`). */
function maskedPhone(phone: string | null): string | null {
  return phone ? maskPhone(phone) : null;
}

function maskedEmail(email: string | null): string | null {
  return email ? maskEmail(email) : null;
}

/**
 * How the visit stands: the stored state says checked-in until the end, and the ticket says how
 * the visit ended (served, or called while away). Staff and the customer see the same answer.
 */
function visitState(a: Appointment, ticketStatus: TicketRecord['status'] | null): Appointment['state'] {
  return a.state === 'checked-in' && (ticketStatus === 'done' || ticketStatus === 'no-show') ? ticketStatus : a.state;
}

type SlotsQuery = { from?: string | undefined; days: number };

/** Midnight of a local day, as an instant. */
function dayStart(b: BranchBooking, date: string): number {
  return zonedInstant(b.timezone, date, 0, 'boundary')!;
}

export function createBookingViews(deps: BookingViewDeps) {
  const { manage, store, customers, tickets, clock } = deps;

  /** The check-in windows of an appointment: opens, keeps the slot until, closes. */
  async function windows(a: Appointment, b: BranchBooking) {
    const routing = await deps.routing(a.branchId);
    const closesAt = a.startsAt + b.settings.checkInLateMin * MIN;
    return {
      opensAt: a.startsAt - b.settings.checkInEarlyMin * MIN,
      keepsSlotUntil: Math.min(closesAt, a.startsAt + routing.appointmentLateMin * MIN),
      closesAt,
    };
  }

  function customerOf(a: Appointment): Promise<BookingCustomer | null> {
    return a.customerId ? customers.findById(a.customerId) : Promise.resolve(null);
  }

  /** Free slots of a service per local day; `leaveOut`: an appointment not counted (the one being moved). */
  async function slots(branchId: string, serviceId: string, q: SlotsQuery, leaveOut?: string): Promise<SlotsView> {
    const b = await manage.branch(branchId);
    const service = bookableService(b, serviceId);
    const now = clock.now();
    const from = q.from ?? localDateOf(now, b.timezone);
    const around = await store.activeBetween(branchId, dayStart(b, from) - DAY, dayStart(b, addDays(from, q.days)) + DAY);
    const bookings = leaveOut ? around.filter((x) => x.id !== leaveOut) : around;
    const days = listSlots(b.slotInput(bookings), serviceId, { from, days: q.days }, now);
    return {
      branchId,
      serviceId,
      timezone: b.timezone,
      durationMin: service.durationMin,
      days: days.map((d) => ({ date: d.date, closed: d.closed, slots: d.slots.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, time: s.time, remaining: s.remaining })) })),
    };
  }

  return {
    windows,

    async info(branchId: string): Promise<BookingInfo> {
      const b = await manage.branch(branchId);
      const s = b.settings;
      return {
        branchId,
        name: b.name,
        address: b.address,
        timezone: b.timezone,
        enabled: s.enabled,
        remoteQueue: s.remoteQueue && b.customersOpen,
        minNoticeMin: s.minNoticeMin,
        maxDaysAhead: s.maxDaysAhead,
        checkInEarlyMin: s.checkInEarlyMin,
        checkInLateMin: s.checkInLateMin,
        phoneCheck: deps.phoneCheckMode(s.verifyPhone),
        emailCheck: deps.emailCheckMode(s.verifyEmail),
        // Out of service or in preparation: nothing to book (the booking page says so, as for a branch not set up).
        services: [...b.services.values()]
          .filter((x) => b.active && b.customersOpen && x.rules.bookable)
          .map((x) => ({ id: x.id, code: x.code, name: x.name, durationMin: x.durationMin, channels: x.rules.channels, documents: x.documents })),
      };
    },

    slots: (branchId: string, serviceId: string, q: SlotsQuery) => slots(branchId, serviceId, q),

    /**
     * The times an appointment can move to: its service's free slots with the appointment itself
     * left out of the count, so the times around its own slot (which it would otherwise seem to
     * block) are offered, as the move itself allows them.
     */
    async rescheduleSlots(manageToken: string, q: SlotsQuery): Promise<SlotsView> {
      const a = await manage.byToken(manageToken);
      assertBooked(a);
      return slots(a.branchId, a.serviceId, q, a.id);
    },

    async view(manageToken: string): Promise<AppointmentView> {
      const a = await manage.byToken(manageToken);
      const b = await manage.branch(a.branchId);
      const service = b.serviceNamed(a.serviceId);
      const [customer, w, record] = await Promise.all([customerOf(a), windows(a, b), a.ticketId ? tickets.byId(a.ticketId) : null]);
      const local = localTimeOf(a.startsAt, b.timezone);
      // A finished ticket has left the live state: the record has how it ended.
      return {
        ...presentBooked(a),
        state: visitState(a, record?.status ?? null),
        branch: { id: b.branchId, name: b.name, address: b.address, timezone: b.timezone },
        service: { id: a.serviceId, code: service?.code ?? '', name: service?.name ?? { zh: '', en: '' }, documents: service?.documents ?? { zh: [], en: [] } },
        localDate: local.date,
        localTime: formatHm(local.minutes),
        contact: { phoneMasked: maskedPhone(customer?.phone ?? null), emailMasked: maskedEmail(customer?.email ?? null), language: customer?.language ?? 'zh' },
        checkIn: w,
        now: clock.now(),
        ticket: record ? { token: record.token, number: record.number } : null,
        lateArrival: a.lateArrival,
        canReschedule: a.state === 'booked',
        canCancel: a.state === 'booked',
      };
    },

    /** The appointment as an RFC 5545 calendar (a cancelled one as METHOD:CANCEL). */
    async ics(manageToken: string): Promise<string> {
      const a = await manage.byToken(manageToken);
      const b = await manage.branch(a.branchId);
      const customer = await customerOf(a);
      const lang = customer?.language ?? 'zh';
      const service = b.serviceNamed(a.serviceId);
      // A visit to the branch: where to go, so a calendar or map app can find it (escaped by the writer).
      const address = addressIn(b.address, lang);
      const where =
        a.channel === 'branch'
          ? (address ? `${b.name[lang]}, ${address}` : b.name[lang])
          : `${b.name[lang]} (${a.channel === 'video' ? (lang === 'zh' ? '视频' : 'video') : lang === 'zh' ? '电话' : 'phone'})`;
      const docs = service?.documents[lang] ?? [];
      const description = [
        // A visit to the branch: come a little early (see reminderText); video and phone need no kiosk.
        a.channel !== 'branch'
          ? (lang === 'zh' ? '签到码：' : 'Check-in code: ') + a.code
          : lang === 'zh'
            ? `签到码：${a.code}（请提前几分钟到达，在取号机输入）`
            : `Check-in code: ${a.code} (please arrive a few minutes early and enter it at the kiosk)`,
        ...(docs.length ? [(lang === 'zh' ? '请携带：' : 'Please bring: ') + docs.join(lang === 'zh' ? '、' : ', ')] : []),
        ...(a.joinUrl ? [(lang === 'zh' ? '视频链接：' : 'Video link: ') + a.joinUrl] : []),
      ].join('\n');
      return deps.ics(
        {
          uid: `appointment-${a.id}@tellerline`,
          start: a.startsAt,
          end: a.endsAt,
          stamp: clock.now(),
          summary: `${service?.name[lang] ?? ''} · ${b.name[lang]}`,
          description,
          location: where,
          ...(a.joinUrl ? { url: a.joinUrl } : {}),
          sequence: a.version + (a.state === 'cancelled' ? 1 : 0),
          alarmMinutesBefore: 60,
        },
        { method: a.state === 'cancelled' ? 'CANCEL' : 'PUBLISH' },
      );
    },

    /**
     * The day's appointments for staff, as the panel shows them (names masked, no check-in codes:
     * `StaffAppointmentView`), with join details, and today's remote-queue arrivals.
     */
    async staffDay(branchId: string, day?: string): Promise<StaffAppointmentsView> {
      const b = await manage.branch(branchId);
      const date = day ?? localDateOf(clock.now(), b.timezone);
      const list = await store.listStartingBetween(branchId, dayStart(b, date), dayStart(b, addDays(date, 1)));
      const state = await deps.liveState(branchId);
      const appointments = await Promise.all(
        list.map(async (a) => {
          const [customer, record] = await Promise.all([customerOf(a), a.ticketId ? tickets.byId(a.ticketId) : null]);
          const live = a.ticketId ? state?.tickets[a.ticketId] : undefined;
          const ticketStatus = live?.status ?? record?.status ?? null;
          const service = b.serviceNamed(a.serviceId);
          return {
            id: a.id,
            startsAt: a.startsAt,
            endsAt: a.endsAt,
            time: formatHm(localTimeOf(a.startsAt, b.timezone).minutes),
            service: { id: a.serviceId, code: service?.code ?? '', name: service?.name ?? { zh: '', en: '' } },
            state: visitState(a, ticketStatus),
            channel: a.channel,
            name: maskName(customer?.name ?? null),
            phone: a.channel === 'phone' ? (customer?.phone ?? null) : maskedPhone(customer?.phone ?? null),
            joinUrl: a.joinUrl,
            ticket: a.ticketId && ticketStatus ? { id: a.ticketId, number: live?.number ?? record?.number ?? '', status: ticketStatus } : null,
            checkedInAt: a.checkedInAt,
            lateArrival: a.lateArrival,
          };
        }),
      );
      const remote = Object.values(state?.tickets ?? {}).filter((t) => t.kind === 'remote');
      const arrived = await store.arrivals(remote.map((t) => t.id));
      return {
        branchId,
        day: date,
        timezone: b.timezone,
        appointments,
        remoteTickets: remote
          .sort((x, y) => x.joinedAt - y.joinedAt)
          .map((t) => ({ ticketId: t.id, number: t.number, serviceId: t.serviceId, status: t.status, joinedAt: t.joinedAt, arrivedAt: arrived[t.id] ?? null })),
      };
    },

    /**
     * Per service, how many booked customers were called on time over the branch's last
     * `q.days` business days, today (branch time) included: what the booking rules screen
     * shows next to the rules that move it.
     */
    async punctuality(branchId: string, q: PunctualityQuery): Promise<PunctualityView> {
      const b = await manage.branch(branchId);
      const toDay = localDateOf(clock.now(), b.timezone);
      const fromDay = addDays(toDay, 1 - q.days);
      const services = await store.appointmentPunctuality(branchId, fromDay, toDay);
      return { days: q.days, fromDay, toDay, goal: PUNCTUALITY_GOAL, services };
    },

    /** A simulator scenario of one weekday from the branch's recent days (see `branchScenario`). */
    async scenario(branchId: string, q: BranchScenarioQuery): Promise<BranchScenarioView> {
      const b = await manage.branch(branchId);
      return branchScenario(store, b, await this.requireOpen(branchId), clock.now(), q);
    },

    /** Throws unless the branch is open (has a live state). */
    async requireOpen(branchId: string): Promise<BranchState> {
      const state = await deps.liveState(branchId);
      if (!state) throw new AppError('BRANCH_UNKNOWN', 'This branch is not open');
      return state;
    },
  };
}

export type BookingViews = ReturnType<typeof createBookingViews>;
