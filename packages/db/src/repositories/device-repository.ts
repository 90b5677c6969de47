import { createHash, randomBytes } from 'node:crypto';
import type { Device as DeviceRow, PrismaClient } from '../generated/prisma/client.js';
import type { DeviceKind, DeviceRecord } from '../types.js';
import { ms } from './ticket-mapping.js';

/**
 * Device tokens are 32 random bytes (base64url). Only their sha256 is stored: a token is
 * high-entropy, so a fast hash is enough (passwords, by contrast, use Argon2id in the server).
 */
export function newDeviceToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashDeviceToken(token) };
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface DeviceRepository {
  create(device: { branchId: string; kind: DeviceKind; name: string; tokenHash: string }): Promise<DeviceRecord>;
  /** Revoked devices are returned too (check `revoked`), so callers can tell "revoked" from "unknown". */
  findByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  findById(id: string): Promise<DeviceRecord | null>;
  listByBranch(branchId: string): Promise<DeviceRecord[]>;
  /** Every paired (not revoked) device's id and token hash: what a node trusts before it listens. */
  pairedTokenHashes(): Promise<{ id: string; tokenHash: string }[]>;
  touch(id: string, at?: number): Promise<void>;
  revoke(id: string): Promise<void>;
  /** Replaces the token (the old one stops working at once). */
  rotateToken(id: string, tokenHash: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
}

export function createDeviceRepository(prisma: PrismaClient): DeviceRepository {
  return {
    async create(device) {
      return toDevice(await prisma.device.create({ data: device }));
    },
    async findByTokenHash(tokenHash) {
      const row = await prisma.device.findUnique({ where: { tokenHash } });
      return row ? toDevice(row) : null;
    },
    async findById(id) {
      const row = await prisma.device.findUnique({ where: { id } });
      return row ? toDevice(row) : null;
    },
    async listByBranch(branchId) {
      const rows = await prisma.device.findMany({ where: { branchId }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
      return rows.map(toDevice);
    },
    async pairedTokenHashes() {
      return prisma.device.findMany({ where: { revoked: false }, select: { id: true, tokenHash: true } });
    },
    async touch(id, at = Date.now()) {
      await prisma.device.update({ where: { id }, data: { lastSeenAt: new Date(at) } });
    },
    async revoke(id) {
      await prisma.device.update({ where: { id }, data: { revoked: true } });
    },
    async rotateToken(id, tokenHash) {
      await prisma.device.update({ where: { id }, data: { tokenHash, revoked: false } });
    },
    async rename(id, name) {
      await prisma.device.update({ where: { id }, data: { name } });
    },
  };
}

function toDevice(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    branchId: row.branchId,
    kind: row.kind,
    name: row.name,
    lastSeenAt: ms(row.lastSeenAt),
    revoked: row.revoked,
    createdAt: row.createdAt.getTime(),
  };
}
