import type { ServiceReportView } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { signInAgain } from './sign-in-again.js';
import { AUTH_CODES, codeOf } from './staff-errors.js';

/**
 * The printable service report of one visit (/staff/report/<ticketId>?branch=<id>): staff of the
 * branch and admins. Without `?branch` the signed-in person's own branch is meant.
 */
export class ServiceReport {
  load = $state<'loading' | 'ready' | 'error'>('loading');
  report = $state<ServiceReportView | null>(null);
  /** The refusal's code when `load` is 'error'. */
  error = $state<string | null>(null);

  async start(ticketId: string, branchId: string | null): Promise<void> {
    this.load = 'loading';
    this.error = null;
    try {
      const branch = branchId ?? (await api<{ branchId: string | null }>('GET', '/api/v1/auth/me')).branchId;
      if (!branch) throw Object.assign(new Error('no branch'), { code: 'UNKNOWN_TICKET' });
      this.report = await api<ServiceReportView>('GET', `/api/v1/branches/${encodeURIComponent(branch)}/tickets/${encodeURIComponent(ticketId)}/report`);
      this.load = 'ready';
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) {
        await signInAgain(code);
        return;
      }
      this.error = code === 'VALIDATION_FAILED' ? 'UNKNOWN_TICKET' : code;
      this.load = 'error';
    }
  }
}
