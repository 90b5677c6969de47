import type { DeviceKind, DeviceView, PairedDevice } from '@tellerline/contracts';
import { AppError } from '../errors.js';

/** A stored device (the db package's repository satisfies it): what managers see, and its branch. */
export type StoredDevice = DeviceView & { branchId: string };

export interface DeviceStore {
  listByBranch(branchId: string): Promise<StoredDevice[]>;
  findById(id: string): Promise<StoredDevice | null>;
  create(device: { branchId: string; kind: DeviceKind; name: string; tokenHash: string }): Promise<StoredDevice>;
  revoke(id: string): Promise<void>;
  /** Replaces the token (the old one stops working) and lifts a revocation. */
  rotateToken(id: string, tokenHash: string): Promise<void>;
}

export interface DeviceDeps {
  store: DeviceStore;
  newToken: () => { token: string; tokenHash: string };
  /**
   * A device's old token stopped working: forget it wherever it is cached and close its open
   * connections, so a lost kiosk cannot go on issuing tickets or a stolen screen go on listening.
   */
  onTokenEnded: (deviceId: string) => void;
}

/** Where a screen is paired: its page with the token, which the page stores and hides. */
export function pairPathOf(kind: DeviceKind, token: string): string {
  return kind === 'kiosk' ? `/kiosk?device=${token}` : `/signage/?device=${token}`;
}

const view = (d: StoredDevice): DeviceView => ({ id: d.id, kind: d.kind, name: d.name, lastSeenAt: d.lastSeenAt, revoked: d.revoked, createdAt: d.createdAt });

/**
 * Managers pair their branch's kiosks and lobby screens, and unpair one that is lost, broken or
 * replaced. A token is shown once, when made; only its hash is stored.
 */
export function createDevices(deps: DeviceDeps) {
  async function ofBranch(branchId: string, deviceId: string): Promise<StoredDevice> {
    const d = await deps.store.findById(deviceId);
    if (!d || d.branchId !== branchId) throw new AppError('NOT_FOUND', 'No such device in this branch');
    return d;
  }

  return {
    async list(branchId: string): Promise<DeviceView[]> {
      return (await deps.store.listByBranch(branchId)).map(view);
    },

    async pair(branchId: string, body: { kind: DeviceKind; name: string }): Promise<PairedDevice> {
      const { token, tokenHash } = deps.newToken();
      const d = await deps.store.create({ branchId, kind: body.kind, name: body.name, tokenHash });
      return { device: view(d), token, pairPath: pairPathOf(d.kind, token) };
    },

    /** `changed`: false when it was unpaired already (nothing to audit). */
    async revoke(branchId: string, deviceId: string): Promise<{ device: DeviceView; changed: boolean }> {
      const d = await ofBranch(branchId, deviceId);
      if (!d.revoked) await deps.store.revoke(d.id);
      deps.onTokenEnded(d.id);
      return { device: view({ ...d, revoked: true }), changed: !d.revoked };
    },

    /** A new token for the same device (a reinstalled screen, a token that may have leaked). */
    async rePair(branchId: string, deviceId: string): Promise<PairedDevice> {
      const d = await ofBranch(branchId, deviceId);
      const { token, tokenHash } = deps.newToken();
      await deps.store.rotateToken(d.id, tokenHash);
      deps.onTokenEnded(d.id);
      return { device: view({ ...d, revoked: false }), token, pairPath: pairPathOf(d.kind, token) };
    },
  };
}

export type Devices = ReturnType<typeof createDevices>;
