/**
 * Runs the real server (apps/server/src/main.ts) in child processes, apart from the load driver,
 * on the machine's Redis and PostgreSQL, isolated by a random Redis prefix and schema; removes
 * both afterwards.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createClient } from 'redis';
import { sleep, wallMs } from './stats.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const ORIGIN = 'http://bench.test';

const ENTRY = fileURLToPath(new URL('./server-entry.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where one bench run keeps its data; shared by every node of the run. */
export interface Isolation {
  id: string;
  prefix: string;
  schema: string;
}

export function newIsolation(): Isolation {
  const id = randomBytes(4).toString('hex');
  return { id, prefix: `tl:bench-${id}:`, schema: `bench_${id}` };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface NodeOptions {
  roles?: string;
  seedDemo?: boolean;
  port?: number;
  /** Extra node flags for the server process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeFlags?: string[];
  env?: Record<string, string>;
  /**
   * Run the compiled server (apps/server/dist/main.js, built by `npm run build -w
   * @tellerline/server`), as `npm start` does, instead of the TypeScript sources under tsx.
   * Default: BENCH_COMPILED=1 in the environment.
   */
  compiled?: boolean;
}

/** One server process. `restart()` keeps its port, so connected clients come back to it. */
export class ServerNode {
  child: ChildProcess | null = null;
  readonly url: string;
  private heapId = 0; // ids of IPC requests
  private exited: Promise<void> = Promise.resolve();
  /** The tail of the process's output. */
  stderr = '';
  /** Milliseconds from the last spawn to /healthz answering. */
  readyMs = 0;

  private constructor(
    readonly name: string,
    readonly iso: Isolation,
    readonly port: number,
    private readonly opts: NodeOptions,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get compiled(): boolean {
    return this.opts.compiled ?? process.env.BENCH_COMPILED === '1';
  }

  static async start(name: string, iso: Isolation, opts: NodeOptions = {}): Promise<ServerNode> {
    const node = new ServerNode(name, iso, opts.port ?? (await freePort()), opts);
    await node.spawn();
    return node;
  }

  /** Spawns the process and resolves once /healthz answers; returns the ms from spawn to ready. */
  async spawn(opts: { seedDemo?: boolean } = {}): Promise<number> {
    const t0 = wallMs();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      PUBLIC_URL: this.url,
      ALLOWED_ORIGINS: ORIGIN,
      REDIS_URL,
      REDIS_PREFIX: this.iso.prefix,
      DATABASE_URL,
      DATABASE_SCHEMA: this.iso.schema,
      LOG_LEVEL: 'warn',
      SEED_DEMO: String(opts.seedDemo ?? this.opts.seedDemo ?? true),
      ROLES: this.opts.roles ?? 'api,realtime,worker,scheduler',
      DATA_DIR: `/tmp/tellerline-bench-${this.iso.id}`,
      // Production with DATABASE_URL refuses to start without it; every node of a run makes the same links.
      LINK_SECRET: `bench-link-secret-${this.iso.id}-not-for-real-use`,
      // The kiosk scenario issues hundreds a second per kiosk, far above the per-kiosk cap (30 a minute) that stops a stolen token.
      KIOSK_ISSUES_PER_MIN: '1000000',
      BENCH_SERVER_MAIN: `${process.env.BENCH_SERVER_ROOT ?? ROOT}/apps/server/${this.compiled ? 'dist/main.js' : 'src/main.ts'}`,
      ...this.opts.env,
    };
    const child = fork(ENTRY, [], {
      cwd: process.env.BENCH_SERVER_ROOT ?? ROOT,
      env,
      execArgv: [...(this.compiled ? [] : ['--import', 'tsx']), '--expose-gc', ...(this.opts.nodeFlags ?? [])],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.stderr = '';
    // The tail of its output (pino logs on stdout, crashes on stderr), for error messages.
    const keep = (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((r) => child.once('exit', () => r()));
    let gone = false;
    void this.exited.then(() => (gone = true));
    for (;;) {
      if (gone) throw new Error(`${this.name} exited during start-up:\n${this.stderr}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await sleep(20);
    }
    this.readyMs = wallMs() - t0;
    return this.readyMs;
  }

  /** Graceful stop (SIGTERM, as an orchestrator does); resolves when the process has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill(signal);
    await this.exited;
    this.child = null;
  }

  /** Server-side heap after a full GC (bench hook in server-entry.ts). */
  heap(): Promise<NodeJS.MemoryUsage> {
    return this.ask<NodeJS.MemoryUsage>({ type: 'heap' });
  }

  /** CPU time (user + system) the server has used so far, in ms (bench hook). */
  async cpuMs(): Promise<number> {
    const u = await this.ask<{ user: number; system: number }>({ type: 'cpu' });
    return (u.user + u.system) / 1000;
  }

  /** Writes a heap snapshot of the server to `file` (bench hook). */
  async snapshot(file: string): Promise<void> {
    await this.ask({ type: 'snapshot', file });
  }

  /** Starts, or stops and writes to `file`, a CPU profile inside the server (bench hook). */
  async profile(action: 'start' | 'stop', file?: string): Promise<void> {
    await this.ask({ type: 'profile', action, ...(file ? { file } : {}) });
  }

  private ask<T>(msg: { type: string } & Record<string, unknown>): Promise<T> {
    const child = this.child;
    if (!child) throw new Error(`${this.name} is not running`);
    const id = ++this.heapId;
    return new Promise((resolve) => {
      const onMessage = (m: { type: string; id: number }) => {
        if (m.type !== msg.type || m.id !== id) return;
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
      child.send({ ...msg, id });
    });
  }
}

/** Deletes the run's Redis keys (SCAN + DEL) and drops its schema. */
export async function cleanup(iso: Isolation): Promise<void> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${iso.prefix}*`, COUNT: 1000 })) if (keys.length) await redis.del(keys);
  await redis.close();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists "${iso.schema}" cascade`);
  await client.end();
}
