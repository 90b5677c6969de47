import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Context } from 'koa';
import { z } from 'zod';
import {
  ApiError,
  AppointmentView,
  ArrivalResult,
  ArriveBody,
  BookAppointmentBody,
  BookedAppointment,
  BookingInfo,
  BookingSettingsBody,
  BookingSettingsPatchBody,
  BookingSettingsView,
  BranchParams,
  BranchScenarioQuery,
  BranchScenarioView,
  CheckInBody,
  CheckInResult,
  DayQuery,
  IssuedTicket,
  ManageTokenParams,
  PunctualityQuery,
  PunctualityView,
  RemoteTicketBody,
  RescheduleBody,
  SlotParams,
  SlotsQuery,
  SlotsView,
  StaffAppointmentsView,
  knownAuditDetails,
  type KnownAuditDetails,
} from '@tellerline/contracts';
import { HOLD_GRACE_MIN } from '@tellerline/engine';
import type { AuditEntry, AuditLog, AuthDevice } from '../../auth/ports.js';
import type { DeviceAuth } from '../../auth/device-auth.js';
import type { SessionStore } from '../../auth/sessions.js';
import { AppError, parse } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Actor } from '../../usecases/branch-commands.js';
import type { Booking } from '../../usecases/booking.js';
import { actorOf, requireDevice, requireStaff, requireStaffAt } from '../middleware/auth.js';
import { readJson } from '../middleware/json-body.js';
import { createAuditThrottle } from '../audit-throttle.js';
import { KIOSK_GUESS_WINDOW_SEC, KIOSK_GUESSES_MAX } from '../../usecases/kiosk-guesses.js';

/** A staff member's repeated looks at one day's appointments are audited once per this window. */
const LOOK_AUDIT_WINDOW_MS = 15 * 60_000;

export interface BookingRouteDeps {
  booking: Booking;
  sessions: SessionStore;
  deviceAuth: DeviceAuth;
  audit: AuditLog;
  bodyLimitBytes: number;
}

const customer = (ctx: Context): Actor => ({ userId: null, role: 'customer', ip: ctx.ip, userAgent: ctx.get('user-agent') || null });

function kioskOf(ctx: Context, branchId: string): Actor {
  const device = ctx.state.device as AuthDevice;
  if (device.branchId !== branchId) throw new AppError('FORBIDDEN', 'This kiosk belongs to another branch');
  return { userId: null, role: `device:${device.id}`, ip: ctx.ip, userAgent: ctx.get('user-agent') || null };
}

/**
 * Booking page (public, the manage token is the only key to an appointment), kiosk check-in and
 * arrival (device token), the staff day list (session), booking settings (manager, admin), and
 * the remote queue (public, rate-limited per IP). Thin: parse, authorize, call, present.
 */
