import type { BranchInfo, StaffQueueSnapshot, StaffTicketView } from '@tellerline/contracts';

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
  mine: boolean;
  ticket: StaffTicketView | null;
  pauseReason: string | null;
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
        mine: !!who && who.id === myStaffId,
        ticket,
        pauseReason: who?.pauseReason ?? null,
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

export function counterLabel(branch: BranchInfo | null, counterId: string | null): string {
  return branch?.counters.find((c) => c.id === counterId)?.label ?? '';
}

/** Preset pause reasons are sent as these words and translated on every panel; others verbatim. */
export const PAUSE_PRESETS = ['break', 'meeting', 'training'] as const;

export function pauseReasonKey(reason: string | null): string | null {
  return reason && (PAUSE_PRESETS as readonly string[]).includes(reason) ? `staff.pause.${reason}` : null;
}
