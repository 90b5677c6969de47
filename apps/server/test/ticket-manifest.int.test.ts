/**
 * A ticket page's web app manifest, served by the server (the page policy's `manifest-src 'self'`
 * refused the data: URL the page once built, so an installed ticket page had no manifest, and on
 * iOS no web push): installed, it opens that ticket; it names the ticket number and nothing of
 * the customer; an unknown token is refused; the request log cuts the token.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskTicket, startTestSystem, type TestSystem } from './support.js';

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({}, {}, pino({ level: 'info' }, memory));
});
afterAll(async () => {
  await sys?.close();
});

describe('GET /api/v1/tickets/:token/manifest.webmanifest', () => {
  it("answers the ticket page's manifest: opens this ticket, in the page's language, no customer data", async () => {
    const ticket = await kioskTicket(sys, 'A', { contact: { phone: '+86 138 1234 5678', consent: true }, lang: 'en' });
    const r = await fetch(`${sys.url}/api/v1/tickets/${ticket.token}/manifest.webmanifest?lang=en`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const text = await r.text();
    const m = JSON.parse(text) as Record<string, unknown>;
    expect(m).toMatchObject({ id: '/t/', start_url: '/t/last', scope: '/t/', display: 'standalone', short_name: 'My ticket', lang: 'en' });
    expect(m.name).toBe(`Tellerline · My ticket ${ticket.number}`);
    expect(m.icons).toEqual([expect.objectContaining({ src: '/icon.svg', type: 'image/svg+xml' })]);
    // The phone number given at the kiosk is nowhere in it.
    expect(text).not.toMatch(/138|5678/);
    // Chinese by default.
    const zh = (await (await fetch(`${sys.url}/api/v1/tickets/${ticket.token}/manifest.webmanifest`)).json()) as Record<string, unknown>;
    expect(zh).toMatchObject({ name: `智能排队 · 我的号码 ${ticket.number}`, short_name: '我的排队号', lang: 'zh-CN', start_url: '/t/last' });
  });

  it('refuses an unknown token and a language it does not speak', async () => {
    const unknown = await fetch(`${sys.url}/api/v1/tickets/${'x'.repeat(32)}/manifest.webmanifest`);
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { error: { code: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    const ticket = await kioskTicket(sys, 'A');
    const bad = await fetch(`${sys.url}/api/v1/tickets/${ticket.token}/manifest.webmanifest?lang=fr`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps the token out of the request log', async () => {
    const ticket = await kioskTicket(sys, 'A');
    await fetch(`${sys.url}/api/v1/tickets/${ticket.token}/manifest.webmanifest?lang=zh`);
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; path?: string }).filter((l) => l.msg === 'request' && l.path?.includes('manifest'));
    expect(logged.length).toBeGreaterThan(0);
    for (const l of logged) expect(l.path).toMatch(/^\/api\/v1\/tickets\/[A-Za-z0-9_-]{1,4}…\/manifest\.webmanifest$/);
    expect(lines.join('')).not.toContain(ticket.token);
  });
});
