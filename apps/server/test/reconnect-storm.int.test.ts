/**
 * A restart, as phones live it: every phone of a lobby (one Wi-Fi address) or of a carrier's
 * shared address reconnects within seconds of the node answering again, while PostgreSQL is busy
 * with all of them. Those with a live ticket must all get back in; a script guessing tokens from
 * the same address must still be refused. Behind a trusted proxy, so each test is its own address.
 * Real Redis and PostgreSQL, made slow on purpose where a loaded machine is slow.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_LOOKUPS_IN_FLIGHT, TOKEN_MISSES_PER_WINDOW } from '../src/auth/token-probe-limiter.js';
import type { System } from '../src/compose.js';
import { handshakeFrom, kioskTicket, startTestSystem, type TestSystem } from './support.js';

const PHONES = 100;
/** Lobby screens of one address (a bank's branches behind its head office's): more than its lookups in flight. */
const SCREENS = TOKEN_LOOKUPS_IN_FLIGHT + 8;
/** Extra time of each read, while a test wants it: a branch's live state (Redis), a ticket or device by token (PostgreSQL). */
const delay = { stateMs: 0, lookupMs: 0 };

/** The new process's adapters, slowed by `delay` (read at each call). */
function slowed(system: System): void {
  const { store, db } = system.parts;
  const load = store.load.bind(store);
  store.load = async (branchId) => {
    await sleep(delay.stateMs);
    return load(branchId);
  };
  const byToken = db.tickets.byToken;
  db.tickets.byToken = async (token) => {
    await sleep(delay.lookupMs);
    return byToken(token);
  };
  const byHash = db.devices.findByTokenHash;
  db.devices.findByTokenHash = async (hash) => {
    await sleep(delay.lookupMs);
    return byHash(hash);
  };
}

let sys: TestSystem;
const tokens: string[] = [];
beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true', KIOSK_ISSUES_PER_MIN: '1000' });
  for (let i = 0; i < PHONES; i++) tokens.push((await kioskTicket(sys, i % 2 ? 'A' : 'B')).token);
  await sys.restart(slowed);
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

const randomToken = () => randomBytes(18).toString('base64url');
const handshakes = (ip: string, list: string[]) => Promise.all(list.map((ticketToken) => handshakeFrom(sys.system.url(), ip, { ticketToken })));
const codes = (results: Awaited<ReturnType<typeof handshakes>>) => results.map((r) => (r === 'connected' ? r : r.code));

describe('phones reconnecting after a restart, many behind one address', () => {
  it('lets all 100 phones and 40 lobby screens of one address back in at once on a node that has just started, its branch states and database both slow', async () => {
    delay.stateMs = 1500;
    delay.lookupMs = 2000;
    try {
      await sys.restart(slowed);
      const ip = '198.51.100.80';
      const [phones, screens] = await Promise.all([
        handshakes(ip, tokens),
        Promise.all(Array.from({ length: SCREENS }, () => handshakeFrom(sys.system.url(), ip, { deviceToken: sys.signageToken }))),
      ]);
      expect(codes(phones)).toEqual(tokens.map(() => 'connected'));
      expect(codes(screens)).toEqual(screens.map(() => 'connected'));
    } finally {
      delay.stateMs = delay.lookupMs = 0;
    }
  });

  it('keeps its phones connecting while unknown tokens from the same address fill its lookups in flight, and refuses the unknown ones past them', async () => {
    const ip = '198.51.100.81';
    delay.lookupMs = 3000;
    try {
      const guesses = handshakes(ip, Array.from({ length: TOKEN_LOOKUPS_IN_FLIGHT + 8 }, randomToken));
      // The guesses' lookups are running (slowly) when the phones come back.
      await sleep(500);
      expect(codes(await handshakes(ip, tokens))).toEqual(tokens.map(() => 'connected'));
      const guessed = codes(await guesses);
      expect(guessed.filter((c) => c === 'NOT_FOUND').length).toBeLessThanOrEqual(TOKEN_LOOKUPS_IN_FLIGHT);
      expect(guessed.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(0);
      expect(guessed).not.toContain('connected');
    } finally {
      delay.lookupMs = 0;
    }
  });

  it('still refuses a guessing script past its misses, and then the live tickets from its address too, while a phone elsewhere connects', async () => {
    const ip = '198.51.100.82';
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) expect(codes(await handshakes(ip, [randomToken()]))).toEqual(['NOT_FOUND']);
    expect(codes(await handshakes(ip, [randomToken()]))).toEqual(['RATE_LIMITED']);
    // Answered from memory or not, a live ticket would tell a guess it hit: the address gets none.
    expect(codes(await handshakes(ip, tokens.slice(0, 3)))).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(codes(await handshakes('198.51.100.83', tokens.slice(0, 3)))).toEqual(['connected', 'connected', 'connected']);
  });
});
