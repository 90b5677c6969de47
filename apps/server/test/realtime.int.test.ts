/**
 * Realtime behaviour users rely on, end to end over real sockets: the lobby screen announces
 * calls (and only public data), resumes after a drop without missing a call, a customer's phone
 * follows its own ticket, staff panels see each other's buttons at once and can press them over
 * the socket, and a screen on one server node hears a call made on another.
 *
 * One system serves the whole file; the tests run in order and share the demo branch's queue
 * (each leaves every staff member free). Roles are api+realtime so no job (start-up day close,
 * no-show timer) can change the queue underneath the assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicCall, type CallPhaseChange, type CommandResult, type ServerToClientEvents, type SignageSnapshot, type StaffQueueSnapshot, type TicketView } from '@tellerline/contracts';
import { HttpClient, nextEvent, openSocket, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';
import { startSecondNode, type SecondNode } from './two-nodes.js';

const ORIGIN = 'http://allowed.test';
const PHONE = '+86 138 0013 8000';
const EMAIL = 'li.wei.private@example.com';
const STAFF_NAMES = ['alice', 'bob', 'chen', 'dana', 'mei manager'];

let sys: TestSystem;
let nodeB: SecondNode | undefined;
const sockets: ClientSocket[] = [];
let kiosk: HttpClient;
let alice: HttpClient;
let bob: HttpClient;
let aliceMe: { userId: string; staffId: string };
let bobMe: { userId: string; staffId: string };

type EventName = keyof ServerToClientEvents;

/** Records every event a socket receives, so a test can await one that may already have come. */
class Recorder {
  readonly events: { name: string; payload: unknown }[] = [];
  private waiters: { name: string; pred: (v: never) => boolean; resolve: (v: unknown) => void; timer?: NodeJS.Timeout }[] = [];

  constructor(socket: ClientSocket) {
    socket.onAny((name: string, payload: unknown) => {
      this.events.push({ name, payload });
      this.waiters = this.waiters.filter((w) => {
        if (w.name !== name || !w.pred(payload as never)) return true;
        clearTimeout(w.timer);
        w.resolve(payload);
        return false;
      });
    });
  }

  of<T>(name: EventName): T[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as T);
  }

  waitFor<T>(name: EventName, pred: (v: T) => boolean = () => true, ms = 5000): Promise<T> {
    const seen = this.of<T>(name).find(pred);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<T>((resolve, reject) => {
      const w: (typeof this.waiters)[number] = { name, pred: pred as (v: never) => boolean, resolve: resolve as (v: unknown) => void };
      this.waiters.push(w);
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`no ${name} within ${ms} ms`));
      }, ms);
    });
  }
}

async function open(url: string, opts: Parameters<typeof openSocket>[1]): Promise<ClientSocket> {
  const s = await openSocket(url, opts);
  sockets.push(s);
  return s;
}

async function issue(service: string, extra: Record<string, unknown> = {}) {
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(service), ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data as { token: string; ticketId: string; view: TicketView };
}

async function command(client: HttpClient, body: Record<string, unknown>): Promise<CommandResult> {
  const r = await client.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data as CommandResult;
}

/** The customer reached the desk and was served: frees the staff member. */
async function serve(client: HttpClient, ticketId: string) {
  await command(client, { type: 'start', ticketId });
  await command(client, { type: 'complete', ticketId });
}

/** Emits with an ack and returns the ack's data, failing on an error ack. */
async function ackData<T>(socket: ClientSocket, event: 'signage:sync' | 'staff:sync' | 'ticket:sync' | 'staff:command', payload: unknown): Promise<T> {
  const res = (await (socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload)) as
    | { data: T }
    | { error: { code: string; message: string } };
  if ('error' in res) throw new Error(`${event} refused: ${res.error.code} ${res.error.message}`);
  return res.data;
}

beforeAll(async () => {
  sys = await startTestSystem({ ROLES: 'api,realtime' });
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  alice = new HttpClient(sys.url);
  bob = new HttpClient(sys.url);
  aliceMe = await alice.login('alice');
  bobMe = await bob.login('bob');
  await command(alice, { type: 'sign-on', counterId: sys.counter('1') });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await nodeB?.close();
  await sys?.close();
});

