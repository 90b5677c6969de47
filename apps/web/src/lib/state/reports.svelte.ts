import type { AllBranchesKpiReport, BranchInfo, BranchKpiReport, KpiComment, KpiComments, Me } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { canReadReports, pilotFirst, rangeProblem } from './reports-logic.js';
import { managerRequest, openingFailed, openManagerScreen, type ManagerLoad } from './manager-screen.js';

type BranchChoice = { id: string; name: BranchInfo['name']; pilot?: boolean };

/**
 * The KPI reports screen (/staff/reports): a manager's branch, or for an admin the branch they
 * pick and every branch side by side. The range starts as the server's default (the last 28 days)
 * and is then what the person chose. Errors are codes / dictionary keys, translated by the page.
 */
export class ReportsScreen {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  /** Every branch, for an admin to choose from (pilot branches first); empty for a manager. */
  branches = $state<BranchChoice[]>([]);
  branchId = $state<string | null>(null);
  report = $state<BranchKpiReport | null>(null);
  /** Every branch (admins only). */
  all = $state<AllBranchesKpiReport | null>(null);

  // The range form (YYYY-MM-DD), filled from the report shown.
  from = $state('');
  to = $state('');
  /** Dictionary key of the problem with the range, or null. */
  rangeError = $state<string | null>(null);
  /**
   * Why the range in the address (a bookmark, a shared link) was not the one shown: 'tooLong' (over
   * the 92 days a report may cover) or 'invalid'; null when it was, or none was given. The screen
   * says so rather than silently showing the default period.
   */
  rangeFallback = $state<'tooLong' | 'invalid' | null>(null);

  /** Every comment of the report's period once asked for ("show more"); null: the report's latest only. */
  allComments = $state<KpiComment[] | null>(null);
  commentsBusy = $state(false);
  /** The last refusal's code when every comment was asked for. */
  commentsError = $state<string | null>(null);

  /** The comments listed: every one once loaded, else the report's latest. */
  get comments(): KpiComment[] {
    return this.allComments ?? this.report?.comments ?? [];
  }

  /** Whether the period has comments the list does not show yet. */
  get moreComments(): boolean {
    return (this.report?.commentCount ?? 0) > this.comments.length;
  }

  busy = $state(false);
  /** The last refusal's code. */
  error = $state<string | null>(null);

  get isAdmin(): boolean {
    return this.me?.role === 'admin';
  }

  /** `branchId`: an admin may name one; else their own, or the first pilot branch. Dates: from the address, if any. */
  async start(branchId: string | null = null, range: { from?: string | null; to?: string | null } = {}): Promise<void> {
    this.load = 'loading';
    this.error = null;
    this.rangeError = null;
    try {
      const opened = await openManagerScreen<BranchChoice>(canReadReports, branchId, pilotFirst);
      this.me = opened.me;
      this.branches = opened.branches;
      if ('load' in opened) {
        this.load = opened.load;
        return;
      }
      this.branchId = opened.branchId;
      const problem = range.from || range.to ? rangeProblem(range.from ?? '', range.to ?? '') : null;
      await this.fetch(problem === null && range.from && range.to ? { from: range.from, to: range.to } : null);
      this.rangeFallback = problem === null ? null : problem === 'reports.range.tooLong' ? 'tooLong' : 'invalid';
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** The range form was sent: checked here first (the server's rules), then the reports again. Resolves true when shown. */
  async apply(): Promise<boolean> {
    if (this.busy) return false;
    this.error = null;
    this.rangeError = rangeProblem(this.from, this.to);
    if (this.rangeError) return false;
    const shown = await this.run(() => this.fetch({ from: this.from, to: this.to }));
    // The period chosen now is the one shown: the note about the address's period is done.
    if (shown) this.rangeFallback = null;
    return shown;
  }

  /** An admin picked another branch: its report over the same range (every branch's is the same one still). */
  async pickBranch(id: string): Promise<boolean> {
    if (this.busy || !this.branches.some((b) => b.id === id)) return false;
    this.branchId = id;
    this.error = null;
    return this.run(() => this.fetch(this.report ? { from: this.report.fromDay, to: this.report.toDay } : null, this.isAdmin && this.all === null));
  }

  /** `everyBranch`: every branch's report too (admins only); else the one shown is kept. */
  private async fetch(range: { from: string; to: string } | null, everyBranch = this.isAdmin): Promise<void> {
    const q = range ? `?${new URLSearchParams({ from: range.from, to: range.to })}` : '';
    const [report, all] = await Promise.all([
      api<BranchKpiReport>('GET', `/api/v1/branches/${encodeURIComponent(this.branchId!)}/kpis${q}`),
      everyBranch ? api<AllBranchesKpiReport>('GET', `/api/v1/kpis${q}`) : Promise.resolve(this.all),
    ]);
    this.report = report;
    this.all = all;
    this.allComments = null;
    this.commentsError = null;
    this.from = report.fromDay;
    this.to = report.toDay;
  }

  /** Every comment of the report's period (the branch and days shown). Resolves true when listed. */
  async showAllComments(): Promise<boolean> {
    const report = this.report;
    if (!report || this.commentsBusy) return false;
    this.commentsError = null;
    const q = new URLSearchParams({ from: report.fromDay, to: report.toDay });
    // Its own busy flag: the period form stays usable while the comments load.
    this.commentsBusy = true;
    const got = await managerRequest(
      { busy: false },
      () => api<KpiComments>('GET', `/api/v1/branches/${encodeURIComponent(report.branch.id)}/kpis/comments?${q}`),
      (code) => {
        this.commentsError = code;
      },
    ).finally(() => (this.commentsBusy = false));
    // A report asked for meanwhile (another branch or period) is not given these.
    if (!got || this.report !== report) return false;
    this.allComments = got.comments;
    return true;
  }

  private async run(request: () => Promise<void>): Promise<boolean> {
    const done = await managerRequest(
      this,
      async () => {
        await request();
        return true;
      },
      (code) => {
        this.error = code;
      },
    );
    return done ?? false;
  }
}