export function bookingRoutes(deps: BookingRouteDeps): Router {
  const { booking } = deps;
  const router = new Router({ prefix: '/api/v1' });
  const kiosk = requireDevice(deps.deviceAuth, ['kiosk']);
  const body = (ctx: Context) => readJson(ctx, deps.bodyLimitBytes);
  const looks = createAuditThrottle(LOOK_AUDIT_WINDOW_MS);
  // The answer does not wait on (or fail with) the audit log: what was done is done. A failed
  // append is logged with what it would have recorded, so the record is not lost without a trace.
  const audit = <D extends object>(ctx: Context, actor: Actor, action: AuditEntry['action'], branchId: string, details: KnownAuditDetails<D>) =>
    deps.audit.append({ ...actor, action, branchId, ticketId: null, details: knownAuditDetails(details) }).catch((err: unknown) => {
      (ctx.state.log as Logger | undefined)?.error({ err, action, branchId, userId: actor.userId, details }, 'audit append failed');
    });

  router.get('/branches/:branchId/booking', async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    ctx.body = { data: await booking.views.info(branchId) };
  });

  router.get('/branches/:branchId/services/:serviceId/slots', async (ctx) => {
    const { branchId, serviceId } = parse(SlotParams, ctx.params);
    const q = parse(SlotsQuery, ctx.query);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await booking.views.slots(branchId, serviceId, q) };
  });

  router.get('/branches/:branchId/booking/settings', requireStaff(deps.sessions, ['admin', 'manager']), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    ctx.body = { data: await booking.manage.settings(branchId) };
  });

  router.get('/branches/:branchId/booking/punctuality', requireStaff(deps.sessions, ['admin', 'manager']), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const q = parse(PunctualityQuery, ctx.query);
    ctx.body = { data: await booking.views.punctuality(branchId, q) };
  });

  router.get('/branches/:branchId/simulation/scenario', requireStaff(deps.sessions, ['admin', 'manager']), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const q = parse(BranchScenarioQuery, ctx.query);
    ctx.body = { data: await booking.views.scenario(branchId, q) };
  });

  router.put('/branches/:branchId/booking/settings', requireStaff(deps.sessions, ['admin', 'manager']), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const update = parse(BookingSettingsBody, await body(ctx));
    const { view, changes } = await booking.manage.saveSettings(branchId, update, actorOf(ctx));
    // A save that changed nothing (an empty body, the rules as they were) leaves no audit row.
    if (changes.parts.length > 0) await audit(ctx, actorOf(ctx), 'booking-settings', branchId, { ...changes });
    ctx.body = { data: view };
  });

  /** Only the fields given (the set-up screen's early window): never overwrites the booking rules. */
  router.patch('/branches/:branchId/booking/settings', requireStaff(deps.sessions, ['admin', 'manager']), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const patch = parse(BookingSettingsPatchBody, await body(ctx));
    const { view, changes } = await booking.manage.patchSettings(branchId, patch);
    if (changes.parts.length > 0) await audit(ctx, actorOf(ctx), 'booking-settings', branchId, { ...changes });
    ctx.body = { data: view };
  });

  /** Idempotent by `requestId` (24 h); limited per caller IP and per phone number / e-mail address (RATE_LIMITED). */
  router.post('/appointments', async (ctx) => {
    const input = parse(BookAppointmentBody, await body(ctx));
    const { booked, replayed } = await booking.requests.book(input, ctx.ip);
    if (!replayed) await audit(ctx, customer(ctx), 'book-appointment', booked.branchId, { code: booked.code, startsAt: booked.startsAt });
    // A replay answers exactly as the first time did.
    ctx.status = 201;
    if (replayed) ctx.set('idempotent-replayed', 'true');
    ctx.body = { data: booked };
  });

  router.get('/appointments/:manageToken', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await booking.views.view(manageToken) };
  });

  router.get('/appointments/:manageToken/slots', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    const q = parse(SlotsQuery, ctx.query);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await booking.views.rescheduleSlots(manageToken, q) };
  });

  router.post('/appointments/:manageToken/reschedule', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    const { startsAt } = parse(RescheduleBody, await body(ctx));
    const moved = await booking.manage.reschedule(manageToken, startsAt);
    await audit(ctx, customer(ctx), 'reschedule-appointment', moved.branchId, { code: moved.code, startsAt: moved.startsAt });
    ctx.body = { data: moved };
  });

  router.post('/appointments/:manageToken/cancel', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    const cancelled = await booking.manage.cancel(manageToken);
    await audit(ctx, customer(ctx), 'cancel-appointment', cancelled.branchId, { code: cancelled.code });
    ctx.body = { data: cancelled };
  });

  router.get('/appointments/:manageToken/ics', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    const ics = await booking.views.ics(manageToken);
    ctx.set('cache-control', 'no-store');
    ctx.set('content-disposition', 'attachment; filename="appointment.ics"');
    ctx.type = 'text/calendar; charset=utf-8';
    ctx.body = ics;
  });

  /** Phone check-in ("I am here"; or the start of a video/phone appointment). */
  router.post('/appointments/:manageToken/check-in', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    ctx.body = { data: await booking.arrival.byManageToken(manageToken, customer(ctx)) };
  });

  router.post('/branches/:branchId/check-in', kiosk, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const actor = kioskOf(ctx, branchId);
    const input = parse(CheckInBody, await body(ctx));
    ctx.body = { data: 'code' in input ? await booking.arrival.byCode(branchId, input.code, actor) : await booking.arrival.byManageTokenAtKiosk(branchId, input.manageToken, actor) };
  });

  router.get('/branches/:branchId/appointments', requireStaff(deps.sessions), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const { day } = parse(DayQuery, ctx.query);
    const list = await booking.views.staffDay(branchId, day);
    // Names and phone numbers: who looked is recorded (once per window: the panel refreshes it).
    const actor = actorOf(ctx);
    if (looks.due(`${actor.userId}|${branchId}|${list.day}`)) await audit(ctx, actor, 'view-appointments', branchId, { day: list.day });
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: list };
  });

  router.post('/branches/:branchId/remote-tickets', async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const input = parse(RemoteTicketBody, await body(ctx));
    ctx.status = 201;
    ctx.body = { data: await booking.remote.join(branchId, input, ctx.ip, customer(ctx)) };
  });

  router.post('/branches/:branchId/arrive', kiosk, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const actor = kioskOf(ctx, branchId);
    const input = parse(ArriveBody, await body(ctx));
    const arrived = await booking.remote.arrive(branchId, input, actor);
    // Who confirmed whom: the staff list shows the arrival, so how it came about is on record.
    await deps.audit
      .append({ ...actor, action: 'remote-arrival', branchId, ticketId: arrived.ticketId, details: { number: arrived.number } })
      .catch((err: unknown) => (ctx.state.log as Logger | undefined)?.error({ err, action: 'remote-arrival', branchId, ticketId: arrived.ticketId }, 'audit append failed'));
    ctx.body = { data: arrived };
  });

  return router;
}

