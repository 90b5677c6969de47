import type { BranchInfo, StaffQueueSnapshot, StaffTicketView } from '@tellerline/contracts';
import { savedTime } from './service-record-logic.js';

/** Pure selectors over the staff snapshot: what the panel shows, kept out of components so it is testable. */

export type StaffEntry = StaffQueueSnapshot['staff'][number];
export type BranchService = BranchInfo['services'][number];

/** Every button (and keyboard shortcut) of the panel. */
export type PanelAction = 'call-next' | 'recall' | 'no-show' | 'start' | 'complete' | 'transfer' | 'pause' | 'resume' | 'sign-off';

export type WaitLevel = 'ok' | 'near' | 'over';

/** Amber from 80 % of the target, red past it: staff see who is about to breach before it happens. */
export function waitLevel(waitedMin: number, targetMin: number): WaitLevel {
  if (!(targetMin > 0)) return 'ok';
  if (waitedMin > targetMin) return 'over';
  if (waitedMin >= targetMin * 0.8) return 'near';
  return 'ok';
}

/** The snapshot's waits are as of its arrival; between snapshots they keep growing. */
export function waitedNow(t: Pick<StaffTicketView, 'waitedMin' | 'status'>, receivedAt: number, now: number): number {
  if (t.status !== 'waiting') return t.waitedMin;
  return t.waitedMin + Math.max(0, now - receivedAt) / 60_000;
}

/** Me in the snapshot, and the ticket I hold (called or being served), if any. */
export function myPosition(snapshot: StaffQueueSnapshot | null, staffId: string | null): { staff: StaffEntry | null; ticket: StaffTicketView | null } {
  const staff = (staffId && snapshot?.staff.find((s) => s.id === staffId)) || null;
  const ticketId = staff?.ticketId ?? null;
  const ticket = (ticketId && snapshot?.tickets.find((t) => t.id === ticketId)) || null;
  return { staff, ticket };
}

export function isSignedOn(staff: StaffEntry | null): staff is StaffEntry & { counterId: string } {
  return !!staff && staff.status !== 'offline' && staff.counterId !== null;
}

/** Which buttons make sense now; the server still decides (and answers with a code if not). */
export function allowedActions(staff: StaffEntry | null, ticket: StaffTicketView | null): Set<PanelAction> {
  const allowed = new Set<PanelAction>();
  if (!isSignedOn(staff)) return allowed;
  if (staff.status === 'paused') {
    allowed.add('resume');
    if (!ticket) allowed.add('sign-off');
    return allowed;
  }
  if (!ticket) {
    allowed.add('call-next');
    allowed.add('pause');
    allowed.add('sign-off');
    return allowed;
  }
  if (ticket.status === 'called') {
    allowed.add('recall');
    allowed.add('no-show');
    allowed.add('start');
  }
  if (ticket.status === 'serving') allowed.add('complete');
  allowed.add('transfer');
  return allowed;
}

export interface CounterState {
  id: string;
  label: string;
  /** 'free': nobody signed on here. */
  status: 'free' | 'available' | 'serving' | 'paused';
  staffId: string | null;
  /** Who sits there, so colleagues know whom to walk over to. */
  displayName: string | null;
  mine: boolean;
  ticket: StaffTicketView | null;
  pauseReason: string | null;
  /** What the colleague there can serve (serviceId -> proficiency); null when nobody is there. */
  skills: Record<string, number> | null;
}

/** Each counter of the branch with who is there and what they hold, in label order. */
export function counterBoard(branch: BranchInfo, snapshot: StaffQueueSnapshot | null, myStaffId: string | null): CounterState[] {
  return [...branch.counters]
    .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }))
    .map((c) => {
      const who = snapshot?.staff.find((s) => s.status !== 'offline' && s.counterId === c.id) ?? null;
      const ticket = (who?.ticketId && snapshot?.tickets.find((t) => t.id === who.ticketId)) || null;
      return {
        id: c.id,
        label: c.label,
        status: who ? (who.status === 'offline' ? 'free' : who.status) : 'free',
        staffId: who?.id ?? null,
        displayName: who?.displayName ?? null,
        mine: !!who && who.id === myStaffId,
        ticket,
        pauseReason: who?.pauseReason ?? null,
        skills: who?.skills ?? null,
      };
    });
}

export interface ServiceGroup {
  service: BranchService;
  /** In the order the server gives (join time). */
  waiting: StaffTicketView[];
  /** Called or being served at some counter right now. */
  atCounters: StaffTicketView[];
}

