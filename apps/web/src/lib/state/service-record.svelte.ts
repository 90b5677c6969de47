import type { MyServiceRecordView, SaveServiceRecordBody, ServiceOutcome, ServiceRecordView } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { hasUnsavedChanges, recordProblem, type RecordDraftValues } from './service-record-logic.js';
import { codeOf } from './staff-errors.js';

/** How a visit I held ended without my complete: the customer cancelled, a no-show, or not known. */
export type EndedBy = 'cancelled' | 'no-show' | 'gone';

/**
 * The teller's record of one visit on the staff panel: notes and outcome as typed, what the
 * server last confirmed, and saving. It belongs to the ticket I hold, and stays after I complete
 * it so I can amend it the same day.
 */
export class ServiceRecordDraft {
  notes = $state('');
  outcome = $state<ServiceOutcome | null>(null);
  /** What the server has (null: nothing saved yet). */
  saved = $state<RecordDraftValues | null>(null);
  savedAt = $state<number | null>(null);
  saving = $state(false);
  /** The last save's refusal (a code), or a problem of the draft (`record.problem.*` key suffix). */
  error = $state<string | null>(null);
  /** Loading what was saved before (a reload, or a visit I come back to). */
  loading = $state(true);
  /** The visit is over (I completed it): amending only. */
  finished = $state(false);
  /**
   * The visit ended by someone else's action while I held it, with my notes unsaved: why, once
   * known ('gone' until then, or when it cannot be told). The draft stays for me to save.
   */
  ended = $state<EndedBy | null>(null);

  dirty = $derived(hasUnsavedChanges({ notes: this.notes, outcome: this.outcome }, this.saved));
  problem = $derived(recordProblem({ notes: this.notes, outcome: this.outcome }));

  constructor(
    readonly branchId: string,
    readonly ticketId: string,
    readonly number: string,
    private readonly onAuthLost: (code: string) => void = () => {},
  ) {}

  private path(): string {
    return `/api/v1/branches/${encodeURIComponent(this.branchId)}/tickets/${encodeURIComponent(this.ticketId)}/record`;
  }

  /** Reads my record saved before, unless the teller started typing meanwhile. */
  async load(headers: Record<string, string> = {}): Promise<void> {
    try {
      const { record } = await api<MyServiceRecordView>('GET', this.path(), undefined, headers);
      if (record && !this.dirty) this.accept(record);
    } catch (err) {
      const code = codeOf(err);
      // Not loading is no reason to stop the teller from writing: saving will say what is wrong.
      if (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED') this.onAuthLost(code);
    } finally {
      this.loading = false;
    }
  }

  /** Saves the draft; true when the server has what was typed. Never throws. */
  async save(): Promise<boolean> {
    // A save already under way (Save pressed, then Complete): wait for it, then save what is left.
    while (this.inflight) await this.inflight;
    if (!this.dirty) return true;
    if (this.problem) {
      this.error = this.problem;
      return false;
    }
    this.inflight = this.put();
    try {
      return await this.inflight;
    } finally {
      this.inflight = null;
    }
  }

  private inflight: Promise<boolean> | null = null;

  private async put(): Promise<boolean> {
    this.saving = true;
    this.error = null;
    const body: SaveServiceRecordBody = { notes: this.notes, outcome: this.outcome! };
    try {
      const saved = await api<ServiceRecordView>('PUT', this.path(), body);
      // Typing may have gone on meanwhile: that stays in the draft, still unsaved.
      this.saved = { notes: saved.notes, outcome: saved.outcome };
      this.savedAt = saved.updatedAt;
      return true;
    } catch (err) {
      const code = codeOf(err);
      this.error = code;
      if (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED') this.onAuthLost(code);
      return false;
    } finally {
      this.saving = false;
    }
  }

  private accept(r: ServiceRecordView): void {
    this.notes = r.notes;
    this.outcome = r.outcome;
    this.saved = { notes: r.notes, outcome: r.outcome };
    this.savedAt = r.updatedAt;
  }
}
