/**
 * The sign-in device cookie's entries: a browser is known to an account only by an entry signed
 * with this installation's key; a shared teller PC is known to a few colleagues at once.
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_COOKIE_MAX_ACCOUNTS, DeviceCookies, newDeviceCookieKey } from '../src/auth/device-cookie.js';

describe('device cookies', () => {
  const cookies = new DeviceCookies(newDeviceCookieKey());

  it('knows the browser for the account it signed in to, whatever the case of the username, and keeps its entry', () => {
    const v = cookies.issue(undefined, 'Alice');
    expect(cookies.knownFor(v, 'alice')).not.toBeNull();
    expect(cookies.knownFor(v, 'ALICE')).toEqual(cookies.knownFor(v, 'alice'));
    expect(cookies.knownFor(v, 'bob')).toBeNull();
    // Signing in again keeps the same entry (its own wait stays its own).
    expect(cookies.knownFor(cookies.issue(v, 'alice'), 'alice')).toEqual(cookies.knownFor(v, 'alice'));
  });

  it('ignores an entry signed with another key, or altered', () => {
    const v = new DeviceCookies(newDeviceCookieKey()).issue(undefined, 'alice');
    expect(cookies.knownFor(v, 'alice')).toBeNull();
    const mine = cookies.issue(undefined, 'alice');
    const [, nonce, mac] = mine.split('.');
    expect(cookies.knownFor(`${Buffer.from('bob').toString('base64url')}.${nonce}.${mac}`, 'bob')).toBeNull();
    expect(cookies.knownFor(`${mine}x`, 'alice')).toBeNull();
    expect(cookies.knownFor('garbage', 'alice')).toBeNull();
  });

  it(`keeps the ${DEVICE_COOKIE_MAX_ACCOUNTS} accounts that signed in last on a shared browser`, () => {
    let v: string | undefined;
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) v = cookies.issue(v, name);
    expect(cookies.entries(v).map((e) => e.username)).toEqual(['a5', 'a4', 'a3', 'a2']);
    expect(cookies.knownFor(v, 'a1')).toBeNull();
  });
});
