/**
 * `npx tsx bench/push.bench.ts`: how long from a call to the customer's phone being pushed.
 *
 * The real system pieces, in one process: compose() with Redis and PostgreSQL (the machine's, in
 * a throw-away key prefix and schema), the notifier tailing the branch stream, the BullMQ notice
 * worker, and web-push (VAPID, aes128gcm) over HTTPS to a local push service that decrypts every
 * message. BENCH_TICKETS tickets (default 500) are issued, each gets its own push subscription
 * (through the HTTP API, "tell me when 3 are ahead" + "when I am called"), then the staff who can
 * serve them call, start and complete them at BENCH_CALL_RATE calls/s (default 25; 0 = as fast as
 * they can).
 *
 * Measured per call: from the moment Redis acknowledged the commit of the ticket-called event
 * (the store's commit resolving) to the push request for that call arriving at the push service.
 * Also checked: every call produced exactly one call push. A raw Redis PING and a raw HTTPS POST
 * to the same push service, measured in the same run, give the floor to compare with.
 * Prints a table and writes bench/results/push.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { startTestPushService, type Delivery, type TestSubscription } from '@tellerline/notify/testing';
import type { BranchEvent } from '@tellerline/engine';
import { HttpClient, startTestSystem } from '../apps/server/test/support.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 500);
const CALL_RATE = Number(process.env.BENCH_CALL_RATE ?? 25);
const THRESHOLD = Number(process.env.BENCH_THRESHOLD ?? 3);

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50Ms: r(q(0.5)), p90Ms: r(q(0.9)), p99Ms: r(q(0.99)), maxMs: r(s.at(-1) ?? NaN), meanMs: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)) };
}

async function main() {
  const push = await startTestPushService();
  const sys = await startTestSystem(
    { PUSH_SERVICE_HOSTS: '127.0.0.1', VAPID_SUBJECT: 'mailto:bench@bank.example', NO_SHOW_AFTER_MIN: '120', SMS_PROVIDER: 'none' },
    { notify: { pushAgent: push.agent } },
  );
  const { store, commands, db, redis } = sys.system.parts;
  const branchId = sys.branchId;
  try {
    for (let i = 0; i < 200 && !(await store.load(branchId))?.openDay; i++) await sleep(50);

    // Commit times by seq, taken when Redis acknowledges the commit.
    const committedAt = new Map<number, number>();
    const commit = store.commit.bind(store);
    store.commit = async (b, expected, state, events) => {
      const r = await commit(b, expected, state, events);
      if (r.ok) {
        const t = now();
        for (const e of events) committedAt.set(e.seq, t);
      }
      return r;
    };

    // Stage marks on the same objects the notifier and the notice worker were given.
    const enqueuedAt = new Map<string, number>();
    const sendAt = new Map<string, number>();
    const { queue: noticeQueue, channels } = sys.system.parts.notices;
    const add = noticeQueue.add.bind(noticeQueue);
    noticeQueue.add = async (jobs) => {
      await add(jobs);
      const t = now();
      for (const j of jobs) if (j.data.notice === 'called' && !enqueuedAt.has(j.data.ticketId)) enqueuedAt.set(j.data.ticketId, t);
    };
    const send = channels.push.send.bind(channels.push);
    channels.push.send = (m) => {
      const ticketId = m.tag?.replace(/^tl-/, '');
      if (ticketId && m.title.startsWith('Counter ') && !sendAt.has(ticketId)) sendAt.set(ticketId, now());
      return send(m);
    };

    const config = (await db.directory.config(branchId))!;
    const serviceA = config.services.find((s) => s.code === 'A')!.id;
    const staff = config.staff.filter((s) => (s.skills[serviceA] ?? 0) > 0).map((s, i) => ({ id: s.id, counterId: config.counters[i]!.id }));
    for (const s of staff) await commands.run(branchId, { type: 'sign-on', staffId: s.id, counterId: s.counterId }, null);

    // Tickets, each followed by one phone with push on.
    const phone = new HttpClient(sys.url);
    const subOf = new Map<string, TestSubscription>();
    const ticketOfSub = new Map<string, string>();
    const issueStarted = now();
    for (let i = 0; i < TICKETS; i++) {
      const ticketId = `tb${i.toString(36)}${randomBytes(4).toString('hex')}`;
      const token = randomBytes(18).toString('base64url');
      await commands.run(branchId, { type: 'issue', ticketId, token, serviceId: serviceA, kind: 'walk-in', priority: 'normal' }, null);
      const sub = push.subscribe();
      const r = await phone.req('POST', `/api/v1/tickets/${token}/push`, { subscription: sub.toJSON(), lang: 'en', aheadThreshold: THRESHOLD, onCalled: true });
      if (r.status !== 201) throw new Error(`subscribe: ${r.status} ${JSON.stringify(r.body)}`);
      subOf.set(ticketId, sub);
      ticketOfSub.set(sub.id, ticketId);
    }
    await sys.system.parts.notices.notifier!.resync();
    console.log(`issued and subscribed ${TICKETS} tickets in ${((now() - issueStarted) / 1000).toFixed(1)} s; ${staff.length} staff calling at ${CALL_RATE || 'max'} calls/s`);

    // Floors in the same run: a Redis round trip, and an HTTPS POST to the push service.
    const ping: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = now();
      await redis.ping();
      ping.push(now() - t);
    }
    const probe = push.subscribe();
    const https: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = now();
      await new Promise<void>((resolve, reject) => {
        const req = request(`${probe.endpoint}-none`, { method: 'POST', agent: push.agent }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', reject);
        req.end('x');
      });
      https.push(now() - t);
    }

    // Call pushes as they arrive: the first one per ticket is the one measured.
    const calledPush = new Map<string, Delivery[]>();
    push.onDelivery((d) => {
      const title = (d.json as { title?: string } | null)?.title ?? '';
      if (d.status !== 201 || !title.startsWith('Counter ')) return;
      const ticketId = ticketOfSub.get(d.subscriptionId);
      if (!ticketId) return;
      const list = calledPush.get(ticketId) ?? [];
      list.push(d);
      calledPush.set(ticketId, list);
    });

    const calls: { ticketId: string; seq: number }[] = [];
    const gapMs = CALL_RATE > 0 ? (1000 * staff.length) / CALL_RATE : 0;
    const started = now();
    await Promise.all(
      staff.map(async (s, k) => {
        await sleep((gapMs / staff.length) * k);
        for (;;) {
          const t0 = now();
          let events: BranchEvent[];
          try {
            ({ events } = await commands.run(branchId, { type: 'call-next', staffId: s.id }, null));
          } catch {
            return; // nobody left to call
          }
          const called = events.find((e) => e.type === 'ticket-called');
          if (!called || called.type !== 'ticket-called') return;
          calls.push({ ticketId: called.ticketId, seq: called.seq });
          await commands.run(branchId, { type: 'start', ticketId: called.ticketId, staffId: s.id }, null);
          await commands.run(branchId, { type: 'complete', ticketId: called.ticketId, staffId: s.id }, null);
          const wait = gapMs - (now() - t0);
          if (wait > 0) await sleep(wait);
        }
      }),
    );
    const callSeconds = (now() - started) / 1000;
    const deadline = now() + 30_000;
    while (calledPush.size < calls.length && now() < deadline) await sleep(50);
    await sleep(500); // late duplicates, if any, would show up here

    const latencies: number[] = [];
    const toEnqueued: number[] = [];
    const toSend: number[] = [];
    const toArrival: number[] = [];
    let missing = 0;
    let duplicates = 0;
    for (const c of calls) {
      const got = calledPush.get(c.ticketId) ?? [];
      if (got.length === 0) missing++;
      if (got.length > 1) duplicates += got.length - 1;
      const at = committedAt.get(c.seq);
      if (got[0] && at !== undefined) latencies.push(got[0].receivedAt - at);
      const q = enqueuedAt.get(c.ticketId);
      const w = sendAt.get(c.ticketId);
      if (at !== undefined && q !== undefined && w !== undefined && got[0]) {
        toEnqueued.push(q - at);
        toSend.push(w - q);
        toArrival.push(got[0].receivedAt - w);
      }
    }
    const nearPushes = push.deliveries.filter((d) => d.status === 201 && /^(Almost your turn|You are next)/.test((d.json as { title?: string } | null)?.title ?? '')).length;
    const undecryptable = push.deliveries.filter((d) => d.error !== null && !d.subscriptionId.startsWith(probe.id)).length;

    const result = {
      bench: 'push',
      command: 'npx tsx bench/push.bench.ts',
      at: new Date().toISOString(),
      settings: { tickets: TICKETS, callRatePerSec: CALL_RATE, staff: staff.length, aheadThreshold: THRESHOLD },
      eventToPushRequest: stats(latencies),
      stages: {
        commitToJobEnqueued: stats(toEnqueued),
        enqueuedToSendStart: stats(toSend),
        sendStartToPushRequest: stats(toArrival),
      },
      calls: calls.length,
      callsPerSec: Math.round((calls.length / callSeconds) * 10) / 10,
      callPushesMissing: missing,
      callPushesDuplicated: duplicates,
      nearPushes,
      undecryptable,
      floors: { redisPing: stats(ping), httpsPostToPushService: stats(https) },
    };
    console.table({
      'commit -> push request': result.eventToPushRequest,
      '  commit -> job enqueued (notifier)': result.stages.commitToJobEnqueued,
      '  enqueued -> send starts (BullMQ, targets)': result.stages.enqueuedToSendStart,
      '  send -> push request (web-push, HTTPS)': result.stages.sendStartToPushRequest,
      'Redis PING (floor)': result.floors.redisPing,
      'HTTPS POST to push service (floor)': result.floors.httpsPostToPushService,
    });
    console.log(
      `${calls.length} calls at ${result.callsPerSec}/s; call pushes missing ${missing}, duplicated ${duplicates}; "near" pushes ${nearPushes}; undecryptable ${undecryptable}`,
    );
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/push.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
    console.log('wrote bench/results/push.json');
  } finally {
    await sys.close();
    await push.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
