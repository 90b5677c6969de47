/**
 * The server under test, as `npm start` runs it (apps/server/src/main.ts), plus bench hooks
 * over IPC; nothing else differs from production:
 * - `{ type: 'heap', id }`: runs a full GC (the process is started with --expose-gc) and answers
 *   with process.memoryUsage();
 * - `{ type: 'profile', id, action: 'start' | 'stop', file }`: a V8 CPU profile of just the
 *   phase being measured (written to `file` on stop);
 * - `{ type: 'cpu', id }`: process.cpuUsage() (CPU time is far less disturbed by other load on
 *   the machine than latency is, so per-request CPU compares runs fairly);
 * - `{ type: 'snapshot', id, file }`: a heap snapshot (see bench/heap-diff.ts).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';

/**
 * Plain JavaScript, so the compiled server (apps/server/dist) runs without tsx loaded at all.
 * @typedef {{ type: 'heap', id: number } | { type: 'cpu', id: number } | { type: 'snapshot', id: number, file: string } | { type: 'profile', id: number, action: 'start' | 'stop', file?: string }} Request
 */

/** @type {Session | null} */
let session = null;

process.on('message', async (/** @type {Request} */ m) => {
  if (!process.send) return;
  if (m?.type === 'heap') {
    const gc = globalThis.gc;
    // Several passes: weak refs and finalizers let go only on a later collection.
    for (let i = 0; i < 4; i++) gc?.();
    process.send({ type: 'heap', id: m.id, gc: Boolean(gc), ...process.memoryUsage() });
  } else if (m?.type === 'cpu') {
    process.send({ type: 'cpu', id: m.id, ...process.cpuUsage() });
  } else if (m?.type === 'snapshot') {
    writeHeapSnapshot(m.file);
    process.send({ type: 'snapshot', id: m.id });
  } else if (m?.type === 'profile') {
    if (m.action === 'start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
    } else if (session) {
      const { profile } = await session.post('Profiler.stop');
      if (m.file) writeFileSync(m.file, JSON.stringify(profile));
      session.disconnect();
      session = null;
    }
    process.send({ type: 'profile', id: m.id });
  }
});

// BENCH_SERVER_MAIN runs another checkout's server (before/after comparisons in one run).
await import(process.env.BENCH_SERVER_MAIN ?? '../../apps/server/src/main.ts');
