import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ApiError,
  BranchInfo,
  BranchListItem,
  BranchListQuery,
  BranchParams,
  CommandResult,
  CustomerProfileView,
  IssueTicketBody,
  IssuedTicket,
  ChangePasswordBody,
  LoginBody,
  LogoutBody,
  Me,
  NoticeChoices,
  NotifyChannels,
  NotifyContactBody,
  PushSubscribeBody,
  PushUnsubscribeBody,
  VapidPublicKey,
  ServiceQueueView,
  SignageSnapshot,
  StaffCommand,
  StaffQueueSnapshot,
  TicketParams,
  TicketView,
  TokenParams,
  WalkInHours,
} from '@tellerline/contracts';
import { WINDOW_LIMITS } from './middleware/retry-after.js';
import { registerAssistantPaths } from './routes/assistant.routes.js';
import { registerBookingPaths } from './routes/booking.routes.js';
import { registerDevicePaths } from './routes/device.routes.js';
import { registerTeamPaths } from './routes/team.routes.js';
import { registerSurveyPaths } from './routes/survey.routes.js';
import { registerServiceRecordPaths } from './routes/service-record.routes.js';
import { registerKpiPaths } from './routes/kpi.routes.js';
import { registerAuditPaths } from './routes/audit.routes.js';
import { registerHistoryConsentPaths } from './routes/history-consent.routes.js';
import { registerContactCheckPaths } from './routes/contact-check.routes.js';
import { ManifestQuery } from './routes/ticket-manifest.js';
import { registerSetupPaths } from './routes/setup.routes.js';
import { registerReadinessPaths } from './routes/readiness.routes.js';
import { TOKEN_ROUTES } from './middleware/token-probes.js';
import { TOKEN_LOOKUPS_IN_FLIGHT, TOKEN_MISS_WINDOW_SEC, TOKEN_MISSES_PER_WINDOW } from '../auth/token-probe-limiter.js';

const ok = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({ data: schema }) } },
});
const refused = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
/** A fixed-window limit says when the window allows again (the notices' per-ticket caps are no window). */
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds until the limit allows another attempt', schema: { type: 'integer' as const, minimum: 1 } } };
const windowed = (description: string) => ({ ...refused(description), headers: RETRY_AFTER });
/** The shared list: what the edges can answer (some a route never does, e.g. 413 without a body). */
const errors = {
  400: refused('VALIDATION_FAILED'),
  401: refused('UNAUTHENTICATED / INVALID_CREDENTIALS / SESSION_EXPIRED / ACCOUNT_DEACTIVATED'),
  403: refused('FORBIDDEN / ORIGIN_NOT_ALLOWED / PASSWORD_CHANGE_REQUIRED (signed in with a temporary password: change it first)'),
  408: refused('REQUEST_TIMEOUT (the headers did not arrive in time)'),
  409: refused('The queue refuses the command (engine code)'),
  413: refused('PAYLOAD_TOO_LARGE (a JSON body over the size limit)'),
  429: refused('RATE_LIMITED'),
  431: refused('REQUEST_TOO_LARGE (the request line and headers, e.g. a long query string, over 16 KB)'),
  500: refused('INTERNAL (nothing was changed)'),
  503: refused('BUSY_RETRY (the branch is very busy; send again)'),
};
const STORE_AWAY = 'TEMPORARILY_UNAVAILABLE (the queue store is reconnecting; try again after the Retry-After header, seconds)';
const TOKEN_PROBES = `RATE_LIMITED (this address asked for ${TOKEN_MISSES_PER_WINDOW} unknown tickets, appointments or links in ${TOKEN_MISS_WINDOW_SEC / 60} minutes, or has ${TOKEN_LOOKUPS_IN_FLIGHT} lookups running: every token lookup from it is refused until the Retry-After header, seconds; an IPv6 caller by its /64)`;
const DEVICE_PROBES = `RATE_LIMITED (details.cause unknown-device-tokens: this address presented ${TOKEN_MISSES_PER_WINDOW} unknown device tokens in ${TOKEN_MISS_WINDOW_SEC / 60} minutes, or has ${TOKEN_LOOKUPS_IN_FLIGHT} lookups running: a device token this server has not yet found valid is refused until the Retry-After header, seconds)`;
/** The routes that read `Authorization: Bearer <device token>` (DeviceAuth.verifyFrom), the branch list's optional one included. */
const DEVICE_ROUTES = [
  { method: 'get', path: '/api/v1/branches' },
  { method: 'get', path: '/api/v1/branches/{branchId}/signage' },
  { method: 'post', path: '/api/v1/branches/{branchId}/tickets' },
  { method: 'post', path: '/api/v1/branches/{branchId}/check-in' },
  { method: 'post', path: '/api/v1/branches/{branchId}/arrive' },
  { method: 'get', path: '/api/v1/devices/me' },
] as const;
const branchUnknown = { 404: refused('BRANCH_UNKNOWN') };
const ticketUnknown = { 404: refused('NOT_FOUND (no ticket has this token)') };
const json = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
/** The served document itself: not wrapped in `data`, and described here only by its top level. */
const OpenApiDocument = z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

