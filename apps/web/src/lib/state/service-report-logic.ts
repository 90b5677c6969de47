import type { ServiceReportRecord, ServiceReportView } from '@tellerline/contracts';

type Service = ServiceReportView['service'];

/**
 * What the report shows beside a leg: its staff member's record; for a staff member who had two
 * legs (a customer transferred back), where their one record is; that they wrote none; or nothing,
 * when nobody called the customer in that leg.
 */
export type LegRecord = { kind: 'record'; record: ServiceReportRecord } | { kind: 'elsewhere'; step: number } | { kind: 'none' } | null;

/** How a leg ended, for its line: a transfer names where the customer went and their new number. */
export type LegEnd = { key: 'transferred'; to: { service: Service; number: string } | null } | { key: 'done' | 'no-show' | 'cancelled' | 'open' };

export function legRecord(r: ServiceReportView, i: number): LegRecord {
  const leg = r.legs[i];
  if (!leg?.staffId) return null;
  if (leg.record) return { kind: 'record', record: leg.record };
  const later = r.legs.findIndex((l, j) => j > i && l.staffId === leg.staffId && l.record !== null);
  return later >= 0 ? { kind: 'elsewhere', step: later + 1 } : { kind: 'none' };
}

export function legEnd(r: ServiceReportView, i: number): LegEnd {
  const leg = r.legs[i];
  if (!leg || leg.end === null) return { key: 'open' };
  if (leg.end !== 'transferred') return { key: leg.end };
  const next = r.legs[i + 1];
  return { key: 'transferred', to: next ? { service: next.service, number: next.number } : null };
}

/** Records beside no leg (their writer's staff entry was removed since): listed after the legs. */
export function unplacedRecords(r: ServiceReportView): ServiceReportRecord[] {
  return r.records.filter((rec) => rec.staffId === null || !r.legs.some((l) => l.staffId === rec.staffId));
}

/**
 * The number printed on the customer's ticket comes first (it is what they hold); the number a
 * transfer gave them, and the service they ended under, only when they differ from it.
 */
export function visitNumbers(r: ServiceReportView): { printed: string; now: string | null; chosen: Service; final: Service | null } {
  const chosen = r.legs[0]?.service ?? r.service;
  return { printed: r.issuedNumber, now: r.number !== r.issuedNumber ? r.number : null, chosen, final: r.service.id !== chosen.id ? r.service : null };
}
