/**
 * Parent side of the socket workers: spreads sockets over W child processes (the driver is
 * single-threaded; one process cannot keep 10,000 sockets busy and also time them).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SocketSpec } from './protocol.js';

const WORKER = fileURLToPath(new URL('./socket-worker.ts', import.meta.url));

export interface WorkerStatus {
  held: number;
  connected: number;
  down: number;
  back: number;
  firstDown: number;
  lastUp: number;
  /** When each socket that dropped was connected again (wall ms). */
  ups: number[];
  syncErrors: number;
  connectErrors: number;
  /** Handshakes refused by the server, by error code. */
  refusals: Record<string, number>;
}

class Worker {
  private seq = 0;
  private waiting = new Map<number, (data: unknown) => void>();
  readonly ready: Promise<void>;

  constructor(readonly child: ChildProcess) {
    let onReady!: () => void;
    this.ready = new Promise((r) => (onReady = r));
    child.on('message', (m: { id: number; data: unknown }) => {
      if (m.id === 0) return onReady();
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      w?.(m.data);
    });
  }

  ask<T>(msg: Record<string, unknown>): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (d: unknown) => void);
      this.child.send({ ...msg, id });
    });
  }
}

export class SocketFleet {
  private constructor(private readonly workers: Worker[]) {}

  static async start(count: number): Promise<SocketFleet> {
    const workers = Array.from(
      { length: count },
      () => new Worker(fork(WORKER, [], { execArgv: ['--import', 'tsx', '--max-old-space-size=2048'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
    );
    await Promise.all(workers.map((w) => w.ready));
    return new SocketFleet(workers);
  }

  /** Connects `specs`, dealt round-robin to the workers; resolves when every one connected or was refused. */
  async connect(specs: SocketSpec[], concurrencyPerWorker = 64): Promise<{ ok: number; failed: number; ms: number }> {
    const parts = this.workers.map(() => [] as SocketSpec[]);
    specs.forEach((s) => parts[s.i % parts.length]!.push(s));
    const res = await Promise.all(
      this.workers.map((w, k) => w.ask<{ ok: number; failed: number; ms: number }>({ type: 'connect', specs: parts[k], concurrency: concurrencyPerWorker })),
    );
    return { ok: sum(res.map((r) => r.ok)), failed: sum(res.map((r) => r.failed)), ms: Math.max(...res.map((r) => r.ms)) };
  }

  async reset(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'reset' })));
  }

  /** Records since the last reset, flat [socket i, seq, wall ms, code, ...], from every worker. */
  async collect(): Promise<number[]> {
    const all = await Promise.all(this.workers.map((w) => w.ask<number[]>({ type: 'collect' })));
    return all.flat();
  }

  async status(): Promise<WorkerStatus> {
    const all = await Promise.all(this.workers.map((w) => w.ask<WorkerStatus>({ type: 'status' })));
    return {
      held: sum(all.map((s) => s.held)),
      connected: sum(all.map((s) => s.connected)),
      down: sum(all.map((s) => s.down)),
      back: sum(all.map((s) => s.back)),
      firstDown: Math.min(...all.map((s) => s.firstDown || Infinity)),
      lastUp: Math.max(...all.map((s) => s.lastUp)),
      ups: all.flatMap((s) => s.ups),
      syncErrors: sum(all.map((s) => s.syncErrors)),
      connectErrors: sum(all.map((s) => s.connectErrors)),
      refusals: all.reduce<Record<string, number>>((acc, s) => {
        for (const [code, n] of Object.entries(s.refusals)) acc[code] = (acc[code] ?? 0) + n;
        return acc;
      }, {}),
    };
  }

  async forgetDowns(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'forget-downs' })));
  }

  /** Closes the given sockets (all when omitted). */
  async close(which?: number[]): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'close', ...(which ? { which } : {}) })));
  }

  async stop(): Promise<void> {
    await this.close();
    for (const w of this.workers) w.child.kill();
  }
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
