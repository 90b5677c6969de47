import type { AllBranchesReadiness, BranchReadiness, Me } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { openingFailed, type ManagerLoad } from './manager-screen.js';
import { canSeeReadiness } from './readiness-logic.js';

/**
 * The rollout readiness screen (/staff/readiness): an admin sees every branch in service, one row
 * each with its counts, expanded on demand; a manager sees their own branch, expanded. Read-only.
 */
export class ReadinessScreen {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  branches = $state<BranchReadiness[]>([]);
  /** branchId -> its items are shown. */
  expanded = $state<Record<string, boolean>>({});

  async start(): Promise<void> {
    this.load = 'loading';
    try {
      const me = await api<Me>('GET', '/api/v1/auth/me');
      this.me = me;
      if (!canSeeReadiness(me.role)) {
        this.load = 'forbidden';
        return;
      }
      if (me.role === 'admin') {
        this.branches = (await api<AllBranchesReadiness>('GET', '/api/v1/readiness')).branches;
      } else if (me.branchId) {
        this.branches = [await api<BranchReadiness>('GET', `/api/v1/branches/${encodeURIComponent(me.branchId)}/readiness`)];
        this.expanded = { [me.branchId]: true };
      }
      this.load = this.branches.length ? 'ready' : 'no-branch';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  toggle(branchId: string): void {
    this.expanded = { ...this.expanded, [branchId]: !this.expanded[branchId] };
  }
}
