import type { BookingInfo, BranchListItem, IssuedTicket, RemoteTicketBody, ServiceQueueView, WalkInHours } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import type { ContactKind, Lang } from './booking-logic.js';
import { ContactCheck } from './contact-check.svelte.js';
import { handOver } from './joined-ticket.js';
import { joinContact, joinState, refusalStep, walkInLines, type JoinBranchState, type JoinContactProblem, type JoinStep } from './join-logic.js';

/** A branch as the page lists it: its directory row, its rules for joins, and whether it takes one now. */
export type JoinBranch = { branch: BranchListItem; info: BookingInfo; state: JoinBranchState };

const path = (s: string) => encodeURIComponent(s);
const codeOf = (err: unknown) => (err instanceof ApiFailure ? err.code : 'generic');

/**
 * The remote queue page: branch (skipped when there is one and it takes joins now), service (walk-in
 * ones, with their wait), optional contact for notices, confirm, and the texted or mailed code where
 * the branch confirms the contact. A join is a ticket in line from that moment (`remote` kind).
 */
export class JoinFlow {
  step = $state<JoinStep>('loading');
  branches = $state<JoinBranch[]>([]);
  chosen = $state<JoinBranch | null>(null);
  lines = $state<ServiceQueueView[]>([]);
  service = $state<ServiceQueueView | null>(null);
  /** The contact as typed: kept across Back, so a customer mending it does not type it again. */
  kind = $state<ContactKind>('phone');
  value = $state('');
  language = $state<Lang>('zh');
  /** The notice language was picked on the contact step: it no longer follows the page's. */
  languagePicked = $state(false);
  consent = $state(false);
  problem = $state<JoinContactProblem | null>(null);
  /** The contact to send, once the contact step is passed (undefined: none). */
  contact = $state<RemoteTicketBody['contact']>(undefined);
  joining = $state(false);
  /** The last refusal's code (translated by the page), null when none. */
  error = $state<string | null>(null);
  readonly phoneCheck = new ContactCheck('sms');
  readonly emailCheck = new ContactCheck('email');

  constructor(lang: Lang = 'zh') {
    this.language = lang;
  }

  /**
   * The page's language changed: notices follow it unless the customer picked their own (someone
   * who switches the page to English expects the code and reminders in English).
   */
  pageLanguage(lang: Lang): void {
    if (!this.languagePicked) this.language = lang;
  }

  /** The code step this join needs at this branch, null when none (or no contact given). */
  get check(): ContactCheck | null {
    const c = this.contact;
    const info = this.chosen?.info;
    if (!c || !info) return null;
    if (c.phone !== undefined && info.phoneCheck === 'required') return this.phoneCheck;
    if (c.email !== undefined && info.emailCheck === 'required') return this.emailCheck;
    return null;
  }

  get codeTo(): string | null {
    const check = this.check;
    return check ? ((check.channel === 'sms' ? this.contact?.phone : this.contact?.email) ?? null) : null;
  }

  /** For "step n of N" and Back: the branch step only where there is a choice to make or explain. */
  get steps(): JoinStep[] {
    const one = this.branches.length === 1 && this.branches[0]!.state.kind === 'open';
    return [...(one ? [] : (['branch'] as const)), 'service', 'contact', 'confirm', ...(this.check ? (['verify'] as const) : [])];
  }

  async start(): Promise<void> {
    this.step = 'loading';
    this.error = null;
    try {
      const all = (await api<BranchListItem[]>('GET', '/api/v1/branches')).filter((b) => b.active);
      this.branches = await Promise.all(all.map((b) => this.branchRow(b)));
      if (this.branches.length === 1 && this.branches[0]!.state.kind === 'open') await this.chooseBranch(this.branches[0]!.branch.id);
      else this.step = 'branch';
    } catch (err) {
      this.error = codeOf(err);
      this.step = 'error';
    }
  }

  private async branchRow(branch: BranchListItem): Promise<JoinBranch> {
    const [info, hours] = await Promise.all([
      api<BookingInfo>('GET', `/api/v1/branches/${path(branch.id)}/booking`),
      api<WalkInHours>('GET', `/api/v1/branches/${path(branch.id)}/walk-in-hours`),
    ]);
    return { branch, info, state: joinState(info, hours) };
  }

  /** A branch that takes joins now: on to its walk-in services and their current waits. */
  async chooseBranch(branchId: string): Promise<void> {
    const row = this.branches.find((b) => b.branch.id === branchId);
    if (!row || row.state.kind !== 'open') return;
    this.error = null;
    this.chosen = row;
    this.service = null;
    this.phoneCheck.reset();
    this.emailCheck.reset();
    this.step = 'loading';
    if (await this.loadLines()) this.step = 'service';
  }

  /** The walk-in services' waits, as the kiosk shows them. */
  async loadLines(): Promise<boolean> {
    if (!this.chosen) return false;
    try {
      this.lines = walkInLines(await api<ServiceQueueView[]>('GET', `/api/v1/branches/${path(this.chosen.branch.id)}/queue`));
      return true;
    } catch (err) {
      this.error = codeOf(err);
      this.step = 'error';
      return false;
    }
  }

