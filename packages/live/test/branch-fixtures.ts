import { DEFAULT_ROUTING, type BranchConfig, type Command } from '@tellerline/engine';

/** One service everybody serves, `size` counters and `size` staff (staff i sits at counter i). */
export function oneServiceBranch(branchId: string, size = 10): BranchConfig {
  const ids = Array.from({ length: size }, (_, i) => i + 1);
  return {
    branchId,
    services: [{ id: 'general', code: 'A', name: { zh: '综合业务', en: 'General' }, targetMin: 10, defaultDurationMin: 5 }],
    counters: ids.map((i) => ({ id: `c${i}`, label: String(i) })),
    staff: ids.map((i) => ({ id: `s${i}`, skills: { general: 1 } })),
    routing: DEFAULT_ROUTING,
  };
}

export function issue(ticketId: string): Command {
  return { type: 'issue', ticketId, token: `tok-${ticketId}`, serviceId: 'general', kind: 'walk-in', priority: 'normal' };
}
