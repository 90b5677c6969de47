import type { BranchEvent } from '@tellerline/engine';
import type { SqlSession } from '../client.js';

/**
 * The `tickets` projection of newly stored events, as plain SQL: at most two statements per
 * append, however many events it carries (one upsert for the tickets issued in it, one update
 * for every ticket that changed), instead of one Prisma query per event. Prisma compiles every
 * query on every call, which cost more CPU than everything else a kiosk issue does.
 */

/** A column the update events set, with its SQL type (a cast for the JSON text). */
const UPDATED = {
  status: 'text',
  called_at: 'timestamptz',
  served_at: 'timestamptz',
  done_at: 'timestamptz',
  staff_id: 'text',
  counter_id: 'text',
  service_id: 'text',
  number: 'text',
  recalls: 'int',
  priority: 'text',
} as const;
type Updated = keyof typeof UPDATED;
type Value = string | number | null;

/** The columns a ticket-issued event writes; on a repeat of the ticket id it overwrites these only. */
interface IssuedRow {
  id: string;
  branch_id: string;
  token: string;
  number: string;
  service_id: string;
  kind: string;
  priority: string;
  status: string;
  joined_at: string;
  issued_at: string;
  appointment_at: string | null;
  customer_id: string | null;
  day: string;
}

/** What one ticket's events in a batch add up to: applied as the issue upsert, then one update. */
interface TicketChange {
  issued: IssuedRow | null;
  set: Partial<Record<Updated, Value>>;
  /** How many times it was transferred (`transfers` is a counter). */
  transfers: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The columns an event other than ticket-issued sets (mirrors the engine's evolve). */
function updateOf(e: BranchEvent): { set: Partial<Record<Updated, Value>>; transfers?: number } | null {
  const at = iso(e.at);
  switch (e.type) {
    case 'ticket-called':
      return { set: { status: 'called', called_at: at, staff_id: e.staffId, counter_id: e.counterId } };
    case 'ticket-recalled':
      return { set: { recalls: e.recalls, staff_id: e.staffId, counter_id: e.counterId } };
    case 'service-started':
      return { set: { status: 'serving', served_at: at } };
    case 'ticket-completed':
      return { set: { status: 'done', done_at: at, staff_id: e.staffId } };
    case 'ticket-no-show':
      return { set: { status: 'no-show', done_at: at } };
    case 'ticket-cancelled':
      return { set: { status: 'cancelled', done_at: at } };
    case 'ticket-priority-raised':
      return { set: { priority: e.priority } };
    case 'ticket-transferred':
      return {
        set: { status: 'waiting', service_id: e.toServiceId, number: e.number, recalls: 0, called_at: null, served_at: null, staff_id: null, counter_id: null },
        transfers: 1,
      };
    default:
      return null;
  }
}

/**
 * Folds events (oldest first per branch) into one change per ticket. Returns null when a batch
 * cannot be folded faithfully: a ticket's ticket-issued after other events of the same ticket in
 * the same batch (the engine never logs that, but a sequential application would differ).
 */
export function foldTicketChanges(events: readonly BranchEvent[], dayOf: (e: BranchEvent) => string): Map<string, TicketChange> | null {
  const changes = new Map<string, TicketChange>();
  for (const e of events) {
    if (e.type === 'ticket-issued') {
      if (changes.has(e.ticketId)) return null;
      const at = iso(e.at);
      changes.set(e.ticketId, {
        issued: {
          id: e.ticketId,
          branch_id: e.branchId,
          token: e.token,
          number: e.number,
          service_id: e.serviceId,
          kind: e.kind,
          priority: e.priority,
          status: 'waiting',
          joined_at: at,
          issued_at: at,
          appointment_at: e.appointmentAt !== undefined ? iso(e.appointmentAt) : null,
          customer_id: e.customerId ?? null,
          day: dayOf(e),
        },
        set: {},
        transfers: 0,
      });
      continue;
    }
    const u = updateOf(e);
    if (!u || !('ticketId' in e)) continue;
    let c = changes.get(e.ticketId);
    if (!c) changes.set(e.ticketId, (c = { issued: null, set: {}, transfers: 0 }));
    Object.assign(c.set, u.set);
    c.transfers += u.transfers ?? 0;
  }
  return changes;
}

const ISSUED_COLUMNS = ['id', 'branch_id', 'token', 'number', 'service_id', 'kind', 'priority', 'status', 'joined_at', 'issued_at', 'appointment_at', 'customer_id', 'day'] as const;
const ISSUED_TYPES: Record<(typeof ISSUED_COLUMNS)[number], string> = {
  id: 'text',
  branch_id: 'text',
  token: 'text',
  number: 'text',
  service_id: 'text',
  kind: 'text',
  priority: 'text',
  status: 'text',
  joined_at: 'timestamptz',
  issued_at: 'timestamptz',
  appointment_at: 'timestamptz',
  customer_id: 'text',
  day: 'text',
};

// Rows travel as one JSON parameter: the statement text never changes, whatever the batch size.
// `onlyStored` (the one-statement append) keeps a row only if the event it came from (its branch_id
// and seq) was stored by the statement's own INSERT, the CTE `ins`.
const ONLY_STORED = 'EXISTS (SELECT 1 FROM ins WHERE ins.branch_id = x.branch_id AND ins.seq = x.seq)';

function upsertIssued(param: string, onlyStored: boolean): string {
  const extra = onlyStored ? ', seq int' : '';
  return `INSERT INTO tickets (${ISSUED_COLUMNS.join(', ')})
SELECT ${ISSUED_COLUMNS.join(', ')}
FROM jsonb_to_recordset(${param}::jsonb) AS x(${ISSUED_COLUMNS.map((c) => `${c} ${ISSUED_TYPES[c]}`).join(', ')}${extra})${onlyStored ? `\nWHERE ${ONLY_STORED}` : ''}
ON CONFLICT (id) DO UPDATE SET ${ISSUED_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
}

// A column the change does not mention keeps its value (`p ? 'col'` is "the key is present").
function updateChanged(param: string, onlyStored: boolean): string {
  const extra = onlyStored ? ', branch_id text, seq int' : '';
  return `UPDATE tickets AS t SET ${Object.entries(UPDATED)
    .map(([c, type]) => `${c} = CASE WHEN x.p ? '${c}' THEN (x.p ->> '${c}')::${type} ELSE t.${c} END`)
    .join(', ')}, transfers = t.transfers + x.transfers
FROM jsonb_to_recordset(${param}::jsonb) AS x(id text, p jsonb, transfers int${extra})
WHERE t.id = x.id${onlyStored ? ` AND ${ONLY_STORED}` : ''}`;
}

const UPSERT_ISSUED = upsertIssued('$1', false);
const UPDATE_CHANGED = updateChanged('$1', false);

/**
 * The whole append in one statement, no transaction block (a statement is atomic on its own):
 * $1 the events (the INSERT of the log, see `insertEvents`), $2 the issued tickets and $3 the
 * ticket updates, each row tagged with the branch_id and seq of the one event it comes from and
 * applied only if that event was newly stored. Returns the stored (branch_id, seq).
 */
export function oneStatementAppend(insertEvents: string): string {
  return `WITH ins AS (${insertEvents}),
issued AS (${upsertIssued('$2', true)}),
changed AS (${updateChanged('$3', true)})
SELECT branch_id, seq FROM ins`;
}

/**
 * The parameters of {@link oneStatementAppend} when every ticket of the batch has at most one
 * event that changes its row (each row then stands for one event, and the row is applied exactly
 * when its event is new: the common case, a kiosk issue or a staff command); null otherwise.
 */
export function oneEventPerTicket(events: readonly BranchEvent[], dayOf: (e: BranchEvent) => string): [string, string] | null {
  const seen = new Set<string>();
  const issued: (IssuedRow & { seq: number })[] = [];
  const updated: { id: string; p: TicketChange['set']; transfers: number; branch_id: string; seq: number }[] = [];
  for (const e of events) {
    if (e.type === 'day-closed') return null;
    if (e.type !== 'ticket-issued' && !updateOf(e)) continue;
    if (!('ticketId' in e) || seen.has(e.ticketId)) return null;
    seen.add(e.ticketId);
    const c = foldTicketChanges([e], dayOf)!.get(e.ticketId)!;
    if (c.issued) issued.push({ ...c.issued, seq: e.seq });
    else updated.push({ id: e.ticketId, p: c.set, transfers: c.transfers, branch_id: e.branchId, seq: e.seq });
  }
  return [JSON.stringify(issued), JSON.stringify(updated)];
}

/** Applies folded changes: the issued tickets first, then the updates (which came after them). */
export async function applyTicketChanges(sql: SqlSession, changes: Map<string, TicketChange>): Promise<void> {
  const issued: IssuedRow[] = [];
  const updated: { id: string; p: TicketChange['set']; transfers: number }[] = [];
  for (const [id, c] of changes) {
    if (c.issued) issued.push(c.issued);
    if (c.transfers > 0 || Object.keys(c.set).length > 0) updated.push({ id, p: c.set, transfers: c.transfers });
  }
  if (issued.length > 0) await sql.query(UPSERT_ISSUED, [JSON.stringify(issued)]);
  if (updated.length > 0) await sql.query(UPDATE_CHANGED, [JSON.stringify(updated)]);
}
