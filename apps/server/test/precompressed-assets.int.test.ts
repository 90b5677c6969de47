/**
 * The built screens travel compressed: a phone on a slow network gets the brotli (or gzip) copy
 * the build wrote next to each file, decoding to exactly the plain file, with the headers a cache
 * needs (Vary) and the same caching and page policy. A client that asks for no encoding, or for a
 * byte range, gets the plain file. The real system serving the apps/web build (as `npm start`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support.js';

const WEB_BUILD = fileURLToPath(new URL('../../web/build', import.meta.url));

/** The largest script of the web build: the one a phone waits longest for. */
function largestScript(): { path: string; plain: Buffer } {
  const dir = join(WEB_BUILD, '_app', 'immutable', 'chunks');
  const [name] = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort((a, b) => readFileSync(join(dir, b)).length - readFileSync(join(dir, a)).length);
  return { path: `/_app/immutable/chunks/${name}`, plain: readFileSync(join(dir, name!)) };
}

/** A raw GET (Node's fetch would decode for us and hide what travelled). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

describe('precompressed screens', () => {
  it('sends brotli when the browser takes it, gzip when only that, and the plain file otherwise', async () => {
    const { path, plain } = largestScript();
    const br = await get(sys.url + path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);

    const gz = await get(sys.url + path, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);

    // br refused by q=0: the next best.
    const noBr = await get(sys.url + path, { 'accept-encoding': 'br;q=0, *' });
    expect(noBr.headers['content-encoding']).toBe('gzip');

    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const none = await get(sys.url + path, headers);
      expect(none.headers['content-encoding']).toBeUndefined();
      expect(none.headers.vary).toMatch(/accept-encoding/i);
      expect(none.body.equals(plain)).toBe(true);
    }
  });

  it('compresses the page itself and keeps its policy allowing the start-up script by hash', async () => {
    const plain = readFileSync(join(WEB_BUILD, 'index.html'));
    const page = await get(`${sys.url}/t/some-token`, { 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.body).equals(plain)).toBe(true);
    const plainPolicy = (await get(`${sys.url}/t/some-token`, {})).headers['content-security-policy'];
    expect(page.headers['content-security-policy']).toBe(plainPolicy);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('answers a byte range from the plain file, never a compressed one', async () => {
    const { path } = largestScript();
    const ranged = await get(sys.url + path, { 'accept-encoding': 'br, gzip', range: 'bytes=0-99' });
    expect(ranged.headers['content-encoding']).toBeUndefined();
  });
});
