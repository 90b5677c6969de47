/** Our RFC 8291 decryption agrees with web-push's encryption, and rejects what a browser would. */
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createUserAgentKeys, decryptAes128gcm, verifyVapidAuthorization } from '../testing/index.js';

describe('RFC 8291 aes128gcm', () => {
  const keys = createUserAgentKeys();
  const p256dh = keys.publicKey.toString('base64url');
  const auth = keys.auth.toString('base64url');

  it('decrypts what web-push encrypts (ASCII, Chinese, 3 KB)', () => {
    for (const text of ['hello', '请到 3 号窗口（A023）', 'x'.repeat(3000)]) {
      const { cipherText } = webpush.encrypt(p256dh, auth, text, 'aes128gcm');
      expect(decryptAes128gcm(cipherText, keys).toString('utf8')).toBe(text);
    }
  });

  it('refuses a tampered body, and a body for another subscriber', () => {
    const { cipherText } = webpush.encrypt(p256dh, auth, 'hello', 'aes128gcm');
    const tampered = Buffer.from(cipherText);
    tampered[tampered.length - 20]! ^= 1;
    expect(() => decryptAes128gcm(tampered, keys)).toThrow();
    expect(() => decryptAes128gcm(cipherText, createUserAgentKeys())).toThrow();
  });
});

describe('VAPID header check', () => {
  const vapid = webpush.generateVAPIDKeys();
  const aud = 'https://push.example';
  const header = (audience = aud, subject = 'mailto:ops@bank.example') =>
    webpush.getVapidHeaders(audience, subject, vapid.publicKey, vapid.privateKey, 'aes128gcm').Authorization;

  it('accepts a header signed by k for this audience', () => {
    expect(verifyVapidAuthorization(header(), aud)).toMatchObject({ aud, sub: 'mailto:ops@bank.example', publicKey: vapid.publicKey });
  });

  it('refuses another audience, a forged key, or garbage', () => {
    expect(() => verifyVapidAuthorization(header('https://other.example'), aud)).toThrow(/aud/);
    const other = webpush.generateVAPIDKeys();
    const forged = header().replace(/k=.*$/, `k=${other.publicKey}`);
    expect(() => verifyVapidAuthorization(forged, aud)).toThrow(/signature/);
    expect(() => verifyVapidAuthorization('Bearer x', aud)).toThrow();
  });
});