  chooseService(line: ServiceQueueView): void {
    this.service = line;
    this.error = null;
    this.step = 'contact';
  }

  /** The contact step's Next: an empty field joins without notices; anything typed must be right. */
  submitContact(): boolean {
    const r = joinContact({ kind: this.kind, value: this.value, language: this.language, consent: this.consent });
    this.error = null;
    if (!r.ok) {
      this.problem = r.problem;
      return false;
    }
    this.problem = null;
    this.contact = r.contact;
    const info = this.chosen?.info;
    const c = r.contact;
    const unavailable = c && info && ((c.phone !== undefined && info.phoneCheck === 'unavailable' && 'PHONE_CHECK_UNAVAILABLE') || (c.email !== undefined && info.emailCheck === 'unavailable' && 'EMAIL_CHECK_UNAVAILABLE'));
    if (unavailable) {
      this.error = unavailable;
      return false;
    }
    this.step = 'confirm';
    return true;
  }

  back(): void {
    this.error = null;
    if (this.step === 'verify') this.step = 'confirm';
    else if (this.step === 'confirm') this.step = 'contact';
    else if (this.step === 'contact') this.step = 'service';
    else if (this.step === 'service' && this.steps.includes('branch')) this.step = 'branch';
  }

  /**
   * The browser's Back or Forward landed on the entry for `step`: show it when what it needs is
   * still there. Never while joining, nor after the branch said it takes no joins (the page
   * offers to start again there). Forward from the contact step is its Next: what was typed is
   * checked first, and a problem keeps the customer on the contact step with it shown.
   */
  show(step: JoinStep): void {
    if (this.step === 'loading' || this.step === 'error' || this.step === 'closed' || this.joining || step === this.step) return;
    if (step === 'confirm' && this.step === 'contact') {
      this.submitContact();
      return;
    }
    if (!this.reachable(step)) return;
    this.error = null;
    this.step = step;
  }

  /** Whether the entry's step can be shown with what is chosen now. */
  private reachable(step: JoinStep): boolean {
    switch (step) {
      case 'branch':
        return this.steps.includes('branch');
      case 'service':
        return this.chosen !== null;
      case 'contact':
        return this.service !== null;
      case 'confirm':
        // Back from the code step; forward from the contact step goes through its Next (above).
        return this.step === 'verify';
      case 'verify':
        return this.check?.checkId != null;
      default:
        return false;
    }
  }

  /** The confirm step's button: joins, or first sends the code where the branch confirms the contact. */
  async confirm(): Promise<string | null> {
    const check = this.check;
    if (!check) return this.join();
    this.error = null;
    this.step = 'verify';
    if (!check.usableFor(this.codeTo!)) await this.sendCode();
    return null;
  }

  async sendCode(): Promise<boolean> {
    const check = this.check;
    const to = this.codeTo;
    if (!this.chosen || !check || !to) return false;
    return check.send(this.chosen.branch.id, to, this.language);
  }

  /** Joins with the code typed (six digits). */
  async confirmCode(code: string): Promise<string | null> {
    const check = this.check;
    if (!check?.checkId) return null;
    check.error = null;
    const proof = { checkId: check.checkId, code };
    return this.join(check.channel === 'sms' ? { phoneCheck: proof } : { emailCheck: proof });
  }

  /**
   * POST remote-tickets; resolves the new ticket's token (the page goes to /t/<token>). Never
   * retried by itself: the request has no idempotency key, and a retry after a lost answer could
   * put the customer in line twice.
   */
  private async join(proof: Pick<RemoteTicketBody, 'phoneCheck' | 'emailCheck'> = {}): Promise<string | null> {
    if (this.joining || !this.chosen || !this.service) return null;
    this.joining = true;
    this.error = null;
    const verifying = this.step === 'verify';
    const body: RemoteTicketBody = { serviceId: this.service.serviceId, lang: this.language, ...(this.contact ? { contact: this.contact } : {}), ...proof };
    try {
      const issued = await api<IssuedTicket>('POST', `/api/v1/branches/${path(this.chosen.branch.id)}/remote-tickets`, body);
      handOver(issued);
      this.phoneCheck.reset();
      this.emailCheck.reset();
      return issued.token;
    } catch (err) {
      await this.refused(err, verifying);
      return null;
    } finally {
      this.joining = false;
    }
  }

  /** Shows a refusal at its step; a branch that stopped taking joins is read again for why. */
  private async refused(err: unknown, verifying: boolean): Promise<void> {
    const code = codeOf(err);
    const step = refusalStep(code, verifying);
    const check = this.check;
    if (step === 'verify' && check) {
      check.refused(code, err instanceof ApiFailure ? err.details : undefined);
      return;
    }
    this.error = code;
    if (step === 'closed' && this.chosen) {
      const id = this.chosen.branch.id;
      const fresh = await this.branchRow(this.chosen.branch).catch(() => null);
      if (fresh) {
        this.chosen = fresh;
        this.branches = this.branches.map((b) => (b.branch.id === id ? fresh : b));
      }
    }
    if (step === 'service') await this.loadLines();
    this.step = step;
  }
}
