import Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ApiError,
  BranchAddressUpdateBody,
  BranchDeactivateBody,
  BranchDeactivationView,
  BranchListItem,
  BranchParams,
  BranchPatchBody,
  BranchSetupView,
  CounterParams,
  CounterPatchBody,
  CounterSetupView,
  NewBranchBody,
  NewCounterBody,
  NewServiceBody,
  OpeningHoursUpdateBody,
  ServiceParams,
  ServicePatchBody,
  ServiceSetupView,
  knownAuditDetails,
  type KnownAuditDetails,
} from '@tellerline/contracts';
import type { AuditEntry, AuditLog } from '../../auth/ports.js';
import type { SessionStore } from '../../auth/sessions.js';
import { parse } from '../../errors.js';
import type { BranchSetup, SetupChanges } from '../../usecases/branch-setup.js';
import { actorOf, requireStaff, requireStaffAt } from '../middleware/auth.js';
import { readJson } from '../middleware/json-body.js';

/** Reactivation takes nothing but the branch in the path. */
const EmptyBody = z.strictObject({});

export interface SetupRouteDeps {
  sessions: SessionStore;
  audit: AuditLog;
  setup: BranchSetup;
  bodyLimitBytes: number;
}

/**
 * Setting branches up: admins create (from scratch, or copying another branch) and edit branches;
 * the branch's managers (and admins) read its whole set-up and keep its services, counters,
 * opening hours and address. Every change is audited,
 * with the fields changed (names, minutes, hours: the branch's own configuration, no personal data).
 */
