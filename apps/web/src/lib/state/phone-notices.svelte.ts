import type { NoticeChoices, NotifyChannels } from '@tellerline/contracts';
import { ApiFailure } from '$lib/api.js';
import * as client from '$lib/push/push-client.js';
import type { PushSupport } from '$lib/push/push-client.js';
import {
  DEFAULT_AHEAD,
  contactOffers,
  defaultContactChannel,
  contactRefusal,
  currentChoices,
  noticeErrorKey,
  noticesOn,
  problemAfterTap,
  problemBeforeTap,
  refusalKey,
  wantsSomething,
  type ContactChannel,
  type PushProblem,
} from './phone-notices-logic.js';

/** What the panel uses from push-client (injected in tests). */
export type NoticeClient = Pick<typeof client, 'pushSupport' | 'subscribe' | 'unsubscribe' | 'notifyBy' | 'stopContacts' | 'noticeChoices' | 'notifyChannels'>;

const codeOf = (err: unknown) => (err instanceof ApiFailure ? err.code : 'INTERNAL');

/**
 * The phone page's "Notify me" panel: web push on this phone where it works; where it does not,
 * the reason, and e-mail or SMS instead (with the customer's explicit consent). The choices
 * ("when N are ahead", "when I am called") are the same for every channel.
 */
export class PhoneNotices {
  aheadThreshold = $state<number | null>(DEFAULT_AHEAD);
  onCalled = $state(true);
  /** What the server says will be sent for this ticket; null until read. */
  active = $state<NoticeChoices | null>(null);
  channels = $state<NotifyChannels | null>(null);
  /** Why push cannot be offered here; null = offer the push button. */
  problem = $state<PushProblem | null>(null);
  subscribing = $state(false);
  /** Message key of the last push failure that is not a `problem` (server refusal, nothing chosen). */
  pushError = $state<string | null>(null);

  channel = $state<ContactChannel>('email');
  address = $state('');
  consent = $state(false);
  sending = $state(false);
  /** Message key of the last e-mail/SMS refusal. */
  contactError = $state<string | null>(null);
  stopping = $state(false);
  stopError = $state<string | null>(null);

  private support: PushSupport = 'unsupported';
  private readonly client: NoticeClient;

  constructor(
    private readonly token: string,
    /** The page's language at the moment of the signup: notices come in it. */
    private readonly lang: () => 'zh' | 'en',
    client_: Partial<NoticeClient> = {},
  ) {
    this.client = { ...client, ...client_ };
  }

  get on(): boolean {
    return noticesOn(this.active);
  }

  get offers(): ContactChannel[] {
    return contactOffers(this.channels);
  }

  async start(): Promise<void> {
    this.support = this.client.pushSupport();
    this.problem = problemBeforeTap(this.support, null);
    const [channels, active] = await Promise.allSettled([this.client.notifyChannels(), this.client.noticeChoices(this.token)]);
    if (channels.status === 'fulfilled') {
      this.channels = channels.value;
      if (!this.problem) this.problem = problemBeforeTap(this.support, channels.value);
      this.channel = defaultContactChannel(channels.value, this.lang());
    }
    if (active.status === 'fulfilled') this.show(active.value);
  }

  /**
   * The push button's tap handler. subscribe() is called before anything is awaited: Safari asks
   * for permission only inside the tap itself.
   */
  async turnOnPush(): Promise<void> {
    if (this.subscribing) return;
    if (!wantsSomething(this.aheadThreshold, this.onCalled)) {
      this.pushError = 'phone.notices.error.nothing';
      return;
    }
    const pending = this.client.subscribe(this.token, { aheadThreshold: this.aheadThreshold, onCalled: this.onCalled, lang: this.lang() });
    this.subscribing = true;
    this.pushError = null;
    try {
      const result = await pending;
      if (result.ok) {
        await this.reload();
        return;
      }
      this.problem = problemAfterTap(result);
      if (!this.problem) this.pushError = noticeErrorKey(result.code ?? 'INTERNAL', 'push');
    } finally {
      this.subscribing = false;
    }
  }

  /** E-mail or SMS instead. Refuses (and says why) without an address or the consent box. */
  async sendContact(): Promise<void> {
    if (this.sending) return;
    const refusal = contactRefusal(this);
    if (refusal) {
      this.contactError = refusalKey(refusal, this.channel);
      return;
    }
    this.sending = true;
    this.contactError = null;
    const address = this.address.trim();
    try {
      await this.client.notifyBy(this.token, {
        channel: this.channel,
        address,
        consent: true,
        lang: this.lang(),
        aheadThreshold: this.aheadThreshold,
        onCalled: this.onCalled,
      });
      this.address = '';
      this.consent = false;
      await this.reload();
    } catch (err) {
      this.contactError = noticeErrorKey(codeOf(err), this.channel, address);
    } finally {
      this.sending = false;
    }
  }

  /** Stops every notice this page set up: this phone's push and all e-mail/SMS contacts. */
  async turnOff(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.stopError = null;
    try {
      const active = this.active;
      if (active?.push.length) await this.client.unsubscribe(this.token);
      if (active?.contacts.length) await this.client.stopContacts(this.token);
      await this.reload();
    } catch (err) {
      this.stopError = noticeErrorKey(codeOf(err), 'push');
    } finally {
      this.stopping = false;
    }
  }

  private async reload(): Promise<void> {
    try {
      this.show(await this.client.noticeChoices(this.token));
    } catch {
      // The signup itself worked; the next load shows it.
    }
  }

  private show(active: NoticeChoices): void {
    this.active = active;
    const chosen = currentChoices(active);
    if (chosen) {
      this.aheadThreshold = chosen.aheadThreshold;
      this.onCalled = chosen.onCalled;
    }
  }
}
