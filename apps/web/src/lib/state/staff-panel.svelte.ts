import { goto } from '$app/navigation';
import { BACKGROUND_REQUEST_HEADER, type BranchInfo, type CommandResult, type CustomerProfileView, type LogoutBody, type Me, type MyServiceRecordView, type StaffCommand, type StaffQueueSnapshot, type StaffTicketView } from '@tellerline/contracts';
import { connectRealtime, request, syncOnConnect, type ConnectionStatus, type TellerSocket } from '@tellerline/realtime-client';
import { api, NO_CONNECTION } from '$lib/api.js';
import { signInAgain } from './sign-in-again.js';
import { AUTH_CODES, codeOf, detailsOf, type ErrorDetails } from './staff-errors.js';
import { SERVICE_RECORD_SCREEN, ServiceRecordDraft, type EndedBy } from './service-record.svelte.js';
import { clearDraft, sessionDrafts, type DraftStorage } from './unsaved-draft.js';
import { StaffPresses } from './staff-press.js';
import { callFor, type CallRecord } from './staff-reason.js';
import { STORE_AWAY, StoreAwayWatch } from './store-away.svelte.js';
import { allowedActions, myPosition, withLiveConfig, type PanelAction } from './staff-view.js';

/** How often, and how far apart, a kept draft asks how its visit ended while the stored visit lags the live queue. */
const END_CHECKS = 8;
const END_CHECK_PAUSE_MS = 300;

/** A line under the buttons saying what just happened (the queue itself shows the rest). */
export type Notice =
  | { kind: 'recalled'; number: string; recalls: number }
  | { kind: 'no-show'; number: string; auto: boolean }
  | { kind: 'completed'; number: string }
  | { kind: 'transferred'; number: string; toServiceId?: string; toCounterId?: string }
  | { kind: 'issued'; number: string }
  | { kind: 'raised'; number: string; priority: 'priority' | 'vip' }
  /** The customer I had called or was serving cancelled their ticket (on their phone): not my doing, so said. */
  | { kind: 'cancelled'; number: string };

/** A ticket this panel issued for a customer (lobby work): its number and phone-page token to hand over. */
export type StaffIssued = NonNullable<CommandResult['issued']>;


/** Signing out while holding a customer: the panel asks what to do with them first. */
export interface LogoutPrompt {
  number: string;
  status: 'called' | 'serving';
}

export interface ProfileState {
  ticketId: string;
  view: CustomerProfileView | null;
  error: string | null;
}

const ONLY_MINE_KEY = 'tellerline.staff.onlyMine';
/** Requests the panel makes by itself: answered as usual, but they do not keep the session alive. */
const BACKGROUND = { [BACKGROUND_REQUEST_HEADER]: '1' };
/** How long a command waits for its own result to arrive on the socket before asking over HTTP. */
const SNAPSHOT_GRACE_MS = 1500;

/**
 * The staff panel's live state: who I am, the branch, the staff snapshot (pushed on every change
 * through 'staff:changed', re-synced after every reconnect) and the commands I send. Components
 * only read it and call its methods.
 */
