import type { Lang } from '@tellerline/engine';
import type { ChannelKind, PushTarget } from '@tellerline/notify';

/**
 * Someone who asked to be told about a ticket, on one channel. Sources: a push subscription from
 * the phone page, an e-mail/SMS contact given there, or the contact a customer left (with
 * consent) at the kiosk.
 */
export interface NoticeTarget {
  /** Stable per target: `push:<id>`, `contact:<id>` or `customer:<id>:<channel>` (idempotency keys, removal). */
  key: string;
  channel: ChannelKind;
  lang: Lang;
  /** "Tell me when this many or fewer are ahead"; null = not asked. */
  aheadThreshold: number | null;
  onCalled: boolean;
  /** push only */
  push?: PushTarget;
  /** email and sms: the address or number */
  address?: string;
}

/** Defaults for a contact left at the kiosk: the consent there covers this visit's queue notices. */
export const KIOSK_CONTACT_CHOICES = { aheadThreshold: 3, onCalled: true } as const;

export interface SavedPush {
  id: string;
  aheadThreshold: number | null;
  onCalled: boolean;
  lang: Lang;
}

export interface SavedContact extends SavedPush {
  channel: 'email' | 'sms';
  address: string;
}

/** Where notice targets live (PostgreSQL). Implemented in compose-db-notices.ts. */
export interface NoticeStore {
  /** The targets of each ticket, on one channel or all (tickets without any are absent from the map). */
  targets(tickets: readonly { ticketId: string; customerId?: string | null | undefined }[], channel?: ChannelKind): Promise<Map<string, NoticeTarget[]>>;
  /** The address no longer exists (push 404/410, unknown mailbox, invalid number). */
  remove(target: NoticeTarget): Promise<void>;
  savePush(input: { ticketId: string; subscription: PushTarget; lang: Lang; aheadThreshold: number | null; onCalled: boolean; consentAt: number }): Promise<SavedPush>;
  removePush(ticketId: string, endpoint: string): Promise<boolean>;
  pushFor(ticketId: string): Promise<(SavedPush & { endpoint: string })[]>;
  saveContact(input: { ticketId: string; channel: 'email' | 'sms'; address: string; lang: Lang; aheadThreshold: number | null; onCalled: boolean; consentAt: number }): Promise<SavedContact>;
  /**
   * Switches off every e-mail/SMS notice of the ticket: the contacts given on the phone page go,
   * and a contact `customerId` left at the kiosk is muted for this ticket (their profile stays).
   * Returns how many were on.
   */
  removeContacts(ticketId: string, customerId: string | null, at: number): Promise<number>;
  /**
   * The ticket's e-mail/SMS contacts that will be told something: those given on the phone page
   * and, with `customerId`, the contact that customer left at the kiosk with consent (id
   * `kiosk-<channel>`) unless the phone page overrode or muted it.
   */
  contactsFor(ticketId: string, customerId?: string | null): Promise<SavedContact[]>;
  /** Deletes phone-page subscriptions and contacts created before `before` (a ticket lasts one day). */
  purgeBefore(before: number): Promise<number>;
}

/** Which channels this installation can use. */
export interface ChannelAvailability {
  push: boolean;
  email: boolean;
  sms: boolean;
}
