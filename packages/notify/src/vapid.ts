import webpush from 'web-push';

/** A VAPID (RFC 8292) key pair: P-256, base64url, public key uncompressed (65 bytes), private 32 bytes. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** A fresh key pair. Create it once per installation and keep it: subscriptions are bound to it. */
export function generateVapidKeys(): VapidKeys {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return { publicKey, privateKey };
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Throws a readable error unless `keys` is a well-formed VAPID key pair. */
export function assertVapidKeys(keys: VapidKeys): void {
  const pub = B64URL.test(keys.publicKey) ? Buffer.from(keys.publicKey, 'base64url') : null;
  const priv = B64URL.test(keys.privateKey) ? Buffer.from(keys.privateKey, 'base64url') : null;
  if (!pub || pub.length !== 65 || pub[0] !== 4) throw new Error('VAPID public key must be a base64url uncompressed P-256 point (65 bytes)');
  if (!priv || priv.length !== 32) throw new Error('VAPID private key must be 32 bytes, base64url');
}