export function setupRoutes(deps: SetupRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1/branches' });
  const admins = requireStaff(deps.sessions, ['admin']);
  const managers = requireStaff(deps.sessions, ['admin', 'manager']);
  const body = (ctx: Context) => readJson(ctx, deps.bodyLimitBytes);
  const audited = <D extends object>(ctx: Context, action: AuditEntry['action'], branchId: string, details: KnownAuditDetails<D>) =>
    deps.audit.append({ ...actorOf(ctx), action, branchId, ticketId: null, details: knownAuditDetails(details) });
  /** An edit that changed nothing leaves no audit row (as a booking rules save). */
  const auditedChanges = async (ctx: Context, action: AuditEntry['action'], branchId: string, subject: { code: string } | { serviceId: string; code: string } | { counterId: string; label: string }, changes: SetupChanges) => {
    if (Object.keys(changes).length > 0) await audited(ctx, action, branchId, { ...subject, changes });
  };

  router.post('/', admins, async (ctx) => {
    const input = parse(NewBranchBody, await body(ctx));
    const { branch, copied } = await deps.setup.createBranch(input);
    // One entry, naming the source of a copy and how much it gave (the rows are the source's own).
    await audited(ctx, 'create-branch', branch.id, {
      code: branch.code,
      name: branch.name,
      timezone: branch.timezone,
      openingHours: branch.openingHours,
      address: branch.address,
      pilot: branch.pilot,
      customersOpen: branch.customersOpen,
      ...(copied && { copiedFrom: { ...copied.source, services: copied.services, counters: copied.counters } }),
    });
    ctx.status = 201;
    ctx.body = { data: branch };
  });

  router.patch('/:branchId', admins, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const input = parse(BranchPatchBody, await body(ctx));
    const { branch, changes } = await deps.setup.updateBranch(branchId, input);
    await auditedChanges(ctx, 'update-branch', branchId, { code: branch.code }, changes);
    ctx.body = { data: branch };
  });

  /** What taking the branch out of service would cancel (the admin's confirmation dialog). */
  router.get('/:branchId/deactivation', admins, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.setup.deactivation(branchId) };
  });

  router.post('/:branchId/deactivate', admins, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const { cancelBookings } = parse(BranchDeactivateBody, await body(ctx));
    const { branch, changed, cancelledBookings } = await deps.setup.deactivateBranch(branchId, cancelBookings === true);
    // Who (the actor), when (the entry's time), which branch, and how many bookings were cancelled
    // (ids, no customer data); a retry that changed nothing and cancelled nothing leaves no entry.
    if (changed || cancelledBookings.length > 0) {
      await audited(ctx, 'deactivate-branch', branchId, { code: branch.code, cancelledBookings: cancelledBookings.length, appointmentIds: cancelledBookings.map((b) => b.id) });
    }
    ctx.body = { data: branch };
  });

  router.post('/:branchId/reactivate', admins, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    parse(EmptyBody, await body(ctx));
    const { branch, changed } = await deps.setup.reactivateBranch(branchId);
    if (changed) await audited(ctx, 'reactivate-branch', branchId, { code: branch.code });
    ctx.body = { data: branch };
  });

  router.get('/:branchId/setup', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.setup.view(branchId) };
  });

  router.put('/:branchId/opening-hours', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const { openingHours, expected } = parse(OpeningHoursUpdateBody, await body(ctx));
    const { branch, changes } = await deps.setup.setOpeningHours(branchId, openingHours, expected);
    await auditedChanges(ctx, 'update-branch', branchId, { code: branch.code }, changes);
    ctx.body = { data: branch };
  });

  router.put('/:branchId/address', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const { address, expected } = parse(BranchAddressUpdateBody, await body(ctx));
    const { branch, changes } = await deps.setup.setAddress(branchId, address, expected);
    await auditedChanges(ctx, 'update-branch', branchId, { code: branch.code }, changes);
    ctx.body = { data: branch };
  });

  router.post('/:branchId/services', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const input = parse(NewServiceBody, await body(ctx));
    const service = await deps.setup.createService(branchId, input, actorOf(ctx));
    const { id: serviceId, ...fields } = service;
    await audited(ctx, 'create-service', branchId, { serviceId, ...fields });
    ctx.status = 201;
    ctx.body = { data: service };
  });

  router.patch('/:branchId/services/:serviceId', managers, async (ctx) => {
    const { branchId, serviceId } = parse(ServiceParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const input = parse(ServicePatchBody, await body(ctx));
    const { service, changes, cancelledBookings } = await deps.setup.updateService(branchId, serviceId, input, actorOf(ctx));
    await auditedChanges(ctx, 'update-service', branchId, { serviceId, code: service.code }, changes);
    // One entry for the whole cancel: which bookings (ids, no customer data) and how many.
    if (cancelledBookings.length > 0) {
      await audited(ctx, 'cancel-service-bookings', branchId, { serviceId, code: service.code, count: cancelledBookings.length, appointmentIds: cancelledBookings.map((b) => b.id) });
    }
    ctx.body = { data: service };
  });

  router.post('/:branchId/counters', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const { label } = parse(NewCounterBody, await body(ctx));
    const counter = await deps.setup.createCounter(branchId, label, actorOf(ctx));
    await audited(ctx, 'create-counter', branchId, { counterId: counter.id, label: counter.label });
    ctx.status = 201;
    ctx.body = { data: counter };
  });

  router.patch('/:branchId/counters/:counterId', managers, async (ctx) => {
    const { branchId, counterId } = parse(CounterParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const input = parse(CounterPatchBody, await body(ctx));
    const { counter, changes } = await deps.setup.updateCounter(branchId, counterId, input, actorOf(ctx));
    await auditedChanges(ctx, 'update-counter', branchId, { counterId, label: counter.label }, changes);
    ctx.body = { data: counter };
  });

  return router;
}

