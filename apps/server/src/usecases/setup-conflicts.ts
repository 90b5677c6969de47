import type { BranchHasCustomersDetails, BranchInUseDetails, CounterInUseDetails, ServiceInUseDetails } from '@tellerline/contracts';
import { ACTIVE_STATUSES, type BranchState } from '@tellerline/engine';
import { AppError } from '../errors.js';

/**
 * Why a service cannot be deactivated now, read from the live state: the customers waiting for it,
 * called to a counter for it or being served (the engine refuses to orphan them, CONFIG_CONFLICT).
 * Null when nobody is. Said in numbers, so the screens can word it in either language.
 * `recode`: the change is of the service's code, refused (SERVICE_CODE_IN_USE) while its tickets
 * are live: the lobby and the tellers read a ticket's service by code, so A-tickets would show under
 * the new code although the customers were told (and hold) A-numbers.
 */
export function serviceInUse(state: BranchState | null, service: { id: string; code: string }, change: 'deactivate' | 'recode' = 'deactivate'): AppError | null {
  const details: ServiceInUseDetails = { serviceCode: service.code, waiting: 0, called: 0, serving: 0 };
  for (const t of Object.values(state?.tickets ?? {})) {
    if (t.serviceId === service.id && ACTIVE_STATUSES.includes(t.status)) details[t.status as 'waiting' | 'called' | 'serving']++;
  }
  const atCounters = details.called + details.serving;
  if (details.waiting + atCounters === 0) return null;
  const waiting = details.waiting === 1 ? '1 customer is waiting for this service' : `${details.waiting} customers are waiting for this service`;
  const held = atCounters === 1 ? '1 is at a counter' : `${atCounters} are at counters`;
  const who = details.waiting > 0 && atCounters > 0 ? `${waiting} and ${held}` : details.waiting > 0 ? waiting : `${atCounters} ${atCounters === 1 ? 'customer is' : 'customers are'} being served for this service`;
  return change === 'recode'
    ? new AppError('SERVICE_CODE_IN_USE', `${who}; change its code after they are served.`, undefined, { ...details })
    : new AppError('SERVICE_IN_USE', `${who}; deactivate it after they are served.`, undefined, { ...details });
}

/** Why a counter cannot be deactivated now: someone is signed on at it. Null when nobody is. */
export function counterInUse(state: BranchState | null, counter: { id: string; label: string }, names: Record<string, string>): AppError | null {
  const at = Object.values(state?.staff ?? {}).find((s) => s.status !== 'offline' && s.counterId === counter.id);
  if (!at) return null;
  const staffName = names[at.id];
  const details: CounterInUseDetails = { counterLabel: counter.label, ...(staffName ? { staffName } : {}) };
  return new AppError('COUNTER_IN_USE', `${staffName ?? 'Someone'} is signed on at counter ${counter.label}; deactivate it after they sign off.`, undefined, { ...details });
}

/** A branch that runs needs a service: the last active one stays until another is active. */
export function lastActiveService(services: readonly { id: string; active: boolean }[], serviceId: string): AppError | null {
  const others = services.filter((s) => s.active && s.id !== serviceId);
  return others.length === 0
    ? new AppError('LAST_ACTIVE_SERVICE', "This is the branch's only active service; add or reactivate another before deactivating it.")
    : null;
}

/**
 * Why a branch cannot be taken out of service now, read from its live state: someone is signed on
 * at one of its counters (BRANCH_IN_USE, naming who), or customers wait, are called or are served
 * (BRANCH_HAS_CUSTOMERS, how many). Null when neither: the branch is quiet.
 */
export function branchInUse(state: BranchState | null, names: Record<string, string>): AppError | null {
  const signedOn = Object.values(state?.staff ?? {}).filter((s) => s.status !== 'offline' && s.counterId !== undefined);
  if (signedOn.length > 0) {
    const staffName = signedOn.map((s) => names[s.id]).find((n) => n !== undefined);
    const details: BranchInUseDetails = { count: signedOn.length, ...(staffName ? { staffName } : {}) };
    const others = signedOn.length - 1;
    const who = staffName
      ? others === 0 ? `${staffName} is` : `${staffName} and ${others} ${others === 1 ? 'other are' : 'others are'}`
      : signedOn.length === 1 ? 'Someone is' : `${signedOn.length} people are`;
    return new AppError('BRANCH_IN_USE', `${who} signed on at this branch's counters; take it out of service after they sign off.`, undefined, { ...details });
  }
  const details: BranchHasCustomersDetails = { waiting: 0, called: 0, serving: 0 };
  for (const t of Object.values(state?.tickets ?? {})) {
    if (ACTIVE_STATUSES.includes(t.status)) details[t.status as 'waiting' | 'called' | 'serving']++;
  }
  const total = details.waiting + details.called + details.serving;
  if (total === 0) return null;
  const served = details.called + details.serving;
  return new AppError(
    'BRANCH_HAS_CUSTOMERS',
    `${details.waiting} ${details.waiting === 1 ? 'customer is' : 'customers are'} waiting and ${served} at counters in today's queue; take the branch out of service after they are served.`,
    undefined,
    { ...details },
  );
}
