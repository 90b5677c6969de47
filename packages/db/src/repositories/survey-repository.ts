import type { Lang } from '@tellerline/engine';
import type { Db } from '../client.js';

/** A customer's answer to the satisfaction survey after one visit (table survey_responses). */
export interface SurveyResponseRecord {
  ticketId: string;
  branchId: string;
  serviceId: string;
  /** Who served the visit (the ticket's staff when it was completed); null if not known. */
  staffId: string | null;
  /** 1 (very unhappy) .. 5 (very happy). */
  rating: number;
  /** Free text from the customer ('' when none): for the branch's managers only. */
  comment: string;
  language: Lang;
  /** When it was answered, epoch ms. */
  createdAt: number;
}

export interface SurveyRepository {
  /**
   * Stores the answer unless the ticket has one already: one answer per ticket, whoever races.
   * `stored` is the answer in the table afterwards, so a caller that did not insert can tell a
   * retry of the same answer from a different second one.
   */
  insertOnce(answer: SurveyResponseRecord): Promise<{ inserted: boolean; stored: SurveyResponseRecord }>;
  findByTicket(ticketId: string): Promise<SurveyResponseRecord | null>;
}

const COLUMNS = 'ticket_id, branch_id, service_id, staff_id, rating, comment, language, created_at';

export function createSurveyRepository(db: Pick<Db, 'query'>): SurveyRepository {
  async function findByTicket(ticketId: string): Promise<SurveyResponseRecord | null> {
    const rows = await db.query<SqlRow>(`SELECT ${COLUMNS} FROM survey_responses WHERE ticket_id = $1`, [ticketId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  return {
    // ON CONFLICT DO NOTHING rather than check-then-insert: two taps (or two tabs) sending at the
    // same instant both pass a check, and the primary key on ticket_id decides which one is kept.
    async insertOnce(a) {
      const rows = await db.query<SqlRow>(
        `INSERT INTO survey_responses (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (ticket_id) DO NOTHING RETURNING ${COLUMNS}`,
        [a.ticketId, a.branchId, a.serviceId, a.staffId, a.rating, a.comment, a.language, new Date(a.createdAt)],
      );
      if (rows[0]) return { inserted: true, stored: toRecord(rows[0]) };
      const stored = await findByTicket(a.ticketId);
      // Answers are never deleted one by one, so the row that won the conflict is there to read.
      if (!stored) throw new Error(`survey answer for ticket ${a.ticketId} conflicted but cannot be read`);
      return { inserted: false, stored };
    },
    findByTicket,
  };
}

interface SqlRow extends Record<string, unknown> {
  ticket_id: string;
  branch_id: string;
  service_id: string;
  staff_id: string | null;
  rating: number;
  comment: string;
  language: string;
  created_at: Date | string;
}

function toRecord(r: SqlRow): SurveyResponseRecord {
  return {
    ticketId: r.ticket_id,
    branchId: r.branch_id,
    serviceId: r.service_id,
    staffId: r.staff_id,
    rating: Number(r.rating),
    comment: r.comment,
    language: r.language as Lang,
    createdAt: new Date(r.created_at).getTime(),
  };
}