export class StaffPanel {
  me = $state<Me | null>(null);
  branch = $state<BranchInfo | null>(null);
  snapshot = $state<StaffQueueSnapshot | null>(null);
  /** When the snapshot arrived, and a clock ticking so waits keep growing between snapshots. */
  receivedAt = $state(0);
  now = $state(Date.now());
  connection = $state<ConnectionStatus>('connecting');
  /** A command in flight: buttons wait for it (no double calls from an impatient double tap). */
  busy = $state<string | null>(null);
  /** The last refusal, as a code; shown translated. */
  error = $state<string | null>(null);
  /** Its structured facts (HELD_FOR_APPOINTMENT: which appointment, how soon), when it had any. */
  errorDetails = $state<ErrorDetails | null>(null);
  /** A problem that stops the panel from working at all (no branch, no counter role). */
  fatal = $state<string | null>(null);
  notice = $state<Notice | null>(null);
  /** This panel's last call reply: the reason until the snapshot carrying it arrives. */
  lastCall = $state<CallRecord | null>(null);
  profile = $state<ProfileState | null>(null);
  /** My record of the customer I hold, or of the one I last completed (amendable the same day). */
  record = $state<ServiceRecordDraft | null>(null);
  /** The ticket a complete of mine is under way for: its record stays when the ticket leaves my desk. */
  private completing: string | null = null;
  /** Where the unsaved record is kept across a reload of the tab (tests give their own). */
  drafts: DraftStorage | null = sessionDrafts();
  /** The ticket a transfer or no-show of mine is under way for: it leaves my desk by my own hand. */
  private releasing: string | null = null;
  /** The last ticket issued from this panel (lobby work), until the next one. */
  issued = $state<StaffIssued | null>(null);
  /**
   * The server answered TEMPORARILY_UNAVAILABLE (its queue store, Redis, is away for a moment):
   * the socket may well be connected, but commands fail. The panel says "reconnecting" instead of
   * "Connected", and reloads its snapshot every Retry-After seconds until the server answers.
   */
  readonly storeAway = new StoreAwayWatch(() => this.refresh());
  /** What the header and banner say: "reconnecting" while the store is away on a live socket. */
  shownConnection = $derived<ConnectionStatus | 'reconnecting'>(this.storeAway.away && this.connection !== 'offline' ? 'reconnecting' : this.connection);
  /** Set when "sign out" was pressed while holding a customer: the page asks before going on. */
  logoutPrompt = $state<LogoutPrompt | null>(null);
  /** A sign-out of mine is under way: the server closing my socket, or refusing a request, is expected. */
  private leaving = false;
  /** "Only my services" in the queue: on unless this device was told otherwise. */
  onlyMine = $state(loadOnlyMine());

  position = $derived(myPosition(this.snapshot, this.me?.staffId ?? null));
  allowed = $derived(allowedActions(this.position.staff, this.position.ticket));
  /** Why I hold the ticket I hold: the snapshot's reason (any device, survives a reload), else my reply. */
  currentCall = $derived(this.position.ticket ? callFor(this.position.ticket, this.lastCall) : null);

  private socket: TellerSocket | null = null;
  /** One command id per button press, kept for a retry of a press whose answer was lost. */
  private readonly presses = new StaffPresses();
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private seqWaiters: { seq: number; resolve: () => void }[] = [];

  /** Loads who I am and the branch, then goes live. Returns the teardown for the page. */
  async start(): Promise<() => void> {
    let stopped = false;
    const cleanups: (() => void)[] = [() => (stopped = true)];
    const stop = () => cleanups.forEach((f) => f());
    cleanups.push(() => this.storeAway.stop());
    try {
      this.me = await api<Me>('GET', '/api/v1/auth/me');
      if (this.me.mustChangePassword) {
        // A temporary password: nothing here works until it is changed (PASSWORD_CHANGE_REQUIRED).
        await signInAgain('PASSWORD_CHANGE_REQUIRED');
        return stop;
      }
      if (!this.me.branchId) {
        this.fatal = 'staff.fatal.noBranch';
        return stop;
      }
      this.branch = await api<BranchInfo>('GET', `/api/v1/branches/${this.me.branchId}`);
      if (this.branch.active === false) {
        // Taken out of service: nobody signs on there; say so rather than show a queue that cannot move.
        this.fatal = 'staff.fatal.branchInactive';
        return stop;
      }
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await this.toLogin(code);
      else this.error = code;
      return stop;
    }
    if (stopped) return stop;
    if (!this.me.staffId) this.fatal = 'staff.fatal.noCounterRole';

    const socket = connectRealtime({ credentials: { staff: true }, onStatus: (s) => this.connectionChanged(s) });
    this.socket = socket;
    socket.on('staff:changed', (s) => this.apply(s));
    socket.on('disconnect', (reason) => {
      // The server ended the connection: the session ended (signed out elsewhere, timed out), or
      // something else; ask which, and reconnect unless it was the session.
      // Signing out here closes this socket from the server too: that is no expiry to report.
      if (reason === 'io server disconnect' && !this.leaving) void this.checkSession().then((ok) => ok && !stopped && socket.connect());
    });
    socket.on('connect_error', (err) => {
      const code = (err as { data?: { code?: string } }).data?.code;
      if (code && AUTH_CODES.has(code)) void this.toLogin(code);
      // A refused handshake is not retried by Socket.IO itself; keep trying, gently.
      else if (!socket.active) setTimeout(() => !stopped && socket.connect(), 5000);
    });
    cleanups.push(syncOnConnect(socket, 'staff:sync', () => this.snapshot?.seq ?? 0, (s) => this.apply(s), (e) => this.onError(e.code)));
    cleanups.push(() => socket.close());
    // Draw the panel from HTTP at once, whatever the socket is doing.
    void this.refresh();
    const tick = setInterval(() => (this.now = Date.now()), 15_000);
    cleanups.push(() => clearInterval(tick));
    return stop;
  }

