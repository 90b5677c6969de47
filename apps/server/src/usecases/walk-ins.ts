import type { BranchState } from '@tellerline/engine';
import { AppError } from '../errors.js';

/**
 * Refuses a walk-in ticket (kiosk, remote queue) for a service offered by appointment only
 * (`walkIns: false` in its booking rules). Booked customers check in by their booking instead,
 * which this does not touch: one who comes too late to keep the slot still gets a ticket.
 */
export function requireWalkIns(state: BranchState, serviceId: string): void {
  if (state.services[serviceId]?.walkIns === false) {
    throw new AppError('SERVICE_APPOINTMENT_ONLY', 'This service is by appointment only: book a time for it, or choose another service.');
  }
}
