import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { RedisClientType } from 'redis';
import type { LiveStateStore } from '@tellerline/live';
import { DeviceAuth, newDeviceToken } from './auth/device-auth.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { hashPassword, temporaryPassword, verifyPassword } from './auth/passwords.js';
import type { SessionStore } from './auth/sessions.js';
import type { DatabasePorts } from './compose-db.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import { answerClientError } from './http/client-error.js';
import { callerIp } from './http/client-ip.js';
import { DEVICE_TOKENS, TokenProbeLimiter } from './auth/token-probe-limiter.js';
import type { EventBudgetLimits } from './realtime/event-budget.js';
import { buildOpenApi } from './http/openapi.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { NoticeSignups } from './notifications/signups.js';
import { startFanout } from './realtime/fanout.js';
import { LiveIndex } from './realtime/live-index.js';
import { createRealtime } from './realtime/realtime-server.js';
import { emitLobbyChanged } from './realtime/lobby-changed.js';
import type { LobbySignal } from './realtime/lobby-signal.js';
import type { ArrivalSignal } from './realtime/arrival-signal.js';
import { disconnectDevice } from './realtime/device-watch.js';
import { createDevices } from './usecases/devices.js';
import { createSurvey } from './usecases/survey.js';
import { createServiceRecords } from './usecases/service-records.js';
import { createHistoryConsent } from './usecases/history-consent.js';
import { ASSISTANT_QUESTIONS_PER_IP, ASSISTANT_WINDOW_SEC, createAssistant } from './usecases/assistant/assistant.js';
import { createRedisRateLimiter } from './usecases/booking-rate-limit.js';
import { AddressLimiter } from './auth/address-limiter.js';
import { AccountLimiter } from './auth/account-limiter.js';
import { DEVICE_COOKIE_KEY_SETTING, DeviceCookies, newDeviceCookieKey } from './auth/device-cookie.js';
import { KIOSK_ISSUE_WINDOW_SEC } from './http/routes/ticket.routes.js';
import { createKpis } from './usecases/kpis.js';
import { createReadiness } from './usecases/branch-readiness.js';
import { createAuditReview } from './usecases/audit-review.js';
import type { AuditRetry } from './usecases/audit-retry.js';
import { createPasswordChange } from './usecases/password-change.js';
import type { Reconfigure } from './usecases/reconfigure.js';
import { createTeam } from './usecases/team.js';
import type { BranchCommands } from './usecases/branch-commands.js';
import { createRedisRequestLedger, tokenAnswer } from './usecases/request-ledger.js';
import type { Booking } from './usecases/booking.js';
import type { BranchSetup } from './usecases/branch-setup.js';
import type { Clock } from './usecases/ports.js';
import type { Views } from './usecases/views.js';
import type { WalkInHours } from './usecases/walk-in-hours.js';
import { listenFailure } from './start-failure.js';
import type { SignOffGrace } from './usecases/sign-off-grace.js';
import type { BranchInService } from './usecases/branch-in-service.js';

export interface WebDeps {
  config: Config;
  logger: Logger;
  redis: RedisClientType;
  store: LiveStateStore;
  db: DatabasePorts;
  commands: BranchCommands;
  views: Views;
  metrics: Metrics;
  clock: Clock;
  signups: NoticeSignups;
  booking: Booking;
  sessions: SessionStore;
  /** Audit appends that wait in Redis while PostgreSQL is away (`usecases/audit-retry.ts`): a staff action that went through is never left unaudited. */
  audit: AuditRetry;
  setup: BranchSetup;
  walkInHours: WalkInHours;
  /** Whether a branch is in service, as this node keeps it (`branch-in-service.ts`). */
  inService?: Pick<BranchInService, 'forget'>;
  reconfigure: Reconfigure;
  lobbySignal: LobbySignal;
  /** Remote tickets' kiosk arrivals from any node; none: shown at the screens' next read only. */
  arrivalSignal?: ArrivalSignal;
  /** After Redis lost the sessions: staff sockets without one leave their counters alone for a while. */
  signOffGrace: SignOffGrace;
  /** Throws while the branches' live state is missing or being rebuilt (Redis lost its data). */
  liveReady: () => Promise<void>;
  /** What one socket may send; the default (realtime/event-budget.ts) unless a test raises it. */
  eventBudget?: EventBudgetLimits;
}

const LISTEN_BACKLOG = 8192;

/** How long a scrape waits for the gauges read from Redis before answering without fresh ones. */
const SCRAPE_REFRESH_MS = 2000;
/** How long a scrape waits for Redis and the database to answer before reporting them down. */
const SCRAPE_CHECK_MS = 1000;