  /** A newer (or same-seq, fresher-clock) snapshot replaces the shown one; older ones are late echoes. */
  apply(s: StaffQueueSnapshot): void {
    if (this.snapshot && s.seq < this.snapshot.seq) return;
    const held = this.position.ticket;
    this.snapshot = s;
    if (this.branch) this.branch = withLiveConfig(this.branch, s);
    this.receivedAt = this.now = Date.now();
    this.seqWaiters = this.seqWaiters.filter((w) => (w.seq <= s.seq ? (w.resolve(), false) : true));
    // Asked before followRecord, which forgets which ticket my own complete or release was for.
    const left = this.leftByAnotherHand(held);
    this.followProfile();
    this.followRecord();
    if (left) void this.explainEnd(left);
  }

  async refresh(): Promise<void> {
    if (!this.me?.branchId) return;
    try {
      this.apply(await api<StaffQueueSnapshot>('GET', `/api/v1/branches/${this.me.branchId}/staff-queue`));
      this.storeBack();
    } catch (err) {
      this.onError(codeOf(err), detailsOf(err));
    }
  }

  /**
   * Sends one staff command and waits until the snapshot shows its result, so the next key press
   * sees the new state. Resolves true when done, false when refused (the error is shown).
   */
  async command(cmd: StaffCommand, opts: { note?: string } = {}): Promise<boolean> {
    if (this.busy) return false;
    this.busy = cmd.type;
    this.error = null;
    this.errorDetails = null;
    this.notice = null;
    const before = this.position.ticket;
    const raised = cmd.type === 'raise-priority' ? (this.snapshot?.tickets.find((t) => t.id === cmd.ticketId)?.number ?? '') : '';
    // Never lose what the teller typed: the record is saved before the command that ends it.
    const unsaved = await this.saveRecordBefore(cmd);
    if (unsaved) {
      this.error = unsaved;
      this.busy = null;
      return false;
    }
    if (cmd.type === 'complete') this.completing = cmd.ticketId;
    if (cmd.type === 'transfer' || cmd.type === 'no-show') this.releasing = cmd.ticketId;
    // Pressing again after a lost answer resends that press's id: the server answers with what it
    // did then (the same customer) instead of calling a second one.
    const commandId = this.presses.idFor(cmd);
    try {
      const res = await this.send({ ...cmd, commandId });
      this.presses.settle(cmd, commandId, null);
      this.storeBack();
      if (res.called) {
        this.lastCall = { ticketId: res.called.ticketId, number: res.called.number, reason: res.called.reason, ...(opts.note ? { note: opts.note } : {}) };
      }
      if (res.issued) this.issued = res.issued;
      this.showNotice(noticeFor(cmd, res, cmd.type === 'raise-priority' ? raised : (before?.number ?? ''), (before?.recalls ?? 0) + 1));
      await this.awaitSeq(res.seq);
      return true;
    } catch (err) {
      if (cmd.type === 'complete') this.completing = null;
      if (cmd.type === 'transfer' || cmd.type === 'no-show') this.releasing = null;
      this.presses.settle(cmd, commandId, codeOf(err));
      this.onError(codeOf(err), detailsOf(err));
      // Refusals often mean the panel was behind (a colleague was faster): catch up.
      void this.refresh();
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** Runs a button's command for the ticket I hold. Dialog actions (transfer, pause) are not here. */
  async act(action: PanelAction): Promise<void> {
    if (!this.allowed.has(action)) return;
    const ticketId = this.position.ticket?.id;
    switch (action) {
      case 'call-next':
      case 'resume':
      case 'sign-off':
        await this.command({ type: action });
        return;
      case 'recall':
      case 'no-show':
      case 'start':
      case 'complete':
        if (ticketId) await this.command({ type: action, ticketId });
        return;
      default:
        return;
    }
  }

  /**
   * Signs out; the server signs me off my counter first, so the desk stops counting as staffed.
   * Holding a customer, nothing happens until I say what becomes of them (`logoutPrompt`): go back
   * and finish, no-show or transfer them, or `finishHeld` (a called customer is marked a no-show,
   * one being served completed).
   */
  async logout(opts: { finishHeld?: boolean } = {}): Promise<void> {
    const held = this.position.ticket;
    if (held && held.status !== 'waiting' && !opts.finishHeld) {
      this.logoutPrompt = { number: held.number, status: held.status };
      return;
    }
    this.logoutPrompt = null;
    // Signing out ends my hold on the record too (finishing the customer, or leaving the last one's
    // amendment): what was typed is saved first, and a failed save keeps me here.
    if (this.record?.dirty && !(await this.record.save())) {
      this.onError('RECORD_UNSAVED_LOGOUT');
      return;
    }
    const body: LogoutBody | undefined = opts.finishHeld ? { finishHeld: true } : undefined;
    this.leaving = true;
    try {
      await api('POST', '/api/v1/auth/logout', body);
    } catch (err) {
      const code = codeOf(err);
      const details = detailsOf(err);
      if (code === 'STAFF_BUSY' && typeof details?.ticketNumber === 'string') {
        // A customer reached me meanwhile (another tab): ask about them.
        this.leaving = false;
        this.logoutPrompt = { number: details.ticketNumber, status: details.ticketStatus === 'serving' ? 'serving' : 'called' };
        return;
      }
      // Already signed out or expired: the sign-in page is where we go. Anything else: still signed in, say so.
      if (!AUTH_CODES.has(code)) {
        this.leaving = false;
        this.onError(code, details);
        return;
      }
    }
    // Customer notes must not stay on a shared counter PC after its teller signed out.
    if (this.me?.branchId) clearDraft(this.drafts, { screen: SERVICE_RECORD_SCREEN, branchId: this.me.branchId });
    this.socket?.close();
    await goto('/staff/login');
  }

  cancelLogout(): void {
    this.logoutPrompt = null;
  }

  /** The session ended (a refused request, wherever it came from): to the sign-in page. */
  signedOut(code: string): void {
    if (AUTH_CODES.has(code)) void this.toLogin(code);
  }

  setOnlyMine(on: boolean): void {
    this.onlyMine = on;
    try {
      localStorage.setItem(ONLY_MINE_KEY, on ? '1' : '0');
    } catch {
      // Private mode or full storage: the choice lasts until the page is reloaded.
    }
  }

  dismissError(): void {
    this.error = null;
    this.errorDetails = null;
  }

  /** Notices fade after a while; errors stay until dismissed or the next command. */
  private showNotice(notice: Notice | null): void {
    clearTimeout(this.noticeTimer);
    this.notice = notice;
    if (notice) this.noticeTimer = setTimeout(() => (this.notice = null), 8000);
  }

  private async send(cmd: StaffCommand): Promise<CommandResult> {
    if (this.socket?.connected) return request(this.socket, 'staff:command', cmd);
    // Socket down but HTTP may be fine (a proxy dropping websockets): the command still goes through.
    return api<CommandResult>('POST', `/api/v1/branches/${this.me?.branchId}/commands`, cmd);
  }

  private awaitSeq(seq: number): Promise<void> {
    if ((this.snapshot?.seq ?? 0) >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.seqWaiters = this.seqWaiters.filter((w) => w.resolve !== done);
        void this.refresh().then(resolve);
      }, SNAPSHOT_GRACE_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.seqWaiters.push({ seq, resolve: done });
    });
  }

