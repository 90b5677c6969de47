import type { Views } from '../usecases/views.js';
import type { RealtimeServer } from './realtime-server.js';
import { rooms } from './rooms.js';

/**
 * Tells this node's kiosks and lobby screens of a branch that its public set-up changed, with the
 * branch's public fields (id, name, time zone) read afresh. Nothing is sent when nobody listens.
 */
export async function emitLobbyChanged(io: RealtimeServer, views: Pick<Views, 'lobbyBranch'>, branchId: string): Promise<void> {
  const room = rooms.signage(branchId);
  if ((io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) return;
  const branch = await views.lobbyBranch(branchId);
  if (branch) io.to(room).emit('lobby:changed', branch);
}
