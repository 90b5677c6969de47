import { SURVEY_OPEN_MS, type SurveyAnswer, type SurveyAnswerBody, type SurveyState } from '@tellerline/contracts';
import { AppError } from '../errors.js';
import type { Clock, TicketRecord } from './ports.js';

/**
 * A ticket as the survey needs it, from the PostgreSQL projection: a finished ticket has left the
 * live (Redis) state, and the projection keeps its status, service, staff and done time.
 */
export interface SurveyTicket {
  branchId: string;
  ticketId: string;
  serviceId: string;
  status: TicketRecord['status'];
  /** Who completed the visit (the projection's staff_id); null if not known. */
  staffId: string | null;
  /** When it was completed (or ended otherwise), epoch ms. */
  doneAt: number | null;
}

/** A stored answer (the db package's survey repository satisfies this). */
export interface StoredSurveyAnswer {
  ticketId: string;
  branchId: string;
  serviceId: string;
  staffId: string | null;
  rating: number;
  comment: string;
  language: 'zh' | 'en';
  createdAt: number;
}

export interface SurveyStore {
  ticketByToken(token: string): Promise<SurveyTicket | null>;
  /** One answer per ticket: a later one is not stored, and `stored` is the one that is. */
  insertOnce(answer: StoredSurveyAnswer): Promise<{ inserted: boolean; stored: StoredSurveyAnswer }>;
  findByTicket(ticketId: string): Promise<StoredSurveyAnswer | null>;
}

export interface SurveyDeps {
  store: SurveyStore;
  clock: Clock;
}

const present = (a: StoredSurveyAnswer): SurveyAnswer => ({ rating: a.rating, comment: a.comment, at: a.createdAt });

/** The answer itself is the rating and the comment; the language is how it was asked. */
const sameAnswer = (a: StoredSurveyAnswer, rating: number, comment: string) => a.rating === rating && a.comment === comment;

/**
 * The satisfaction survey after a visit, reached through the ticket's token only. Offered once the
 * ticket is done (not after a no-show or a cancel), for a week; one answer per ticket. A repeat of
 * the same answer is the phone retrying a request whose answer it lost, and gets the stored one.
 */
export function createSurvey(deps: SurveyDeps) {
  const { store, clock } = deps;

  async function ticketOf(token: string): Promise<SurveyTicket> {
    const t = await store.ticketByToken(token);
    if (!t) throw new AppError('NOT_FOUND', 'No such ticket');
    return t;
  }

  // A done ticket without a done time cannot happen in the projection; if it did, keep the survey
  // open rather than lose the customer's answer.
  const closed = (t: SurveyTicket) => t.doneAt !== null && clock.now() > t.doneAt + SURVEY_OPEN_MS;

  return {
    async state(token: string): Promise<SurveyState> {
      const t = await ticketOf(token);
      if (t.status === 'no-show' || t.status === 'cancelled') return { state: 'closed' };
      if (t.status !== 'done') return { state: 'not-yet' };
      const stored = await store.findByTicket(t.ticketId);
      if (stored) return { state: 'answered', answer: present(stored) };
      return { state: closed(t) ? 'closed' : 'open' };
    },

    /** `created`: false when the same answer was stored before (a retry). */
    async answer(token: string, body: SurveyAnswerBody): Promise<{ created: boolean; answer: SurveyAnswer }> {
      const t = await ticketOf(token);
      if (t.status !== 'done') throw new AppError('SURVEY_NOT_OPEN', 'The survey opens once your visit is complete; it is not offered for missed or cancelled tickets.');
      const comment = body.comment ?? '';
      const decide = (stored: StoredSurveyAnswer) => {
        if (!sameAnswer(stored, body.rating, comment)) throw new AppError('SURVEY_ALREADY_ANSWERED', 'This visit has been rated already.');
        return { created: false, answer: present(stored) };
      };
      // Answered before: a retry is answered even after the week is over.
      const earlier = await store.findByTicket(t.ticketId);
      if (earlier) return decide(earlier);
      if (closed(t)) throw new AppError('SURVEY_CLOSED', 'The survey for this visit closed 7 days after it.');
      const { inserted, stored } = await store.insertOnce({
        ticketId: t.ticketId,
        branchId: t.branchId,
        serviceId: t.serviceId,
        staffId: t.staffId,
        rating: body.rating,
        comment,
        language: body.language,
        createdAt: clock.now(),
      });
      return inserted ? { created: true, answer: present(stored) } : decide(stored);
    },
  };
}

export type Survey = ReturnType<typeof createSurvey>;
