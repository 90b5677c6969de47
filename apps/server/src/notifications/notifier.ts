import { estimateWait, evolve, type BranchEvent, type BranchState, type Ticket } from '@tellerline/engine';
import type { LiveStateStore } from '@tellerline/live';
import type { NoticeQueue } from '../jobs/notice-queue.js';
import type { NoticeChannelName, NoticeJob, SurveyInviteJob } from '../jobs/job-names.js';
import { seqCursors, tailBranches } from '../usecases/branch-tail.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../usecases/ports.js';
import type { NearBaselines } from './near-baselines.js';
import type { NoticeStore, NoticeTarget } from './ports.js';
import type { WatchSignal } from './watch-signal.js';

const FINISHED = new Set<BranchEvent['type']>(['ticket-completed', 'ticket-no-show', 'ticket-cancelled']);
const DAY_MS = 24 * 3600 * 1000;

export interface NotifierDeps {
  store: LiveStateStore;
  notices: NoticeStore;
  queue: Pick<NoticeQueue, 'add' | 'addSurveyInvites'>;
  signal: WatchSignal;
  /** Where targets stood at issue or sign-up, kept across restarts (near-baselines.ts). */
  baselines: NearBaselines;
  clock: Clock;
  logger: Logger;
  blockMs?: number;
  discoverEveryMs?: number;
  /** Reload every active ticket's targets from PostgreSQL this often (covers lost pub/sub messages). */
  resyncEveryMs?: number;
  /**
   * "Near" checks run at most this often per branch (default 250 ms). Each costs an
   * `estimateWait` per watched waiting ticket (O(waiting^2) in all, ~5 ms at 500 waiting), so a
   * burst of events is checked once, after the call notices of the burst went out.
   */
  nearEveryMs?: number;
  /** A completed visit's survey invitation is due this long after it; absent: no invitations. */
  surveyInviteAfterMs?: number;
}

/**
 * Decides who is told what, in the worker role. Like the realtime fan-out it tails every
 * branch's event stream and folds each event into its own copy of the state with the engine's
 * `evolve`; it keeps the notice targets of the active tickets in memory. Then:
 *
 * - a `ticket-called` / `ticket-recalled` event enqueues one job per channel the ticket has
 *   call notices on (`push/<ticketId>/called/<seq>`), before anything else in the batch;
 * - after a batch (at most every `nearEveryMs`), every waiting ticket with a "tell me when N are
 *   ahead" target gets `estimateWait(...).ahead` from the engine; the first time it is <= N, one
 *   job per channel and threshold (`push/<ticketId>/near/<N>`). Not at issue or sign-up: a target
 *   seen as the ticket is issued or the customer signs up is only told once its place has moved
 *   up since (ahead below what it was then). Why: the kiosk texted "you are next, please come back
 *   to the waiting area" to a customer still standing at it with the ticket in hand, whenever
 *   nobody was ahead; they read their place on the ticket or phone page, and the call notice follows.
 *
 * - a `ticket-completed` event of a ticket with any notice target (whatever it asked for) enqueues
 *   one survey invitation, due `surveyInviteAfterMs` after the completion
 *   (`survey-invite/<ticketId>`); a no-show or a cancel gets none.
 *
 * Job ids are deterministic, so a replayed event, a restart (the memory of what was sent is lost)
 * or a second worker node enqueueing the same notice adds nothing. Where each target stood at
 * issue or sign-up is kept in Redis too (`baselines`), so a restarted notifier still waits for
 * the place to move. Sends happen in the notice worker.
 */
