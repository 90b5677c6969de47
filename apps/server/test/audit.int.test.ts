/**
 * Reading the audit log through the real API on PostgreSQL and Redis: the demo branch
 * (Asia/Shanghai) with Alice signed on and the manager signed in, a second branch with its own
 * manager, and an admin. Entries come from real actions (sign-ins, commands, a KPI export) and, where
 * a test needs a chosen time or name, from rows written as the repository writes them.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, AuditPerson } from '@tellerline/contracts';
import { hashPassword } from '../src/auth/passwords.js';
import { DEMO_HOURS } from '@tellerline/db';
import { managerAndTeller, MON } from './booking-support.js';
import { check, type Schema } from './json-schema-check.js';
import { HttpClient, PG_URL } from './support.js';

// The demo's own hours (around the clock): the tickets below are issued at 08:00, before bank hours.
const { at, command, kiosk, branchPath } = managerAndTeller({ demoOpeningHours: DEMO_HOURS });
const north = randomUUID();
const trickyId = randomUUID();
let admin: HttpClient;
let northManager: HttpClient;
let sql: pg.Client;
let ticketId: string;
let aliceId: string;

type Answer = Awaited<ReturnType<HttpClient['req']>>;
const entries = (r: Answer) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data as AuditEntryView[];
};
const log = (client: HttpClient, query = '', branchId = at.sys.branchId) => client.req('GET', `/api/v1/branches/${branchId}/audit${query}`);
const all = (client: HttpClient, query = '') => client.req('GET', `/api/v1/audit${query}`);
/** An entry written as the repository writes it, at a chosen instant. */
const insert = (e: { at: string; action: string; branchId: string | null; userId?: string | null; role?: string; details?: Record<string, unknown> }) =>
  sql.query(`INSERT INTO audit_log (at, user_id, role, action, branch_id, details) VALUES ($1, $2, $3, $4, $5, $6)`, [e.at, e.userId ?? null, e.role ?? null, e.action, e.branchId, JSON.stringify(e.details ?? {})]);