/** `fn`, rejected after `ms` if it has not settled by then (it runs on; its result is ignored). */
function withinDeadline(ms: number, fn: () => Promise<void>): () => Promise<void> {
  return () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
    });
    const work = fn();
    work.catch(() => undefined);
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  };
}

/** The api and realtime roles: one HTTP server carrying Koa routes and Socket.IO. */
export async function startWeb(deps: WebDeps): Promise<{ http: HttpServer; url: string; stop: () => Promise<void>; resync: () => void }> {
  const { config, logger, redis, db, sessions } = deps;
  const roles = new Set(config.roles);
  // Unknown device tokens have a per-address budget of their own (auth/device-auth.ts says why).
  const deviceAuth = new DeviceAuth(db.devices, undefined, new TokenProbeLimiter(redis, config.redisPrefix, logger, undefined, DEVICE_TOKENS));
  const now = () => deps.clock.now();
  // Set once the realtime role runs: an unpaired device's open connections here close at once.
  let io: ReturnType<typeof createRealtime> | null = null;
  const devices = createDevices({
    store: db.deviceStore,
    newToken: newDeviceToken,
    onTokenEnded: (deviceId) => {
      deviceAuth.forgetDevice(deviceId);
      if (io) disconnectDevice(io.of('/').sockets.values(), deviceId);
    },
  });

  // Staff accounts: stored first, then the branch's live roster and skills (see usecases/team.ts).
  const team = createTeam({
    store: db.team,
    sessions,
    activeServices: async (branchId) => {
      const config = await db.directory.config(branchId);
      return config && new Set(config.services.map((s) => s.id));
    },
    liveState: (branchId) => deps.store.load(branchId),
    reconfigure: async (branchId, actor) => void (await deps.reconfigure(branchId, actor)),
    signOff: async (branchId, staffId, actor) => void (await deps.commands.run(branchId, { type: 'sign-off', staffId }, actor)),
    hashPassword,
    temporaryPassword,
    logger,
  });

  const serviceRecords = createServiceRecords({
    records: db.serviceRecords,
    visits: db.visits,
    directory: db.directory,
    liveTicket: (branchId, ticketId) => deps.views.liveTicket(branchId, ticketId),
    now,
  });

  const assistant = createAssistant({
    directory: db.directory,
    bookingSetup: (branchId) => db.booking.bookingSetup(branchId),
    liveQueue: async (branchId) => {
      const state = await deps.store.load(branchId);
      return state ? deps.views.services(state) : null;
    },
    limiter: createRedisRateLimiter(redis, `${config.redisPrefix}rl:assistant:`, ASSISTANT_QUESTIONS_PER_IP, ASSISTANT_WINDOW_SEC),
    noShowAfterMin: config.noShowAfterMin,
    clock: deps.clock,
  });

  if (config.publicUrl.startsWith('https:')) {
    // Sessions use Secure cookies: a request that arrives here as http cannot sign in (HTTPS_REQUIRED).
    if (config.trustProxy) logger.info({ trustProxyHops: config.trustProxyHops }, 'PUBLIC_URL is https: sign-in expects X-Forwarded-Proto: https from the trusted proxy; the caller address is the X-Forwarded-For entry that many hops from the right');
    else logger.warn('PUBLIC_URL is https but TRUST_PROXY is off: sign-in works only over https to this server itself; behind a TLS proxy set TRUST_PROXY=true (and TRUST_PROXY_HOPS) and have it send X-Forwarded-Proto: https');
  }

  // One per node, shared by the HTTP token routes and the ticket sockets' handshakes: a script
  // cannot dodge the limit by switching between the two.
  const tokenProbes = new TokenProbeLimiter(redis, config.redisPrefix, logger);
  const app = createHttpApp({
    tokenProbes,
    logger,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    trustProxyHops: config.trustProxyHops,
    users: db.users,
    sessions,
    loginLimiter: new LoginLimiter(redis, config.redisPrefix, config.loginMaxAttempts, config.loginWindowSec),
    addressLimiter: new AddressLimiter(redis, config.redisPrefix),
    accountLimiter: new AccountLimiter(redis, config.redisPrefix),
    deviceCookies: new DeviceCookies(await db.settings.putIfAbsent(DEVICE_COOKIE_KEY_SETTING, newDeviceCookieKey())),
    deviceLimiter: new AccountLimiter(redis, `${config.redisPrefix}device:`),
    passwordLimiter: new LoginLimiter(redis, config.redisPrefix, config.loginMaxAttempts, config.loginWindowSec, 'password'),
    passwords: createPasswordChange({ users: db.passwords, sessions, hashPassword, verifyPassword }),
    team,
    audit: deps.audit,
    bodyLimitBytes: config.bodyLimitBytes,
    secureCookies: config.publicUrl.startsWith('https:'),
    https: config.publicUrl.startsWith('https:'),
    sessionAbsoluteMs: config.sessionAbsoluteHours * 3_600_000,
    deviceAuth,
    commands: deps.commands,
    views: deps.views,
    customers: db.customers,
    ticketRequests: createRedisRequestLedger(redis, `${config.redisPrefix}ticket-request:`, tokenAnswer),
    kioskIssueLimiter: createRedisRateLimiter(redis, `${config.redisPrefix}rl:kiosk-issue:`, config.kioskIssuesPerMin, KIOSK_ISSUE_WINDOW_SEC),
    walkInHours: deps.walkInHours,
    profiles: db.customers,
    signups: deps.signups,
    booking: deps.booking,
    devices,
    survey: createSurvey({ store: db.surveys, clock: deps.clock }),
    serviceRecords,
    assistant,
    kpis: createKpis({ store: db.kpis, directory: db.directory, now }),
    auditReview: createAuditReview({ reader: db.audit, directory: db.directory, users: db.users }),
    historyConsent: createHistoryConsent({ appointment: (token) => deps.booking.manage.byToken(token), customers: db.historyConsents, requests: deps.booking.consentRequests, asked: (id, asked) => db.booking.setHistoryAsked(id, asked) }),
    consentRequests: deps.booking.consentRequests,
    setup: deps.setup,
    readiness: createReadiness({
      setup: (branchId) => db.setupStore.setup(branchId),
      members: (branchId) => db.team.listBranch(branchId),
      devices: (branchId) => db.deviceStore.listByBranch(branchId),
      bookingSetup: (branchId) => db.booking.bookingSetup(branchId),
      branchIds: () => db.directory.list(),
      // What composeNotify builds from the same settings (compose-notify.ts); no SMS provider but the logging one exists yet.
      notices: { email: config.notify.smtpUrl ? 'smtp' : config.notify.logMail ? 'log' : 'none', sms: config.notify.smsProvider === 'log' ? 'log' : 'none' },
    }),
    now,
    checks: { redis: async () => void (await redis.ping()), database: () => db.ping(), live: deps.liveReady },
    registry: deps.metrics.registry,
    metricsAccess: config.metricsAccess,
    openapi: buildOpenApi(),
    staticApps: [
      { base: '', dir: fileURLToPath(new URL('../../web/build', import.meta.url)) },
      { base: '/signage', dir: fileURLToPath(new URL('../../../signage/build', import.meta.url)), frameAncestors: config.signageFrameAncestors },
    ],
    beforeScrape: async () => {
      const up = (check: () => Promise<unknown>) => withinDeadline(SCRAPE_CHECK_MS, async () => void (await check()))().then(() => 1, () => 0);
      const [redisUp, databaseUp] = await Promise.all([up(() => redis.ping()), up(() => db.ping())]);
      deps.metrics.redisUp.set(redisUp);
      deps.metrics.databaseUp.set(databaseUp);
      deps.metrics.eventLogBehind.set(deps.commands.catchUp.pending().length);
      if (redisUp) await refreshWaiting();
    },
  });
  /** The waiting-tickets gauge, read from the live state: within a deadline, so a stalled Redis does not hold the scrape. */
  const refreshWaiting = withinDeadline(SCRAPE_REFRESH_MS, async () => {
    // Read from the live state at scrape time: nothing keeps this gauge current in between.
    const waiting = new Map<string, { branch: string; service: string; n: number }>();
    for (const branchId of await deps.store.listBranches()) {
      const state = await deps.store.load(branchId);
      if (!state) continue;
      for (const s of Object.values(state.services)) waiting.set(`${branchId}/${s.id}`, { branch: branchId, service: s.code, n: 0 });
      for (const t of Object.values(state.tickets)) {
        const w = waiting.get(`${branchId}/${t.serviceId}`);
        if (w && t.status === 'waiting') w.n++;
      }
    }
    deps.metrics.queueWaiting.reset(); // drops branches and services that no longer exist
    for (const w of waiting.values()) deps.metrics.queueWaiting.set({ branch: w.branch, service: w.service }, w.n);
  });
  // With only the realtime role, Koa still answers health checks; routes are harmless but the
  // proxy sends API traffic elsewhere.
  const http = createServer(app.callback());
  // Requests the parser refuses (a 20 KB query string) get the JSON error shape too.
  http.on('clientError', answerClientError(logger));
  // Once stopping, every answer closes its connection: a client that keeps a keep-alive
  // connection busy (a staff panel, a proxy) would otherwise hold http.close() open indefinitely.
  let closing = false;
  http.on('request', (_req, res) => {
    if (closing) res.setHeader('connection', 'close');
  });
  let stopFanout: (() => Promise<void>) | null = null;
  let resync = (): void => undefined;
  let pushArrival = async (_branchId: string, _ticketId: string): Promise<void> => undefined;
  if (roles.has('realtime')) {
    // The fan-out keeps every branch's state current here; phones and screens (re)connecting are
    // authenticated and resynced from it, falling back to PostgreSQL for finished tickets.
    const live = new LiveIndex();
    io = createRealtime(http, {
      live,
      loadState: (branchId) => deps.store.load(branchId),
      allowedOrigins: config.allowedOrigins,
      deviceAuth,
      sessions,
      signOffGrace: deps.signOffGrace,
      tickets: { byToken: async (token) => live.record(token) ?? db.tickets.byToken(token), byId: (id) => db.tickets.byId(id) },
      now,
      logger,
      metrics: deps.metrics,
      views: deps.views,
      commands: deps.commands,
      callerIp: (address, forwardedFor) => callerIp(address, forwardedFor, config.trustProxy, config.trustProxyHops),
      tokenProbes,
      eventBudget: deps.eventBudget,
    });
    const fanout = startFanout({ io, live, store: deps.store, views: deps.views, logger, metrics: deps.metrics });
    stopFanout = fanout.stop;
    // Every screen and phone reconnects as soon as the port answers after a restart: with every
    // branch followed first, their handshakes and resyncs are answered from memory instead of
    // thousands of PostgreSQL lookups at once (which the per-address guard also refused). Redis
    // away: start anyway; the fan-out's loop follows the branches once it is back.
    const warmStart = Date.now();
    await fanout.discover().then(
      () => logger.info({ branches: live.size, ms: Date.now() - warmStart }, 'live states loaded before listening'),
      (err: unknown) => logger.warn({ err }, 'live states not loaded before listening; clients are answered from the database until they are'),
    );
    pushArrival = fanout.arrived;
    resync = () => {
      // A cached state may name tickets the rebuild no longer has: read them afresh.
      for (const branchId of [...live.entries()].map(([id]) => id)) deps.views.forget(branchId);
      fanout.reset();
    };
  }
  // The same for lobby screens and kiosks (device-auth.ts says why). PostgreSQL away: start anyway.
  await deviceAuth.warm().then(
    (devices) => logger.info({ devices }, 'paired devices trusted before listening'),
    (err: unknown) => logger.warn({ err }, 'paired devices not loaded before listening; their tokens are guarded until found valid'),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      // After a restart every screen and phone reconnects within a few seconds: a deep accept
      // queue (Node's default is 511; the kernel caps it at net.core.somaxconn) keeps that burst
      // from overflowing it, which would leave clients waiting out TCP's SYN retry (1 s, 3 s, 7 s, ...).
      http.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve());
    });
  } catch (err) {
    // Not listening (the port taken): stop what was set up for it, and say what to change.
    if (io) await new Promise<void>((r) => io!.close(() => r()));
    if (stopFanout) await stopFanout();
    throw listenFailure(err as NodeJS.ErrnoException, config.host, config.port);
  }
  const { port } = http.address() as AddressInfo;
  const url = config.port === 0 ? `http://127.0.0.1:${port}` : config.publicUrl;
  logger.info({ url, roles: config.roles }, 'listening');
  // Whichever node stored a branch's new name, hours or walk-in rules: drop this node's copies
  // (its kiosk routes read them too), then tell its kiosks and lobby screens.
  const lobbyIo = io;
  const stopLobbySignal = await deps.lobbySignal.subscribe((branchId) => {
    deps.views.forget(branchId);
    deps.walkInHours.forget(branchId);
    // Taken out of service or put back through another node: this node's kiosks and staff follow at once.
    deps.inService?.forget(branchId);
    if (lobbyIo) void emitLobbyChanged(lobbyIo, deps.views, branchId).catch((err: unknown) => logger.warn({ err, branchId }, 'lobby change not pushed'));
  });
  // A kiosk check-in through whichever node: this node's views show it, and its phones and panels get it now.
  const stopArrivalSignal = deps.arrivalSignal
    ? await deps.arrivalSignal.subscribe(({ branchId, ticketId, at }) => {
        deps.views.noteArrival(ticketId, at);
        void pushArrival(branchId, ticketId).catch((err: unknown) => logger.warn({ err, branchId, ticketId }, 'arrival not pushed'));
      })
    : async () => undefined;

  return {
    http,
    url,
    resync: () => resync(),
    async stop() {
      // Stop taking new work first, then let in-flight requests finish.
      closing = true;
      http.closeIdleConnections();
      if (io) await new Promise<void>((r) => io!.close(() => r()));
      if (stopFanout) await stopFanout();
      await stopLobbySignal();
      await stopArrivalSignal();
      if (http.listening) await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
