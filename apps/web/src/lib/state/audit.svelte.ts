import type { AuditEntryView, AuditPerson, BranchInfo, Me } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { AUDIT_PAGE, auditPagePath, auditPeoplePath, canReadAudit, NO_FILTERS, rangeProblem, unnamedRosterStaff, type AuditFilters, type AuditScope } from './audit-logic.js';
import { managerRequest, openingFailed, openManagerScreen, type ManagerLoad } from './manager-screen.js';

type BranchChoice = { id: string; name: BranchInfo['name'] };

/**
 * The audit log screen (/staff/audit): a manager's branch, or for an admin every entry, those of
 * no branch, or one branch's. Entries newest first, a page at a time ("load more" asks for the
 * entries below the last one shown, so entries written meanwhile never shift the list). The
 * filter form is `form`; `shown` is what the entries on screen were read with. Errors are codes
 * and dictionary keys, translated by the page.
 */
export class AuditScreen {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  /** Every branch, for an admin to choose from; empty for a manager. */
  branches = $state<BranchChoice[]>([]);
  /** A manager's own branch (its name in the header). */
  branch = $state<BranchInfo | null>(null);
  scope = $state<AuditScope | null>(null);
  /** The person the filters read from the address name (their name for the "who" field), if the viewer may see them. */
  person = $state<AuditPerson | null>(null);
  /**
   * The address named a person this log does not show (someone the viewer may not see, an old
   * bookmark): the filter was dropped, and the page says so rather than "No entries match".
   */
  personUnknown = $state(false);
  form = $state<AuditFilters>({ ...NO_FILTERS });
  shown = $state<AuditFilters>({ ...NO_FILTERS });
  entries = $state<AuditEntryView[]>([]);
  /** Older entries than the last one shown exist. */
  more = $state(false);
  /** Colleagues whose roster changes are shown, by id: "All details" names them (an id not found stays an id). */
  staffNames = $state<Record<string, string>>({});

  busy = $state(false);
  /** The last refusal's code. */
  error = $state<string | null>(null);
  /** Dictionary key of the problem with the days chosen, or null. */
  rangeError = $state<string | null>(null);

  get isAdmin(): boolean {
    return this.me?.role === 'admin';
  }

  /**
   * The number of the ticket the list is narrowed to (its id until an entry names it): its latest,
   * from the newest entry (a transfer's new number), as each row says which number it had then.
   */
  get ticketLabel(): string | null {
    const id = this.shown.ticketId;
    const newest = id ? this.entries.find((e) => e.ticketId === id) : undefined;
    return id ? (newest?.newTicketNumber ?? newest?.ticketNumber ?? id) : null;
  }

