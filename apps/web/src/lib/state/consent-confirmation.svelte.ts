import type { ConsentConfirmationView, ConsentConfirmedView } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { confirmationRefusal, type ConfirmationRefusal } from './history-consent-logic.js';

/**
 * The page a consent confirmation link opens (/consent/<token>): what the booking asked to keep
 * (or that it asked to withdraw the consent: `view.keep` false), and a Confirm button. The link
 * reached only the profile's own phone or e-mail, so confirming here is the customer's own
 * choice; looking changes nothing.
 */
export class ConsentConfirmation {
  load = $state<'loading' | 'ready' | 'done' | ConfirmationRefusal>('loading');
  view = $state<ConsentConfirmationView | null>(null);
  /** What confirming kept (`kept: false`: it withdrew the consent). */
  kept = $state<ConsentConfirmedView | null>(null);
  busy = $state(false);
  /** A message key when confirming failed for a passing reason (the button stays). */
  error = $state<string | null>(null);

  constructor(private readonly token: string) {}

  private get path(): string {
    return `/api/v1/consent-confirmations/${encodeURIComponent(this.token)}`;
  }

  async refresh(): Promise<void> {
    this.load = 'loading';
    try {
      this.view = await api<ConsentConfirmationView>('GET', this.path);
      this.load = 'ready';
    } catch (err) {
      this.load = confirmationRefusal(err instanceof ApiFailure ? err.code : undefined);
    }
  }

  async confirm(): Promise<boolean> {
    if (this.busy || this.load !== 'ready') return false;
    this.busy = true;
    this.error = null;
    try {
      this.kept = await api<ConsentConfirmedView>('POST', `${this.path}/confirm`);
      this.load = 'done';
      return true;
    } catch (err) {
      const refusal = confirmationRefusal(err instanceof ApiFailure ? err.code : undefined);
      // Used (another tap, another tab) or expired meanwhile: the page says so instead of the button.
      if (refusal === 'error') this.error = 'consent.page.confirmError';
      else this.load = refusal;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
