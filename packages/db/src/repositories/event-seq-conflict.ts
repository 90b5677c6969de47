/**
 * An append carried an event whose (branch, seq) is already stored with other content: the live
 * store (Redis) and the log (PostgreSQL) went down different paths, e.g. Redis came back from an
 * older snapshot and numbered new events with seqs PostgreSQL had used. Nothing of that append is
 * stored. Stable `code` for callers that must not import this package.
 */
export class EventSeqConflictError extends Error {
  readonly code = 'EVENT_SEQ_CONFLICT';
  constructor(readonly conflicts: readonly { branchId: string; seq: number }[]) {
    super(`event log already holds other events at ${conflicts.map((c) => `${c.branchId}#${c.seq}`).join(', ')}`);
    this.name = 'EventSeqConflictError';
  }
}

/** The rows of `$1` (events as JSON rows) stored with other content under the same (branch, seq). */
export const CONFLICTING_EVENTS = `SELECT x.branch_id, x.seq
FROM jsonb_to_recordset($1::jsonb) AS x(branch_id text, seq int, type text, ticket_id text, at timestamptz, payload jsonb)
JOIN ticket_events t ON t.branch_id = x.branch_id AND t.seq = x.seq
WHERE t.type <> x.type OR t.at <> x.at OR t.payload <> x.payload OR t.ticket_id IS DISTINCT FROM x.ticket_id
ORDER BY x.branch_id, x.seq`;
