import type { AuditAction } from '@tellerline/contracts';
import type { BranchEvent, BranchState, Command } from '@tellerline/engine';
import { executeCommands, type CommandKey, type LiveStateStore } from '@tellerline/live';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { batchAppends } from './append-batcher.js';
import type { AuditEntry } from '../auth/ports.js';
import { createEventLogCatchUp, EVENT_SEQ_CONFLICT, type EventLogGaps } from './event-log-catch-up.js';
import type { Clock, EventLog, Timers } from './ports.js';
import { callsIn, commandAudit, pressAuditKey, pressFollowUp, readPressFollowUp, type PressAuditDetails, type PressFollowUp } from './press-follow-up.js';

export interface Actor {
  userId: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The HTTP request that carried the command, for the log line of an audit entry that had to wait. */
  requestId?: string | null;
}

export interface CommandOutcome {
  state: BranchState;
  events: BranchEvent[];
  /** The state the command was decided on: the audit entry names the ticket by the number it had then. */
  before?: BranchState;
}

/** A keyed command whose id had committed already: nothing was decided or recorded; its first answer. */
export interface Replayed {
  replayed: string;
}

/** A replayed press as the commit step hands it to `settle`: with the first run's follow-up note. */
type ReplayedNote = Replayed & { followUp?: string };

interface Queued {
  cmd: Command;
  key?: CommandKey;
  resolve: (outcome: CommandOutcome | ReplayedNote) => void;
  reject: (err: unknown) => void;
}

/** At most this many commands in one commit (the Lua script gets one argument per event). */
const MAX_GROUP = 64;

/**
 * A press still owed its follow-ups this long after its commit is finished by a sweep: well past
 * the time a node takes to do them after a commit, so the sweep rarely repeats a node's work (it
 * would be harmless: each part is idempotent), and soon enough for the no-show timer to matter.
 */
export const PENDING_PRESS_AGE_MS = 30_000;

/** A press a sweep finished: which one, in which branch. */
export interface FinishedPress {
  branchId: string;
  commandId: string;
}

export interface BranchCommandsDeps {
  store: LiveStateStore;
  eventLog: EventLog & EventLogGaps;
  timers: Timers;
  /** Never throws: an entry the database does not take is queued and retried (`usecases/audit-retry.ts`). */
  audit: { append(entry: AuditEntry & { requestId?: string | null }): Promise<void> };
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  /** Refuses a command before it is decided (a branch out of service: `branch-in-service.ts`). */
  admit?: (branchId: string, cmd: Command) => Promise<void>;
}

/**
 * The command flow of ARCHITECTURE.md section 2, steps 2-5: decide and commit atomically in
 * Redis, then record in PostgreSQL, arm timers and audit. If PostgreSQL is briefly down the
 * queue keeps working: the Redis stream still holds the events, and `catchUp` (exposed for
 * start-up and shutdown) copies them once PostgreSQL answers again.
 */