/** The live queue grouped by service, in the branch's service order. */
export function queueByService(branch: BranchInfo, snapshot: StaffQueueSnapshot | null): ServiceGroup[] {
  return branch.services.map((service) => {
    const mine = snapshot?.tickets.filter((t) => t.serviceId === service.id) ?? [];
    return {
      service,
      waiting: mine.filter((t) => t.status === 'waiting'),
      atCounters: mine.filter((t) => t.status !== 'waiting'),
    };
  });
}

/**
 * The services I can serve (proficiency above zero), from my entry in the snapshot; null when the
 * snapshot does not list me (an account without a counter role), so nothing can be filtered.
 */
export function mySkills(snapshot: StaffQueueSnapshot | null, staffId: string | null): Record<string, number> | null {
  const me = staffId ? snapshot?.staff.find((s) => s.id === staffId) : undefined;
  return me ? me.skills : null;
}

const skilled = (skills: Record<string, number>, serviceId: string) => (skills[serviceId] ?? 0) > 0;

/**
 * "Only my services": the groups of services I can serve, plus any group holding a ticket
 * transferred to my counter (it is waiting for me even if the service is not mine). `hidden`
 * counts the services left out, so the panel can say the view is filtered.
 */
export function onlyMine(groups: ServiceGroup[], skills: Record<string, number>, myCounterId: string | null): { groups: ServiceGroup[]; hidden: number } {
  const shown = groups.filter((g) => skilled(skills, g.service.id) || (myCounterId !== null && g.waiting.some((t) => t.reservedCounterId === myCounterId)));
  return { groups: shown, hidden: groups.length - shown.length };
}

/**
 * Whether "Call" makes sense for this waiting ticket: not one transferred to another counter
 * (only that counter may take it), and not a service I am not set up for (when my skills are
 * known). The server checks both again.
 */
export function callableBy(t: Pick<StaffTicketView, 'serviceId' | 'reservedCounterId'>, skills: Record<string, number> | null, myCounterId: string | null): boolean {
  if (t.reservedCounterId !== null && t.reservedCounterId !== myCounterId) return false;
  return skills === null || skilled(skills, t.serviceId);
}

export function counterLabel(branch: BranchInfo | null, counterId: string | null): string {
  return branch?.counters.find((c) => c.id === counterId)?.label ?? '';
}

/** Preset pause reasons are sent as these words and translated on every panel; others verbatim. */
export const PAUSE_PRESETS = ['break', 'meeting', 'training'] as const;

export function pauseReasonKey(reason: string | null): string | null {
  return reason && (PAUSE_PRESETS as readonly string[]).includes(reason) ? `staff.pause.${reason}` : null;
}

/**
 * The branch as the queue runs it now: its services and counters from the snapshot, so a service
 * or counter a manager adds, renames or deactivates on the set-up screen shows on the panel at
 * once (the branch was read once, when the panel opened). The same object when nothing changed.
 */
export function withLiveConfig(branch: BranchInfo, snapshot: StaffQueueSnapshot): BranchInfo {
  const services = snapshot.services.map((s) => ({ id: s.serviceId, code: s.code, name: s.name, targetMin: s.targetMin }));
  const counters = snapshot.counters.map((c) => ({ id: c.id, label: c.label }));
  const same = JSON.stringify([services, counters]) === JSON.stringify([branch.services, branch.counters]);
  return same ? branch : { ...branch, services, counters };
}

/**
 * Whether a remote-queue ticket's holder is in the branch yet, in words (never colour alone):
 * "arrived 10:42" (branch time) once they scanned their phone page at the kiosk, else "not here
 * yet". Null for tickets taken at the branch: their holders are here. Routing ignores it; the
 * teller decides whether to call someone not here yet.
 */
export function arrivalWords(t: Pick<StaffTicketView, 'kind' | 'arrivedAt'> & { transfers?: number }, timeZone: string): { key: string; params?: { time: string } } | null {
  if (t.kind !== 'remote') return null;
  // Transferred: the customer stood at a counter, so they are here even without a kiosk scan.
  if (t.arrivedAt === undefined) return (t.transfers ?? 0) > 0 ? null : { key: 'staff.queue.notHereYet' };
  return { key: 'staff.queue.arrivedAt', params: { time: savedTime(t.arrivedAt, timeZone) } };
}
