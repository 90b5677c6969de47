/**
 * Starts the real system (the same compose() as `npm start`) on a random port, against the
 * machine's Redis and PostgreSQL, isolated by a random key prefix and a random schema.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@tellerline/contracts';
import { hashPassword } from '../src/auth/passwords.js';
import { compose, type ComposeOverrides, type System } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger, type Logger } from '../src/logger.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestSystem {
  system: System;
  url: string;
  /** What start() printed (the start-up banner). */
  banner: string;
  /** The demo branch's id ('' with SEED_DEMO=false, as are the demo tokens). */
  branchId: string;
  kioskToken: string;
  signageToken: string;
  /** Service and counter ids of the demo branch by code/label. */
  service: (code: string) => string;
  counter: (label: string) => string;
  /**
   * Stops the server and starts a new one on the same port, Redis prefix and schema.
   * `beforeStart`: what the test changes in the new system before it starts (a slow adapter, say).
   */
  restart(beforeStart?: (system: System) => void): Promise<void>;
  /** Stops the system, drops the schema, deletes the Redis keys. */
  close(): Promise<void>;
}

/** `logger`: where the system logs (a test reading its log lines); else the config's level, silent by default. */
export async function startTestSystem(env: Record<string, string> = {}, overrides: ComposeOverrides = {}, logger?: Logger): Promise<TestSystem> {
  const id = randomBytes(5).toString('hex');
  const prefix = `tl:test:${id}:`;
  const schema = `t_${id}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    DATABASE_URL: PG_URL,
    DATABASE_SCHEMA: schema,
    LOG_LEVEL: 'silent',
    ALLOWED_ORIGINS: 'http://allowed.test',
    // Production with DATABASE_URL refuses to start without one; a restart keeps it, so links made before still open.
    LINK_SECRET: `test-link-secret-${id}-not-for-real-use`,
    ...env,
  });
  let system = await compose(config, logger ?? createLogger(config.logLevel), overrides);
  const banner = await system.start();
  const demo = system.parts.demo;
  const info = demo ? await system.parts.views.branchInfo(demo.branchId) : null;
  const handle: TestSystem = {
    system,
    url: system.url(),
    banner,
    branchId: demo?.branchId ?? '',
    kioskToken: demo?.kioskToken ?? '',
    signageToken: demo?.signageToken ?? '',
    service: (code) => info!.services.find((s) => s.code === code)!.id,
    counter: (label) => info!.counters.find((c) => c.label === label)!.id,
    async restart(beforeStart) {
      await system.stop();
      // Demo devices would get fresh tokens: keep the paired screens' tokens valid.
      system = await compose({ ...config, seedDemo: false }, createLogger(config.logLevel), overrides);
      beforeStart?.(system);
      await system.start();
      handle.system = system;
    },
    async close() {
      await system.stop();
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
      await redis.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
  return handle;
}

/** A system whose business day is open, with `username` signed in and on at `counter` over HTTP. */
export async function startSignedOn(env: Record<string, string>, username = 'alice', counter = '1'): Promise<{ sys: TestSystem; client: HttpClient }> {
  const sys = await startTestSystem(env);
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  return { sys, client: await signedOnAt(sys, username, counter) };
}

/** A demo login (password demo1234) signed in over HTTP and signed on at counter `label`. */
export async function signedOnAt(sys: TestSystem, username: string, label: string): Promise<HttpClient> {
  const client = new HttpClient(sys.url);
  await client.login(username);
  const on = await client.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'sign-on', counterId: sys.counter(label) });
  if (on.status !== 200) throw new Error(`sign-on ${username}: ${on.status} ${JSON.stringify(on.body)}`);
  return client;
}

/** A walk-in ticket from the demo kiosk for service `code`; resolves the issued ticket (201 only). */
export async function kioskTicket(sys: TestSystem, code: string, extra: Record<string, unknown> = {}): Promise<{ ticketId: string; token: string; number: string }> {
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(code), ...extra });
  if (r.status !== 201) throw new Error(`kiosk ticket ${code}: ${r.status} ${JSON.stringify(r.body)}`);
  return { ticketId: r.body.data.ticketId, token: r.body.data.token, number: r.body.data.view.number };
}

/**
 * A second, ordinary branch (no services yet) with its own manager signing in with `password`,
 * written straight into the system's schema (there is no API for branches). Returns its id.
 */
export async function addBranchWithManager(sys: TestSystem, branch: { code: string; zh: string; en: string }, manager: string, password = 'demo1234'): Promise<string> {
  const id = randomUUID();
  const sql = new pg.Client({ connectionString: PG_URL });
  await sql.connect();
  try {
    await sql.query(`SET search_path TO "${sys.system.parts.config.databaseSchema}"`);
    await sql.query(`INSERT INTO branches (id, code, name_zh, name_en, timezone, opening_hours, pilot, updated_at) VALUES ($1, $2, $3, $4, 'Asia/Shanghai', '{}', false, now())`, [id, branch.code, branch.zh, branch.en]);
    await sql.query(`INSERT INTO users (id, username, password_hash, role, display_name, branch_id, updated_at) VALUES ($1, $2, $3, 'manager', $4, $5, now())`, [randomUUID(), manager, await hashPassword(password), `${branch.en} Manager`, id]);
  } finally {
    await sql.end();
  }
  return id;
}

/** Polls `check` until it returns a value other than false/undefined/null, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | false | undefined | null>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== false && v !== undefined && v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** fetch with JSON and a cookie jar of one cookie, like a browser tab. */
export class HttpClient {
  cookie: string | undefined;
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.headers,
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  /**
   * PUT booking settings as the screens save them: based on the version just read (required: a
   * save that says nothing of what it is based on is refused). A body sent as written (a string)
   * gets the version put in front.
   */
  async saveBookingSettings(path: string, body: Record<string, unknown> | string, headers: Record<string, string> = {}) {
    const version = (await this.req('GET', path, undefined, headers)).body?.data?.version as number | undefined;
    const withVersion = typeof body === 'string' ? `{"version":${JSON.stringify(version ?? null)}${body.trim() === '{}' ? '' : ','}${body.trim().slice(1)}` : { version, ...body };
    return this.req('PUT', path, withVersion, headers);
  }

  async login(username: string, password = 'demo1234') {
    const r = await this.req('POST', '/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.data;
  }
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A Socket.IO client; resolves once connected (rejects with the server's error). */
export function openSocket(url: string, opts: { auth?: Record<string, unknown>; cookie?: string; origin?: string } = {}): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: opts.auth ?? {},
    extraHeaders: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.origin ? { origin: opts.origin } : {}) },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/**
 * A socket handshake from address `ip` (X-Forwarded-For) with these credentials: resolves with the
 * refusal's `data` ({code, details}), or 'connected' (and closes the socket).
 */
export function handshakeFrom(url: string, ip: string, auth: Record<string, unknown>): Promise<{ code: string; details?: Record<string, unknown> } | 'connected'> {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth, extraHeaders: { 'x-forwarded-for': ip } });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve((err as Error & { data: { code: string; details?: Record<string, unknown> } }).data);
    });
  });
}

/** Resolves with the first event `name` matching `pred`, or rejects after `ms`. */
export function nextEvent<T>(socket: ClientSocket, name: keyof ServerToClientEvents, pred: (v: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, handler as never);
      reject(new Error(`no ${String(name)} within ${ms} ms`));
    }, ms);
    const handler = (v: T) => {
      if (!pred(v)) return;
      clearTimeout(timer);
      socket.off(name, handler as never);
      resolve(v);
    };
    socket.on(name, handler as never);
  });
}
