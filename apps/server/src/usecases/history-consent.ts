import { neededOnly, type HistoryConsentBody, type HistoryConsentView } from '@tellerline/contracts';
import { AppError } from '../errors.js';
import type { Appointment } from './booking-ports.js';
import type { ConsentRequests } from './history-consent-requests.js';

/** A customer profile's consent and needs (the db package's customer repository satisfies this). */
export interface HistoryConsentStore {
  findById(id: string): Promise<{ consents: { history: boolean }; preferences: Record<string, unknown> } | null>;
  update(id: string, patch: { consents: { history: boolean }; preferences: Record<string, boolean> }): Promise<unknown>;
}

export interface HistoryConsentDeps {
  /** The appointment behind a manage token (APPOINTMENT_NOT_FOUND when none). */
  appointment(manageToken: string): Promise<Appointment>;
  customers: HistoryConsentStore;
  /** Asks the profile's own contact to confirm (a profile this booking did not make). */
  requests: Pick<ConsentRequests, 'ask' | 'confirmedFor'>;
  /** Records the booking's own choice (`Appointment.historyAsked`): what its view shows back. */
  asked(appointmentId: string, asked: Record<string, boolean> | null): Promise<void>;
}

/**
 * What a change did, for the route's audit entry: never the needs themselves. With `asked`
 * nothing changed on the profile yet (a link is to go to the profile's own contact, to give or to
 * withdraw as `keep` said); the view is the same.
 */
export interface HistoryConsentChange {
  view: HistoryConsentView;
  asked: boolean;
  appointment: Pick<Appointment, 'branchId' | 'code'>;
}

/**
 * The customer's consent to keep their visit history and needs, read and changed on the manage
 * page: the manage token is the key, as for moving or cancelling. It belongs to the profile the
 * booking joined, which booking only joins when the name and addresses agree (booking-manage.ts).
 * Withdrawing clears the stored needs; staff then see no earlier visits (compose-db.ts).
 * Reading it is as narrow: a joined booking sees nothing of the profile (`seenBy`).
 * Giving (or changing the needs) and withdrawing are at once only from the booking that made the
 * profile: any other booking knows no more than a name and phone, so it changes only its own
 * choice (`historyAsked`, and a link it asked for earlier) and asks the profile's own contact to
 * confirm (history-consent-requests.ts); the profile changes only when that link is opened.
 */
export function createHistoryConsent(deps: HistoryConsentDeps) {
  async function profileOf(manageToken: string) {
    const a = await deps.appointment(manageToken);
    const customer = a.customerId ? await deps.customers.findById(a.customerId) : null;
    if (!a.customerId || !customer) throw new AppError('APPOINTMENT_NOT_FOUND', 'This appointment has no customer profile');
    return { a, customerId: a.customerId, customer };
  }

  // The needs are shown back only as "some are kept", never which (see HistoryConsentView): the
  // manage token proves who booked, not whose profile the booking joined.
  const present = (c: { consents: { history: boolean }; preferences: Record<string, unknown> }, given: Record<string, boolean> = {}): HistoryConsentView => ({
    kept: c.consents.history,
    preferences: c.consents.history ? neededOnly(given) : {},
    needsStored: c.consents.history && Object.keys(neededOnly(c.preferences)).length > 0,
  });

  const nothing: HistoryConsentView = { kept: false, preferences: {}, needsStored: false };

  /**
   * What this booking may see of the profile: all of it (kept, whether needs are stored) for the
   * booking that made it, or one whose own link the profile's contact confirmed. A booking that
   * only joined it on name and phone could be anyone's: it sees its own choice back (kept when it
   * asked, needs stored when it ticked some), exactly what a booking that made a profile with
   * that choice sees, so neither the profile's consent nor the profile's existence shows.
   */
  async function seenBy(a: Appointment, customer: Parameters<typeof present>[0]): Promise<HistoryConsentView> {
    if (a.createdProfile || (await deps.requests.confirmedFor(a.id))) return present(customer);
    return a.historyAsked ? present({ consents: { history: true }, preferences: a.historyAsked }) : nothing;
  }

  return {
    async view(manageToken: string): Promise<HistoryConsentView> {
      const { a, customer } = await profileOf(manageToken);
      return seenBy(a, customer);
    },

    /** Gives (with the needs ticked now, replacing earlier ones) or withdraws (clearing them). */
    async change(manageToken: string, body: HistoryConsentBody, ip: string): Promise<HistoryConsentChange> {
      const { a, customerId } = await profileOf(manageToken);
      const patch = { consents: { history: body.keep }, preferences: body.keep ? neededOnly(body.preferences) : {} };
      const asked = !a.createdProfile;
      // A joined profile: its own contact confirms, by a link the notice queue sends later (a
      // withdrawal only if the profile keeps a history). The answer is the one a booking that made
      // its profile gets for the same choice, whatever becomes of the link (no address, nothing to
      // withdraw, one sent lately, a gateway down, too many from this IP: logged by the job), so it
      // tells nobody whether this contact had a profile.
      // The booking's own choice first: the link's job checks it is still what the booking asks.
      await deps.asked(a.id, body.keep ? patch.preferences : null);
      if (asked) await deps.requests.ask(a, body, ip);
      else await deps.customers.update(customerId, patch);
      return { view: present(patch, patch.preferences), asked, appointment: { branchId: a.branchId, code: a.code } };
    },
  };
}

export type HistoryConsent = ReturnType<typeof createHistoryConsent>;
