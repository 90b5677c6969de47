type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * What a refused request was after, by the last word of its route that is not an id (the most
 * specific one: `/tickets/:ticketId/profile` is a profile), as `audit.refused.area.<area>` names it.
 */
const AREAS: Record<string, string> = {
  kpis: 'kpis', comments: 'comments',
  audit: 'audit', people: 'audit',
  appointments: 'appointments',
  team: 'team', admins: 'admins',
  devices: 'devices', 're-pair': 'devices', revoke: 'devices',
  booking: 'booking', settings: 'booking', punctuality: 'booking',
  tickets: 'tickets', 'remote-tickets': 'tickets',
  commands: 'commands',
  branches: 'setup', setup: 'setup', services: 'setup', counters: 'setup', 'opening-hours': 'setup', address: 'setup', deactivate: 'setup', reactivate: 'setup', deactivation: 'setup',
  profile: 'profile', record: 'record', report: 'record',
  'check-in': 'checkIn', arrive: 'checkIn',
  queue: 'queue', 'staff-queue': 'queue',
};

/** Refusals that say more than "not their branch or role". */
const REASONS = new Set(['TICKET_NOT_YOURS', 'RECORD_NOT_YOURS']);

/** The area a route pattern belongs to, or null for one this screen does not know (a newer server's). */
export function refusedArea(route: string): string | null {
  const words = route.split('?')[0]!.split('/').filter((w) => w !== '' && !w.startsWith(':') && w !== 'api' && !/^v\d+$/.test(w));
  const last = words.at(-1)?.replace(/\.csv$/, '');
  return last !== undefined && Object.hasOwn(AREAS, last) ? AREAS[last]! : null;
}

/**
 * An `access-denied` entry in words: what was refused (the KPI reports, the audit log), else the
 * route as asked for; and why, when it is more than the action's "not their branch or role".
 * Its `code` is a refusal's code, never a check-in code.
 */
export function refusalSummary(d: Record<string, unknown>, t: T): string[] {
  const route = typeof d.route === 'string' ? d.route : null;
  const area = route ? refusedArea(route) : null;
  const out: string[] = [];
  if (area) out.push(t('audit.summary.refused', { what: t(`audit.refused.area.${area}`) }));
  else if (route) out.push(t('audit.summary.refused', { what: [typeof d.method === 'string' ? d.method : '', route].filter(Boolean).join(' ') }));
  if (typeof d.code === 'string' && REASONS.has(d.code)) out.push(t(`audit.refused.reason.${d.code}`));
  return out;
}
