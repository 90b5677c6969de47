import type { TicketView } from '@tellerline/contracts';

export type TicketStatus = TicketView['status'];

const FINISHED: ReadonlySet<TicketStatus> = new Set(['done', 'no-show', 'cancelled']);

export function isFinished(status: TicketStatus): boolean {
  return FINISHED.has(status);
}

/** While waiting or just called, the customer may still give up their place. */
export function canCancel(status: TicketStatus): boolean {
  return status === 'waiting' || status === 'called';
}

/**
 * Where "Leave the queue" sits. Waiting: right under the ticket, the one thing to do besides wait.
 * Called: at the foot of the page as a quiet link, away from "please go to counter 1": a hurried
 * tap under the call message would throw away the turn the customer waited for. It is not hidden:
 * a called customer who cannot come saying so frees the teller at once, instead of the few
 * minutes before the no-show.
 */
export function cancelPlace(status: TicketStatus): 'under-ticket' | 'page-foot' | null {
  if (!canCancel(status)) return null;
  return status === 'called' ? 'page-foot' : 'under-ticket';
}

/**
 * Which view to show when another one arrives (socket push, resync, HTTP catch-up). Views carry
 * the branch seq, so a late, older message never undoes a newer one; a finished ticket stays
 * finished even if the finished view has a lower seq (a finished ticket read back from the
 * database may carry seq 0).
 */
export function mergeTicket(current: TicketView | null, incoming: TicketView): TicketView {
  if (!current) return incoming;
  if (isFinished(current.status)) return isFinished(incoming.status) && incoming.seq > current.seq ? keepOrigin(current, incoming) : current;
  if (isFinished(incoming.status)) return keepOrigin(current, incoming);
  return incoming.seq >= current.seq ? keepOrigin(current, incoming) : current;
}

/**
 * A number changes only by a transfer, so where the number came from cannot be forgotten while
 * it stays: a server that has not read the ticket's history yet (just restarted) sends null.
 */
function keepOrigin(current: TicketView, incoming: TicketView): TicketView {
  const kept = keepArrival(current, incoming);
  if (kept.transferredFrom || !current.transferredFrom || kept.number !== current.number) return kept;
  return { ...kept, transferredFrom: current.transferredFrom };
}

/**
 * A remote ticket's arrival is never undone (the first one recorded stands): a node that has not
 * heard of it yet (its signal lost, or read before it) sends the view without it.
 */
function keepArrival(current: TicketView, incoming: TicketView): TicketView {
  if (incoming.arrivedAt !== undefined || current.arrivedAt === undefined || !incoming.remote) return incoming;
  return { ...incoming, arrivedAt: current.arrivedAt };
}

/** True when this change is the moment to get the customer's attention (buzz, title). */
export function becameCalled(before: TicketView | null, after: TicketView): boolean {
  if (after.status !== 'called') return false;
  if (!before || before.status !== 'called') return true;
  // Sent to another counter while being called (a transfer), or called again by staff (a
  // recall: the customer missed the first call, so the first buzz clearly was not enough).
  return (
    before.counterLabel !== after.counterLabel ||
    before.calledAt !== after.calledAt ||
    before.lastCalledAt !== after.lastCalledAt ||
    before.recalls !== after.recalls
  );
}

/** Called, and not for the first time: staff are calling the customer again. */
export function isRecalled(view: Pick<TicketView, 'status' | 'recalls'>): boolean {
  return view.status === 'called' && view.recalls > 0;
}

/** What a background tab's title says: the state that matters most, first. */
export function titleFor(view: TicketView, t: (key: string, params?: Record<string, string | number>) => string): string {
  switch (view.status) {
    case 'called':
      return `🔔 ${view.number} ${t(isRecalled(view) ? 'phone.title.recalled' : 'phone.title.called', { counter: view.counterLabel ?? '?' })}`;
    case 'waiting':
      return `${view.number} · ${t('phone.title.ahead', { n: view.ahead })}`;
    default:
      return `${view.number} · ${t(`ticket.status.${view.status}`)}`;
  }
}

/** Tokens the server would reject outright (TokenParams): no need to ask it. */
export function plausibleToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,128}$/.test(token);
}