/** The booking endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerBookingPaths(r: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: schema }) } } });
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const json = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
  const bad = { 400: refused('VALIDATION_FAILED'), 404: refused('BRANCH_UNKNOWN / APPOINTMENT_NOT_FOUND / UNKNOWN_TICKET') };
  const slotCodes = refused('SLOT_FULL / SLOT_UNAVAILABLE / SLOT_TOO_SOON / SLOT_TOO_FAR / BOOKING_LIMIT / OVERLAPPING_BOOKING / APPOINTMENT_CANCELLED / APPOINTMENT_MISSED / APPOINTMENT_CHECKED_IN / BRANCH_INACTIVE / BRANCH_NOT_OPEN (in preparation: no new bookings or moves; bookings already made stay valid)');
  const checkInCodes = refused('CHECK_IN_TOO_EARLY (error.details: CheckInTooEarlyDetails { opensAt, opensAtLocal }) / CHECK_IN_CLOSED / APPOINTMENT_CANCELLED / APPOINTMENT_MISSED / TICKET_ENDED (checked in before, and that visit is over: error.details.number, .status done | cancelled | no-show)');
  const token = { params: ManageTokenParams };
  // The manager screens' routes need a staff session (401 without one) of a manager or admin of
  // the branch (403 otherwise); the staff day list, any staff member of the branch.
  const signedIn = { 401: refused('UNAUTHENTICATED / SESSION_EXPIRED') };
  const managers = { ...signedIn, 403: refused('FORBIDDEN (not a manager or admin, or not their branch)') };
  const staff = { ...signedIn, 403: refused('FORBIDDEN (not their branch)') };
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/booking', request: { params: BranchParams }, responses: { 200: ok(BookingInfo, 'Bookable services and rules'), ...bad } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/services/{serviceId}/slots', request: { params: SlotParams, query: SlotsQuery }, responses: { 200: ok(SlotsView, 'Free slots per local day'), ...bad, 403: refused('BOOKING_OFF'), 409: refused('BRANCH_INACTIVE / BRANCH_NOT_OPEN (the branch is in preparation)'), 422: refused('UNKNOWN_SERVICE / SERVICE_NOT_BOOKABLE') } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/booking/settings', request: { params: BranchParams }, responses: { 200: ok(BookingSettingsView, 'Booking settings (manager, admin)'), ...bad, ...managers } });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/booking/punctuality',
    description: `Per service, booked customers who kept their slot and were called over the branch's last \`days\` business days (today included), and how many were called within ${HOLD_GRACE_MIN} minutes of max(booked time, check-in); \`goal\` is the share to reach.`,
    request: { params: BranchParams, query: PunctualityQuery },
    responses: { 200: ok(PunctualityView, 'Appointment punctuality per service (manager, admin)'), ...bad, ...managers },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/simulation/scenario',
    description:
      "A simulator scenario of one weekday at this branch, built from its last `days` business days (today included): walk-ins per service and opening hour and appointments per hour of their slot (averaged over that weekday's dates with tickets), measured service times (the configured ones until a service has 3), each colleague's roster for that weekday with their skills, the no-show rate and lateness. Save `data.scenario` as a file and run `npm run simulate -- --scenario <file>` (add `--staffing` or `--booking` for the what-ifs). No customer data. 422 NO_HISTORY / CLOSED_THAT_DAY when there is nothing to build it from.",
    request: { params: BranchParams, query: BranchScenarioQuery },
    responses: { 200: ok(BranchScenarioView, 'The scenario (manager, admin)'), ...bad, ...managers, 422: refused('NO_HISTORY / CLOSED_THAT_DAY') },
  });
  r.registerPath({
    method: 'put',
    path: '/api/v1/branches/{branchId}/booking/settings',
    description:
      'Saves booking rules (manager, admin); each part given replaces what is stored. Send the `version` read (BookingSettingsView.version; required, 400 VALIDATION_FAILED on `version` without it): when another save came since, nothing is saved and the answer is 409 STALE_SETTINGS with `details.current`, the settings stored now. All or nothing: when the live queue refuses the new service rules (409 CONFIG_CONFLICT, 503 BUSY_RETRY) nothing is saved. A service must take walk-ins, bookings or both (422 SERVICE_UNREACHABLE, with `issues` on its `walkIns` and `bookable`). A closure added over visits still booked and not yet over is refused (409 CLOSURE_HAS_BOOKINGS, `details`: ClosureHasBookingsDetails, how many per closure) unless `cancelBookings: true` confirms them: then they are cancelled by the branch in the same transaction as the save, each customer is told in their language (the branch is closed then, the reason given) with the link to book again, and the audit records how many.',
    request: { params: BranchParams, ...json(BookingSettingsBody) },
    responses: {
      200: ok(BookingSettingsView, 'Saved: the rules now in force'),
      ...bad,
      ...managers,
      409: refused('STALE_SETTINGS (another save came since `version`; error.details.current: BookingSettingsView) / CLOSURE_HAS_BOOKINGS (closures added take booked visits; error.details: ClosureHasBookingsDetails; nothing saved) / CONFIG_CONFLICT (the live queue refuses the change, e.g. work still open on a removed service; nothing saved)'),
      422: refused('UNKNOWN_SERVICE (not an active service of the branch) / UNKNOWN_STAFF (not active at the branch) / SERVICE_UNREACHABLE / CLOSURE_IN_PAST (a closure added that ends before today at the branch) / CLOSURES_OVERLAP (a closure added that takes a day another one takes)'),
      503: refused('BUSY_RETRY (the live queue was too busy to take the change; nothing saved)'),
    },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/branches/{branchId}/booking/settings',
    description:
      'Changes only the branch settings fields given (manager, admin), read and written with no other save in between: service rules, rosters, closures and the other fields stay as stored. `expected` holds the value the screen showed for each field changed (required, 400 VALIDATION_FAILED on `expected.<field>` without it); a field stored otherwise now refuses it with 409 STALE_SETTINGS and `details.current`.',
    request: { params: BranchParams, ...json(BookingSettingsPatchBody) },
    responses: { 200: ok(BookingSettingsView, 'Saved: the settings now in force'), ...bad, ...managers, 409: refused('STALE_SETTINGS (error.details.current: BookingSettingsView)') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/appointments',
    description:
      'Books a slot. Send a `requestId` (8-64 of A-Z a-z 0-9 _ -) chosen per confirm tap and resent on retries: for 24 h the same key with the same body answers 201 with the booking already made (same code and manage token; header `idempotent-replayed: true`), even when the slot has filled since; the same key with a different body is refused with 409 REQUEST_ID_REUSED. Booking attempts are limited per caller IP (an IPv6 caller by its /64), and bookings and moves per phone number and per e-mail address (5 in 10 minutes, 10 a day: each sends a confirmation; cancels are not counted), both 429 RATE_LIMITED with Retry-After; replays and refused bookings do not count. At a branch that confirms phone numbers (BookingInfo.phoneCheck), a booking with a phone number carries `phoneCheck` (POST /phone-checks and the texted code); at one that confirms e-mail addresses (BookingInfo.emailCheck), a booking with an e-mail address carries `emailCheck` (POST /email-checks and the mailed code); a replay needs neither.',
    request: json(BookAppointmentBody),
    responses: {
      201: ok(BookedAppointment, 'Booked (or the booking this requestId made)'),
      ...bad,
      403: refused('BOOKING_OFF'),
      409: refused('SLOT_FULL / SLOT_UNAVAILABLE / SLOT_TOO_SOON / SLOT_TOO_FAR / BOOKING_LIMIT / OVERLAPPING_BOOKING / REQUEST_ID_REUSED / BRANCH_INACTIVE / BRANCH_NOT_OPEN (the branch is in preparation)'),
      410: refused('PHONE_CODE_EXPIRED / EMAIL_CODE_EXPIRED (past 10 minutes, used or voided: ask for a new code)'),
      422: refused('UNKNOWN_SERVICE / SERVICE_NOT_BOOKABLE / CHANNEL_NOT_OFFERED / PHONE_CHECK_REQUIRED / PHONE_CODE_WRONG / EMAIL_CHECK_REQUIRED / EMAIL_CODE_WRONG (error.details: ContactCodeWrongDetails { triesLeft }) / PHONE_CHECK_UNAVAILABLE / EMAIL_CHECK_UNAVAILABLE'),
      429: refused('RATE_LIMITED'),
    },
  });
  r.registerPath({ method: 'get', path: '/api/v1/appointments/{manageToken}', request: token, responses: { 200: ok(AppointmentView, 'The manage page'), ...bad } });
  r.registerPath({ method: 'get', path: '/api/v1/appointments/{manageToken}/slots', request: { ...token, query: SlotsQuery }, responses: { 200: ok(SlotsView, 'The times this appointment can move to (itself not counted)'), ...bad, 409: refused('APPOINTMENT_CANCELLED / APPOINTMENT_CHECKED_IN / APPOINTMENT_MISSED / BRANCH_INACTIVE / BRANCH_NOT_OPEN (closed to customers again: the booking stays valid, it cannot move)') } });
  r.registerPath({ method: 'post', path: '/api/v1/appointments/{manageToken}/reschedule', request: { ...token, ...json(RescheduleBody) }, responses: { 200: ok(BookedAppointment, 'Moved'), ...bad, 409: slotCodes, 429: refused('RATE_LIMITED (the contact had 5 bookings or moves in 10 minutes, or 10 in a day; Retry-After)') } });
  r.registerPath({ method: 'post', path: '/api/v1/appointments/{manageToken}/cancel', request: token, responses: { 200: ok(BookedAppointment, 'Cancelled (idempotent)'), ...bad, 409: slotCodes } });
  r.registerPath({ method: 'get', path: '/api/v1/appointments/{manageToken}/ics', request: token, responses: { 200: { description: 'RFC 5545 calendar', content: { 'text/calendar': { schema: z.string() } } }, ...bad } });
  r.registerPath({ method: 'post', path: '/api/v1/appointments/{manageToken}/check-in', request: token, responses: { 200: ok(CheckInResult, 'Checked in from the phone'), ...bad, 409: checkInCodes } });
  const guesses = refused(`RATE_LIMITED (this kiosk sent KIOSK_GUESSES_MAX (${KIOSK_GUESSES_MAX}) codes or tickets that were not found in the last ${KIOSK_GUESS_WINDOW_SEC / 60} minutes; refused, right or wrong, until the Retry-After header, seconds)`);
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/check-in',
    description: `Kiosk (device token). Codes that match no appointment of the branch are counted per kiosk: the ${KIOSK_GUESSES_MAX}th in a ${KIOSK_GUESS_WINDOW_SEC / 60}-minute window (from the first) is answered as usual and audited (\`kiosk-guesses-limited\`); after it every check-in and arrival of that kiosk is refused with 429 until the window ends. Check-ins that find an appointment do not count.`,
    request: { params: BranchParams, ...json(CheckInBody) },
    responses: { 200: ok(CheckInResult, 'Checked in at the kiosk (device token), by the code or a scanned manage link'), ...bad, 409: checkInCodes, 429: guesses },
  });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/appointments', request: { params: BranchParams, query: DayQuery }, responses: { 200: ok(StaffAppointmentsView, "The day's appointments (staff)"), ...bad, ...staff } });
  r.registerPath({ method: 'post', path: '/api/v1/branches/{branchId}/remote-tickets', request: { params: BranchParams, ...json(RemoteTicketBody) }, responses: { 201: ok(IssuedTicket, 'Joined the queue remotely'), ...bad, 403: refused('REMOTE_QUEUE_OFF / PRIORITY_NOT_ALLOWED (only normal tickets are issued remotely)'), 409: refused('BRANCH_CLOSED (outside the hours; error.details: BranchClosedDetails) / BRANCH_INACTIVE / BRANCH_NOT_OPEN (in preparation: the remote queue is for customers; the kiosk still issues)'), 410: refused('PHONE_CODE_EXPIRED / EMAIL_CODE_EXPIRED'), 422: refused('SERVICE_APPOINTMENT_ONLY / PHONE_CHECK_REQUIRED / PHONE_CODE_WRONG / PHONE_CHECK_UNAVAILABLE / EMAIL_CHECK_REQUIRED / EMAIL_CODE_WRONG / EMAIL_CHECK_UNAVAILABLE (as for a booking: at a branch that confirms phone numbers, a contact with one carries `phoneCheck`; at one that confirms e-mail addresses, one with an address carries `emailCheck`; the codes are checked before the per-IP join limit, and a refused one counts against neither it nor the contact)'), 429: refused('RATE_LIMITED') } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/arrive',
    description:
      "Kiosk (device token): a remote-queue customer is in the branch, shown by the ticket token of their phone page (not the ticket number, which the lobby screen shows to everyone). 404 UNKNOWN_TICKET for a token of no ticket in today's queue; these count with the kiosk's wrong check-in codes. 409 CHECK_IN_NOT_NEEDED (error.details.number) for a ticket of today's queue taken in the branch (a paper ticket's QR code held to the scanner), and 409 TICKET_ENDED (error.details.number, .status done | cancelled | no-show) for one of this branch's tickets that has left the queue, and 409 OTHER_BRANCH (error.details: OtherBranchDetails { number, branchName }) for a ticket of another branch: none of these is counted. Audited (`remote-arrival`).",
    request: { params: BranchParams, ...json(ArriveBody) },
    responses: { 200: ok(ArrivalResult, 'Arrival recorded (kiosk device token); a repeat keeps the first time'), ...bad, 409: refused('CHECK_IN_NOT_NEEDED (a ticket taken in the branch; error.details.number) / TICKET_ENDED (left the queue; error.details.number, .status) / OTHER_BRANCH (another branch\'s ticket; error.details: OtherBranchDetails)'), 429: guesses },
  });
}
