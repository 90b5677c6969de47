/** A run of seqs, both ends included. */
export interface SeqRange {
  from: number;
  to: number;
}

/**
 * The seqs of a branch's log missing up to `$2`, as ranges, oldest first (at most 1000 ranges).
 * The scan starts after the branch checkpoint: a checkpoint is only written when every event up
 * to it is stored (see writeCheckpoint), so nothing below it can be missing, and the scan stays a
 * day or so of index entries instead of the branch's whole history. `lo` and `$2 + 1` are
 * sentinels, so a hole at either end shows up like one in the middle.
 */
export const MISSING_SEQS = `WITH lo AS (
  SELECT LEAST(COALESCE((SELECT seq FROM branch_checkpoints WHERE branch_id = $1), 0), $2::int) AS seq
),
s AS (
  SELECT e.seq FROM ticket_events e, lo WHERE e.branch_id = $1 AND e.seq > lo.seq AND e.seq <= $2::int
  UNION ALL SELECT seq FROM lo
  UNION ALL SELECT $2::int + 1
),
w AS (SELECT seq, lag(seq) OVER (ORDER BY seq) AS prev FROM s)
SELECT (prev + 1)::int AS from_seq, (seq - 1)::int AS to_seq FROM w WHERE seq > prev + 1 ORDER BY seq LIMIT 1000`;