export function createBranchCommands(deps: BranchCommandsDeps) {
  const { store, eventLog, timers, audit, metrics, clock, logger } = deps;
  // Last committed state per branch in this process: call-next skips a Redis read when no other
  // node has moved the branch on (the commit's version check catches it when one has).
  const cache = new Map<string, BranchState>();
  const appendEvents = batchAppends((events) => eventLog.append(events));
  // Retries go through the same group commit, so they never overtake a branch's newer appends.
  const catchUp = createEventLogCatchUp({ store, eventLog, logger, append: appendEvents });

  // Commands for a branch that is committing wait for it and are then decided and committed
  // together (one Redis commit, one state write), instead of racing: of N commits racing on one
  // branch only one wins, so a burst (a kiosk queue, a backlog after a stall) would cost O(N^2)
  // decisions and state writes. No added delay when a branch is idle.
  const waiting = new Map<string, Queued[]>();

  async function drain(branchId: string, queue: Queued[]): Promise<void> {
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUP);
      try {
        const results = await executeCommands(store, branchId, group.map(({ cmd, key }) => (key ? { cmd, key } : cmd)), () => clock.now(), { cache });
        group.forEach((q, i) => {
          const r = results[i]!;
          if (r.ok === true) q.resolve({ state: r.state, events: r.events, before: r.before });
          else if (r.ok === 'replayed') q.resolve({ replayed: r.answer, ...(r.followUp !== undefined ? { followUp: r.followUp } : {}) });
          else q.reject(r.error);
        });
      } catch (err) {
        for (const q of group) q.reject(err);
      }
    }
    waiting.delete(branchId);
  }

  function decide(branchId: string, cmd: Command, key?: CommandKey): Promise<CommandOutcome | ReplayedNote> {
    return new Promise((resolve, reject) => {
      let queue = waiting.get(branchId);
      const idle = !queue;
      if (!queue) waiting.set(branchId, (queue = []));
      queue.push({ cmd, ...(key ? { key } : {}), resolve, reject });
      if (idle) void drain(branchId, queue);
    });
  }

  /**
   * Runs `cmd` and, for a person or device (`actor`), audits it; `auditDetails` adds what the
   * command itself does not say (why a priority was given).
   */
  async function run(branchId: string, cmd: Command, actor: Actor | null, auditDetails: PressAuditDetails = {}): Promise<CommandOutcome> {
    // Without a key nothing is ever replayed.
    return (await settle(branchId, cmd, actor, auditDetails)) as CommandOutcome;
  }

  /**
   * As `run`, once per client command id (`key`): the receipt is committed with the events, so
   * a retry of a press that committed (its answer lost: a socket ack, a 503 while Redis stalled)
   * gets `{ replayed }`, the first answer, and is not decided again. The first run may have lost
   * Redis's reply to the commit itself (then it answered 503 and recorded, timed and audited
   * nothing) or died: the retry finishes that from the receipt's note (`press-follow-up.ts`),
   * each part idempotent, so a press is recorded, timed and audited once either way.
   * Only commits leave receipts: a refused press is decided afresh when retried.
   */
  function runOnce(branchId: string, cmd: Command, actor: Actor | null, key: CommandKey, auditDetails: PressAuditDetails = {}): Promise<CommandOutcome | Replayed> {
    return settle(branchId, cmd, actor, auditDetails, key);
  }

  async function settle(branchId: string, cmd: Command, actor: Actor | null, auditDetails: PressAuditDetails, key?: CommandKey): Promise<CommandOutcome | Replayed> {
    await deps.admit?.(branchId, cmd);
    const started = performance.now();
    // The receipt also keeps what a retry needs to finish this press if our answer is lost.
    const noted: CommandKey | undefined = key && { ...key, followUp: (o) => JSON.stringify(pressFollowUp(cmd, o, auditDetails, actor)) };
    let decided: CommandOutcome | ReplayedNote;
    try {
      decided = await decide(branchId, cmd, noted);
    } finally {
      metrics.commandSeconds.observe({ type: cmd.type }, (performance.now() - started) / 1000);
    }
    if ('replayed' in decided) {
      if (key && decided.followUp !== undefined) await finishReplayed(branchId, cmd, actor, key.commandId, decided.followUp);
      return { replayed: decided.replayed };
    }
    const outcome = decided;
    const { events } = outcome;
    // Committed in Redis: record it in PostgreSQL (group commit), arm the timers and audit, all
    // at once rather than one after the other.
    const work: Promise<void>[] = [
      appendEvents(events).catch((err: unknown) => {
        const seqs = { from: events[0]?.seq, to: events.at(-1)?.seq };
        if ((err as { code?: unknown }).code === EVENT_SEQ_CONFLICT) {
          // PostgreSQL already holds other events at these seqs: the live state went back in time
          // (Redis restored while we ran). Nothing of them was stored; they stay in the stream.
          logger.error({ err, branchId, ...seqs }, 'event log conflict: committed events not stored in PostgreSQL');
        } else {
          logger.error({ err, branchId, ...seqs }, 'event log append failed; will retry');
        }
        if (events.length > 0) catchUp.behind(branchId, events.at(-1)!.seq);
      }),
    ];
    for (const call of callsIn(events)) work.push(armNoShow(branchId, call));
    if (actor) {
      const { ticketId, details } = commandAudit(cmd, outcome, auditDetails);
      // Keyed: a retry finishing this press (it cannot know we got this far) adds no second entry.
      const once = key && events[0] ? { idempotencyKey: pressAuditKey(key.commandId, events[0].seq) } : {};
      work.push(audit.append({ ...actor, action: cmd.type, branchId, ticketId, details, ...once }));
    }
    await Promise.all(work);
    // Done (each part above retries or logs by itself): the commit's record of what this press
    // still owed can go, so no sweep does it again. Not awaited: the answer does not wait for it.
    if (key && events.length > 0) settleLater(branchId, key.commandId);
    return outcome;
  }

  function armNoShow(branchId: string, call: { ticketId: string; calledAt: number }): Promise<void> {
    return timers.scheduleNoShow(branchId, call.ticketId, call.calledAt).catch((err: unknown) => logger.error({ err, branchId, ticketId: call.ticketId }, 'could not arm no-show timer'));
  }

  /**
   * A retry of a press that committed: does what its first run does after the commit, from the
   * receipt's note, in case that run never did (see `runOnce`), as this actor (the receipt
   * matched their request), saying when a retry completed it.
   */
  async function finishReplayed(branchId: string, cmd: Command, actor: Actor | null, commandId: string, json: string): Promise<void> {
    const note = readPressFollowUp(json);
    if (!note) {
      logger.warn({ branchId, commandId }, 'press receipt without a readable follow-up note: nothing finished on its retry');
      return;
    }
    await finishPress(branchId, commandId, note, cmd.type, actor, { completedOnRetry: clock.now() });
    settleLater(branchId, commandId);
  }

  /**
   * The follow-ups of a committed press, each idempotent (the first run may have done them):
   * copies its events to PostgreSQL if it lacks them, arms the timer of each call the ticket is
   * still called at (a call since answered, recalled or ended needs none), and audits under the
   * first run's key (`completed` says when and how it was written instead).
   */
  async function finishPress(
    branchId: string,
    commandId: string,
    note: PressFollowUp,
    action: AuditAction,
    actor: Actor | null,
    completed: { completedOnRetry: number } | { completedLater: number },
  ): Promise<void> {
    const work: Promise<void>[] = [
      catchUp.copyMissing(branchId, note.to).then(
        () => undefined,
        (err: unknown) => {
          logger.warn({ err, branchId, upTo: note.to }, 'event log catch-up for an unfinished press failed; will retry');
          catchUp.behind(branchId, note.to);
        },
      ),
    ];
    if (note.calls.length > 0) {
      work.push(
        (async () => {
          const state = await store.load(branchId);
          for (const call of note.calls) {
            const t = state?.tickets[call.ticketId];
            if (t?.status === 'called' && (t.lastCalledAt ?? t.calledAt) === call.calledAt) await timers.rearmNoShow(branchId, call.ticketId, call.calledAt);
          }
        })().catch((err: unknown) => logger.error({ err, branchId }, 'could not arm the no-show timers of an unfinished press')),
      );
    }
    if (actor) {
      const { ticketId, details } = note.audit;
      work.push(audit.append({ ...actor, action, branchId, ticketId, details: { ...details, ...completed }, at: note.at, idempotencyKey: pressAuditKey(commandId, note.from) }));
    }
    await Promise.all(work);
  }

  /**
   * Finishes the presses of every branch still owed their follow-ups `olderThanMs` after their
   * commit: their node lost Redis's reply (it answered 503) or died, and nobody retried. Each is
   * claimed first (another node's sweep skips it meanwhile) and finished from its note alone, as
   * the staff member who pressed (`completedLater`), then settled. Safe on every node at once:
   * the claim keeps two sweeps apart, and each part is idempotent should both get it anyway.
   */
  async function finishPending(opts: { olderThanMs?: number; limit?: number } = {}): Promise<FinishedPress[]> {
    const finished: FinishedPress[] = [];
    for (const branchId of await store.listBranches()) {
      const owed = await store.claimFollowUps(branchId, { olderThanMs: opts.olderThanMs ?? PENDING_PRESS_AGE_MS, ...(opts.limit !== undefined ? { limit: opts.limit } : {}) });
      for (const { commandId, followUp } of owed) {
        const note = readPressFollowUp(followUp);
        if (!note?.action || note.actor === undefined) {
          logger.warn({ branchId, commandId }, 'unfinished press without a usable follow-up note: dropped');
        } else {
          logger.warn({ branchId, commandId, action: note.action, seq: note.from }, 'press left unfinished after its commit (reply lost or node gone, no retry): finishing it');
          await finishPress(branchId, commandId, note, note.action, note.actor, { completedLater: clock.now() });
          finished.push({ branchId, commandId });
          metrics.pressesFinishedLater.inc();
        }
        await store.settleFollowUps(branchId, [commandId]);
      }
    }
    return finished;
  }

  // Presses whose follow-ups are done, settled in Redis a branch's batch at a time, off the answer's path.
  const toSettle = new Map<string, Set<string>>();
  let settling: Promise<void> | null = null;

  function settleLater(branchId: string, commandId: string): void {
    let ids = toSettle.get(branchId);
    if (!ids) toSettle.set(branchId, (ids = new Set()));
    ids.add(commandId);
    settling ??= flushSettled();
  }

  async function flushSettled(): Promise<void> {
    // Lets the presses answered in this turn join the batch.
    await Promise.resolve();
    while (toSettle.size > 0) {
      const batch = [...toSettle];
      toSettle.clear();
      await Promise.all(
        batch.map(([branchId, ids]) =>
          // Left owed: a sweep finishes the press again, harmlessly (each part is idempotent).
          store.settleFollowUps(branchId, [...ids]).catch((err: unknown) => logger.warn({ err, branchId, count: ids.size }, 'finished presses not marked done; a sweep will finish them again')),
        ),
      );
    }
    settling = null;
  }

  /** Resolves once every finished press so far is marked done in Redis (tests, shutdown). */
  async function settled(): Promise<void> {
    while (settling) await settling;
  }

  return { run, runOnce, catchUp, finishPending, settled };
}

export type BranchCommands = ReturnType<typeof createBranchCommands>;
