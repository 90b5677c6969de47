import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import { RedisLiveStore, type LiveRedisClient, type LiveStateStore } from '@tellerline/live';
import { COMMAND_ID_TTL_SEC } from '@tellerline/contracts';
import type { OpeningHours } from '@tellerline/db';
import { hashPassword } from './auth/passwords.js';
import type { Config } from './config.js';
import { holdEmbeddedDatabase, openDatabase, pgliteFolder, type DatabasePorts, type DemoSeed } from './compose-db.js';
import { composeNotify, type NotifyChannels, type NotifyOverrides } from './compose-notify.js';
import { createNoticeQueue, type NoticeQueue } from './jobs/notice-queue.js';
import type { Notifier } from './notifications/notifier.js';
import { createNoticeSignups, type NoticeSignups } from './notifications/signups.js';
import { createWatchSignal } from './notifications/watch-signal.js';
import { createRedisNearBaselines } from './notifications/near-baselines.js';
import { createLobbySignal } from './realtime/lobby-signal.js';
import { createArrivalSignal } from './realtime/arrival-signal.js';
import type { EventBudgetLimits } from './realtime/event-budget.js';
import { bullConnection } from './jobs/bull-connection.js';
import { createBullTimers } from './jobs/bull-timers.js';
import { processDailyClose } from './jobs/processors/daily-close.js';
import { createNoShowArming } from './jobs/processors/no-show-timer.js';
import { createJobQueues, type JobQueues } from './jobs/queues.js';
import { startLocalRedis, type LocalRedis } from './local-redis.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createRedisOutageLog, isRedisConnectionError, queueErrorListener } from './redis-outage-log.js';
import { watchRedisStall } from './redis-stall-watch.js';
import { mustFinishStep, runStopSteps } from './shutdown.js';
import { banner } from './banner.js';
import { createBranchCommands, type BranchCommands } from './usecases/branch-commands.js';
import { watchPendingPresses } from './usecases/pending-presses.js';
import { isStoreAway } from './store-away.js';
import { createLiveBranches, START_CONCURRENCY, type LiveBranches } from './usecases/live-branches.js';
import { rearmNoShows } from './usecases/no-show-rearm.js';
import { createLiveEpoch, type EpochMarker } from './usecases/live-epoch.js';
import { createAuditRetry, type PendingAuditEntry, type PendingAudits } from './usecases/audit-retry.js';
import { eachLimited } from './usecases/each-limited.js';
import type { Clock } from './usecases/ports.js';
import { createViews, type Views } from './usecases/views.js';
import { createBranchSetup, type BranchSetup } from './usecases/branch-setup.js';
import { createReconfigure } from './usecases/reconfigure.js';
import { createWalkInHours } from './usecases/walk-in-hours.js';
import { createBranchInService } from './usecases/branch-in-service.js';
import { buildIcs } from '@tellerline/notify';
import { createAppointmentTimers } from './jobs/processors/reminder.js';
import { createBooking, type Booking } from './usecases/booking.js';
import { createChannelNotifier, createLoggingNotifier } from './usecases/booking-notifier.js';
import { bookingAnswer } from './usecases/booking-requests.js';
import { CONSENT_LINK_WINDOW_SEC, CONSENT_LINKS_PER_IP, CONSENT_LINKS_PER_PROFILE, createConsentRequests } from './usecases/history-consent-requests.js';
import { createConsentConfirmationSender } from './notifications/consent-confirmation.js';
import { createGuessGuard, createRedisGuessLimiter } from './usecases/kiosk-guesses.js';
import { createRedisContactSends } from './usecases/contact-sends.js';
import { BOOKING_WINDOW_SEC, BOOKINGS_PER_IP, createRedisCooldown, createRedisRateLimiter, REMOTE_JOIN_WINDOW_SEC, REMOTE_JOINS_PER_IP } from './usecases/booking-rate-limit.js';
import { createRedisRequestLedger } from './usecases/request-ledger.js';
import { createRedisContactCheckStore } from './usecases/contact-check-store.js';
import { createContactCodeSender } from './notifications/contact-check-code.js';
import {
  createContactChecks,
  CONTACT_CHECK_DAY_WINDOW_SEC,
  CONTACT_CHECK_IP_WINDOW_SEC,
  CONTACT_CHECK_SHORT_WINDOW_SEC,
  CONTACT_CHECKS_PER_ADDRESS_DAY,
  CONTACT_CHECKS_PER_ADDRESS_SHORT,
  CONTACT_CHECKS_PER_IP,
} from './usecases/contact-checks.js';
import { SessionStore } from './auth/sessions.js';
import { createSignOffGrace } from './usecases/sign-off-grace.js';
import { leaveUnattendedCounters, SESSION_ENDED, watchUnattendedCounters, type UnattendedCounterDeps } from './usecases/unattended-counters.js';

