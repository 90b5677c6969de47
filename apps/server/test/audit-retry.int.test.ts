/**
 * A staff command committed while PostgreSQL is briefly away has happened; its audit entry used
 * to be dropped with a log line naming only the database error. The server here reaches
 * PostgreSQL through a TCP relay the test can cut: the command goes through while the database is
 * away, its entry waits in Redis, and it is written, with the time of the command, once the
 * database is back.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_URL, signedOnAt, startTestSystem, waitFor, type TestSystem } from './support.js';

/** A relay to the machine's PostgreSQL that drops every connection while `cut` is on. */
async function pgRelay(): Promise<{ port: number; cut(on: boolean): void; close(): Promise<void> }> {
  const target = new URL(PG_URL);
  const open = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    cut(on) {
      cut = on;
      if (on) for (const s of open) s.destroy();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let sys: TestSystem | undefined;
let relay: Awaited<ReturnType<typeof pgRelay>> | undefined;

afterAll(async () => {
  relay?.cut(false);
  await sys?.close();
  await relay?.close();
});

describe('audit entries while the database is briefly away', () => {
  it('queues the entry of a command and writes it, with its own time, once the database is back', async () => {
    relay = await pgRelay();
    const url = new URL(PG_URL);
    url.host = `127.0.0.1:${relay.port}`;
    sys = await startTestSystem({ DATABASE_URL: url.toString(), LOG_LEVEL: 'error' });
    const s = sys;
    await waitFor('the business day to open', async () => Boolean((await s.system.parts.store.load(s.branchId))?.openDay));
    const alice = await signedOnAt(s, 'alice', '1');
    const audited = async () => (await s.system.parts.db.audit.list(s.branchId, 50)).filter((e) => e.action === 'pause');

    relay.cut(true);
    const before = Date.now();
    // The queue runs on Redis: the command succeeds with the database away.
    const paused = await alice.req('POST', `/api/v1/branches/${s.branchId}/commands`, { type: 'pause', reason: 'break' });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    const after = Date.now();
    await new Promise((r) => setTimeout(r, 1500));

    relay.cut(false);
    const entries = await waitFor('the queued audit entry to be written', async () => ((await audited().catch(() => [])).length > 0 ? audited() : null), 20_000);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry!.username).toBe('alice');
    // Recorded at the time of the command, not when the database came back.
    const at = entry!.at;
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(after + 1000);
  }, 60_000);

  it('queues the entry of an HTTP route that went through (sign-out) and writes it once the database is back', async () => {
    const s = sys!;
    const bob = await signedOnAt(s, 'bob', '2');
    const logouts = async () => (await s.system.parts.db.audit.list(s.branchId, 50)).filter((e) => e.action === 'logout');
    const earlier = (await logouts()).length;

    relay!.cut(true);
    // Sessions live in Redis: signing out works with the database away, and is not left unaudited.
    const out = await bob.req('POST', '/api/v1/auth/logout', {});
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));

    relay!.cut(false);
    const entries = await waitFor('the sign-out entry to be written', async () => ((await logouts().catch(() => [])).length > earlier ? logouts() : null), 20_000);
    expect(entries).toHaveLength(earlier + 1);
    expect(entries[0]!.username).toBe('bob');
  }, 60_000);
});
