/**
 * Device tokens from anonymous callers (DeviceAuth.verifyFrom): an unknown token enters the
 * per-address guard and counts a miss; a token this node has found valid skips the guard (no
 * Redis, not held back by a refused address) but still meets the cache and revocation; a token
 * that ends leaves the known set; a malformed one is no lookup and is not counted. In memory: a
 * fake device table and a recording guard.
 */
import { describe, expect, it } from 'vitest';
import { DeviceAuth, hashDeviceToken, newDeviceToken } from '../src/auth/device-auth.js';
import type { AuthDevice } from '../src/auth/ports.js';
import type { TokenProbeLimiter } from '../src/auth/token-probe-limiter.js';
import { AppError } from '../src/errors.js';

function setup() {
  const kiosk = newDeviceToken();
  const table = new Map<string, AuthDevice>([[kiosk.tokenHash, { id: 'dev-1', branchId: 'b1', kind: 'kiosk', revoked: false }]]);
  const lookups: string[] = [];
  const calls: string[] = [];
  let refusing = false;
  const probes = {
    enter: (ip: string) => {
      calls.push(`enter ${ip}`);
      if (refusing) throw new AppError('RATE_LIMITED', 'refused', undefined, { retryAfterSec: 60 });
      return () => void calls.push(`leave ${ip}`);
    },
    missed: async (ip: string) => void calls.push(`missed ${ip}`),
  } as unknown as TokenProbeLimiter;
  const auth = new DeviceAuth(
    {
      findByTokenHash: async (h) => (lookups.push(h), table.get(h) ?? null),
      pairedTokenHashes: async () => [...table].filter(([, d]) => !d.revoked).map(([tokenHash, d]) => ({ id: d.id, tokenHash })),
    },
    30_000,
    probes,
  );
  return { auth, kiosk: kiosk.token, table, lookups, calls, refuse: () => void (refusing = true) };
}

describe('device tokens from an address', () => {
  it('guards an unknown token and counts it as a miss, leaving its place either way', async () => {
    const { auth, calls } = setup();
    expect(await auth.verifyFrom(newDeviceToken().token, '203.0.113.1', 0)).toBeNull();
    expect(calls).toEqual(['enter 203.0.113.1', 'missed 203.0.113.1', 'leave 203.0.113.1']);
  });

  it('guards a valid token until this node has found it valid, then never again: no miss, no refusal', async () => {
    const { auth, kiosk, calls, refuse } = setup();
    expect(await auth.verifyFrom(kiosk, '203.0.113.1', 0)).toMatchObject({ id: 'dev-1' });
    expect(calls).toEqual(['enter 203.0.113.1', 'leave 203.0.113.1']);
    refuse();
    // Past the cache's 30 s too: looked up again, unguarded.
    expect(await auth.verifyFrom(kiosk, '203.0.113.1', 60_000)).toMatchObject({ id: 'dev-1' });
    expect(calls).toHaveLength(2);
  });

  it('trusts every paired device once warmed (a node about to listen): unguarded from the first handshake, still looked up and still ended by a revocation', async () => {
    const { auth, kiosk, table, lookups, calls, refuse } = setup();
    expect(await auth.warm()).toBe(1);
    refuse();
    expect(await auth.verifyFrom(kiosk, '203.0.113.1', 0)).toMatchObject({ id: 'dev-1' });
    expect(calls).toEqual([]);
    expect(lookups).toEqual([hashDeviceToken(kiosk)]);
    table.get(hashDeviceToken(kiosk))!.revoked = true;
    expect(await auth.verifyFrom(kiosk, '203.0.113.1', 60_000)).toBeNull();
    await expect(auth.verifyFrom(kiosk, '203.0.113.1', 120_000)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a token it has not seen valid while the address is refused, before the lookup', async () => {
    const { auth, kiosk, lookups, refuse } = setup();
    refuse();
    await expect(auth.verifyFrom(kiosk, '203.0.113.1', 0)).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSec: 60 } });
    expect(lookups).toEqual([]);
  });

  it('guards a token again once it ended: unpaired here, or found revoked (unpaired on another node)', async () => {
    const { auth, kiosk, table, calls } = setup();
    await auth.verifyFrom(kiosk, '203.0.113.1', 0);
    auth.forgetDevice('dev-1');
    calls.length = 0;
    await auth.verifyFrom(kiosk, '203.0.113.1', 0);
    expect(calls[0]).toBe('enter 203.0.113.1');

    table.set(hashDeviceToken(kiosk), { id: 'dev-1', branchId: 'b1', kind: 'kiosk', revoked: true });
    expect(await auth.verifyFrom(kiosk, '203.0.113.1', 60_000)).toBeNull(); // known until this lookup
    calls.length = 0;
    expect(await auth.verifyFrom(kiosk, '203.0.113.1', 120_000)).toBeNull();
    expect(calls).toEqual(['enter 203.0.113.1', 'missed 203.0.113.1', 'leave 203.0.113.1']);
  });

  it('neither looks up nor counts a malformed token', async () => {
    const { auth, lookups, calls } = setup();
    for (const token of ['short', 'x'.repeat(129)]) expect(await auth.verifyFrom(token, '203.0.113.1', 0)).toBeNull();
    expect(lookups).toEqual([]);
    expect(calls).toEqual([]);
  });
});
