import type { Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@tellerline/contracts';
import type { DeviceAuth } from '../auth/device-auth.js';
import type { Logger } from '../logger.js';

type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** How often this node re-checks its kiosk and signage sockets' tokens. */
export const DEVICE_SWEEP_MS = 30_000;

const isDevice = (s: TSocket) => s.data?.kind === 'kiosk' || s.data?.kind === 'signage';

/**
 * Closes this node's connections of a device whose token just ended (revoked or replaced here).
 * The screen reconnects, is refused with UNAUTHENTICATED, and shows its "not paired" page.
 */
export function disconnectDevice(sockets: Iterable<TSocket>, deviceId: string): number {
  let n = 0;
  for (const s of sockets) {
    if (isDevice(s) && (s.data as { deviceId?: string }).deviceId === deviceId) {
      s.disconnect(true);
      n++;
    }
  }
  return n;
}

/**
 * A device unpaired on another node: every `everyMs` each device socket's token is checked again
 * (through the device cache, so at most one database read per screen and cache period), and
 * closed when it no longer opens anything. Returns the stop function.
 */
export function watchDevices(deps: { deviceAuth: DeviceAuth; sockets: () => Iterable<TSocket>; now: () => number; logger: Logger; everyMs?: number }): () => void {
  let sweeping = false;
  const sweep = async () => {
    for (const s of [...deps.sockets()]) {
      if (!isDevice(s)) continue;
      const token = (s.handshake.auth as { deviceToken?: unknown } | undefined)?.deviceToken;
      const device = typeof token === 'string' ? await deps.deviceAuth.verify(token, deps.now()) : null;
      if (!device) s.disconnect(true);
    }
  };
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((err: unknown) => deps.logger.error({ err }, 'device sweep failed'))
      .finally(() => (sweeping = false));
  }, deps.everyMs ?? DEVICE_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