export interface System {
  /** Starts the configured roles; resolves with the start-up banner (URLs, demo logins). */
  start(): Promise<string>;
  /** Ordered shutdown: stop accepting, drain jobs and sockets, close adapters. */
  stop(): Promise<void>;
  /** Base URL once listening (the port may be random in tests). */
  url(): string;
  readonly parts: {
    config: Config;
    store: LiveStateStore;
    commands: BranchCommands;
    views: Views;
    liveBranches: LiveBranches;
    db: DatabasePorts;
    redis: RedisClientType;
    queues: JobQueues;
    metrics: Metrics;
    demo: DemoSeed | null;
    booking: Booking;
    /** Setting branches, services, counters and opening hours up. */
    setup: BranchSetup;
    /** Customer notices: channels, queue, the api side; `notifier` once the worker role runs. */
    notices: { channels: NotifyChannels; queue: NoticeQueue; signups: NoticeSignups; notifier: Notifier | null };
    sessions: SessionStore;
    /** One sweep of the scheduler's watch over counters whose staff have no session left. */
    leaveUnattendedCounters: () => Promise<{ branchId: string; staffId: string }[]>;
  };
}


/**
 * How long Redis may leave a command unanswered before its connection counts as stalled. Why:
 * node-redis's command timeout only covers commands still waiting to be written; one written to a
 * Redis that stopped answering (paused VM or container, SIGSTOP) waited for good, and every API
 * request and /metrics scrape with it. So the connection pings every second and is closed after
 * this long without a byte from Redis: its commands fail (503 TEMPORARILY_UNAVAILABLE, see
 * store-away.ts) and the client reconnects; commands sent meanwhile time out after as long.
 */
export const REDIS_STALL_MS = 3000;
const STALL_DETECTION = {
  pingInterval: 1000,
  socket: {
    socketTimeout: REDIS_STALL_MS,
    // node-redis's default strategy gives up for good after a socket timeout: reconnect always
    // (its own backoff: 50 ms doubling to 2 s, plus jitter), as after any other disconnect.
    reconnectStrategy: (retries: number) => Math.min(2 ** retries * 50, 2000) + Math.floor(Math.random() * 200),
  },
};
/**
 * For connections that legitimately hear nothing for longer: BullMQ's blocking reads (up to its
 * drain delay) and pub/sub subscribers (no PING in RESP2 subscribe mode). Not on a request's path.
 */
export const WITHOUT_STALL_DETECTION = { pingInterval: undefined, socket: { socketTimeout: undefined } };

export interface ComposeOverrides {
  clock?: Clock;
  notify?: NotifyOverrides;
  /**
   * The demo branch's weekly hours when it is first seeded, instead of around the clock: tests
   * about hours, booking and closed kiosks use a bank's week (`BANK_HOURS` of the db package).
   */
  demoOpeningHours?: OpeningHours;
  /** What one socket may send (realtime/event-budget.ts): tests that send garbage faster than any screen raise it. */
  eventBudget?: EventBudgetLimits;
}

/**
 * The composition root: the only place that constructs adapters (Redis, PostgreSQL/PGlite,
 * BullMQ, Socket.IO). Roles decide what starts; a worker-only process never loads Koa or
 * Socket.IO (they are imported lazily below).
 */