/** The set-up endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerSetupPaths(r: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: schema }) } } });
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const json = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
  const staff = (who: string) => ({
    400: refused('VALIDATION_FAILED'),
    401: refused('UNAUTHENTICATED / SESSION_EXPIRED'),
    403: refused(`FORBIDDEN (${who}) / ORIGIN_NOT_ALLOWED`),
  });
  const admins = staff('not an admin');
  const managers = staff('not a manager of this branch or an admin');
  const live = '409 refusals come with a sentence to show; SERVICE_IN_USE, SERVICE_CODE_IN_USE and COUNTER_IN_USE carry `error.details` (ServiceInUseDetails, CounterInUseDetails). The change reaches the live queue (kiosk, lobby, staff panel) at once, or nothing is changed.';
  const branch = { params: BranchParams };
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches',
    description:
      'Creates a branch (admin); its code is fixed from then on. Without `copyFrom` it has no services or counters yet. With `copyFrom` (an active branch) it starts with that branch\'s active services (codes, names, targets, durations, documents, booking rules, walk-in flag), active counters, opening hours (unless `openingHours` is given), booking settings with the closures not yet over, and queue rules, all in one transaction, and goes live at once; never its staff, rosters, devices, tickets, bookings, customers or pilot flag. A new branch (copied or not) is in preparation (`customersOpen` false: left out of the public list and the help assistant, booking and the remote queue refused with BRANCH_NOT_OPEN; staff, kiosk and signage work) unless the body says `customersOpen: true`. Audited (create-branch; a copy names its source in `copiedFrom`: its id and code, and how many services and counters it gave).',
    request: json(NewBranchBody),
    responses: {
      201: ok(BranchListItem, 'Created'),
      ...admins,
      404: refused('COPY_SOURCE_UNKNOWN (no branch with the id in copyFrom; nothing made)'),
      409: refused('BRANCH_CODE_TAKEN'),
      422: refused('COPY_SOURCE_INACTIVE (the branch in copyFrom is out of service; nothing made)'),
    },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/branches/{branchId}',
    description:
      'Changes a branch\'s names, time zone, opening hours, address, pilot flag or whether it is open to customers (`customersOpen`) (admin); not its code. Closing a branch to customers again keeps its bookings (they stay valid; only new ones are refused, BRANCH_NOT_OPEN). Only the fields given are written; the others stay as stored. Send `expected`, the values the screen showed for the fields it changes: when one is stored otherwise now (another save came since), nothing is saved and the answer is 409 STALE_BRANCH with `details.current`, the branch as stored now. Without `expected` the fields given are written whatever is stored. Audited (update-branch) when something changed.',
    request: { ...branch, ...json(BranchPatchBody) },
    responses: { 200: ok(BranchListItem, 'The branch as now stored'), ...admins, 404: refused('BRANCH_UNKNOWN'), 409: refused('STALE_BRANCH (error.details.current: BranchListItem; nothing saved)') },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/deactivation',
    description: 'What taking the branch out of service would cancel: its booked visits still to come (admin).',
    request: branch,
    responses: { 200: ok(BranchDeactivationView, 'The bookings to cancel'), ...admins, 404: refused('BRANCH_UNKNOWN') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/deactivate',
    description:
      'Takes the branch out of service (admin): not offered for booking or by the help assistant, no tickets (kiosk, remote queue), nobody signs on (BRANCH_INACTIVE); its history, audit log and reports stay. Refused while anyone is signed on at its counters (BRANCH_IN_USE, `BranchInUseDetails`) or customers are in its live queue (BRANCH_HAS_CUSTOMERS, `BranchHasCustomersDetails`). Booked visits: BRANCH_HAS_BOOKINGS (`BranchHasBookingsDetails`) unless `cancelBookings: true`, which cancels them, each customer told in their language with their manage link. Audited (deactivate-branch, with the number of bookings cancelled).',
    request: { ...branch, ...json(BranchDeactivateBody) },
    responses: { 200: ok(BranchListItem, 'The branch as now stored'), ...admins, 404: refused('BRANCH_UNKNOWN'), 409: refused('BRANCH_IN_USE / BRANCH_HAS_CUSTOMERS / BRANCH_HAS_BOOKINGS') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/reactivate',
    description: 'Puts a branch taken out of service back (admin): bookable, tickets and sign-on again. Audited (reactivate-branch).',
    request: { ...branch, ...json(EmptyBody) },
    responses: { 200: ok(BranchListItem, 'The branch as now stored'), ...admins, 404: refused('BRANCH_UNKNOWN') },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/setup',
    request: branch,
    responses: { 200: ok(BranchSetupView, 'The branch with all its services and counters, inactive ones included (manager of the branch, admin)'), ...managers, 404: refused('BRANCH_UNKNOWN') },
  });
  r.registerPath({
    method: 'put',
    path: '/api/v1/branches/{branchId}/opening-hours',
    description:
      'Replaces the weekly opening hours (manager of the branch, admin): booking slots and the help assistant follow at once. With `expected.openingHours` (the hours the screen showed) hours stored otherwise now refuse it: 409 STALE_BRANCH with `details.current`, nothing saved. Audited (update-branch).',
    request: { ...branch, ...json(OpeningHoursUpdateBody) },
    responses: { 200: ok(BranchListItem, 'The branch as now stored'), ...managers, 404: refused('BRANCH_UNKNOWN'), 409: refused('STALE_BRANCH (error.details.current: BranchListItem; nothing saved)') },
  });
  r.registerPath({
    method: 'put',
    path: '/api/v1/branches/{branchId}/address',
    description:
      'Replaces the branch\'s street address, both languages at once, null or \'\' for one not set (manager of the branch, admin): the booking and manage pages, notices, the calendar file and the help assistant follow. Nothing else of the branch. With `expected.address` (the address the screen showed) one stored otherwise now refuses it: 409 STALE_BRANCH with `details.current`, nothing saved. Audited (update-branch) when it changed.',
    request: { ...branch, ...json(BranchAddressUpdateBody) },
    responses: { 200: ok(BranchListItem, 'The branch as now stored'), ...managers, 404: refused('BRANCH_UNKNOWN'), 409: refused('STALE_BRANCH (error.details.current: BranchListItem; nothing saved)') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/services',
    description: `Adds an active service (manager of the branch, admin). Audited (create-service). ${live}`,
    request: { ...branch, ...json(NewServiceBody) },
    responses: { 201: ok(ServiceSetupView, 'Created'), ...managers, 404: refused('BRANCH_UNKNOWN'), 409: refused('SERVICE_CODE_TAKEN'), 503: refused('BUSY_RETRY') },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/branches/{branchId}/services/{serviceId}',
    description: `Edits, deactivates (active: false) or reactivates a service (manager of the branch, admin). Audited (update-service) when something changed. A service customers have booked is not deactivated at first: SERVICE_HAS_BOOKINGS says how many and from when (\`ServiceHasBookingsDetails\`); the same request with \`cancelBookings: true\` deactivates it and cancels those bookings, each customer told in their language with their manage link (audited once as cancel-service-bookings, with the count). ${live}`,
    request: { params: ServiceParams, ...json(ServicePatchBody) },
    responses: {
      200: ok(ServiceSetupView, 'The service as now stored'),
      ...managers,
      404: refused('NOT_FOUND (no such service in this branch) / BRANCH_UNKNOWN'),
      409: refused('SERVICE_CODE_TAKEN / SERVICE_IN_USE / SERVICE_CODE_IN_USE / LAST_ACTIVE_SERVICE / SERVICE_HAS_BOOKINGS / CONFIG_CONFLICT'),
      503: refused('BUSY_RETRY'),
    },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/counters',
    description: `Adds an active counter (manager of the branch, admin). Audited (create-counter). ${live}`,
    request: { ...branch, ...json(NewCounterBody) },
    responses: { 201: ok(CounterSetupView, 'Created'), ...managers, 404: refused('BRANCH_UNKNOWN'), 409: refused('COUNTER_LABEL_TAKEN'), 503: refused('BUSY_RETRY') },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/branches/{branchId}/counters/{counterId}',
    description: `Renames, deactivates (active: false) or reactivates a counter (manager of the branch, admin). Audited (update-counter) when something changed. ${live}`,
    request: { params: CounterParams, ...json(CounterPatchBody) },
    responses: {
      200: ok(CounterSetupView, 'The counter as now stored'),
      ...managers,
      404: refused('NOT_FOUND (no such counter in this branch) / BRANCH_UNKNOWN'),
      409: refused('COUNTER_LABEL_TAKEN / COUNTER_IN_USE / CONFIG_CONFLICT'),
      503: refused('BUSY_RETRY'),
    },
  });
}
