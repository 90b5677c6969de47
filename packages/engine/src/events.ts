import type { BranchConfig, CallReason, PriorityClass, TicketKind } from './model.js';

export type { CallReason };


/**
 * Facts. Each carries what `evolve` needs and nothing it could recompute, so that replaying
 * the stored events rebuilds the same state.
 */
export type EventBody =
  | { type: 'branch-configured'; config: BranchConfig }
  | {
      type: 'ticket-issued';
      ticketId: string;
      token: string;
      number: string;
      serviceId: string;
      kind: TicketKind;
      priority: PriorityClass;
      customerId?: string;
      appointmentAt?: number;
    }
  | { type: 'staff-signed-on'; staffId: string; counterId: string }
  | { type: 'staff-paused'; staffId: string; reason: string }
  | { type: 'staff-resumed'; staffId: string }
  | { type: 'staff-signed-off'; staffId: string }
  | { type: 'ticket-called'; ticketId: string; staffId: string; counterId: string; reason: CallReason }
  | { type: 'ticket-recalled'; ticketId: string; staffId: string; counterId: string; recalls: number }
  | { type: 'ticket-no-show'; ticketId: string; staffId?: string; reason: 'staff' | 'timeout' | 'max-recalls' }
  | { type: 'service-started'; ticketId: string; staffId: string }
  | { type: 'ticket-completed'; ticketId: string; staffId: string; serviceSec: number }
  | {
      type: 'ticket-transferred';
      ticketId: string;
      staffId: string;
      fromServiceId: string;
      toServiceId: string;
      toCounterId?: string;
      number: string;
    }
  | { type: 'ticket-priority-raised'; ticketId: string; from: PriorityClass; priority: PriorityClass }
  | { type: 'ticket-cancelled'; ticketId: string; by: 'customer' | 'staff' | 'system' }
  | { type: 'day-closed'; day: string }
  /** The booking calendar (see the commands of the same name); older logs simply have none. */
  | { type: 'appointment-expected'; ticketId: string; serviceId: string; appointmentAt: number }
  | { type: 'appointment-dropped'; ticketId: string };

export type EventType = EventBody['type'];

/** An event as stored and streamed: `seq` is per branch, gapless, and the stream id. */
export type BranchEvent = EventBody & { seq: number; branchId: string; at: number };