  private onError(code: string, details: ErrorDetails | null = null): void {
    if (AUTH_CODES.has(code)) void this.toLogin(code);
    else {
      this.error = code;
      this.errorDetails = details;
      if (code === STORE_AWAY) this.storeAway.report(details);
    }
  }

  /**
   * The socket's state. Once it is online again, "no connection" is no longer true: the message
   * goes (the press it was about keeps its id, so pressing again still cannot do it twice).
   */
  connectionChanged(status: ConnectionStatus): void {
    this.connection = status;
    if (status === 'online' && this.error === NO_CONNECTION) this.dismissError();
  }

  /** The server answered: the store is back, and its "reconnecting" refusal is no longer news. */
  private storeBack(): void {
    if (!this.storeAway.away) return;
    this.storeAway.back();
    if (this.error === STORE_AWAY) this.dismissError();
  }

  private async toLogin(code: string): Promise<void> {
    // Signing out goes to the plain sign-in page itself; a refusal racing it is no expiry.
    if (this.leaving) return;
    this.socket?.close();
    await signInAgain(code);
  }

  /** Whether my session is still valid, asked without counting as activity; goes to the sign-in if not. */
  private async checkSession(): Promise<boolean> {
    try {
      await api<Me>('GET', '/api/v1/auth/me', undefined, BACKGROUND);
      return true;
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) {
        await this.toLogin(code);
        return false;
      }
      return true;
    }
  }

  /**
   * Saves the service record with unsaved changes before a command that would end my hold on
   * it (complete, transfer, no-show) or start another customer (call, sign off). Returns the
   * error code to show when it could not be saved (the command is then not sent), else null.
   */
  private async saveRecordBefore(cmd: StaffCommand): Promise<string | null> {
    const record = this.record;
    if (!record?.dirty) return null;
    const ends = cmd.type === 'complete' || cmd.type === 'transfer' || cmd.type === 'no-show';
    const moves = cmd.type === 'call-next' || cmd.type === 'call-ticket' || cmd.type === 'sign-off';
    if (ends && 'ticketId' in cmd && cmd.ticketId === record.ticketId) {
      if (await record.save()) return null;
      return cmd.type === 'transfer' ? 'RECORD_UNSAVED_TRANSFER' : cmd.type === 'complete' ? 'RECORD_UNSAVED_COMPLETE' : 'RECORD_UNSAVED';
    }
    if (moves && record.finished) return (await record.save()) ? null : 'RECORD_UNSAVED';
    return null;
  }

  /**
   * The record follows the customer I hold: a new one for each ticket (with what I saved before,
   * after a reload). When I complete the customer it stays, marked finished, until the next one;
   * my own transfer or no-show ends it (it was saved before the command went). When the customer
   * leaves by someone else's action (they cancelled on their phone, the no-show timer fired) with
   * my notes unsaved, the draft stays too, finished, saying why: the server still takes it.
   */
  private followRecord(): void {
    const ticket = this.position.ticket;
    const branchId = this.me?.branchId;
    if (!branchId || !this.me?.staffId) return;
    if (ticket && ticket.status !== 'waiting') {
      if (this.record?.ticketId === ticket.id && !this.record.finished) return;
      const draft = new ServiceRecordDraft(branchId, ticket.id, ticket.number, (code) => this.signedOut(code), { drafts: this.drafts, userId: this.me.userId });
      // Typed before a reload of this tab: back before the saved record loads (which then keeps it).
      draft.restore();
      this.record = draft;
      void draft.load(BACKGROUND);
      return;
    }
    const record = this.record;
    if (!record) {
      // Nobody at my desk (the visit ended while this tab was away): a kept draft has no visit left.
      clearDraft(this.drafts, { screen: SERVICE_RECORD_SCREEN, branchId });
      return;
    }
    if (record.finished) return;
    const mine = this.releasing === record.ticketId;
    if (mine) this.releasing = null;
    if (this.completing === record.ticketId) {
      record.finished = true;
      this.completing = null;
    } else if (record.dirty) {
      // Never lose what was typed: not mine to end (or typed on while my command went), so keep it.
      record.finished = true;
      // Why is asked once for the departure (explainEnd), for this line and the panel's notice.
      if (!mine) record.ended = 'gone';
    } else {
      record.forget();
      this.record = null;
    }
  }

  /**
   * The customer I had called or was serving is no longer at my desk, and not by my own complete,
   * transfer, no-show or recall (those say so themselves): they cancelled, a timer marked them a
   * no-show, or a colleague moved them. Null while I still hold them, or when it was my doing.
   */
  private leftByAnotherHand(held: StaffTicketView | null): StaffTicketView | null {
    if (!held || held.status === 'waiting' || this.leaving) return null;
    if (this.position.ticket?.id === held.id) return null;
    if (held.id === this.completing || held.id === this.releasing || this.busy === 'recall') return null;
    // Still in the queue (moved back or to a colleague): not gone, nothing to ask.
    if (this.snapshot?.tickets.some((t) => t.id === held.id)) return null;
    return held;
  }

  /**
   * Why the customer who left my desk went (the snapshot does not say), from my own record's
   * endpoint: a kept draft says it, and a cancellation is told in the panel's notice (the desk
   * otherwise just turns empty). Not the service report: that audits a view the teller never made.
   */
  private async explainEnd(left: StaffTicketView): Promise<void> {
    const branchId = this.me?.branchId;
    if (!branchId) return;
    const record = this.record?.ticketId === left.id && this.record.ended ? this.record : null;
    try {
      // The record endpoint reads the stored visit, written a moment after the live queue told the
      // panel: ask again a few times while it still shows the customer at the desk.
      for (let attempt = 1; attempt <= END_CHECKS; attempt++) {
        const { visit } = await api<MyServiceRecordView>('GET', `/api/v1/branches/${encodeURIComponent(branchId)}/tickets/${encodeURIComponent(left.id)}/record`, undefined, BACKGROUND);
        const why: EndedBy | null = !visit ? null : visit.status === 'cancelled' ? 'cancelled' : visit.status === 'no-show' ? 'no-show' : 'gone';
        if (why) {
          // Saved meanwhile: the draft no longer says why, but the notice still does.
          if (record?.ended) record.ended = why;
          // Not over another notice that came since (a new call of mine says what I do now).
          if (why === 'cancelled' && !this.busy && !this.position.ticket) this.showNotice({ kind: 'cancelled', number: left.number });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(END_CHECK_PAUSE_MS * attempt, 1000)));
      }
    } catch (err) {
      // Not knowing why changes nothing: a kept draft says the customer left, the panel shows an empty desk.
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) void this.toLogin(code);
    }
  }

  /** The customer profile follows the ticket I hold: fetched once per ticket. */
  private followProfile(): void {
    const ticket = this.position.ticket;
    if (!ticket) {
      this.profile = null;
      return;
    }
    if (this.profile?.ticketId === ticket.id) return;
    const ticketId = ticket.id;
    this.profile = { ticketId, view: null, error: null };
    // Follows the snapshot (a call, or a timer's no-show), not a key press: a background request.
    api<CustomerProfileView>('GET', `/api/v1/branches/${this.me?.branchId}/tickets/${ticketId}/profile`, undefined, BACKGROUND).then(
      (view) => {
        if (this.profile?.ticketId === ticketId) this.profile = { ticketId, view, error: null };
      },
      (err: unknown) => {
        const code = codeOf(err);
        if (AUTH_CODES.has(code)) void this.toLogin(code);
        else if (this.profile?.ticketId === ticketId) this.profile = { ticketId, view: null, error: code };
      },
    );
  }
}

function loadOnlyMine(): boolean {
  try {
    return localStorage.getItem(ONLY_MINE_KEY) !== '0';
  } catch {
    return true;
  }
}

function noticeFor(cmd: StaffCommand, res: CommandResult, number: string, recalls: number): Notice | null {
  const types = res.events.map((e) => e.type);
  switch (cmd.type) {
    case 'recall':
      return types.includes('ticket-no-show') ? { kind: 'no-show', number, auto: true } : { kind: 'recalled', number, recalls };
    case 'no-show':
      return { kind: 'no-show', number, auto: false };
    case 'complete':
      return { kind: 'completed', number };
    case 'transfer':
      return { kind: 'transferred', number, ...(cmd.toServiceId ? { toServiceId: cmd.toServiceId } : {}), ...(cmd.toCounterId ? { toCounterId: cmd.toCounterId } : {}) };
    case 'issue-ticket':
      return res.issued ? { kind: 'issued', number: res.issued.number } : null;
    case 'raise-priority':
      // No event: it had that class already (someone was quicker); the queue shows it as it is.
      return res.events.length > 0 ? { kind: 'raised', number, priority: cmd.priority } : null;
    default:
      return null;
  }
}
