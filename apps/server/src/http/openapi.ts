import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ApiError,
  AuditQuery,
  BranchInfo,
  BranchParams,
  CommandResult,
  IssueTicketBody,
  IssuedTicket,
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
  TicketView,
  TokenParams,
} from '@tellerline/contracts';
import { registerBookingPaths } from './routes/booking.routes.js';

const ok = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({ data: schema }) } },
});
const errors = {
  400: { description: 'VALIDATION_FAILED', content: { 'application/json': { schema: ApiError } } },
  401: { description: 'UNAUTHENTICATED / INVALID_CREDENTIALS / SESSION_EXPIRED', content: { 'application/json': { schema: ApiError } } },
  403: { description: 'FORBIDDEN / ORIGIN_NOT_ALLOWED', content: { 'application/json': { schema: ApiError } } },
  409: { description: 'The queue refuses the command (engine code)', content: { 'application/json': { schema: ApiError } } },
};
const json = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApi(): object {
  const r = new OpenAPIRegistry();
  r.registerPath({ method: 'post', path: '/api/v1/auth/login', request: json(LoginBody), responses: { 200: ok(Me, 'Signed in; sets the tl_sid cookie'), ...errors } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/auth/logout',
    request: json(LogoutBody),
    responses: { 200: ok(z.object({ ok: z.boolean() }), 'Signed off the counter and signed out (409 STAFF_BUSY while holding a customer, unless finishHeld)'), ...errors },
  });
  r.registerPath({ method: 'get', path: '/api/v1/auth/me', responses: { 200: ok(Me, 'Who is signed in'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/branches', responses: { 200: ok(z.array(BranchInfo), 'Branches') } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}', request: { params: BranchParams }, responses: { 200: ok(BranchInfo, 'A branch'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/queue', request: { params: BranchParams }, responses: { 200: ok(z.array(ServiceQueueView), 'Waiting counts and wait ranges'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/signage', request: { params: BranchParams }, responses: { 200: ok(SignageSnapshot, 'Signage snapshot (device token)'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/staff-queue', request: { params: BranchParams }, responses: { 200: ok(StaffQueueSnapshot, 'The live queue for staff'), ...errors } });
  r.registerPath({ method: 'post', path: '/api/v1/branches/{branchId}/commands', request: { params: BranchParams, ...json(StaffCommand) }, responses: { 200: ok(CommandResult, 'Command applied'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/audit', request: { params: BranchParams, query: AuditQuery }, responses: { 200: ok(z.array(z.unknown()), 'Audit log, newest first'), ...errors } });
  r.registerPath({ method: 'post', path: '/api/v1/branches/{branchId}/tickets', request: { params: BranchParams, ...json(IssueTicketBody) }, responses: { 201: ok(IssuedTicket, 'Ticket issued (kiosk device token); 422 SERVICE_APPOINTMENT_ONLY for a service by appointment only'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/tickets/{token}', request: { params: TokenParams }, responses: { 200: ok(TicketView, 'The phone page'), ...errors } });
  r.registerPath({ method: 'post', path: '/api/v1/tickets/{token}/cancel', request: { params: TokenParams }, responses: { 200: ok(z.object({ seq: z.number(), status: z.string() }), 'Cancelled'), ...errors } });
  registerBookingPaths(r);
  r.registerPath({ method: 'get', path: '/api/v1/push/vapid-public-key', responses: { 200: ok(VapidPublicKey, 'applicationServerKey for pushManager.subscribe'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/notify/channels', responses: { 200: ok(NotifyChannels, 'Notice channels this installation offers') } });
  r.registerPath({ method: 'post', path: '/api/v1/tickets/{token}/push', request: { params: TokenParams, ...json(PushSubscribeBody) }, responses: { 201: ok(z.object({ id: z.string() }), 'Web push on for this device'), ...errors } });
  r.registerPath({ method: 'delete', path: '/api/v1/tickets/{token}/push', request: { params: TokenParams, ...json(PushUnsubscribeBody) }, responses: { 200: ok(z.object({ removed: z.boolean() }), 'Web push off for this device'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/tickets/{token}/notify', request: { params: TokenParams }, responses: { 200: ok(NoticeChoices, 'What the ticket will be told, and where'), ...errors } });
  r.registerPath({ method: 'post', path: '/api/v1/tickets/{token}/notify', request: { params: TokenParams, ...json(NotifyContactBody) }, responses: { 201: ok(z.object({ id: z.string(), channel: z.string(), addressMasked: z.string() }), 'E-mail or SMS notices on (consent required)'), ...errors } });
  r.registerPath({ method: 'delete', path: '/api/v1/tickets/{token}/notify', request: { params: TokenParams }, responses: { 200: ok(z.object({ removed: z.number() }), 'E-mail and SMS notices off'), ...errors } });
  return new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Tellerline API', version: '1', description: 'Queue management for bank branches. Errors are { error: { code, message } } with stable codes.' },
  });
}
