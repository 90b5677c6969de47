/**
 * What an operator sees: each staff command sent over the socket leaves a log line (command,
 * branch, staff id, outcome or refusal code; never what was typed about a customer), and /metrics
 * says whether Redis and the database answer and how many branches' event logs are behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from './capturing-logger.js';
import type { HttpClient} from './support.js';
import { kioskTicket, openSocket, signedOnAt, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';

const { logger, lines } = capturingLogger();
let sys: TestSystem;
let alice: HttpClient;
let socket: ClientSocket;

beforeAll(async () => {
  sys = await startTestSystem({}, {}, logger);
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  alice = await signedOnAt(sys, 'alice', '1');
  socket = await openSocket(sys.url, { cookie: alice.cookie!, origin: 'http://allowed.test' });
});
afterAll(async () => {
  socket?.close();
  await sys?.close();
});

const command = (payload: unknown) => new Promise<{ data?: unknown; error?: { code: string } }>((r) => socket.emit('staff:command', payload as never, r as never));
const commandLines = () => lines.filter((l) => l.msg === 'staff socket command');

describe('operations signals', () => {
  it('logs every staff socket command with its outcome or refusal code, without what was typed', async () => {
    const me = (await alice.req('GET', '/api/v1/auth/me')).body.data as { userId: string; staffId: string };
    expect((await command({ type: 'call-next' })).error?.code).toBe('NO_TICKET_WAITING');
    await kioskTicket(sys, 'A');
    expect((await command({ type: 'call-next' })).data).toBeDefined();
    expect((await command({ type: 'pause', reason: 'Mrs Wang 138 0000 1111 felt unwell' })).error?.code).toBe('STAFF_BUSY');
    expect((await command({ type: 'no-such-command' })).error?.code).toBe('VALIDATION_FAILED');

    const logged = commandLines().map((l) => [l.command, l.outcome, l.code ?? null]);
    expect(logged).toEqual([
      ['call-next', 'refused', 'NO_TICKET_WAITING'],
      ['call-next', 'ok', null],
      ['pause', 'refused', 'STAFF_BUSY'],
      ['no-such-command', 'refused', 'VALIDATION_FAILED'],
    ]);
    for (const l of commandLines()) expect(l).toMatchObject({ level: 30, branchId: sys.branchId, userId: me.userId, staffId: me.staffId });
    expect(JSON.stringify(lines)).not.toContain('Mrs Wang');
  });

  it('/metrics reports Redis and the database up, and no event log behind', async () => {
    const body = await (await fetch(`${sys.url}/metrics`)).text();
    expect(body).toMatch(/^tellerline_redis_up 1$/m);
    expect(body).toMatch(/^tellerline_database_up 1$/m);
    expect(body).toMatch(/^tellerline_event_log_behind_branches 0$/m);
  });
});
