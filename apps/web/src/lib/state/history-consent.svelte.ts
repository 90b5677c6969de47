import { neededOnly, type HistoryConsentView } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { noTicks, ticksOf, type NeedTicks } from './history-consent-logic.js';

/**
 * The manage page's "visit history and preferences" section: whether the booking's profile keeps
 * a visit history, giving it (with the needs ticked) and withdrawing it (which clears the needs).
 * The manage token is the key, as for the rest of the page. A booking that joined an existing
 * profile can neither give nor withdraw its consent: the server then changes only this booking's
 * own choice and sends a link to the profile's own phone or e-mail. Its answer is the same as when
 * the change is made at once (it must not tell whether the contact had a profile), so "saved" and
 * "withdrawn" both say a link may follow.
 */
export class HistoryConsentState {
  load = $state<'loading' | 'ready' | 'error'>('loading');
  view = $state<HistoryConsentView | null>(null);
  /** The consent box and the needs while giving (or changing) it. */
  keep = $state(false);
  ticks = $state<NeedTicks>(noTicks());
  busy = $state<'give' | 'withdraw' | null>(null);
  /** What just happened, a message key ('consent.manage.given' / 'consent.manage.withdrawn'). */
  notice = $state<string | null>(null);
  /** A message key when saving failed. */
  error = $state<string | null>(null);

  /** `confirmation`: the booking just made ticked the box (`asked`): a link to confirm goes to the contact if we already know it. */
  constructor(
    private readonly token: string,
    confirmation: 'asked' | null = null,
  ) {
    if (confirmation) this.notice = 'consent.confirm.asked';
  }

  private get path(): string {
    return `/api/v1/appointments/${encodeURIComponent(this.token)}/history`;
  }

  async refresh(): Promise<void> {
    try {
      this.show(await api<HistoryConsentView>('GET', this.path));
      this.load = 'ready';
    } catch {
      this.load = 'error';
    }
  }

  /** Gives the consent with the needs ticked now (they replace the stored ones). */
  async give(): Promise<boolean> {
    return this.save('give', { keep: true, preferences: neededOnly(this.ticks) }, 'consent.manage.given');
  }

  /** Withdraws the consent; the server clears the needs with it. */
  async withdraw(): Promise<boolean> {
    return this.save('withdraw', { keep: false }, 'consent.manage.withdrawn');
  }

  private async save(kind: 'give' | 'withdraw', body: unknown, done: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = kind;
    this.notice = null;
    this.error = null;
    try {
      this.show(await api<HistoryConsentView>('PUT', this.path, body));
      this.notice = done;
      return true;
    } catch {
      this.error = 'consent.manage.error';
      return false;
    } finally {
      this.busy = null;
    }
  }

  private show(view: HistoryConsentView): void {
    this.view = view;
    this.keep = view.kept;
    this.ticks = ticksOf(view.preferences);
  }
}
