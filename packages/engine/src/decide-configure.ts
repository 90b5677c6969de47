import { DomainError } from './errors.js';
import type { EventBody } from './events.js';
import { ACTIVE_STATUSES, PRIORITY_CLASSES, type BranchConfig, type BranchState } from './model.js';

/**
 * (Re)configures a branch, also mid-day. Refuses malformed configurations (INVALID_CONFIG) and
 * ones that would orphan live work (CONFIG_CONFLICT): removing a service that still has
 * tickets, a counter someone is signed on at, or a staff member who holds a ticket.
 */
export function decideConfigure(s: BranchState, config: BranchConfig): EventBody[] {
  const problems = configProblems(s, config);
  if (problems.length > 0) throw new DomainError('INVALID_CONFIG', problems.join('; '));

  const serviceIds = new Set(config.services.map((x) => x.id));
  const counterIds = new Set(config.counters.map((x) => x.id));
  const staffIds = new Set(config.staff.map((x) => x.id));
  for (const t of Object.values(s.tickets)) {
    if (ACTIVE_STATUSES.includes(t.status) && !serviceIds.has(t.serviceId)) {
      throw new DomainError('CONFIG_CONFLICT', `Service ${t.serviceId} still has tickets (e.g. ${t.number}).`);
    }
  }
  for (const st of Object.values(s.staff)) {
    if (st.status !== 'offline' && st.counterId !== undefined && !counterIds.has(st.counterId)) {
      throw new DomainError('CONFIG_CONFLICT', `Counter ${st.counterId} is in use by ${st.id}.`);
    }
    if (st.ticketId !== undefined && !staffIds.has(st.id)) {
      throw new DomainError('CONFIG_CONFLICT', `Staff ${st.id} holds a ticket.`);
    }
  }
  return [{ type: 'branch-configured', config }];
}

function configProblems(s: BranchState, c: BranchConfig): string[] {
  const out: string[] = [];
  if (c.branchId !== s.branchId) out.push(`config is for branch ${c.branchId}, not ${s.branchId}`);
  if (c.services.length === 0) out.push('at least one service is needed');
  dupes(c.services.map((x) => x.id)).forEach((id) => out.push(`duplicate service id ${id}`));
  dupes(c.services.map((x) => x.code)).forEach((code) => out.push(`duplicate service code ${code}`));
  dupes(c.counters.map((x) => x.id)).forEach((id) => out.push(`duplicate counter id ${id}`));
  dupes(c.staff.map((x) => x.id)).forEach((id) => out.push(`duplicate staff id ${id}`));
  const serviceIds = new Set(c.services.map((x) => x.id));
  for (const sv of c.services) {
    if (!/^[A-Z]{1,3}$/.test(sv.code)) out.push(`service ${sv.id}: code must be 1-3 capital letters`);
    if (!(sv.targetMin > 0)) out.push(`service ${sv.id}: targetMin must be > 0`);
    if (!(sv.defaultDurationMin > 0)) out.push(`service ${sv.id}: defaultDurationMin must be > 0`);
  }
  for (const st of c.staff) {
    for (const [sid, p] of Object.entries(st.skills)) {
      if (!serviceIds.has(sid)) out.push(`staff ${st.id}: skill for unknown service ${sid}`);
      if (!(p > 0 && p <= 1)) out.push(`staff ${st.id}: proficiency for ${sid} must be in (0, 1]`);
    }
  }
  const r = c.routing;
  for (const p of PRIORITY_CLASSES) {
    if (!(r.priorityBoost[p] >= 0)) out.push(`routing: priorityBoost.${p} must be >= 0`);
  }
  if (!(r.appointmentEarlyMin >= 0)) out.push('routing: appointmentEarlyMin must be >= 0');
  if (!(r.appointmentLateMin >= 0)) out.push('routing: appointmentLateMin must be >= 0');
  if (!(Number.isInteger(r.maxRecalls) && r.maxRecalls >= 0)) out.push('routing: maxRecalls must be an integer >= 0');
  if (!(Number.isInteger(r.etaWindow) && r.etaWindow >= 1)) out.push('routing: etaWindow must be an integer >= 1');
  return out;
}

function dupes(xs: string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const x of xs) (seen.has(x) ? out : seen).add(x);
  return [...out];
}
