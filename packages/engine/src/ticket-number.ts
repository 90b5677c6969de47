import type { BranchState } from './model.js';

/** Display number: service code + daily sequence, at least 3 digits (A001, A023, A1000). */
export function formatTicketNumber(code: string, seq: number): string {
  return `${code}${String(seq).padStart(3, '0')}`;
}

/** The number the next ticket of service code `code` gets today. */
export function nextTicketNumber(state: BranchState, code: string): string {
  return formatTicketNumber(code, (state.sequences[code] ?? 0) + 1);
}
