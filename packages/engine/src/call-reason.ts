import type { CallReason } from './events.js';
import type { PriorityClass, ServiceDef } from './model.js';
import type { Urgency } from './urgency.js';

const PRIORITY_LABEL: Record<PriorityClass, string> = { normal: '', priority: 'priority', vip: 'VIP' };

/**
 * Builds the reason shown to staff, e.g. "waited 14 min, target 10; your skill: B 1.0".
 * The numbers are also returned as fields so the UI can render the sentence in Chinese.
 */
export function callReason(
  rule: CallReason['rule'],
  u: Urgency,
  service: ServiceDef,
  priority: PriorityClass,
  proficiency: number,
  score: number,
  manualNote?: string,
): CallReason {
  const parts: string[] = [];
  if (rule === 'manual') parts.push(`called out of order${manualNote ? `: ${manualNote}` : ''}`);
  if (rule === 'reserved') parts.push('transferred to your counter');
  let detail = `waited ${Math.round(u.waitedMin)} min, target ${u.targetMin}`;
  if (PRIORITY_LABEL[priority]) detail += `, ${PRIORITY_LABEL[priority]} customer`;
  if (u.slotInMin !== undefined) detail += `, ${slotText(u.slotInMin)}`;
  parts.push(detail);
  parts.push(`your skill: ${service.code} ${formatProficiency(proficiency)}`);
  const reason: CallReason = {
    text: parts.join('; '),
    waitedMin: round(u.waitedMin, 1),
    targetMin: u.targetMin,
    proficiency,
    score: round(score, 3),
    rule,
  };
  if (u.slotInMin !== undefined) reason.slotInMin = Math.round(u.slotInMin);
  return reason;
}

/** Why a higher-scoring ticket was passed over: "keeps you free for the B appointment in 12 min". */
export function holdText(serviceCode: string, slotInMin: number): string {
  return `keeps you free for the ${serviceCode} appointment ${slotText(slotInMin).replace(/^appointment /, '')}`;
}

function slotText(slotInMin: number): string {
  const m = Math.round(slotInMin);
  if (m > 0) return `appointment in ${m} min`;
  if (m < 0) return `appointment ${-m} min ago`;
  return 'appointment due now';
}

function formatProficiency(p: number): string {
  return Number.isInteger(p * 10) ? p.toFixed(1) : p.toFixed(2);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