  /**
   * Opens the screen. `branch`: for an admin, 'all' (the default), 'none' or a branch id; a
   * manager always reads their own. `filters`: from the address, if any (`filtersFromAddress`
   * has left out what the server would refuse).
   */
  async start(branch: string | null = null, filters: AuditFilters = NO_FILTERS): Promise<void> {
    this.load = 'loading';
    this.error = null;
    this.rangeError = null;
    try {
      const opened = await openManagerScreen<BranchChoice>(canReadAudit, branch);
      this.me = opened.me;
      this.branches = opened.branches;
      // An admin may read every entry even where there is no branch yet.
      const adminScope: AuditScope = branch === 'none' ? 'none' : branch && opened.branches.some((b) => b.id === branch) ? { branchId: branch } : 'all';
      if ('load' in opened && !(opened.me.role === 'admin' && opened.load === 'no-branch')) {
        this.load = opened.load;
        return;
      }
      this.scope = opened.me.branchId !== null ? { branchId: opened.me.branchId } : adminScope;
      const f = { ...filters };
      const own = opened.me.branchId;
      const scope = this.scope;
      // The person first: one this log does not show is dropped from the filter before the entries are read.
      const people = f.userId ? await api<AuditPerson[]>('GET', auditPeoplePath(scope, { id: f.userId })) : [];
      this.personUnknown = f.userId !== '' && people.length === 0;
      if (this.personUnknown) f.userId = '';
      const [page, branchInfo] = await Promise.all([
        this.page(f, null),
        own !== null ? api<BranchInfo>('GET', `/api/v1/branches/${encodeURIComponent(own)}`) : Promise.resolve(null),
      ]);
      this.show(f, page, false);
      this.person = people[0] ?? null;
      this.branch = branchInfo;
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** The filter form was sent: days checked here first (the server's rules), then the first page. Resolves true when shown. */
  async apply(): Promise<boolean> {
    if (this.busy || !this.scope) return false;
    this.error = null;
    this.rangeError = rangeProblem(this.form.from, this.form.to);
    if (this.rangeError) return false;
    const f = { ...this.form };
    const page = await this.run(() => this.page(f, null));
    if (!page) return false;
    this.show(f, page, false);
    this.personUnknown = false;
    return true;
  }

  /** The next (older) page below the last entry shown. Resolves how many were added. */
  async loadMore(): Promise<number> {
    const last = this.entries.at(-1);
    if (this.busy || !this.scope || !this.more || !last) return 0;
    this.error = null;
    const page = await this.run(() => this.page(this.shown, last.id));
    if (!page) return 0;
    this.show(this.shown, page, true);
    return page.items.length;
  }

  /** An admin picked every branch ('all'), no branch ('none') or one branch: its people and first page, same filters. */
  async pickScope(value: string): Promise<boolean> {
    if (this.busy || !this.isAdmin) return false;
    const scope: AuditScope | null = value === 'all' || value === 'none' ? value : this.branches.some((b) => b.id === value) ? { branchId: value } : null;
    if (!scope) return false;
    this.error = null;
    const f = { ...this.shown };
    // The person chosen may not act in the new scope: the filter is kept (an empty list says so).
    const page = await this.run(() => this.page(f, null, scope));
    if (!page) return false;
    this.scope = scope;
    this.show(f, page, false);
    return true;
  }

  /**
   * Whom the "who" field suggests for what was typed, within the scope shown (the server limits
   * and scopes them). Rejects when the server cannot answer (the field says so).
   */
  findPeople(q: string): Promise<AuditPerson[]> {
    if (!this.scope) return Promise.resolve([]);
    return api<AuditPerson[]>('GET', auditPeoplePath(this.scope, { q }));
  }

  /** Only the entries about the ticket of `entry` (every step of that visit), other filters kept. */
  async onlyTicket(ticketId: string): Promise<boolean> {
    this.form = { ...this.shown, ticketId };
    return this.apply();
  }

  /** Drops the ticket filter. */
  async allTickets(): Promise<boolean> {
    this.form = { ...this.shown, ticketId: '' };
    return this.apply();
  }

  /** Every filter off. */
  async clear(): Promise<boolean> {
    this.form = { ...NO_FILTERS };
    return this.apply();
  }

  private show(f: AuditFilters, page: { items: AuditEntryView[]; more: boolean }, append: boolean): void {
    this.shown = { ...f };
    this.form = { ...f };
    this.entries = append ? [...this.entries, ...page.items] : page.items;
    this.more = page.more;
    void this.nameRosterStaff();
  }

  /** Asks for the names of the colleagues whose rosters the entries shown changed (the audit entry keeps only their id). */
  private async nameRosterStaff(): Promise<void> {
    const scope = this.scope;
    if (!scope) return;
    for (const id of unnamedRosterStaff(this.entries, this.staffNames)) {
      const [person] = await api<AuditPerson[]>('GET', auditPeoplePath(scope, { id })).catch(() => []);
      if (person) this.staffNames = { ...this.staffNames, [id]: person.displayName };
    }
  }

  /** One more than a page is asked for: whether older entries exist, without a cursor from the server. */
  private async page(f: AuditFilters, before: string | null, scope: AuditScope = this.scope!): Promise<{ items: AuditEntryView[]; more: boolean }> {
    const got = await api<AuditEntryView[]>('GET', auditPagePath(scope, f, AUDIT_PAGE + 1, before));
    return { items: got.slice(0, AUDIT_PAGE), more: got.length > AUDIT_PAGE };
  }

  private run<R>(request: () => Promise<R>): Promise<R | null> {
    return managerRequest(this, request, (code) => {
      this.error = code;
    });
  }
}
