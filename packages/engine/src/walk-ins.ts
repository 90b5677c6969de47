import { DomainError } from './errors.js';
import type { ServiceDef } from './model.js';

/**
 * Refuses a walk-in ticket (kiosk, remote queue) for a service offered by appointment only
 * (`walkIns: false`). `decide` applies it to every `issue` that is not a booked customer; edges
 * call it first where a refusal must not spend anything (the remote queue's per-IP limit).
 */
export function requireWalkIns(service: Pick<ServiceDef, 'walkIns'> | undefined): void {
  if (service?.walkIns === false) {
    throw new DomainError('SERVICE_APPOINTMENT_ONLY', 'This service is by appointment only: book a time for it, or choose another service.');
  }
}
