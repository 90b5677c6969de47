/**
 * A remote join hands its ticket to the ticket page (/t/<token>) it goes to: if that page is
 * refused for now (RATE_LIMITED: someone on the same network guessed ticket links), the customer
 * still sees their number and service instead of only "too many unknown links". Kept in this
 * tab's sessionStorage under the token, so only the phone that joined has it; only what the
 * ticket page shows is kept (no contact details).
 */
import { TicketView, type IssuedTicket } from '@tellerline/contracts';

/** The number and the service, as the ticket view has them (checked again when read back). */
const JoinedTicket = TicketView.pick({ number: true, service: true });
export type JoinedTicket = Pick<TicketView, 'number' | 'service'>;

const KEY = 'tellerline.joined.';

/** What is kept of a join (null if the answer lacks it). Pure. */
export function joinedTicket(issued: Pick<IssuedTicket, 'view'>): JoinedTicket | null {
  const kept = JoinedTicket.safeParse(issued.view);
  return kept.success ? kept.data : null;
}

/** The kept join read back, or null (none, or not in the shape this page writes). Pure. */
export function parseJoined(text: string | null): JoinedTicket | null {
  if (!text) return null;
  try {
    const parsed = JoinedTicket.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Storage may be off (private mode, full): the ticket page then only says why it is refused. */
export function handOver(issued: IssuedTicket, store: Pick<Storage, 'setItem'> | undefined = globalThis.sessionStorage): void {
  const kept = joinedTicket(issued);
  if (!kept) return;
  try {
    store?.setItem(KEY + issued.token, JSON.stringify(kept));
  } catch {
    // Nothing to hand over: the ticket page works without it.
  }
}

export function handedOver(token: string, store: Pick<Storage, 'getItem'> | undefined = globalThis.sessionStorage): JoinedTicket | null {
  try {
    return parseJoined(store?.getItem(KEY + token) ?? null);
  } catch {
    return null;
  }
}
