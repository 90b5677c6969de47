/**
 * The bench's branches as the driver sees them over HTTP: staff signed on at counter 1, tickets
 * issued at the kiosk (their tokens are the phones' credentials), and staff call cycles
 * (call-next -> start -> complete) whose send time and seq are recorded for latency matching.
 */
import { call, ok, pool } from './http.js';
import type { SeededBranch } from './seed.js';
import { BENCH_PASSWORD } from './seed.js';
import { sleep, wallMs } from './stats.js';

export interface BranchRuntime extends SeededBranch {
  index: number;
  services: string[];
  counterId: string;
  cookie: string;
  busy: boolean;
  /** Unusable for the rest of the run (a cycle broke half-way, e.g. across a restart). */
  broken: boolean;
}

export interface IssuedTicket {
  branch: number;
  ticketId: string;
  token: string;
}

export interface CallRecord {
  branch: number;
  seq: number;
  ticketId: string;
  /** Wall ms just before the call-next request was sent. */
  t0: number;
  /** Wall ms when its answer came back. */
  t1: number;
}

type Info = { services: { id: string; code: string }[]; counters: { id: string; label: string }[] };
type Result = { seq: number; called: { ticketId: string } | null };

export async function prepareBranches(base: string, seeded: SeededBranch[]): Promise<BranchRuntime[]> {
  return pool(seeded, 16, async (b, index) => {
    const info = await ok<Info>(call(base, 'GET', `/api/v1/branches/${b.branchId}`), 'branch info');
    const login = await call(base, 'POST', '/api/v1/auth/login', { username: b.staffUsername, password: BENCH_PASSWORD });
    if (login.status !== 200 || !login.cookie) throw new Error(`login ${b.staffUsername}: ${login.status} ${JSON.stringify(login.body)}`);
    const counterId = info.counters.find((c) => c.label === '1')!.id;
    const rt: BranchRuntime = { ...b, index, services: info.services.map((s) => s.id), counterId, cookie: login.cookie, busy: false, broken: false };
    await ok(command(base, rt, { type: 'sign-on', counterId }), 'sign-on');
    return rt;
  });
}

export function command(base: string, b: BranchRuntime, cmd: Record<string, unknown>) {
  return call<{ data: Result }>(base, 'POST', `/api/v1/branches/${b.branchId}/commands`, cmd, { cookie: b.cookie });
}

export function issue(base: string, b: BranchRuntime, serviceId: string) {
  return call<{ data: { token: string; ticketId: string } }>(base, 'POST', `/api/v1/branches/${b.branchId}/tickets`, { serviceId, lang: 'zh' }, {
    authorization: `Bearer ${b.kioskToken}`,
  });
}

/** Issues `perBranch` tickets in every branch, branches interleaved, services in turn. */
export async function issueTickets(base: string, branches: BranchRuntime[], perBranch: number): Promise<IssuedTicket[][]> {
  const jobs: { b: BranchRuntime; k: number }[] = [];
  for (let k = 0; k < perBranch; k++) for (const b of branches) jobs.push({ b, k });
  const out: IssuedTicket[][] = branches.map(() => []);
  await pool(jobs, 32, async ({ b, k }) => {
    const t = await ok(issue(base, b, b.services[k % b.services.length]!), 'issue');
    out[b.index]!.push({ branch: b.index, ticketId: t.ticketId, token: t.token });
  });
  return out;
}

export class Caller {
  readonly calls: CallRecord[] = [];
  /** ticketId -> seq of the event that finished it. */
  readonly finished = new Map<string, number>();
  errors = 0;
  private next = 0;

  constructor(
    private readonly branches: BranchRuntime[],
    /** Which node a branch's staff talk to. */
    private readonly baseFor: (b: BranchRuntime) => string,
    /** Keep retrying a request that failed on the network (a node restarting) until this wall time. */
    private readonly retryUntil: () => number = () => 0,
  ) {}

  private async send(b: BranchRuntime, cmd: Record<string, unknown>) {
    for (;;) {
      try {
        return await command(this.baseFor(b), b, cmd);
      } catch (err) {
        if (wallMs() > this.retryUntil()) throw err;
        await sleep(100);
      }
    }
  }

  /** One staff cycle: call-next (timed), start, complete. */
  async cycle(b: BranchRuntime): Promise<void> {
    b.busy = true;
    try {
      const t0 = wallMs();
      const r = await this.send(b, { type: 'call-next' });
      if (r.status !== 200 || !r.body.data.called) {
        this.errors++;
        return;
      }
      const { seq, called } = r.body.data;
      this.calls.push({ branch: b.index, seq, ticketId: called.ticketId, t0, t1: wallMs() });
      const s = await this.send(b, { type: 'start', ticketId: called.ticketId });
      const c = s.status === 200 ? await this.send(b, { type: 'complete', ticketId: called.ticketId }) : s;
      if (c.status !== 200) {
        this.errors++;
        b.broken = true;
        return;
      }
      this.finished.set(called.ticketId, c.body.data.seq);
    } catch {
      this.errors++;
      b.broken = true;
    } finally {
      b.busy = false;
    }
  }

  /** Open-model: starts a cycle every 1000/rate ms on the next idle branch, for `seconds`. */
  async run(rate: number, seconds: number): Promise<void> {
    const inflight: Promise<void>[] = [];
    const start = wallMs();
    const total = Math.round(rate * seconds);
    for (let k = 0; k < total; k++) {
      const due = start + (k * 1000) / rate;
      const wait = due - wallMs();
      if (wait > 0) await sleep(wait);
      let b: BranchRuntime | undefined;
      for (let tries = 0; tries < this.branches.length; tries++) {
        const cand = this.branches[this.next++ % this.branches.length]!;
        if (!cand.busy && !cand.broken) {
          b = cand;
          break;
        }
      }
      if (b) inflight.push(this.cycle(b));
    }
    await Promise.all(inflight);
  }
}
