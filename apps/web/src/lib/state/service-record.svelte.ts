import { SERVICE_OUTCOMES, type MyServiceRecordView, type SaveServiceRecordBody, type ServiceOutcome, type ServiceRecordView } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { clearDraft, keepDraft, takeDraft, type DraftStorage } from './unsaved-draft.js';
import { hasUnsavedChanges, recordProblem, type RecordDraftValues } from './service-record-logic.js';
import { codeOf } from './staff-errors.js';

/** How a visit I held ended without my complete: the customer cancelled, a no-show, or not known. */
export type EndedBy = 'cancelled' | 'no-show' | 'gone';

/** The screen's name in its kept drafts' keys: one per tab and branch, for the ticket held. */
export const SERVICE_RECORD_SCREEN = 'service-record';

/** Where the unsaved record survives a reload of the tab, and whose it is. */
export interface RecordKeeping {
  drafts: DraftStorage | null;
  userId: string;
}

interface KeptRecord {
  ticketId: string;
  notes: string;
  outcome: ServiceOutcome | null;
}

function isKeptRecord(v: unknown): v is KeptRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.ticketId === 'string' && typeof r.notes === 'string' && (r.outcome === null || SERVICE_OUTCOMES.includes(r.outcome as ServiceOutcome));
}

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
  /** How often a save was refused for a problem of the draft: the form moves focus to it each time. */
  refusals = $state(0);

  constructor(
    readonly branchId: string,
    readonly ticketId: string,
    readonly number: string,
    private readonly onAuthLost: (code: string) => void = () => {},
    private readonly keeping: RecordKeeping | null = null,
  ) {}

  /**
   * Brings back what this staff member typed for this ticket before the tab was reloaded (kept in
   * the tab's sessionStorage, never localStorage: customer notes must not outlive the tab on a
   * shared counter PC). A draft for another ticket or staff member is dropped.
   */
  restore(now = Date.now()): void {
    if (!this.keeping) return;
    const kept = takeDraft(this.keeping.drafts, this.draftKey(), now, (v): v is KeptRecord => isKeptRecord(v) && v.ticketId === this.ticketId);
    if (!kept) return;
    this.notes = kept.notes;
    this.outcome = kept.outcome;
  }

  /** Keeps the unsaved draft for a reload, or drops the kept one once saved or the visit is over. */
  remember(now = Date.now()): void {
    if (!this.keeping) return;
    if (this.dirty && !this.finished) {
      const kept: KeptRecord = { ticketId: this.ticketId, notes: this.notes, outcome: this.outcome };
      keepDraft(this.keeping.drafts, this.draftKey(), kept, now);
    } else this.forget();
  }

  /** Drops the kept draft (saved, visit over, signing out). */
  forget(): void {
    clearDraft(this.keeping?.drafts ?? null, this.draftKey());
  }

  private draftKey() {
    return { screen: SERVICE_RECORD_SCREEN, branchId: this.branchId, userId: this.keeping?.userId ?? '' };
  }

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
      this.refusals++;
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