export function startNotifier(deps: NotifierDeps) {
  const { store, notices, queue, signal, baselines, clock, logger } = deps;
  const blockMs = deps.blockMs ?? 1000;
  const states = new Map<string, BranchState>();
  const targets = new Map<string, NoticeTarget[]>();
  const nearSent = new Set<string>();
  /**
   * Places ahead when a target was first seen at issue or sign-up (`<ticketId>/<channel>/<N>`):
   * its "near" notice waits until the place is lower. Written through to `baselines` and read
   * back the first time a ticket's targets are loaded (`baselinesRead`), so a restart keeps them;
   * a target that has none (signed up before baselines were kept) is told as soon as it is within N.
   */
  const nearBaseline = new Map<string, number>();
  const baselinesRead = new Set<string>();
  const loading = new Map<string, Promise<void>>();
  /** Tickets someone subscribed to before this notifier saw them issued (it lags the stream a little). */
  const early = new Set<string>();
  const nearTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastNear = new Map<string, number>();
  const nearEveryMs = deps.nearEveryMs ?? 250;
  let running = true;
  let release: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (release = r));
  let lastResync = 0;
  let resetPending = false;

  async function discover(): Promise<void> {
    for (const branchId of await store.listBranches()) {
      if (!states.has(branchId)) {
        const state = await store.load(branchId);
        if (state) states.set(branchId, state);
      }
    }
  }

  /** Drops what is held about a ticket; `left`: it left the queue, so its stored baselines go too. */
  function forget(ticketId: string, left = false): void {
    targets.delete(ticketId);
    baselinesRead.delete(ticketId);
    for (const key of nearSent) if (key.startsWith(`${ticketId}/`)) nearSent.delete(key);
    for (const key of nearBaseline.keys()) if (key.startsWith(`${ticketId}/`)) nearBaseline.delete(key);
    if (left) void baselines.forget(ticketId).catch((err: unknown) => logger.warn({ err, ticketId }, 'could not drop the near baselines of a finished ticket'));
  }

  /** The stored baselines of these (watched) tickets not read yet (after a restart: all of them). */
  async function readBaselines(ticketIds: readonly string[]): Promise<void> {
    const unread = ticketIds.filter((id) => !baselinesRead.has(id));
    if (unread.length === 0) return;
    try {
      const stored = await baselines.read(unread);
      for (const id of unread) {
        baselinesRead.add(id);
        for (const [field, ahead] of stored.get(id) ?? []) if (!nearBaseline.has(`${id}/${field}`)) nearBaseline.set(`${id}/${field}`, ahead);
      }
    } catch (err) {
      // Read again at the next load (the periodic resync); until then `enqueueNear` leaves these
      // tickets out: without their baselines a restarted notifier would tell a customer already
      // within N, still at the kiosk, at once.
      logger.warn({ err }, 'could not read near baselines');
    }
  }

  /**
   * (Re)loads the targets of these tickets of one branch, then checks their "near" notices.
   * `fresh`: just issued or just signed up (not a resync): their places now are the baseline.
   */
  function load(branchId: string, ticketIds: readonly string[], fresh = false): Promise<void> {
    const state = states.get(branchId);
    const live = ticketIds.map((id) => state?.tickets[id]).filter((t): t is Ticket => Boolean(t));
    for (const id of ticketIds) {
      if (state?.tickets[id]) continue;
      forget(id);
      if (early.size < 10_000) early.add(id);
    }
    if (live.length === 0) return Promise.resolve();
    const task = (async () => {
      const found = await notices.targets(live.map((t) => ({ ticketId: t.id, customerId: t.customerId ?? null })));
      // Before the targets are held: a near check running meanwhile must not find one without its baseline.
      await readBaselines(live.filter((t) => found.get(t.id)?.length).map((t) => t.id));
      for (const t of live) {
        const list = found.get(t.id);
        if (list && list.length > 0) targets.set(t.id, list);
        else targets.delete(t.id);
      }
      await enqueueNear(branchId, live.map((t) => t.id), fresh);
    })();
    for (const t of live) loading.set(t.id, task);
    return task.finally(() => {
      for (const t of live) if (loading.get(t.id) === task) loading.delete(t.id);
    });
  }

  async function resync(): Promise<void> {
    lastResync = Date.now();
    for (const [branchId, state] of states) await load(branchId, Object.keys(state.tickets));
  }

  function job(state: BranchState, t: Ticket, notice: NoticeJob['notice'], seq: number, extra: Pick<NoticeJob, 'threshold' | 'ahead' | 'counter'>): NoticeJob {
    const service = state.services[t.serviceId];
    return {
      branchId: state.branchId,
      ticketId: t.id,
      customerId: t.customerId ?? null,
      token: t.token,
      number: t.number,
      service: service ? { zh: service.name.zh, en: service.name.en } : { zh: '', en: '' },
      notice,
      seq,
      at: clock.now(),
      ...extra,
    };
  }

  /** Call notices for one call event, given the state right after it. */
  async function callJobs(state: BranchState, e: Extract<BranchEvent, { type: 'ticket-called' | 'ticket-recalled' }>) {
    const pending = loading.get(e.ticketId);
    if (pending) await pending.catch(() => undefined);
    const list = targets.get(e.ticketId);
    const t = state.tickets[e.ticketId];
    if (!list || !t) return [];
    const channels = new Set(list.filter((x) => x.onCalled).map((x) => x.channel));
    const notice = e.type === 'ticket-called' ? 'called' : 'recalled';
    const data = job(state, t, notice, e.seq, { threshold: null, ahead: null, counter: state.counters[e.counterId]?.label ?? null });
    return [...channels].map((channel) => ({ channel, data: { ...data, at: e.at } }));
  }

  /**
   * Survey invitations for the visits just completed whose customer asked for any notice. Asked
   * of PostgreSQL, not of the memory: a sign-up whose signal was lost would otherwise go
   * uninvited until the next resync, which comes after the ticket was forgotten. If the database
   * does not answer, the memory (`known`: the targets held when the event was seen) decides.
   */
  async function enqueueInvites(done: readonly (SurveyInviteJob & { known: boolean })[]): Promise<void> {
    if (deps.surveyInviteAfterMs === undefined || done.length === 0) return;
    const asked = await notices
      .targets(done.map((d) => ({ ticketId: d.ticketId, customerId: d.customerId })))
      .then((found) => (d: (typeof done)[number]) => Boolean(found.get(d.ticketId)?.length))
      .catch((err: unknown) => {
        logger.warn({ err }, 'could not read notice targets for survey invitations; using those in memory');
        return (d: (typeof done)[number]) => d.known;
      });
    const after = deps.surveyInviteAfterMs;
    // Due a fixed time after the visit, not after now: a late or repeated look at the event
    // (a slow notifier, a second node) asks for the same job at the same time.
    const jobs = done.filter(asked).map(({ known: _known, ...data }) => ({ data, delayMs: data.doneAt + after - clock.now() }));
    await queue.addSurveyInvites(jobs);
  }

  /**
   * "Nearly your turn" for waiting tickets of a branch (all watched ones, or just `only`).
   * `fresh`: a first look at issue or sign-up, which records the baseline and tells nobody.
   * Otherwise a ticket whose stored baselines could not be read yet is not looked at.
   */
  async function enqueueNear(branchId: string, only?: readonly string[], fresh = false): Promise<void> {
    const state = states.get(branchId);
    if (!state) return;
    const now = clock.now();
    const jobs: { channel: NoticeChannelName; data: NoticeJob }[] = [];
    const firstSeen = new Map<string, Map<string, number>>();
    for (const id of only ?? Object.keys(state.tickets)) {
      const list = targets.get(id);
      const t = state.tickets[id];
      if (!list || !t || t.status !== 'waiting' || (!fresh && !baselinesRead.has(id))) continue;
      const wanted = list.filter((x) => x.aheadThreshold !== null && !nearSent.has(`${id}/${x.channel}/${x.aheadThreshold}`));
      if (wanted.length === 0) continue;
      const { ahead } = estimateWait(state, id, now);
      for (const x of wanted) {
        const key = `${id}/${x.channel}/${x.aheadThreshold}`;
        if (fresh && !nearBaseline.has(key)) {
          nearBaseline.set(key, ahead);
          firstSeen.set(id, (firstSeen.get(id) ?? new Map<string, number>()).set(`${x.channel}/${x.aheadThreshold}`, ahead));
        }
        const baseline = nearBaseline.get(key);
        if (baseline !== undefined && ahead >= baseline) continue;
        if (ahead > x.aheadThreshold! || nearSent.has(key)) continue;
        nearSent.add(key);
        jobs.push({ channel: x.channel, data: job(state, t, 'near', state.seq, { threshold: x.aheadThreshold, ahead, counter: null }) });
      }
    }
    for (const [id, entries] of firstSeen) {
      // Kept in memory either way: only a restart before the next successful write would forget it.
      await baselines.keep(id, entries).catch((err: unknown) => logger.warn({ err, ticketId: id }, 'could not store near baselines'));
    }
    await queue.add(jobs);
  }

  /** Runs the branch's near check soon: now if the last one is old enough, else once the interval is up. */
  function scheduleNear(branchId: string): void {
    if (nearTimers.has(branchId) || !running) return;
    const wait = Math.max(0, (lastNear.get(branchId) ?? 0) + nearEveryMs - Date.now());
    nearTimers.set(
      branchId,
      setTimeout(() => {
        nearTimers.delete(branchId);
        lastNear.set(branchId, Date.now());
        enqueueNear(branchId).catch((err: unknown) => logger.error({ err, branchId }, 'near check failed'));
      }, wait),
    );
  }

  async function onBatch(branchId: string, events: BranchEvent[]): Promise<void> {
    let state = states.get(branchId)!;
    const calls: { channel: NoticeChannelName; data: NoticeJob }[] = [];
    const newcomers: string[] = [];
    const completed: (SurveyInviteJob & { known: boolean })[] = [];
    for (const e of events) {
      if (e.seq !== state.seq + 1) {
        // A gap (stream trimmed, branch rebuilt): start again from the stored state.
        const fresh = await store.load(branchId);
        if (!fresh) return;
        state = fresh;
        if (e.seq <= state.seq) continue;
      }
      const before = state;
      state = evolve(state, e);
      if (e.type === 'ticket-issued' && (early.delete(e.ticketId) || e.customerId)) newcomers.push(e.ticketId);
      else if (e.type === 'ticket-called' || e.type === 'ticket-recalled') calls.push(...(await callJobs(state, e)));
      else if (FINISHED.has(e.type) && 'ticketId' in e) {
        const t = before.tickets[e.ticketId];
        if (e.type === 'ticket-completed' && t) {
          completed.push({ branchId, ticketId: t.id, customerId: t.customerId ?? null, token: t.token, doneAt: e.at, known: Boolean(targets.get(t.id)?.length) });
        }
        forget(e.ticketId, true);
      }
      else if (e.type === 'day-closed') {
        early.clear();
        void notices.purgeBefore(e.at - DAY_MS).catch((err: unknown) => logger.warn({ err }, 'could not purge old notice targets'));
      }
    }
    states.set(branchId, state);
    // Calls first: they are what the customer is waiting for.
    await queue.add(calls);
    await enqueueInvites(completed);
    if (newcomers.length > 0) await load(branchId, newcomers, true);
    scheduleNear(branchId);
  }

  const loop = (async () => {
    const unsubscribe = await signal
      .subscribe((branchId, ticketId) => {
        void load(branchId, [ticketId], true).catch((err: unknown) => logger.error({ err, ticketId }, 'could not load notice targets'));
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'notice target signal unavailable; relying on periodic resync');
        return async () => undefined;
      });
    const tail = tailBranches({
      store,
      logger,
      label: 'notifier',
      blockMs,
      discoverEveryMs: deps.discoverEveryMs ?? 5000,
      cursors: () => seqCursors(states),
      discover,
      tick: async () => {
        if (resetPending) {
          // Live states rebuilt from PostgreSQL: follow them from their (possibly lower) seqs.
          resetPending = false;
          states.clear();
          await discover();
        }
        if (Date.now() - lastResync > (deps.resyncEveryMs ?? 30_000)) await resync();
      },
      onBatch,
    });
    await stopped;
    await tail.stop();
    await unsubscribe();
  })();

  return {
    async stop() {
      running = false;
      release();
      for (const t of nearTimers.values()) clearTimeout(t);
      nearTimers.clear();
      await loop;
    },
    /** Tail branches created after start right away (tests, new branches). */
    discover,
    /** The live states were rebuilt (Redis lost its data): follow them afresh. */
    reset: () => void (resetPending = true),
    /** Reload every active ticket's targets now (tests). */
    resync,
  };
}

export type Notifier = ReturnType<typeof startNotifier>;