export async function compose(config: Config, logger: Logger, overrides: ComposeOverrides = {}): Promise<System> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    return await composeSystem(config, logger, overrides, cleanups);
  } catch (err) {
    // A start that fails half-way (no Redis, the database refusing) releases what it took: the
    // local redis-server would otherwise outlive us and the PGlite lock stay in the data folder.
    await runStopSteps(cleanups, logger);
    throw err;
  }
}

async function composeSystem(config: Config, logger: Logger, overrides: ComposeOverrides, cleanups: (() => Promise<void>)[]): Promise<System> {
  const clock: Clock = overrides.clock ?? { now: () => Date.now() };
  const roles = new Set(config.roles);
  // First of all: a second Tellerline on the same PGlite folder must not start anything.
  const folderLock = holdEmbeddedDatabase(config);
  cleanups.push(mustFinishStep(async () => folderLock.release()));

  let localRedis: LocalRedis | null = null;
  if (!config.redisUrl) {
    localRedis = await startLocalRedis(config.dataDir, config.localRedisPort);
    cleanups.push(mustFinishStep(() => localRedis!.stop()));
  }
  const redisUrl = config.redisUrl ?? localRedis!.url;
  // The database first: PGlite's first migrations keep the event loop busy for seconds, and a
  // Redis connection open meanwhile would count as stalled (REDIS_STALL_MS) and reconnect.
  const db = await openDatabase(config, pgliteFolder(config));
  cleanups.unshift(mustFinishStep(() => db.close()));
  const demo = config.seedDemo ? await db.seedDemo(hashPassword, overrides.demoOpeningHours) : null;

  const redis = createClient({ url: redisUrl, ...STALL_DETECTION, commandOptions: { timeout: REDIS_STALL_MS } }) as RedisClientType;
  // Every Redis connection's errors go to one outage log: a line when lost, reminders, a line when back.
  const redisOutage = createRedisOutageLog(logger);
  redis.on('error', (err: Error) => redisOutage.error(err, 'main'));
  await redis.connect();
  // Before close() below: a stopping node must not reconnect.
  const stopStallWatch = watchRedisStall(redis, {
    stallMs: REDIS_STALL_MS,
    onStall: () => redisOutage.error(new Error(`no answer from Redis for ${REDIS_STALL_MS} ms (stalled); reconnecting`), 'main'),
    // Redis answered: an outage in the log is over (the client's 'ready' alone does not say so).
    onAnswer: () => redisOutage.back(),
  });
  cleanups.unshift(async () => void (await redis.close()));
  cleanups.unshift(async () => stopStallWatch());

  // Receipts of staff presses are kept as long as the contract promises a retry is answered.
  const store = await new RedisLiveStore(redis as unknown as LiveRedisClient, { prefix: config.redisPrefix, receiptTtlSec: COMMAND_ID_TTL_SEC }).init();
  cleanups.unshift(() => store.close());
  const metrics = createMetrics();
  // BullMQ gets its own connection: its blocking commands must not stall the live store.
  const bullPrefix = `${config.redisPrefix}bull`;
  const bull = (name: string) => {
    const c = bullConnection(redis.duplicate(WITHOUT_STALL_DETECTION) as RedisClientType, redisOutage, name);
    cleanups.unshift(c.close);
    return c.connection;
  };
  const queues = createJobQueues(bull('timers'), bullPrefix);
  queues.queue.on('error', queueErrorListener(logger, redisOutage, 'timer queue'));
  cleanups.unshift(() => queues.close());
  const timers = createBullTimers(queues, config.noShowAfterMin * 60_000, clock);
  // Audit entries of commands wait in Redis while PostgreSQL is away, and are written once it is back.
  const auditRetry = createAuditRetry({ audit: db.audit, pending: redisPendingAudits(redis, `${config.redisPrefix}audit-pending`), clock, logger });
  cleanups.unshift(async () => auditRetry.stop());
  // A branch out of service issues no ticket and lets nobody sign on, whichever way they ask.
  const inService = createBranchInService({ profile: (branchId) => db.directory.profile(branchId), clock });
  const commands = createBranchCommands({ store, eventLog: db.eventLog, timers, audit: auditRetry, metrics, clock, logger, admit: (branchId, cmd) => inService.check(branchId, cmd) });
  cleanups.unshift(async () => commands.catchUp.stop());
  const views = createViews({ store, directory: db.directory, tickets: db.tickets, ticketEvents: db.visits.ticketEvents, loggedEvents: db.eventHistory, arrivals: (ids) => db.booking.arrivals(ids), clock });
  const noShowRearm = { arm: createNoShowArming(queues), noShowAfterMs: config.noShowAfterMin * 60_000, now: () => clock.now(), logger };
  const liveBranches = createLiveBranches({ store, eventLog: db.eventLog, directory: db.directory, clock, logger, catchUp: commands.catchUp, rearmNoShows: (s) => rearmNoShows(s, noShowRearm) });

  const channels = await composeNotify(config, db.settings, logger, overrides.notify);
  cleanups.unshift(async () => channels.close());
  const noticeQueue = createNoticeQueue(bull('notice-queue'), bullPrefix);
  noticeQueue.queue.on('error', queueErrorListener(logger, redisOutage, 'notice queue'));
  cleanups.unshift(() => noticeQueue.close());
  const watchSignal = createWatchSignal(redis, config.redisPrefix);
  // A branch's public set-up changed: every realtime node drops its copies and tells its lobby screens.
  const lobbySignal = createLobbySignal(redis, config.redisPrefix);
  const lobbyChanged = (branchId: string) => void lobbySignal.publish(branchId).catch((err: unknown) => logger.warn({ err, branchId }, 'lobby change not signalled; screens follow at their next resync'));
  // A remote ticket's holder checked in at a kiosk: every realtime node tells that phone and the staff panels.
  const arrivalSignal = createArrivalSignal(redis, config.redisPrefix);
  const remoteArrived = (branchId: string, ticketId: string, at: number) =>
    void arrivalSignal.publish({ branchId, ticketId, at }).catch((err: unknown) => logger.warn({ err, branchId, ticketId }, 'arrival not signalled; screens show it at their next read'));
  const signups = createNoticeSignups({
    views,
    notices: db.notices,
    signal: watchSignal,
    channels: channels.available,
    vapidPublicKey: channels.vapidPublicKey,
    pushServiceHosts: config.notify.pushServiceHosts,
    clock,
  });
  const notices: System['parts']['notices'] = { channels, queue: noticeQueue, signups, notifier: null };

  // Booking and appointments. Reminders go out on the installation's e-mail and SMS channels.
  const manageUrl = (token: string) => `${config.publicUrl}/a/${token}`; // the web app's manage page
  const walkInHours = createWalkInHours({ bookingSetup: (branchId) => db.booking.bookingSetup(branchId), clock });
  // One way to put the stored configuration into the live queue, for booking rules, set-up and team.
  const reconfigure = createReconfigure({ directory: db.directory, commands, liveState: (branchId) => store.load(branchId) });
  // A consent a joined profile's own contact must confirm: the link opens the web app's /consent/
  // page; the notice queue's worker sends it (jobs/processors/consent-link.ts).
  const consentRequests = createConsentRequests({
    confirmations: db.consentConfirmations,
    customers: db.customerBook,
    keepsHistory: async (customerId) => (await db.historyConsents.findById(customerId))?.consents.history === true,
    keepAskedBy: async (appointmentId) => {
      const a = await db.booking.findById(appointmentId);
      return a ? a.historyAsked !== null : null;
    },
    branchName: async (branchId) => (await db.directory.profile(branchId))?.name ?? null,
    sender: createConsentConfirmationSender({ email: channels.email, sms: channels.sms }),
    confirmUrl: (token, lang) => `${config.publicUrl}/consent/${token}?lang=${lang}`,
    cooldown: createRedisCooldown(redis, `${config.redisPrefix}consent-link:`),
    profileLimiter: createRedisRateLimiter(redis, `${config.redisPrefix}rl:consent-profile:`, CONSENT_LINKS_PER_PROFILE, CONSENT_LINK_WINDOW_SEC),
    ipLimiter: createRedisRateLimiter(redis, `${config.redisPrefix}rl:consent-ip:`, CONSENT_LINKS_PER_IP, CONSENT_LINK_WINDOW_SEC),
    enqueue: (job) => noticeQueue.addConsentLink(job),
    clock,
    logger,
  });
  // Codes confirming a booking's phone number (texted) or e-mail address (mailed), where the
  // branch's booking settings ask; each channel with its own keys (`phone-check…` as before).
  const contactChecks = (channel: 'sms' | 'email', name: 'phone-check' | 'email-check', setting: 'verifyPhone' | 'verifyEmail') => {
    const sender = channel === 'sms' ? channels.sms : channels.email;
    return createContactChecks({
      channel,
      store: createRedisContactCheckStore(redis, `${config.redisPrefix}${name}:`),
      sender: sender ? createContactCodeSender(sender, channel) : null,
      // Read when a code is asked for or a booking checked, long after `booking` below exists.
      verifies: async (branchId) => (await booking.manage.branch(branchId)).settings[setting],
      cooldown: createRedisCooldown(redis, `${config.redisPrefix}${name}-resend:`),
      perAddressShort: createRedisRateLimiter(redis, `${config.redisPrefix}rl:${name}-10m:`, CONTACT_CHECKS_PER_ADDRESS_SHORT, CONTACT_CHECK_SHORT_WINDOW_SEC),
      perAddressDay: createRedisRateLimiter(redis, `${config.redisPrefix}rl:${name}-day:`, CONTACT_CHECKS_PER_ADDRESS_DAY, CONTACT_CHECK_DAY_WINDOW_SEC),
      perIp: createRedisRateLimiter(redis, `${config.redisPrefix}rl:${name}-ip:`, CONTACT_CHECKS_PER_IP, CONTACT_CHECK_IP_WINDOW_SEC),
      clock,
      logger,
    });
  };
  const phoneChecks = contactChecks('sms', 'phone-check', 'verifyPhone');
  const emailChecks = contactChecks('email', 'email-check', 'verifyEmail');
  const booking = createBooking({
    store: db.booking,
    customers: db.customerBook,
    tickets: db.tickets,
    commands,
    views,
    liveState: (branchId) => store.load(branchId),
    reconfigure,
    timers: createAppointmentTimers(queues),
    notifier: channels.email || channels.sms ? createChannelNotifier({ email: channels.email, sms: channels.sms, manageUrl }) : createLoggingNotifier(logger),
    sentNotices: db.sentNotices,
    ics: buildIcs,
    limiter: createRedisRateLimiter(redis, `${config.redisPrefix}rl:remote:`, REMOTE_JOINS_PER_IP, REMOTE_JOIN_WINDOW_SEC),
    bookingLimiter: createRedisRateLimiter(redis, `${config.redisPrefix}rl:book:`, BOOKINGS_PER_IP, BOOKING_WINDOW_SEC),
    contactSends: createRedisContactSends(redis, `${config.redisPrefix}rl:contact:`),
    guesses: createGuessGuard({ limiter: createRedisGuessLimiter(redis, `${config.redisPrefix}rl:kiosk-guess:`), audit: auditRetry }),
    requests: createRedisRequestLedger(redis, `${config.redisPrefix}booking-request:`, bookingAnswer),
    walkInHours,
    lobbyChanged,
    remoteArrived,
    consentRequests,
    phoneChecks,
    emailChecks,
    clock,
    logger,
  });

  // Branches, services, counters and hours as admins and managers set them up: a change reaches
  // the live queue at once, and a new branch (or a new time zone) gets its midnight close.
  const setup = createBranchSetup({
    store: db.setupStore,
    now: () => clock.now(),
    liveState: (branchId) => store.load(branchId),
    reconfigure,
    staffNames: (branchId) => db.directory.staffNames(branchId),
    branchChanged: async (branch) => {
      views.forget(branch.id);
      walkInHours.forget(branch.id);
      inService.forget(branch.id);
      // A new name, hours or time zone: every node's kiosks and lobby screens follow at once.
      lobbyChanged(branch.id);
      // Out of service: no midnight close (nor any other new work); back in service: scheduled again.
      await (branch.active ? queues.scheduleDailyClose(branch.id, branch.timezone) : queues.unscheduleDailyClose(branch.id));
    },
    // Which and when only: nothing of the customers reaches the set-up.
    bookings: {
      booked: async (branchId, serviceId) => (await booking.manage.bookedForService(branchId, serviceId)).map(({ id, startsAt }) => ({ id, startsAt })),
      cancelAll: async (branchId, serviceId) => (await booking.manage.cancelForService(branchId, serviceId)).map(({ id, startsAt }) => ({ id, startsAt })),
      deactivate: async (branchId, serviceId, evenIfBooked) => {
        const booked = await booking.manage.deactivateService(branchId, serviceId, evenIfBooked);
        return booked && booked.map(({ id, startsAt }) => ({ id, startsAt }));
      },
    },
    logger,
  });

  // Staff sessions: the web roles sign people in; the scheduler signs off counters whose people
  // have no session left.
  const sessions = new SessionStore(redis, config.redisPrefix, config.sessionIdleMin * 60, config.sessionAbsoluteHours * 3_600_000);
  const signOffGrace = createSignOffGrace({ graceMs: config.sessionIdleMin * 60_000, now: () => clock.now(), logger });
  const unattended: UnattendedCounterDeps = {
    grace: signOffGrace,
    // Nobody signs on at a branch out of service: nothing to sweep there.
    branchIds: async () => (await db.directory.list()).filter((b) => b.active).map((b) => b.id),
    liveState: (branchId) => store.load(branchId),
    hasLiveSession: (staffId, now) => sessions.hasLive(staffId, now),
    signOff: async (branchId, staffId) => void (await commands.run(branchId, { type: 'sign-off', staffId }, SESSION_ENDED)),
    now: () => clock.now(),
    logger,
  };

  let listeningUrl = config.publicUrl;
  const stops: (() => Promise<void>)[] = [];

  /**
   * Every branch's live state from PostgreSQL, and what lives beside it in Redis (job schedulers,
   * timers, today's calendar): at start-up, and again whenever Redis turns out to have lost its
   * data (`liveEpoch`). Each step is idempotent.
   */
  async function prepareBranches(): Promise<void> {
    await liveBranches.ensureAll();
    if (!roles.has('scheduler')) return;
    // A branch out of service gets no new work: no midnight close, calendar or timers (its
    // bookings were cancelled, nobody signs on and no ticket is issued there).
    await eachLimited((await db.directory.list()).filter((b) => b.active), START_CONCURRENCY, async (b) => {
      await queues.scheduleDailyClose(b.id, b.timezone);
      // Catch up a midnight missed while we were down, before anyone can take a ticket (a queued
      // job could cancel a ticket issued in the meantime); a no-op when today is already open.
      await processDailyClose({ branchId: b.id }, clock.now(), { directory: db.directory, commands });
      // Today's booked appointments into the live calendar (booked before it existed, or a lost
      // command). Not worth failing the start for: the midnight job syncs again.
      await booking.calendar.sync(b.id).catch((err: unknown) => logger.error({ err, branchId: b.id }, 'booking calendar sync failed'));
      // Reminders and no-show timers of booked appointments (BullMQ jobs: lost with Redis's data).
      await booking.rearmTimers(b.id).catch((err: unknown) => logger.error({ err, branchId: b.id }, 'appointment timers not re-armed'));
    });
  }

  /** Clients of this node to resync after a rebuild (the realtime fan-out, the notifier). */
  const resyncs: (() => void)[] = [];
  const liveEpoch = createLiveEpoch({
    marker: redisEpochMarker(redis, `${config.redisPrefix}live-epoch`),
    prepare: prepareBranches,
    resync: () => resyncs.forEach((r) => r()),
    // Staff sessions went with the live state: give staff the session's grace to sign in again.
    lost: () => signOffGrace.restart(),
    newId: () => randomUUID(),
    logger,
  });
  // node-redis reconnects by itself; a Redis it finds again may have restarted empty.
  redis.on('ready', () => liveEpoch.reconnected());

  /** start(), and on failure (the port taken, Redis gone) stop everything it and compose() started. */
  async function start(): Promise<string> {
    try {
      return await startRoles();
    } catch (err) {
      await stop();
      throw err;
    }
  }

  async function startRoles(): Promise<string> {
    await prepareBranches();
    await liveEpoch.start();
    // Entries a previous run (or another node) queued while the database was away.
    void auditRetry.drain();
    stops.push(() => liveEpoch.stop());
    // Staff presses committed whose node lost the reply or died, never retried: finished here.
    stops.push(
      watchPendingPresses(() => commands.finishPending(), {
        failed: (err) => (isStoreAway(err) || isRedisConnectionError(err) ? redisOutage.error(err, 'pending-press sweep') : logger.error({ err }, 'pending press sweep failed')),
      }),
    );
    stops.push(() => commands.settled());
    const branches = await db.directory.list();
    if (roles.has('scheduler')) {
      const stopWatching = watchUnattendedCounters(unattended, { graceMs: config.sessionIdleMin * 60_000 });
      stops.push(async () => stopWatching());
    }
    if (roles.has('worker')) {
      const { createJobWorker } = await import('./jobs/worker.js');
      const worker = createJobWorker(bull('timer-worker'), bullPrefix, { store, commands, directory: db.directory, clock, logger, metrics, booking, redisOutage });
      stops.push(() => worker.close());
      // Confirmations a change recorded as owed and nobody queued (the process died after the
      // commit, or Redis was away): at start-up, then every 30 s, where notices are processed.
      stops.push(booking.watchOwedNotices());
      const { startNoticeWork } = await import('./notifications/start-notices.js');
      const work = startNoticeWork({
        bullConnection: bull('notice-worker'),
        bullPrefix,
        store,
        notices: db.notices,
        sentNotices: db.sentNotices,
        queue: noticeQueue,
        signal: watchSignal,
        nearBaselines: createRedisNearBaselines(redis, config.redisPrefix),
        channels,
        publicUrl: config.publicUrl,
        clock,
        logger,
        metrics,
        surveys: db.surveys,
        directory: db.directory,
        surveyInviteAfterMs: config.surveyInviteAfterMin === null ? null : config.surveyInviteAfterMin * 60_000,
        consentRequests,
        redisOutage,
      });
      notices.notifier = work.notifier;
      resyncs.push(work.notifier.reset);
      stops.push(work.stop);
    }
    if (roles.has('api') || roles.has('realtime')) {
      const { startWeb } = await import('./web.js');
      const web = await startWeb({ config, logger, redis, store, db, audit: auditRetry, commands, views, metrics, clock, signups, booking, sessions, setup, walkInHours, inService, reconfigure, lobbySignal, arrivalSignal, signOffGrace, liveReady: () => liveEpoch.assertReady(), eventBudget: overrides.eventBudget });
      listeningUrl = web.url;
      resyncs.push(web.resync);
      stops.unshift(web.stop);
    }
    return banner({ config, url: listeningUrl, roles: [...roles], branches, demo, redisUrl, dbKind: db.kind, noAdmin: !(await db.hasActiveAdmin()) });
  }

  async function stop(): Promise<void> {
    await runStopSteps([...stops, ...cleanups], logger);
  }

  return {
    start,
    stop,
    url: () => listeningUrl,
    parts: { config, store, commands, views, liveBranches, db, redis, queues, metrics, demo, notices, booking, setup, sessions, leaveUnattendedCounters: () => leaveUnattendedCounters(unattended) },
  };
}



/** The live epoch marker in Redis (see `usecases/live-epoch.ts`). */
function redisEpochMarker(redis: RedisClientType, key: string): EpochMarker {
  return {
    read: () => redis.get(key),
    async claim(candidate) {
      await redis.set(key, candidate, { condition: 'NX' });
      return (await redis.get(key)) ?? candidate;
    },
  };
}

/** Audit entries waiting for PostgreSQL, oldest first, in one Redis list (see `usecases/audit-retry.ts`). */
function redisPendingAudits(redis: RedisClientType, key: string): PendingAudits {
  return {
    push: async (entry) => void (await redis.rPush(key, JSON.stringify(entry))),
    async take() {
      const raw = await redis.lPop(key);
      return raw === null ? null : (JSON.parse(raw) as PendingAuditEntry);
    },
    putBack: async (entry) => void (await redis.lPush(key, JSON.stringify(entry))),
  };
}
