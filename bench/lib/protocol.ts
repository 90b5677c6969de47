/** What the driver and its socket workers (socket-worker.ts) share. */
import type { TicketView } from '@tellerline/contracts';

export interface SocketSpec {
  /** Index unique across workers. */
  i: number;
  kind: 'signage' | 'phone';
  branch: number;
  token: string;
  url: string;
}

/** A record's code: a lobby call is 0, a phone update is its ticket status. */
export const STATUS_CODE: Record<TicketView['status'], number> = { waiting: 0, called: 1, serving: 2, done: 3, 'no-show': 4, cancelled: 5 };
/** Added to a record's code when it came from a resync snapshot, not a live event. */
export const VIA_SYNC = 10;
