import Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApiError, BranchParams, DeviceParams, DeviceSelf, DeviceView, PairDeviceBody, PairedDevice, knownAuditDetails, type KnownAuditDetails } from '@tellerline/contracts';
import type { AuditEntry, AuditLog, AuthDevice } from '../../auth/ports.js';
import type { DeviceAuth } from '../../auth/device-auth.js';
import type { SessionStore } from '../../auth/sessions.js';
import { AppError, parse } from '../../errors.js';
import type { Devices } from '../../usecases/devices.js';
import type { Views } from '../../usecases/views.js';
import { readJson } from '../middleware/json-body.js';
import { actorOf, requireDevice, requireStaff, requireStaffAt } from '../middleware/auth.js';

export interface DeviceRouteDeps {
  sessions: SessionStore;
  deviceAuth: DeviceAuth;
  audit: AuditLog;
  devices: Devices;
  views: Pick<Views, 'branchInfo'>;
  bodyLimitBytes: number;
}

/**
 * Managing a branch's kiosks and lobby screens (managers of the branch, admins): list, pair a new
 * one, unpair a lost one, give one a new token. Every change is audited.
 */
export function deviceRoutes(deps: DeviceRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const managers = requireStaff(deps.sessions, ['admin', 'manager']);

  // A manager's own branch exists; an admin may name any id, so it is checked (a pairing for a
  // branch that does not exist would otherwise fail deep in the database).
  const ownBranch = async (ctx: Context, branchId: string) => {
    requireStaffAt(ctx, branchId);
    if (!(await deps.views.branchInfo(branchId))) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
  };
  const audited = async <D extends object>(ctx: Context, branchId: string, action: AuditEntry['action'], details: KnownAuditDetails<D>) =>
    deps.audit.append({ ...actorOf(ctx), action, branchId, ticketId: null, details: knownAuditDetails(details) });

  /** A kiosk or lobby screen asks which branch it belongs to (its pairing link names none). */
  router.get('/devices/me', requireDevice(deps.deviceAuth, ['kiosk', 'signage']), async (ctx) => {
    const device = ctx.state.device as AuthDevice;
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: { id: device.id, kind: device.kind, branchId: device.branchId } satisfies DeviceSelf };
  });

  router.get('/branches/:branchId/devices', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    await ownBranch(ctx, branchId);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.devices.list(branchId) };
  });

  router.post('/branches/:branchId/devices', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    await ownBranch(ctx, branchId);
    const body = parse(PairDeviceBody, await readJson(ctx, deps.bodyLimitBytes));
    const paired = await deps.devices.pair(branchId, body);
    await audited(ctx, branchId, 'device-paired', { deviceId: paired.device.id, kind: paired.device.kind, name: paired.device.name });
    ctx.set('cache-control', 'no-store');
    ctx.status = 201;
    ctx.body = { data: paired };
  });

  router.post('/branches/:branchId/devices/:deviceId/revoke', managers, async (ctx) => {
    const { branchId, deviceId } = parse(DeviceParams, ctx.params);
    await ownBranch(ctx, branchId);
    const { device, changed } = await deps.devices.revoke(branchId, deviceId);
    if (changed) await audited(ctx, branchId, 'device-revoked', { deviceId, kind: device.kind, name: device.name });
    ctx.body = { data: device };
  });

  router.post('/branches/:branchId/devices/:deviceId/re-pair', managers, async (ctx) => {
    const { branchId, deviceId } = parse(DeviceParams, ctx.params);
    await ownBranch(ctx, branchId);
    const paired = await deps.devices.rePair(branchId, deviceId);
    await audited(ctx, branchId, 'device-re-paired', { deviceId, kind: paired.device.kind, name: paired.device.name });
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: paired };
  });

  return router;
}

/** The device endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerDevicePaths(r: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: schema }) } } });
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const managers = {
    400: refused('VALIDATION_FAILED'),
    401: refused('UNAUTHENTICATED / SESSION_EXPIRED'),
    403: refused('FORBIDDEN (not a manager or admin, or not their branch) / ORIGIN_NOT_ALLOWED'),
  };
  const device = { params: DeviceParams };
  r.registerPath({
    method: 'get',
    path: '/api/v1/devices/me',
    description: "The calling kiosk's or lobby screen's own pairing: which branch it is in (device token).",
    responses: { 200: ok(DeviceSelf, 'This device'), 401: refused('UNAUTHENTICATED (not paired, or unpaired since)'), 403: refused('FORBIDDEN') },
  });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/devices', request: { params: BranchParams }, responses: { 200: ok(z.array(DeviceView), "The branch's kiosks and lobby screens (manager, admin)"), ...managers, 404: refused('BRANCH_UNKNOWN') } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/devices',
    description: 'Pairs a new kiosk or lobby screen: the token is in this answer only (open `pairPath` on the screen). Audited.',
    request: { params: BranchParams, body: { content: { 'application/json': { schema: PairDeviceBody } } } },
    responses: { 201: ok(PairedDevice, 'Paired'), ...managers, 404: refused('BRANCH_UNKNOWN'), 413: refused('PAYLOAD_TOO_LARGE') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/devices/{deviceId}/revoke',
    description: 'Unpairs a device at once: its token stops working and its open connections are closed. Audited.',
    request: device,
    responses: { 200: ok(DeviceView, 'Revoked (again: a no-op, not audited twice)'), ...managers, 404: refused('NOT_FOUND (no such device in this branch) / BRANCH_UNKNOWN') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/devices/{deviceId}/re-pair',
    description: 'A new token for the device (the old one stops working, a revocation is lifted); shown in this answer only. Audited.',
    request: device,
    responses: { 200: ok(PairedDevice, 'Re-paired'), ...managers, 404: refused('NOT_FOUND (no such device in this branch) / BRANCH_UNKNOWN') },
  });
}