/**
 * Adds what the edges answer whatever the route, including those registered elsewhere (the
 * booking paths): any JSON body can be too large (json-body.ts), any handler can fail, and a
 * booking limit is a fixed window whose 429 carries Retry-After (middleware/retry-after.ts).
 */
class EdgeRegistry extends OpenAPIRegistry {
  override registerPath(route: RouteConfig): void {
    const responses = { ...route.responses };
    if (route.request?.body && !responses[413]) responses[413] = errors[413];
    if (!responses[500]) responses[500] = errors[500];
    // Any route that reads the queue, a session or a limit meets Redis being away for a moment.
    const busy = responses[503] as { description?: string } | undefined;
    responses[503] = refused(busy?.description ? `${busy.description} / ${STORE_AWAY}` : STORE_AWAY);
    // The public token routes refuse an address that asked for too many unknown tokens (middleware/token-probes.ts).
    if (TOKEN_ROUTES.test(route.path)) {
      const other = (responses[429] as { description?: string } | undefined)?.description;
      responses[429] = windowed(other ? `${other} / ${TOKEN_PROBES}` : TOKEN_PROBES);
    }
    if (DEVICE_ROUTES.some((d) => d.method === route.method && d.path === route.path)) {
      const other = (responses[429] as { description?: string } | undefined)?.description;
      responses[429] = windowed(other ? `${other} / ${DEVICE_PROBES}` : DEVICE_PROBES);
    }
    const limited = responses[429];
    if (limited && !('headers' in limited && limited.headers) && WINDOW_LIMITS.some((w) => w.method === route.method && w.path === route.path)) {
      responses[429] = { ...limited, headers: RETRY_AFTER };
    }
    super.registerPath({ ...route, responses });
  }
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApi(): object {
  const r = new EdgeRegistry();
  r.registerPath({ method: 'get', path: '/api/v1/openapi.json', responses: { 200: { description: 'This document', content: { 'application/json': { schema: OpenApiDocument } } } } });
  r.registerPath({ method: 'post', path: '/api/v1/auth/login', request: json(LoginBody), responses: { 200: ok(Me, 'Signed in; sets the tl_sid cookie'), ...errors, 429: windowed('RATE_LIMITED: too many attempts for this username from this address, or from this address at any usernames (20 a minute, 100 an hour; an IPv6 caller by its /64)') } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/auth/logout',
    request: json(LogoutBody),
    responses: { 200: ok(z.object({ ok: z.boolean() }), 'Signed off the counter and signed out (409 STAFF_BUSY while holding a customer, unless finishHeld)'), ...errors },
  });
  r.registerPath({ method: 'get', path: '/api/v1/auth/me', responses: { 200: ok(Me, 'Who is signed in (also with a temporary password: mustChangePassword)'), ...errors } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/auth/password',
    description: "Changes one's own password (at least 10 characters; not the username, the demo password or the current one). Every other session of the account ends. The way out of a temporary password. Audited as change-password.",
    request: json(ChangePasswordBody),
    responses: {
      200: ok(Me, 'Changed'),
      ...errors,
      403: refused('WRONG_PASSWORD (the current password is not right) / ORIGIN_NOT_ALLOWED'),
      422: refused('WEAK_PASSWORD (details.reason: too-short, too-simple, same-as-username, demo-password, same-as-current; details.min)'),
      429: windowed('RATE_LIMITED: too many tries at the current password from this address'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches',
    description:
      'Branches, by code. A branch in preparation (`customersOpen` false) is listed only to signed-in staff and to a paired device of that branch (`Authorization: Bearer`); `?bookable=true` lists only branches in service, open to customers, with a bookable service.',
    request: { query: BranchListQuery },
    responses: { 200: ok(z.array(BranchListItem), 'Branches, by code') },
  });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}', request: { params: BranchParams }, responses: { 200: ok(BranchInfo, 'A branch'), ...errors, ...branchUnknown } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/queue', request: { params: BranchParams }, responses: { 200: ok(z.array(ServiceQueueView), 'Waiting counts and wait ranges'), ...errors, ...branchUnknown } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/signage', request: { params: BranchParams }, responses: { 200: ok(SignageSnapshot, 'Signage snapshot (device token)'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/staff-queue', request: { params: BranchParams }, responses: { 200: ok(StaffQueueSnapshot, 'The live queue for staff'), ...errors, ...branchUnknown } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/commands',
    request: { params: BranchParams, ...json(StaffCommand) },
    responses: {
      200: ok(CommandResult, 'Command applied (issue-ticket: `issued` holds the ticket and its phone-page token). With a `commandId` already committed (within 15 min) by the same user with the same command: the first answer again, nothing decided or audited'),
      ...errors,
      ...branchUnknown,
      409: refused('The queue refuses the command (engine code), e.g. COUNTER_NOT_SKILLED / COUNTER_PAUSED / COUNTER_UNSTAFFED (a transfer to a counter whose colleague would not call the ticket), PRIORITY_NOT_RAISED; COMMAND_ID_REUSED (the commandId was used for another command or by another user)'),
      422: refused('UNKNOWN_COUNTER / UNKNOWN_SERVICE / UNKNOWN_STAFF / SERVICE_APPOINTMENT_ONLY (the command names something the branch does not have, or a service by appointment only)'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/tickets/{ticketId}/profile',
    request: { params: TicketParams },
    responses: {
      200: ok(CustomerProfileView, "The customer behind a ticket, for the staff member holding it (called or serving) only; audited. Earlier visits, their records and the customer's needs only when the customer agreed to keep a visit history (`customer.historyKept`); otherwise `visits` holds the current visit alone"),
      ...errors,
      403: refused('FORBIDDEN (not your branch, or not the staff member holding this ticket) / ORIGIN_NOT_ALLOWED'),
      404: refused('UNKNOWN_TICKET (finished or never existed)'),
    },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/tickets',
    request: { params: BranchParams, ...json(IssueTicketBody) },
    responses: {
      200: ok(IssuedTicket, 'A retry of an answered request (same requestId and body): the ticket it issued'),
      201: ok(IssuedTicket, 'Ticket issued (kiosk device token); always of class normal'),
      ...errors,
      403: refused('FORBIDDEN (a kiosk of another branch) / PRIORITY_NOT_ALLOWED (priority other than normal: only staff give priority, at the Lobby card)'),
      429: refused('RATE_LIMITED (this kiosk issued KIOSK_ISSUES_PER_MIN tickets in the last minute; Retry-After)'),
      409: refused('BRANCH_CLOSED (outside the hours, less walkInEarlyMin before opening; error.details: BranchClosedDetails) / REQUEST_ID_REUSED / the queue refuses (engine code)'),
      422: refused('UNKNOWN_SERVICE / SERVICE_APPOINTMENT_ONLY (a service by appointment only)'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/walk-in-hours',
    request: { params: BranchParams },
    responses: { 200: ok(WalkInHours, 'Whether the kiosk and the remote queue issue walk-in tickets now; if not, why and the next opening'), ...errors, ...branchUnknown },
  });
  r.registerPath({ method: 'get', path: '/api/v1/tickets/{token}', request: { params: TokenParams }, responses: { 200: ok(TicketView, 'The phone page'), ...errors, ...ticketUnknown } });
  r.registerPath({ method: 'get', path: '/api/v1/tickets/{token}/manifest.webmanifest', request: { params: TokenParams, query: ManifestQuery }, responses: { 200: { description: 'The ticket page\'s web app manifest (application/manifest+json): installed, it opens this ticket' }, ...errors, 404: refused('NOT_FOUND (no ticket has this token)') } });
  r.registerPath({ method: 'post', path: '/api/v1/tickets/{token}/cancel', request: { params: TokenParams }, responses: { 200: ok(z.object({ seq: z.number(), status: z.string() }), 'Cancelled'), ...errors, 404: refused('NOT_FOUND (no ticket has this token) / UNKNOWN_TICKET (it has left the queue)'), 409: refused('TICKET_NOT_WAITING (already called or being served)') } });
  registerBookingPaths(r);
  registerContactCheckPaths(r);
  registerDevicePaths(r);
  registerTeamPaths(r);
  registerSurveyPaths(r);
  registerServiceRecordPaths(r);
  registerHistoryConsentPaths(r);
  registerAssistantPaths(r);
  registerKpiPaths(r);
  registerAuditPaths(r);
  registerSetupPaths(r);
  registerReadinessPaths(r);
  const notices = { ...errors, ...ticketUnknown, 409: refused('TICKET_FINISHED / TICKET_NOT_WAITING (no more notices are needed)'), 422: refused('CHANNEL_UNAVAILABLE (not set up on this installation)') };
  r.registerPath({ method: 'get', path: '/api/v1/push/vapid-public-key', responses: { 200: ok(VapidPublicKey, 'applicationServerKey for pushManager.subscribe'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/notify/channels', responses: { 200: ok(NotifyChannels, 'Notice channels this installation offers') } });
  r.registerPath({ method: 'post', path: '/api/v1/tickets/{token}/push', request: { params: TokenParams, ...json(PushSubscribeBody) }, responses: { 201: ok(z.object({ id: z.string() }), 'Web push on for this device'), ...notices, 429: refused('RATE_LIMITED (too many devices for this ticket)') } });
  r.registerPath({ method: 'delete', path: '/api/v1/tickets/{token}/push', request: { params: TokenParams, ...json(PushUnsubscribeBody) }, responses: { 200: ok(z.object({ removed: z.boolean() }), 'Web push off for this device'), ...notices } });
  r.registerPath({ method: 'get', path: '/api/v1/tickets/{token}/notify', request: { params: TokenParams }, responses: { 200: ok(NoticeChoices, 'What the ticket will be told, and where'), ...notices } });
  r.registerPath({ method: 'post', path: '/api/v1/tickets/{token}/notify', request: { params: TokenParams, ...json(NotifyContactBody) }, responses: { 201: ok(z.object({ id: z.string(), channel: z.string(), addressMasked: z.string() }), 'E-mail or SMS notices on (consent required)'), ...notices, 429: refused('RATE_LIMITED (too many contacts for this ticket)') } });
  r.registerPath({ method: 'delete', path: '/api/v1/tickets/{token}/notify', request: { params: TokenParams }, responses: { 200: ok(z.object({ removed: z.number() }), 'E-mail and SMS notices off'), ...notices } });
  return new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Tellerline API', version: '1', description: 'Queue management for bank branches. Errors are { error: { code, message } } with stable codes.' },
  });
}
