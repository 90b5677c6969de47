/**
 * What every KPI aggregate shares: the branches asked about and how rows fold into groups.
 * Every inner relation the aggregates read exposes the same columns (service_id, day, staff_id,
 * branch_id, pilot; NULL where it has none), so the queries group alike. `pilot` is whether that
 * branch-day was in one of the branch's pilot periods (`inPilotSql`), never today's flag.
 */

export interface Grouping {
  /** `dim` (the grouped column's name, or 'total') and `key` (its value as text). */
  select: string;
  groupBy: string;
  /** SQL that is true in the rows of `dim`'s grouping set (false when the report has no such set). */
  by(dim: string): string;
}

/** One grouping set per dimension plus the grand total, in one pass. */
export function grouping(dims: readonly string[]): Grouping {
  const when = dims.map((d) => `WHEN GROUPING(${d}) = 0 THEN '${d}'`).join(' ');
  const key = dims.map((d) => `CASE WHEN GROUPING(${d}) = 0 THEN ${d}::text END`).join(', ');
  return {
    select: `CASE ${when} ELSE 'total' END AS dim, COALESCE(${key}) AS key`,
    groupBy: `GROUP BY GROUPING SETS ((), ${dims.map((d) => `(${d})`).join(', ')})`,
    by: (dim) => (dims.includes(dim) ? `GROUPING(${dim}) = 0` : 'false'),
  };
}

// $1 branch id or NULL (every branch), $2/$3 first and last business day (YYYY-MM-DD).
export const BRANCHES = `SELECT id, timezone FROM branches WHERE $1::text IS NULL OR id = $1`;