describe('lobby signage', () => {
  let signage: ClientSocket;
  let signageLog: Recorder;
  let firstCall: PublicCall;
  let firstNumber: string;

  it('announces a call with public fields only, plus the queue summary, and never personal data', async () => {
    signage = await open(sys.url, { auth: { deviceToken: sys.signageToken } });
    signageLog = new Recorder(signage);

    // A customer who left a phone number and e-mail at the kiosk: the lobby must never show them.
    const t = await issue('A', { lang: 'en', contact: { phone: PHONE, email: EMAIL, consent: true } });
    firstNumber = t.view.number;
    // Every event refreshes the lobby's counts; seeing the issue's proves the fan-out is tailing.
    await signageLog.waitFor<{ seq: number }>('queue:summary', (s) => s.seq >= t.view.seq);
    const called = await command(alice, { type: 'call-next' });
    expect(called.called).toMatchObject({ ticketId: t.ticketId, number: firstNumber });

    firstCall = await signageLog.waitFor<PublicCall>('signage:call', (c) => c.number === firstNumber);
    expect(Object.keys(firstCall).sort()).toEqual(['at', 'counterLabel', 'number', 'phase', 'recall', 'seq', 'serviceName']);
    expect(firstCall.phase).toBe('calling');
    expect(firstCall).toMatchObject({ number: firstNumber, counterLabel: '1', recall: false, seq: called.seq });
    expect(firstCall.serviceName).toEqual({ zh: expect.any(String), en: 'Personal cash' });
    expect(Object.keys(firstCall.serviceName).sort()).toEqual(['en', 'zh']);

    const summary = await signageLog.waitFor<{ seq: number; services: unknown[] }>('queue:summary', (s) => s.seq >= called.seq);
    expect(Object.keys(summary).sort()).toEqual(['seq', 'services']);
    expect(summary.services.length).toBe(4);
    for (const row of summary.services) {
      expect(Object.keys(row as object).sort()).toEqual(['code', 'longestWaitMin', 'name', 'noStaff', 'serviceId', 'targetMin', 'wait', 'waiting', 'walkIns']);
    }

    const snapshot = await ackData<SignageSnapshot>(signage, 'signage:sync', { afterSeq: 0 });
    expect(snapshot.calls[0]).toEqual(firstCall);

    // Whatever reached the lobby, nothing personal is in it.
    const everything = JSON.stringify({ events: signageLog.events, snapshot });
    const lower = everything.toLowerCase();
    for (const secret of [PHONE, PHONE.replace(/\D/g, ''), '138 0013 8000', EMAIL, t.token, t.ticketId, aliceMe.userId, aliceMe.staffId]) {
      expect(everything).not.toContain(secret);
    }
    for (const name of STAFF_NAMES) expect(lower).not.toContain(name);
    // The lobby socket gets lobby events, not staff or phone traffic.
    expect(new Set(signageLog.events.map((e) => e.name))).toEqual(new Set(['signage:call', 'queue:summary']));

    await serve(alice, t.ticketId);
  });

  it('resumes after a disconnect: signage:sync returns the missed call, newest first', async () => {
    signage.disconnect();
    expect(signage.connected).toBe(false);

    const missed = await issue('A');
    const called = await command(alice, { type: 'call-next' });
    expect(called.called?.number).toBe(missed.view.number);

    const again = await open(sys.url, { auth: { deviceToken: sys.signageToken } });
    const snapshot = await ackData<SignageSnapshot>(again, 'signage:sync', { afterSeq: firstCall.seq });
    expect(snapshot.seq).toBeGreaterThanOrEqual(called.seq);
    expect(snapshot.calls[0]).toMatchObject({ number: missed.view.number, counterLabel: '1', recall: false, seq: called.seq });
    expect(snapshot.calls[0]!.seq).toBeGreaterThan(firstCall.seq);
    // Served since: the snapshot says the first call no longer stands.
    expect(snapshot.calls[1]).toEqual({ ...firstCall, phase: 'over' });
    const seqs = snapshot.calls.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    for (const c of snapshot.calls) expect(PublicCall.strict().safeParse(c).success).toBe(true);

    await serve(alice, missed.ticketId);
  });

  it('tells the lobby when a call is answered or ends (cancelled on the phone, served, transferred), by number only', async () => {
    const screen = await open(sys.url, { auth: { deviceToken: sys.signageToken } });
    const log = new Recorder(screen);
    const phaseOf = (number: string, phase: CallPhaseChange['phase']) => log.waitFor<CallPhaseChange>('signage:call-phase', (c) => c.number === number && c.phase === phase);

    // Called, then the customer cancels on their phone.
    const gone = await issue('A');
    expect((await command(alice, { type: 'call-next' })).called?.ticketId).toBe(gone.ticketId);
    expect((await log.waitFor<PublicCall>('signage:call', (c) => c.number === gone.view.number)).phase).toBe('calling');
    const cancel = await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${gone.token}/cancel`, {});
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const ended = await phaseOf(gone.view.number, 'over');
    expect(ended).toEqual({ seq: cancel.body.data.seq, number: gone.view.number, phase: 'over' });

    // Called, answered at the counter, then done.
    const served = await issue('A');
    expect((await command(alice, { type: 'call-next' })).called?.ticketId).toBe(served.ticketId);
    await command(alice, { type: 'start', ticketId: served.ticketId });
    await phaseOf(served.view.number, 'serving');
    await command(alice, { type: 'complete', ticketId: served.ticketId });
    await phaseOf(served.view.number, 'over');

    // Called, then transferred to another service (renumbered): the call under the old number ended.
    const moved = await issue('A');
    expect((await command(alice, { type: 'call-next' })).called?.ticketId).toBe(moved.ticketId);
    await command(alice, { type: 'transfer', ticketId: moved.ticketId, toServiceId: sys.service('B') });
    await phaseOf(moved.view.number, 'over');

    const awaited = await issue('A');
    const call = await command(alice, { type: 'call-next' });
    expect(call.called?.ticketId).toBe(awaited.ticketId);
    const snapshot = await ackData<SignageSnapshot>(screen, 'signage:sync', { afterSeq: 0 });
    const phases = Object.fromEntries(snapshot.calls.map((c) => [c.number, c.phase]));
    expect(phases).toMatchObject({ [gone.view.number]: 'over', [served.view.number]: 'over', [moved.view.number]: 'over', [awaited.view.number]: 'calling' });

    for (const change of log.of<CallPhaseChange>('signage:call-phase')) expect(Object.keys(change).sort()).toEqual(['number', 'phase', 'seq']);
    await serve(alice, awaited.ticketId);
    // The transferred ticket waits in B: take it out so the next tests find the queue as they expect.
    await command(alice, { type: 'cancel', ticketId: moved.ticketId });
  });

  it('still lists a finished call whose ticket was issued before the retained stream history', async () => {
    const t = await issue('A');
    const called = await command(alice, { type: 'call-next' });
    expect(called.called?.ticketId).toBe(t.ticketId);
    await serve(alice, t.ticketId);
    // The live stream is bounded; drop everything before the call, including the issue event.
    const stream = `${sys.system.parts.config.redisPrefix}{b:${sys.branchId}}:events`;
    await sys.system.parts.redis.xTrim(stream, 'MINID', `${called.seq}-0`);
    expect((await sys.system.parts.store.readEvents(sys.branchId, 0))[0]?.seq).toBe(called.seq);

    const screen = await open(sys.url, { auth: { deviceToken: sys.signageToken } });
    const snapshot = await ackData<SignageSnapshot>(screen, 'signage:sync', { afterSeq: 0 });
    expect(snapshot.calls[0]).toMatchObject({ number: t.view.number, counterLabel: '1', seq: called.seq, recall: false });
  });
});

describe("a customer's phone", () => {
  it('follows its own ticket: called at counter 1, the next in line moves up, done when served', async () => {
    const first = await issue('A');
    const second = await issue('A');
    const phone1 = await open(sys.url, { auth: { ticketToken: first.token } });
    const phone2 = await open(sys.url, { auth: { ticketToken: second.token } });
    const log1 = new Recorder(phone1);
    const log2 = new Recorder(phone2);

    const view1 = await ackData<TicketView>(phone1, 'ticket:sync', { afterSeq: 0 });
    const view2 = await ackData<TicketView>(phone2, 'ticket:sync', { afterSeq: 0 });
    expect(view1).toMatchObject({ number: first.view.number, status: 'waiting', ahead: 0, counterLabel: null });
    expect(view2).toMatchObject({ number: second.view.number, status: 'waiting', ahead: 1 });

    const called = await command(alice, { type: 'call-next' });
    expect(called.called?.ticketId).toBe(first.ticketId);

    const update1 = await log1.waitFor<TicketView>('ticket:update', (v) => v.status === 'called');
    expect(update1).toMatchObject({ number: first.view.number, status: 'called', counterLabel: '1', seq: called.seq });
    const update2 = await log2.waitFor<TicketView>('ticket:update', (v) => v.seq >= called.seq);
    expect(update2).toMatchObject({ number: second.view.number, status: 'waiting', ahead: 0 });
    expect(update2.ahead).toBeLessThan(view2.ahead);

    const synced = await ackData<TicketView>(phone1, 'ticket:sync', { afterSeq: update1.seq });
    expect(synced).toMatchObject({ status: 'called', counterLabel: '1', number: first.view.number });
    expect(synced.calledAt).toEqual(expect.any(Number));

    await serve(alice, first.ticketId);
    const done = await log1.waitFor<TicketView>('ticket:update', (v) => v.status === 'done');
    expect(done).toMatchObject({ number: first.view.number, ahead: 0, wait: null });

    // Each phone hears about its own ticket only.
    expect(log1.of<TicketView>('ticket:update').every((v) => v.number === first.view.number)).toBe(true);
    expect(log2.of<TicketView>('ticket:update').every((v) => v.number === second.view.number)).toBe(true);
    expect(new Set([...log1.events, ...log2.events].map((e) => e.name))).toEqual(new Set(['ticket:update']));

    // Leave the queue empty for the next test.
    await command(alice, { type: 'cancel', ticketId: second.ticketId });
  });
});

describe('two staff panels', () => {
  it("bob's panel shows alice's call at once, and bob can call next over the socket", async () => {
    await command(bob, { type: 'sign-on', counterId: sys.counter('2') });
    const aliceSocket = await open(sys.url, { cookie: alice.cookie!, origin: ORIGIN });
    const bobSocket = await open(sys.url, { cookie: bob.cookie!, origin: ORIGIN });

    const forAlice = await issue('A');
    const seenByBob = nextEvent<StaffQueueSnapshot>(bobSocket, 'staff:changed', (s) =>
      s.tickets.some((t) => t.id === forAlice.ticketId && t.status === 'called' && t.staffId === aliceMe.staffId),
    );
    const aliceCall = await command(alice, { type: 'call-next' });
    expect(aliceCall.called?.ticketId).toBe(forAlice.ticketId);
    const bobView = await seenByBob;
    expect(bobView.seq).toBeGreaterThanOrEqual(aliceCall.seq);
    expect(bobView.tickets.find((t) => t.id === forAlice.ticketId)).toMatchObject({ counterId: sys.counter('1'), number: forAlice.view.number });
    expect(bobView.staff.find((s) => s.id === aliceMe.staffId)).toMatchObject({ ticketId: forAlice.ticketId, counterId: sys.counter('1') });

    // Bob presses "call next" on his panel: the command goes over the socket, the ack says whom.
    const forBob = await issue('B');
    const seenByAlice = nextEvent<StaffQueueSnapshot>(aliceSocket, 'staff:changed', (s) =>
      s.tickets.some((t) => t.id === forBob.ticketId && t.status === 'called' && t.staffId === bobMe.staffId),
    );
    const result = await ackData<CommandResult>(bobSocket, 'staff:command', { type: 'call-next' });
    expect(result.called).toMatchObject({ ticketId: forBob.ticketId, number: forBob.view.number, counterId: sys.counter('2') });
    expect(result.called!.reason.text).toEqual(expect.any(String));
    expect(result.events).toEqual([{ seq: result.seq, type: 'ticket-called' }]);
    await seenByAlice;

    const bobSync = await ackData<StaffQueueSnapshot>(bobSocket, 'staff:sync', { afterSeq: 0 });
    expect(bobSync.seq).toBeGreaterThanOrEqual(result.seq);
    expect(bobSync.staff.find((s) => s.id === bobMe.staffId)).toMatchObject({ ticketId: forBob.ticketId, counterId: sys.counter('2') });

    // Finishing over the socket works too.
    await ackData(bobSocket, 'staff:command', { type: 'start', ticketId: forBob.ticketId });
    const completed = await ackData<CommandResult>(bobSocket, 'staff:command', { type: 'complete', ticketId: forBob.ticketId });
    expect(completed.events.map((e) => e.type)).toEqual(['ticket-completed']);
    await serve(alice, forAlice.ticketId);
  });
});

describe('staff sockets follow their session', () => {
  type Reply = { data?: unknown; error?: { code: string; message: string } };
  const ackRaw = (socket: ClientSocket, event: 'staff:sync' | 'staff:command', payload: unknown): Promise<Reply> =>
    (socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Reply> }).emitWithAck(event, payload);
  const disconnected = (socket: ClientSocket, ms = 5000) =>
    new Promise<string>((resolve, reject) => {
      if (!socket.connected) return resolve('already');
      const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  const redis = () => sys.system.parts.redis;
  const keyOf = async (client: HttpClient) => {
    const sid = client.cookie!.slice(client.cookie!.indexOf('=') + 1);
    const { createHash } = await import('node:crypto');
    return `${sys.system.parts.config.redisPrefix}sess:${createHash('sha256').update(sid).digest('base64url')}`;
  };
  const staffOf = async (staffId: string) => (await sys.system.parts.store.load(sys.branchId))!.staff[staffId];

  it('a sign-out disconnects that session\'s sockets at once, and signs its staff member off', async () => {
    const chen = new HttpClient(sys.url);
    const me = await chen.login('chen');
    const socket = await open(sys.url, { cookie: chen.cookie!, origin: ORIGIN });
    await ackData(socket, 'staff:command', { type: 'sign-on', counterId: sys.counter('3') });
    expect((await ackData<StaffQueueSnapshot>(socket, 'staff:sync', { afterSeq: 0 })).staff.find((x) => x.id === me.staffId)?.status).toBe('available');
    const gone = disconnected(socket);
    expect((await chen.req('POST', '/api/v1/auth/logout')).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await staffOf(me.staffId))?.status).toBe('offline');
    // The old cookie opens nothing any more.
    await expect(openSocket(sys.url, { cookie: chen.cookie ?? '', origin: ORIGIN })).rejects.toThrow();
  });

  it('an ended session (idle timeout: the key is gone) refuses commands and resyncs with SESSION_EXPIRED and disconnects', async () => {
    const dana = new HttpClient(sys.url);
    const me = await dana.login('dana');
    const commands = await open(sys.url, { cookie: dana.cookie!, origin: ORIGIN });
    const syncs = await open(sys.url, { cookie: dana.cookie!, origin: ORIGIN });
    await ackData(commands, 'staff:command', { type: 'sign-on', counterId: sys.counter('4') });
    const before = (await sys.system.parts.store.load(sys.branchId))!.seq;

    await redis().del(await keyOf(dana));
    const gone = disconnected(commands);
    const refused = await ackRaw(commands, 'staff:command', { type: 'pause', reason: 'break' });
    expect(refused.error?.code).toBe('SESSION_EXPIRED');
    expect(refused.data).toBeUndefined();
    expect(await gone).toBe('io server disconnect');
    const goneToo = disconnected(syncs);
    const sync = await ackRaw(syncs, 'staff:sync', { afterSeq: 0 });
    expect(sync.error?.code).toBe('SESSION_EXPIRED');
    expect(sync.data).toBeUndefined();
    await goneToo;
    // Nothing was paused; the unattended desk is signed off instead of counted as staffed.
    await waitFor('dana signed off', async () => (await staffOf(me.staffId))?.status === 'offline');
    const events = await sys.system.parts.store.readEvents(sys.branchId, before);
    expect(events.map((e) => e.type)).toEqual(['staff-signed-off']);
  });

  it('a panel that goes away after its session ended leaves the counter; one whose session lives keeps it', async () => {
    const dana = new HttpClient(sys.url);
    const me = await dana.login('dana');
    const first = await open(sys.url, { cookie: dana.cookie!, origin: ORIGIN });
    await ackData(first, 'staff:command', { type: 'sign-on', counterId: sys.counter('4') });
    // A reload (session alive): still at counter 4.
    first.close();
    const second = await open(sys.url, { cookie: dana.cookie!, origin: ORIGIN });
    await new Promise((r) => setTimeout(r, 300));
    expect((await staffOf(me.staffId))?.status).toBe('available');
    // The session ends (the panel saw a 401 and went to the sign-in): its socket closes, the desk is freed.
    await redis().del(await keyOf(dana));
    second.close();
    await waitFor('dana signed off', async () => (await staffOf(me.staffId))?.status === 'offline');
  });

  it('the absolute limit holds on sockets too, however active the session', async () => {
    const dana = new HttpClient(sys.url);
    await dana.login('dana');
    const socket = await open(sys.url, { cookie: dana.cookie!, origin: ORIGIN });
    await ackData(socket, 'staff:sync', { afterSeq: 0 });
    const key = await keyOf(dana);
    const stored = JSON.parse((await redis().get(key))!) as { createdAt: number };
    const absoluteMs = sys.system.parts.config.sessionAbsoluteHours * 3_600_000;
    await redis().set(key, JSON.stringify({ ...stored, createdAt: Date.now() - absoluteMs - 1000 }), { KEEPTTL: true });
    const refused = await ackRaw(socket, 'staff:command', { type: 'sign-on', counterId: sys.counter('4') });
    expect(refused.error?.code).toBe('SESSION_EXPIRED');
    await disconnected(socket);
    expect(await redis().exists(key)).toBe(0);
  });

  it('commands slide the idle window; connecting and resyncs (automatic) do not', async () => {
    const idleSec = sys.system.parts.config.sessionIdleMin * 60;
    const dana = new HttpClient(sys.url);
    await dana.login('dana');
    const key = await keyOf(dana);
    await redis().expire(key, 100);
    const socket = await open(sys.url, { cookie: dana.cookie!, origin: ORIGIN });
    await ackData(socket, 'staff:sync', { afterSeq: 0 });
    expect(await redis().ttl(key)).toBeLessThanOrEqual(100);
    await ackData(socket, 'staff:command', { type: 'sign-on', counterId: sys.counter('4') });
    expect(await redis().ttl(key)).toBeGreaterThan(idleSec - 5);
    await ackData(socket, 'staff:command', { type: 'sign-off' });
  });
});

describe('two server nodes', () => {
  it('a screen on node B hears a call made over HTTP on node A, and a panel on node B reaches node A', async () => {
    nodeB = await startSecondNode(sys);
    expect(nodeB.url).not.toBe(sys.url);

    const signageOnB = await open(nodeB.url, { auth: { deviceToken: sys.signageToken } });
    const tailingOnB = nextEvent<{ seq: number }>(signageOnB, 'queue:summary');
    const t = await issue('A');
    // Node B's fan-out has picked the branch up once it relays the issue's queue summary.
    expect((await tailingOnB).seq).toBeGreaterThanOrEqual(t.view.seq);
    const heardOnB = nextEvent<PublicCall>(signageOnB, 'signage:call', (c) => c.number === t.view.number);
    const called = await command(alice, { type: 'call-next' });
    expect(await heardOnB).toMatchObject({ number: t.view.number, counterLabel: '1', seq: called.seq, recall: false });

    // The other way round: alice's session (made on A) works for a panel socket on B, and a call
    // pressed there reaches a screen on A.
    const aliceOnB = await open(nodeB.url, { cookie: alice.cookie!, origin: ORIGIN });
    await ackData(aliceOnB, 'staff:command', { type: 'start', ticketId: t.ticketId });
    await ackData(aliceOnB, 'staff:command', { type: 'complete', ticketId: t.ticketId });
    const signageOnA = await open(sys.url, { auth: { deviceToken: sys.signageToken } });
    const next = await issue('A');
    const heardOnA = nextEvent<PublicCall>(signageOnA, 'signage:call', (c) => c.number === next.view.number);
    const viaB = await ackData<CommandResult>(aliceOnB, 'staff:command', { type: 'call-next' });
    expect(viaB.called?.ticketId).toBe(next.ticketId);
    expect(await heardOnA).toMatchObject({ number: next.view.number, counterLabel: '1', seq: viaB.seq });

    // Both nodes serve the same snapshot.
    const fromA = await ackData<SignageSnapshot>(signageOnA, 'signage:sync', { afterSeq: 0 });
    const fromB = await ackData<SignageSnapshot>(signageOnB, 'signage:sync', { afterSeq: 0 });
    expect(fromB.calls).toEqual(fromA.calls);
    expect(fromB.calls[0]).toMatchObject({ number: next.view.number, seq: viaB.seq });
  });

  it('a sign-out on node A ends the same session\'s panel on node B at its next request', async () => {
    const bobOnB = await open(nodeB!.url, { cookie: bob.cookie!, origin: ORIGIN });
    await ackData(bobOnB, 'staff:sync', { afterSeq: 0 });
    expect((await bob.req('POST', '/api/v1/auth/logout')).status).toBe(200);
    const res = (await (bobOnB.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ error?: { code: string } }> }).emitWithAck(
      'staff:command',
      { type: 'call-next' },
    ));
    expect(res.error?.code).toBe('SESSION_EXPIRED');
    await waitFor('bob disconnected on node B', async () => !bobOnB.connected);
    expect((await sys.system.parts.store.load(sys.branchId))!.staff[bobMe.staffId]?.status).toBe('offline');
  });
});