/** A download as the browser gets it: raw bytes (text() would drop the byte order mark). */
async function download(client: HttpClient, path: string) {
  const res = await fetch(at.sys.url + path, { headers: { cookie: client.cookie! } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes, lines: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n') };
}

beforeAll(async () => {
  sql = new pg.Client({ connectionString: PG_URL });
  await sql.connect();
  await sql.query(`SET search_path TO "${at.sys.system.parts.config.databaseSchema}"`);
  await sql.query(`INSERT INTO branches (id, code, name_zh, name_en, timezone, opening_hours, pilot, updated_at) VALUES ($1, 'north', '北区支行', 'North Branch', 'Asia/Shanghai', '{}', false, now())`, [north]);
  await sql.query(`INSERT INTO users (id, username, password_hash, role, display_name, branch_id, updated_at) VALUES ($1, 'north-manager', $2, 'manager', 'North Manager', $3, now())`, [randomUUID(), await hashPassword('demo1234'), north]);
  // A name a spreadsheet would run as a formula.
  await sql.query(`INSERT INTO users (id, username, password_hash, role, display_name, branch_id, updated_at) VALUES ($1, 'tricky', 'x', 'staff', '=HYPERLINK("http://evil.test")', $2, now())`, [trickyId, at.sys.branchId]);
  admin = new HttpClient(at.sys.url);
  await admin.login('admin');
  northManager = new HttpClient(at.sys.url);
  await northManager.login('north-manager');
  aliceId = (await at.alice.req('GET', '/api/v1/auth/me')).body.data.userId;

  const issued = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  ticketId = issued.body.data.ticketId;
  expect((await command('call-next')).body.data.called).toMatchObject({ ticketId });
  expect((await command('no-show', { ticketId })).status).toBe(200);
  // An admin's export of every branch: an entry of no branch.
  expect((await admin.req('GET', `/api/v1/kpis.csv?from=${MON}&to=${MON}`)).status).toBe(200);

  // 23:59 on Monday and midnight starting Tuesday, branch time (UTC+8).
  await insert({ at: '2026-03-02T15:59:00Z', action: 'view-appointments', branchId: at.sys.branchId, userId: trickyId, role: 'staff', details: { day: MON } });
  await insert({ at: '2026-03-02T16:00:00Z', action: 'view-appointments', branchId: at.sys.branchId, userId: 'a-user-since-deleted', role: 'manager', details: { day: '2026-03-03' } });
  await insert({ at: '2026-03-02T16:00:00Z', action: 'device-paired', branchId: north, role: 'manager', details: { name: 'North kiosk' } });
});

afterAll(async () => {
  await sql?.end();
});

describe('the audit log API', () => {
  it("is for the branch's manager and admins: tellers, other branches' managers and strangers are refused", async () => {
    expect(await log(at.alice)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await log(northManager)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await log(at.manager, '', north)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await log(new HttpClient(at.sys.url))).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(await log(admin, '', 'no-such-branch')).toMatchObject({ status: 404, body: { error: { code: 'BRANCH_UNKNOWN' } } });
    expect(entries(await log(northManager, '', north)).map((e) => e.action)).toContain('device-paired');
    // Every branch at once: admins only.
    for (const who of [at.manager, at.alice, northManager]) expect(await all(who)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    for (const who of [at.alice, northManager]) expect((await who.req('GET', branchPath('/audit/people'))).status).toBe(403);
    expect((await at.manager.req('GET', '/api/v1/audit/people')).status).toBe(403);
  });

  it('says who acted by name and username, which kiosk issued, and the ticket number', async () => {
    const list = entries(await log(at.manager, '?limit=200'));
    const signOn = list.find((e) => e.action === 'sign-on')!;
    expect(signOn).toMatchObject({ userId: aliceId, displayName: 'Alice', username: 'alice', role: 'staff', branchId: at.sys.branchId, timezone: 'Asia/Shanghai' });
    const issue = list.find((e) => e.action === 'issue' && e.ticketId === ticketId)!;
    expect(issue).toMatchObject({ role: expect.stringMatching(/^device:/), deviceName: '大堂取号机 Lobby kiosk', displayName: null, ticketNumber: 'A001' });
    expect(list.find((e) => e.action === 'no-show')).toMatchObject({ ticketId, ticketNumber: 'A001', displayName: 'Alice' });
    // An account that no longer exists keeps its id; the name is simply not known.
    expect(list.find((e) => e.userId === 'a-user-since-deleted')).toMatchObject({ displayName: null, username: null, role: 'manager' });
    // Another branch's entries and the entries of no branch stay out.
    expect(list.every((e) => e.branchId === at.sys.branchId)).toBe(true);
    // Nobody's password or its hash, anywhere.
    expect(JSON.stringify(list)).not.toMatch(/password|\$argon2/i);
  });

  it('names a transferred ticket by the number it had at each step: issued and called as A, transferred "A → B"', async () => {
    const issued = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
    const moved: string = issued.body.data.ticketId;
    const called = (await command('call-next')).body.data.called;
    expect(called).toMatchObject({ ticketId: moved });
    const first: string = called.number;
    const transfer = await command('transfer', { ticketId: moved, toServiceId: at.sys.service('B') });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    const second: string = (await sql.query(`SELECT number FROM tickets WHERE id = $1`, [moved])).rows[0]?.number;
    expect(first).toMatch(/^A\d{3}$/);
    expect(second).toMatch(/^B\d{3}$/);

    const trail = entries(await log(at.manager, `?ticketId=${moved}`));
    expect(trail.map((e) => [e.action, e.ticketNumber, e.newTicketNumber])).toEqual([
      ['transfer', first, second],
      ['call-next', first, null],
      ['issue', first, null],
    ]);
    // The numbers are the entry's own fields, not repeated among its details.
    expect(trail[0]!.details).toMatchObject({ fromService: 'A', toService: 'B' });
    expect(trail[0]!.details).not.toHaveProperty('ticketNumber');

    const csv = await download(at.manager, `${branchPath('/audit')}?format=csv&lang=en&ticketId=${moved}`);
    const column = (action: string) => csv.lines.find((l) => l.includes(`,${action},`))!.split(',')[9];
    expect([column('transfer'), column('call-next'), column('issue')]).toEqual([`${first} → ${second}`, first, first]);
    // Its details as the audit screen words them, not the stored keys and the staff member's id.
    const transferRow = csv.lines.find((l) => l.includes(',transfer,'))!;
    expect(transferRow).toContain('transferred from A to B');
    expect(transferRow).not.toMatch(/staffId|fromService|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);

    // Found by either number: the one it had then (the complaint about "my ticket A…"), or the one it was given.
    const byFirst = entries(await log(at.manager, `?ticketNumber=${first.toLowerCase()}`)).filter((e) => e.ticketId === moved);
    expect(byFirst.map((e) => e.action)).toEqual(['transfer', 'call-next', 'issue']);
    // (and the download of its trail just made, after the transfer)
    expect(entries(await log(at.manager, `?ticketNumber=${second}`)).map((e) => [e.ticketId, e.action])).toEqual([
      [moved, 'export-audit'],
      [moved, 'transfer'],
    ]);

    // An entry written before numbers were kept with it: the ticket's current number.
    await sql.query(`INSERT INTO audit_log (action, branch_id, ticket_id, role, details) VALUES ('recall', $1, $2, 'staff', '{}')`, [at.sys.branchId, moved]);
    expect(entries(await log(at.manager, `?ticketId=${moved}&action=recall`)).map((e) => [e.ticketNumber, e.newTicketNumber])).toEqual([[second, null]]);
  });

  it('keeps the name of a deactivated account', async () => {
    await sql.query(`UPDATE users SET active = false WHERE id = $1`, [trickyId]);
    try {
      const [e] = entries(await log(at.manager, `?userId=${trickyId}`));
      expect(e).toMatchObject({ displayName: '=HYPERLINK("http://evil.test")', username: 'tricky' });
      const people = (await at.manager.req('GET', branchPath('/audit/people'))).body.data as AuditPerson[];
      expect(people.find((p) => p.id === trickyId)).toMatchObject({ username: 'tricky', active: false });
    } finally {
      await sql.query(`UPDATE users SET active = true WHERE id = $1`, [trickyId]);
    }
  });

  it('offers the people of the branch and the admins to filter by, without secrets', async () => {
    const r = await at.manager.req('GET', branchPath('/audit/people'));
    expect(r.status).toBe(200);
    const names = (r.body.data as AuditPerson[]).map((p) => p.username ?? `${p.role}: ${p.displayName}`);
    // An admin by name and role: a manager is not told an admin's sign-in name.
    expect(names).toEqual(expect.arrayContaining(['admin: Admin', 'alice', 'bob', 'manager', 'tricky']));
    expect(names).not.toContain('north-manager');
    expect(JSON.stringify(r.body)).not.toMatch(/password|\$argon2/i);
    const everyone = (await admin.req('GET', '/api/v1/audit/people')).body.data as AuditPerson[];
    expect(everyone.map((p) => p.username)).toEqual(expect.arrayContaining(['north-manager', 'alice', 'admin']));
  });

  it('shows admins the entries of no branch: their sign-ins and exports of every branch', async () => {
    const none = entries(await all(admin, '?branch=none'));
    expect(none.every((e) => e.branchId === null)).toBe(true);
    expect(none.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'export-kpis']));
    // Dated in the branches' shared zone.
    expect(none.every((e) => e.timezone === 'Asia/Shanghai')).toBe(true);
    const exports = entries(await all(admin, '?action=export-kpis'));
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ branchId: null, username: 'admin', details: { scope: 'all', from: MON, to: MON } });
    const everything = entries(await all(admin, '?limit=200'));
    expect(new Set(everything.map((e) => e.branchId))).toEqual(new Set([at.sys.branchId, north, null]));
    const northActions = entries(await all(admin, `?branchId=${north}`)).map((e) => e.action);
    expect(northActions.filter((a) => a !== 'access-denied').sort()).toEqual(['device-paired', 'login']);
    // The demo manager's look into North's log (above) was refused and recorded there.
    expect(northActions).toContain('access-denied');
    expect(await all(admin, '?branchId=no-such-branch')).toMatchObject({ status: 404, body: { error: { code: 'BRANCH_UNKNOWN' } } });
  });

  it('filters by action, user, ticket and days in branch time', async () => {
    expect(entries(await log(at.manager, '?action=no-show')).map((e) => e.ticketId)).toEqual([ticketId]);
    expect(entries(await log(at.manager, `?ticketId=${ticketId}`)).map((e) => e.action)).toEqual(['no-show', 'call-next', 'issue']);
    const alices = entries(await log(at.manager, `?userId=${aliceId}&limit=200`));
    expect(alices.length).toBeGreaterThan(2);
    expect(alices.every((e) => e.userId === aliceId)).toBe(true);
    expect(entries(await log(at.manager, `?userId=${aliceId}&action=login`))).toHaveLength(1);
    // 15:59 UTC is 23:59 on Monday at the branch; 16:00 UTC is Tuesday already.
    const monday = entries(await log(at.manager, `?from=${MON}&to=${MON}`));
    expect(monday.map((e) => e.details)).toEqual([{ day: MON }]);
    expect(entries(await log(at.manager, '?from=2026-03-03&to=2026-03-03')).map((e) => e.details)).toEqual([{ day: '2026-03-03' }]);
    expect(entries(await all(admin, '?from=2026-03-03&to=2026-03-03')).map((e) => e.action).sort()).toEqual(['device-paired', 'view-appointments']);
  });

  it('refuses bad filters with VALIDATION_FAILED and says which', async () => {
    for (const q of ['?action=drop-table', '?from=2026-02-30', `?from=2026-03-03&to=${MON}`, '?userId=a%20b', '?ticketId=', '?limit=0', '?limit=201', '?before=x', '?format=xml', '?lang=fr', '?extra=1']) {
      const r = await log(at.manager, q);
      expect(r, q).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
      expect(r.body.error.issues.length, q).toBeGreaterThan(0);
      expect((await all(admin, q)).status, q).toBe(400);
    }
    expect((await log(at.manager, '?action=drop-table')).body.error.issues[0].path).toBe('action');
    expect(await all(admin, `?branchId=${north}&branch=none`)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', issues: [{ path: 'branch' }] } } });
    expect((await all(admin, '?branch=all')).status).toBe(400);
  });

  it('pages stably while entries are appended: nothing skipped, nothing twice', async () => {
    const before = entries(await log(at.manager, '?limit=200')).map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let appends = 0;
    for (;;) {
      // Staff keep working while the manager pages: entries land between every two reads.
      const [page] = await Promise.all([
        log(at.manager, `?limit=3${cursor ? `&before=${cursor}` : ''}`),
        ...Array.from({ length: 3 }, () => (appends++, at.sys.system.parts.db.audit.append({ userId: null, role: 'customer', action: 'book-appointment', branchId: at.sys.branchId, ticketId: null, ip: null, userAgent: null, details: { count: appends } }))),
      ]);
      const items = entries(page);
      seen.push(...items.map((e) => e.id));
      if (items.length < 3) break;
      cursor = items.at(-1)!.id;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Newest first, strictly.
    for (let i = 1; i < seen.length; i++) expect(BigInt(seen[i]!)).toBeLessThan(BigInt(seen[i - 1]!));
    for (const id of before) expect(seen).toContain(id);
  });

  it('downloads every matching entry as CSV, formulas defused, in the chosen language, and audits the export', async () => {
    const zh = await download(at.manager, `${branchPath('/audit')}?format=csv&from=${MON}&to=${MON}`);
    expect(zh.status).toBe(200);
    expect(zh.type).toBe('text/csv; charset=utf-8');
    expect(zh.disposition).toBe(`attachment; filename="audit-demo-${MON}-${MON}.csv"`);
    expect([...zh.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(zh.lines[0]).toBe('\uFEFF时间（当地）,时区,UTC 时间,网点,姓名,用户名,角色,操作,操作代码,票号,摘要,详情,IP,浏览器');
    expect(zh.lines[1]).toBe(`2026-03-02 23:59:00,Asia/Shanghai,2026-03-02T15:59:00.000Z,demo 总行营业部,"'=HYPERLINK(""http://evil.test"")",tricky,柜员,查看当日预约名单,view-appointments,,日期：${MON},日期：${MON},,`);
    expect(zh.lines[2]).toBe(`导出范围,demo 总行营业部; 期间: ${MON}..${MON}`);

    // Every page of a long log, not the first 50: the export reads on past the page size.
    const en = await download(admin, '/api/v1/audit?format=csv&lang=en&limit=1');
    expect(en.lines[0]).toMatch(/^\uFEFFLocal time,Time zone,UTC time,Branch,Name,Username,Role,Action,Action code,/);
    const rows = en.lines.slice(1, -2);
    expect(rows.length).toBe(entries(await all(admin, '?limit=200')).length - 1);
    expect(rows.some((l) => l.includes(',Exported KPI reports,export-kpis,'))).toBe(true);
    expect(en.lines.at(-2)).toBe('Exported,All branches');
    expect(en.lines.join('\n')).not.toMatch(/password|\$argon2/i);

    expect((await download(at.alice, `${branchPath('/audit')}?format=csv`)).status).toBe(403);
    const exported = entries(await all(admin, '?action=export-audit'));
    expect(exported.map((e) => [e.username, e.branchId, e.details])).toEqual([
      ['admin', null, { scope: 'all' }],
      ['manager', at.sys.branchId, { scope: 'branch', from: MON, to: MON }],
      // The transferred ticket's trail, downloaded above (its ticket is the entry's own).
      ['manager', at.sys.branchId, { scope: 'branch' }],
    ]);
  });

  it('has no way to edit or delete an entry', async () => {
    const [newest] = entries(await log(admin, '?limit=1'));
    const count = (await sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n as number;
    const paths = [branchPath('/audit'), branchPath(`/audit/${newest!.id}`), '/api/v1/audit', `/api/v1/audit/${newest!.id}`, branchPath('/audit/people')];
    for (const path of paths) {
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        const r = await admin.req(method, path, method === 'DELETE' ? undefined : { action: 'login', details: {} });
        expect([404, 405], `${method} ${path}`).toContain(r.status);
        expect(['NOT_FOUND', 'METHOD_NOT_ALLOWED']).toContain(r.body.error.code);
      }
    }
    expect((await sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(count);
    expect(entries(await log(admin, '?limit=1'))[0]).toEqual(newest);
    // Nor does the API document any: every audit path is GET only.
    const doc = (await new HttpClient(at.sys.url).req('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const auditPaths = Object.entries(doc.paths).filter(([p]) => p.includes('/audit'));
    expect(auditPaths.map(([p]) => p).sort()).toEqual(['/api/v1/audit', '/api/v1/audit/people', '/api/v1/branches/{branchId}/audit', '/api/v1/branches/{branchId}/audit/people']);
    for (const [, methods] of auditPaths) expect(Object.keys(methods)).toEqual(['get']);
  });

  it('answers as the OpenAPI document says', async () => {
    const doc = (await new HttpClient(at.sys.url).req('GET', '/api/v1/openapi.json')).body as Schema & { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>> };
    const answers: [string, string, Answer][] = [
      ['/api/v1/branches/{branchId}/audit', '200', await log(at.manager, '?limit=200')],
      ['/api/v1/branches/{branchId}/audit', '400', await log(at.manager, '?action=nope')],
      ['/api/v1/branches/{branchId}/audit', '403', await log(at.alice)],
      ['/api/v1/branches/{branchId}/audit/people', '200', await at.manager.req('GET', branchPath('/audit/people'))],
      ['/api/v1/audit', '200', await all(admin, '?limit=200')],
      ['/api/v1/audit', '404', await all(admin, '?branchId=no-such-branch')],
      ['/api/v1/audit/people', '200', await admin.req('GET', '/api/v1/audit/people')],
      ['/api/v1/audit/people', '403', await at.manager.req('GET', '/api/v1/audit/people')],
    ];
    for (const [path, status, res] of answers) {
      expect(String(res.status), path).toBe(status);
      const schema = doc.paths[path]!.get!.responses[status]!.content['application/json']!.schema;
      expect(check(schema, res.body, doc), `${path} ${status}`).toEqual([]);
    }
  });
});
