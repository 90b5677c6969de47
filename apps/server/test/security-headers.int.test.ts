/**
 * Headers on every page and API answer (a page policy allowing the built screens' own inline
 * start-up script by its hash, no framing, HSTS on https), a broken percent-encoding answered as
 * the client's error without an error-level log line, and /metrics kept from the public. The
 * real system serving the built screens (apps/web and signage builds, as `npm start` does).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP } from '../src/http/security-headers.js';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});
const METRICS_TOKEN = 'scrape-token-0123456789';
let plain: TestSystem;
let secure: TestSystem;
let production: TestSystem;
beforeAll(async () => {
  [plain, secure, production] = await Promise.all([
    startTestSystem({}, {}, pino({ level: 'info' }, memory)),
    startTestSystem({ PUBLIC_URL: 'https://bank.example', METRICS_TOKEN, SIGNAGE_FRAME_ANCESTORS: 'https://player.bank.example, https://wall.bank.example:8443' }),
    startTestSystem({ NODE_ENV: 'production', PUBLIC_URL: 'https://q.bank.example', SEED_DEMO: 'false' }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), secure?.close(), production?.close()]);
});

const inlineScriptHash = (file: string) => {
  const html = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
};

describe('security headers', () => {
  it("gives the screens a policy that allows their own start-up script by hash, and forbids framing", async () => {
    for (const [path, build] of [
      ['/', '../../web/build/index.html'],
      ['/kiosk', '../../web/build/index.html'],
      ['/staff/login', '../../web/build/index.html'],
      ['/signage/', '../../../signage/build/index.html'],
    ] as const) {
      const r = await fetch(plain.url + path);
      expect(r.headers.get('content-type'), path).toMatch(/text\/html/);
      const csp = r.headers.get('content-security-policy')!;
      expect(csp, path).toContain(`script-src 'self' ${inlineScriptHash(build)}`);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('gives API answers, refusals included, a policy that loads nothing', async () => {
    for (const path of ['/api/v1/auth/me', '/healthz', `/api/v1/branches/${plain.branchId}/walk-in-hours`, '/api/v1/no-such-route']) {
      const r = await fetch(plain.url + path);
      expect(r.headers.get('content-security-policy'), path).toBe(API_CSP);
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('lets the signage players named in SIGNAGE_FRAME_ANCESTORS frame the lobby screen, and nothing else', async () => {
    const signage = await fetch(`${secure.url}/signage/`);
    expect(signage.headers.get('content-security-policy')).toContain('frame-ancestors https://player.bank.example https://wall.bank.example:8443');
    // X-Frame-Options cannot name origins: left out, or it would forbid the players too.
    expect(signage.headers.get('x-frame-options')).toBeNull();
    for (const path of ['/', '/staff/login', '/kiosk', '/api/v1/auth/me']) {
      const r = await fetch(secure.url + path);
      expect(r.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('sends Strict-Transport-Security on an https installation, on pages and API answers', async () => {
    for (const path of ['/', '/healthz']) expect((await fetch(secure.url + path)).headers.get('strict-transport-security'), path).toBe('max-age=31536000');
  });
});

describe('a broken percent-encoding', () => {
  it('answers 400 VALIDATION_FAILED, never 500, and logs no error', async () => {
    const from = lines.length;
    for (const path of ['/%E0%A4%A', '/signage/%ZZ', '/t/%C3', '/api/v1/tickets/%E0%A4%A', '/api/v1/appointments/%ZZ/history']) {
      const r = await new HttpClient(plain.url).req('GET', path);
      expect([r.status, r.body?.error?.code], path).toEqual([400, 'VALIDATION_FAILED']);
    }
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.slice(from).map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    expect(logged.filter((l) => l.msg === 'request refused')).toHaveLength(5);
  });
});

describe('/metrics', () => {
  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${secure.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${secure.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const ok = await fetch(`${secure.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('process_cpu');
  });

  it('in production without a token, serves only a scraper on this host, not one through a proxy', async () => {
    expect((await fetch(`${production.url}/metrics`)).status).toBe(200);
    const proxied = await fetch(`${production.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('in production without a token, refuses a request forwarded by a local proxy whichever header it forwards with', async () => {
    const forwarded: Record<string, string>[] = [
      { 'x-real-ip': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9;proto=https' },
      { 'x-forwarded-host': 'q.bank.example' },
      { 'X-Real-IP': '203.0.113.9', 'X-Forwarded-Proto': 'https' },
    ];
    for (const headers of forwarded) {
      const r = await fetch(`${production.url}/metrics`, { headers });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect(r.headers.get('content-type')).not.toMatch(/text\/plain/);
    }
    // An empty one is still a proxy's (nginx sends `X-Real-IP: $remote_addr` even when it is blank).
    expect((await fetch(`${production.url}/metrics`, { headers: { 'x-real-ip': '' } })).status).toBe(403);
  });
});
