/**
 * The receiving side of Web Push message encryption, written from the RFCs with node:crypto so a
 * test proves what a browser would read: RFC 8291 (ECDH P-256 + HKDF-SHA-256 key derivation) over
 * RFC 8188 `aes128gcm` records. Also the VAPID (RFC 8292) header check a push service does.
 */
import { createECDH, createPublicKey, hkdfSync, createDecipheriv, randomBytes, verify, type ECDH } from 'node:crypto';

/** A user agent's push keys: what `PushSubscription.keys` publishes, plus the private half. */
export interface UserAgentKeys {
  ecdh: ECDH;
  /** Uncompressed P-256 public key (65 bytes): `keys.p256dh`. */
  publicKey: Buffer;
  /** 16 random bytes: `keys.auth`. */
  auth: Buffer;
}

export function createUserAgentKeys(): UserAgentKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, publicKey: ecdh.getPublicKey(), auth: randomBytes(16) };
}

const hkdf = (ikm: Buffer, salt: Buffer, info: Buffer, length: number) => Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/**
 * Decrypts an `aes128gcm` body sent to these keys. Throws on any malformed header, wrong key,
 * failed tag, or bad padding (what a browser would silently drop).
 */
export function decryptAes128gcm(body: Buffer, keys: UserAgentKeys): Buffer {
  if (body.length < 21 + 65 + 17) throw new Error('body too short for an aes128gcm header and one record');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  if (rs < 18) throw new Error(`record size ${rs} too small`);
  if (idlen !== 65) throw new Error(`keyid must be the sender's 65-byte public key, got ${idlen} bytes`);
  const senderPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);

  // RFC 8291 section 3.3-3.4: the shared secret, mixed with the auth secret and both public keys.
  const ecdhSecret = keys.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'latin1'), keys.publicKey, senderPublic]);
  const ikm = hkdf(ecdhSecret, keys.auth, keyInfo, 32);
  // RFC 8188 section 2.2-2.3: content-encryption key and nonce base.
  const cek = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0', 'latin1'), 16);
  const nonceBase = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0', 'latin1'), 12);

  const out: Buffer[] = [];
  const records = Math.ceil(ciphertext.length / rs);
  for (let i = 0; i < records; i++) {
    const record = ciphertext.subarray(i * rs, Math.min((i + 1) * rs, ciphertext.length));
    if (record.length < 17) throw new Error('record shorter than its tag');
    const nonce = Buffer.from(nonceBase);
    // The record sequence number is XORed into the nonce's low bits (big-endian; i < 2^32 here).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ i) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // Padding: a delimiter (2 for the last record, 1 otherwise) followed by zero or more zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    const last = i === records - 1;
    if (end < 0 || plain[end] !== (last ? 2 : 1)) throw new Error(`bad padding delimiter in record ${i}`);
    out.push(plain.subarray(0, end));
  }
  return Buffer.concat(out);
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  /** The sender's VAPID public key (`k=`), base64url. */
  publicKey: string;
}

/**
 * Checks an `Authorization: vapid t=<JWT>, k=<key>` header as a push service would: ES256
 * signature by `k`, audience = the push service origin, expiry in the future and at most 24 h
 * ahead, subject a mailto: or https: URL. Returns the claims or throws saying what is wrong.
 */
export function verifyVapidAuthorization(header: string | undefined, audience: string, nowSec = Math.floor(Date.now() / 1000)): VapidClaims {
  const m = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error(`not a vapid Authorization header: ${header}`);
  const [jwt, k] = [m[1]!, m[2]!];
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const head = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string; typ?: string };
  if (head.alg !== 'ES256') throw new Error(`JWT alg must be ES256, got ${head.alg}`);
  const raw = Buffer.from(k, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 key');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  if (!ok) throw new Error('JWT signature does not verify with k');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { aud?: string; exp?: number; sub?: string };
  if (claims.aud !== audience) throw new Error(`JWT aud ${claims.aud} is not ${audience}`);
  if (typeof claims.exp !== 'number' || claims.exp <= nowSec || claims.exp > nowSec + 24 * 3600 + 60) throw new Error(`JWT exp ${claims.exp} out of range`);
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) throw new Error(`JWT sub ${claims.sub} is not mailto: or https:`);
  return { aud: claims.aud, exp: claims.exp, sub: claims.sub, publicKey: k };
}
