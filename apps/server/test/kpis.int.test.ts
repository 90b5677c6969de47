/**
 * KPI reports through the real API on PostgreSQL and Redis, with a clock the test moves: the
 * demo branch (Asia/Shanghai, a pilot) on Monday 2 March 2026, tickets served through the staff
 * commands, a survey answer stored as the survey feature stores it, and a second branch.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllBranchesKpiReport, BranchKpiReport, ServiceReportView } from '@tellerline/contracts';
import { DEMO_HOURS } from '@tellerline/db';
import { local, managerAndTeller, MON, TUE, WED } from './booking-support.js';
import { check, type Schema } from './json-schema-check.js';
import { addBranchWithManager, HttpClient, PG_URL, waitFor } from './support.js';

// The demo's own hours (around the clock): the figures below come from customers served from 08:00.
const { setTime, at, command, kiosk, branchPath, booked } = managerAndTeller({ demoOpeningHours: DEMO_HOURS });
let north: string;
let admin: HttpClient;
let northManager: HttpClient;
let sql: pg.Client;
const tickets: string[] = [];

const kpis = (client: HttpClient, query = '', branchId = at.sys.branchId) => client.req('GET', `/api/v1/branches/${branchId}/kpis${query}`);
const comments = (client: HttpClient, query = '', branchId = at.sys.branchId) => client.req('GET', `/api/v1/branches/${branchId}/kpis/comments${query}`);

/** A download as the browser gets it: raw bytes (fetch's text() would drop the byte order mark). */
async function download(client: HttpClient, path: string) {
  const res = await fetch(at.sys.url + path, { headers: { cookie: client.cookie! } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  sql = new pg.Client({ connectionString: PG_URL });
  await sql.connect();
  await sql.query(`SET search_path TO "${at.sys.system.parts.config.databaseSchema}"`);
  // A second, ordinary branch with its own manager.
  north = await addBranchWithManager(at.sys, { code: 'north', zh: '北区支行', en: 'North Branch' }, 'north-manager');
  admin = new HttpClient(at.sys.url);
  await admin.login('admin');
  northManager = new HttpClient(at.sys.url);
  await northManager.login('north-manager');

  // Alice signed on at 08:00. Two customers for A (target 10 min): waits 6 and 18, services 10 and 4.
  for (const hm of ['08:00', '08:02']) {
    setTime(MON, hm);
    const r = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    tickets.push(r.body.data.ticketId);
  }
  for (const [i, call, done] of [[0, '08:06', '08:16'], [1, '08:20', '08:24']] as const) {
    setTime(MON, call);
    expect((await command('call-next')).body.data.called).toMatchObject({ ticketId: tickets[i] });
    expect((await command('start', { ticketId: tickets[i] })).status).toBe(200);
    setTime(MON, done);
    expect((await command('complete', { ticketId: tickets[i] })).status).toBe(200);
  }
  await sql.query(
    `INSERT INTO survey_responses (ticket_id, branch_id, service_id, staff_id, rating, comment, language, created_at) VALUES ($1, $2, $3, NULL, 4, $5, 'zh', $4)`,
    [tickets[0], at.sys.branchId, at.sys.service('A'), new Date(local(MON, '08:17')).toISOString(), '很好, "quick"。请回电 138 0013 8000 或 kim.lee@mail.example'],
  );
  setTime(MON, '08:30');
});

afterAll(async () => {
  await sql?.end();
});

describe('KPI reports', () => {
  it("give a manager their branch's figures after tickets served through the staff commands", async () => {
    const report = await waitFor('both completions projected', async () => {
      const r = await kpis(at.manager, `?from=${MON}&to=${MON}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.data as BranchKpiReport).totals.served === 2 ? (r.body.data as BranchKpiReport) : null;
    });
    expect(report).toMatchObject({ fromDay: MON, toDay: MON, branch: { id: at.sys.branchId, code: 'demo', pilot: true }, goals: { punctuality: 0.95, graceMin: 5 } });
    expect(report.totals).toEqual({
      issued: 2,
      served: 2,
      cancelled: 0,
      noShows: { called: 0, calledVisits: 2, calledShare: 0, booked: 0, bookingsDue: 0, bookedShare: null },
      wait: { called: 2, meanMin: 12, p90Min: 18, withinTarget: 1, withinTargetShare: 0.5 },
      serviceTime: { timed: 2, meanMin: 7 },
      transfers: { made: 0, waited: 0, waitMeanMin: null },
      satisfaction: { responses: 1, meanRating: 4, byRating: [0, 0, 0, 1, 0], responseRate: 0.5 },
      // Signed on 08:00 to now (08:30), serving 10 + 4 minutes.
      utilisation: { servingMin: 14, availableMin: 30, share: 14 / 30 },
      punctuality: { appointments: 0, onTime: 0, share: null },
    });
    expect(report.services.map((s) => [s.code, s.figures.issued])).toEqual([['A', 2]]);
    expect(report.days.map((d) => [d.day, d.figures.served])).toEqual([[MON, 2]]);
    expect(report.staff.map((s) => [s.displayName, s.figures.served, s.figures.utilisation.servingMin])).toEqual([['Alice', 2, 14]]);
    // Both joined between 08:00 and 08:59 Shanghai time (00:xx UTC) on the one Monday with tickets;
    // Alice was signed on from 08:00 to now (08:30): half the hour.
    expect(report.hours).toEqual([{ weekday: 1, hour: 8, days: 1, issued: 2, perDay: 2, wait: { called: 2, meanMin: 12, p90Min: 18, withinTarget: 1, withinTargetShare: 0.5 }, staffOnDuty: 0.5 }]);
    expect(report.comments).toEqual([{ day: MON, createdAt: local(MON, '08:17'), serviceCode: 'A', serviceName: { zh: expect.any(String), en: expect.any(String) }, rating: 4, comment: '很好, "quick"。请回电 138****8000 或 k••@mail.example' }]);
  });

  it('default to the last 28 business days, today included', async () => {
    const r = await kpis(at.manager);
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ fromDay: '2026-02-03', toDay: MON, totals: { issued: 2 } });
    expect((await kpis(at.manager, '?from=2026-02-20')).body.data).toMatchObject({ fromDay: '2026-02-20', toDay: '2026-03-19' });
  });

  it('are for the branch manager and admins: tellers, other branches and strangers are refused', async () => {
    expect(await kpis(at.alice)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await kpis(northManager)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await kpis(at.manager, '', north)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await kpis(new HttpClient(at.sys.url))).status).toBe(401);
    expect((await kpis(northManager, '', north)).status).toBe(200);
    expect((await kpis(admin, `?from=${MON}&to=${MON}`)).body.data.totals.served).toBe(2);
    expect(await kpis(admin, '', '00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { error: { code: 'BRANCH_UNKNOWN' } } });
    // Every branch side by side: admins only.
    for (const who of [at.manager, at.alice, northManager]) expect(await who.req('GET', '/api/v1/kpis')).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('refuse bad dates, a reversed range and more than 92 days', async () => {
    for (const q of ['?from=2026-13-01', '?to=yesterday', `?from=${MON}&to=2026-03-01`, '?from=2026-01-01&to=2026-04-03', '?format=xml', '?lang=fr', '?extra=1', '?from=2026-02-30']) {
      expect(await kpis(at.manager, q), q).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
      expect(await admin.req('GET', `/api/v1/kpis${q}`), q).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    }
    // 92 days, both ends included, is the most.
    expect((await kpis(at.manager, '?from=2026-01-01&to=2026-04-02')).status).toBe(200);
  });

  it('compare every branch for admins, pilot branches first, with pilot and other totals', async () => {
    const r = await admin.req('GET', `/api/v1/kpis?from=${MON}&to=${MON}`);
    expect(r.status).toBe(200);
    const all = r.body.data as AllBranchesKpiReport;
    expect(all.branches.map((b) => [b.code, b.pilot, b.figures.served])).toEqual([
      ['demo', true, 2],
      ['north', false, 0],
    ]);
    expect(all.branches[1]!.name).toEqual({ zh: '北区支行', en: 'North Branch' });
    expect(all.pilot.served).toBe(2);
    expect(all.others.issued).toBe(0);
    expect(all.totals.wait).toEqual({ called: 2, meanMin: 12, p90Min: 18, withinTarget: 1, withinTargetShare: 0.5 });
  });

  it('download as CSV with a byte order mark and a header row in the chosen language, audited', async () => {
    const branchCsv = await download(at.manager, `/api/v1/branches/${at.sys.branchId}/kpis.csv?from=${MON}&to=${MON}`);
    expect(branchCsv.status).toBe(200);
    expect(branchCsv.type).toBe('text/csv; charset=utf-8');
    expect(branchCsv.disposition).toBe(`attachment; filename="kpis-demo-${MON}-${MON}.csv"`);
    expect([...branchCsv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(branchCsv.bytes).slice(1).split('\r\n');
    expect(lines[0]!.startsWith('范围,代码/日期,名称,取号,已办结,已取消,过号,预约未到,已叫号,平均等候(分钟),90%等候(分钟)')).toBe(true);
    // Total: issued 2, served 2, ... mean wait 12, p90 18.
    expect(lines[1]!.startsWith('合计,demo,')).toBe(true);
    expect(lines[1]!.split(',').slice(3, 11)).toEqual(['2', '2', '0', '0', '0', '2', '12', '18']);
    // (The last columns, tickets and staff per day, are the hour rows' only.)
    expect(lines).toContain(`日期,${MON},,2,2,0,0,0,2,12,18,1,0.5,7,1,4,0,0,0,1,0,0.5,14,30,0.4667,0,0,,0,0,,2,0,0,,,`);
    expect(lines.some((l) => l.startsWith('员工,,Alice,2,2'))).toBe(true);
    // The hour of the week: issued and the waits, the other figures empty, tickets per day last.
    expect(lines[0]!.endsWith(',日均取号,平均在岗人数')).toBe(true);
    expect(lines).toContain(`时段,周一 08:00-09:00,,2,,,,,2,12,18,1,0.5${','.repeat(23)}2,0.5`);
    // The period right after the figures, then the survey comments under their own header (the comment's quotes doubled).
    const tail = lines.slice(-5);
    expect([tail[0], tail[1], tail[2], tail[4]]).toEqual([`期间,${MON}..${MON},`, '', '范围,日期,业务,评分,留言', '']);
    expect(tail[3]).toMatch(new RegExp(`^评价留言,${MON},A [^,]+,4,"很好, ""quick""。请回电 138\\*{4}8000 或 k••@mail\\.example"$`));

    const english = await download(at.manager, `/api/v1/branches/${at.sys.branchId}/kpis?format=csv&lang=en&from=${MON}&to=${MON}`);
    expect(english.type).toBe('text/csv; charset=utf-8');
    expect(new TextDecoder().decode(english.bytes).split('\r\n')[0]).toMatch(/^Scope,Code \/ day,Name,Issued,Served,/);

    const allCsv = await download(admin, `/api/v1/kpis.csv?from=${MON}&to=${MON}&lang=en`);
    expect(allCsv.status).toBe(200);
    const all = new TextDecoder().decode(allCsv.bytes).split('\r\n');
    expect(all.slice(1, 6).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['Pilot branch since 2026-01-01,demo,Main Branch,2', 'Branch,north,North Branch,0', 'Pilot branches,,,2', 'Other branches,,,0', 'Total,,,2']);
    expect((await download(at.alice, `/api/v1/branches/${at.sys.branchId}/kpis.csv`)).status).toBe(403);
    expect((await download(at.manager, '/api/v1/kpis.csv')).status).toBe(403);

    const audit = await sql.query<{ user_id: string | null; branch_id: string | null; details: Record<string, unknown> }>(`SELECT user_id, branch_id, details FROM audit_log WHERE action = 'export-kpis' ORDER BY id`);
    expect(audit.rows.map((r) => [r.branch_id, r.details])).toEqual([
      [at.sys.branchId, { scope: 'branch', from: MON, to: MON }],
      [at.sys.branchId, { scope: 'branch', from: MON, to: MON }],
      [null, { scope: 'all', from: MON, to: MON }],
    ]);
    expect(audit.rows.every((r) => r.user_id !== null)).toBe(true);
  });

  it("list every comment of the period apart from the report, for the branch's manager and admins only", async () => {
    const report = (await kpis(at.manager, `?from=${MON}&to=${MON}`)).body.data as BranchKpiReport;
    expect(report.commentCount).toBe(1);
    const all = await comments(at.manager, `?from=${MON}&to=${MON}`);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.data).toEqual({ fromDay: MON, toDay: MON, comments: report.comments });
    // The customer's number and address are masked here too, the rest as written.
    expect(all.body.data.comments[0].comment).toBe('很好, "quick"。请回电 138****8000 或 k••@mail.example');
    expect((await comments(admin, `?from=${MON}&to=${MON}`)).body.data.comments).toHaveLength(1);
    // The range rules are the report's.
    expect((await comments(at.manager, '?from=2026-01-01&to=2026-06-01')).status).toBe(400);
    expect((await comments(at.alice)).status).toBe(403);
    expect((await comments(northManager)).status).toBe(403);
  });

  it('answer as the OpenAPI document says', async () => {
    const doc = (await new HttpClient(at.sys.url).req('GET', '/api/v1/openapi.json')).body as Schema & { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>> };
    const answers: [string, string, Awaited<ReturnType<HttpClient['req']>>][] = [
      ['/api/v1/branches/{branchId}/kpis', '200', await kpis(at.manager, `?from=${MON}&to=${MON}`)],
      ['/api/v1/branches/{branchId}/kpis', '400', await kpis(at.manager, '?from=nope')],
      ['/api/v1/branches/{branchId}/kpis', '403', await kpis(at.alice)],
      ['/api/v1/branches/{branchId}/kpis/comments', '200', await comments(at.manager, `?from=${MON}&to=${MON}`)],
      ['/api/v1/branches/{branchId}/kpis/comments', '403', await comments(at.alice)],
      ['/api/v1/kpis', '200', await admin.req('GET', '/api/v1/kpis')],
      ['/api/v1/kpis', '403', await at.manager.req('GET', '/api/v1/kpis')],
    ];
    for (const [path, status, res] of answers) {
      expect(String(res.status)).toBe(status);
      const schema = doc.paths[path]!.get!.responses[status]!.content['application/json']!.schema;
      expect(check(schema, res.body, doc), `${path} ${status}`).toEqual([]);
    }
    expect(doc.paths['/api/v1/branches/{branchId}/kpis.csv']!.get!.responses['200']!.content['text/csv']).toBeDefined();
  });
});

describe('KPI reports of a transferred visit', () => {
  // Tuesday: a customer chooses A (target 10 min) and waits 12 minutes; Alice serves them 4
  // minutes and transfers them to B (target 15); they wait 3 more; Bob serves them 2 minutes.
  let ticketId: string;
  const TRANSFER_DAY = `?from=${TUE}&to=${TUE}`;

  beforeAll(async () => {
    const bob = new HttpClient(at.sys.url);
    await bob.login('bob');
    const byBob = (type: string, extra: Record<string, unknown> = {}) => bob.req('POST', branchPath('/commands'), { type, ...extra });
    setTime(TUE, '09:00');
    expect((await byBob('sign-on', { counterId: at.sys.counter('2') })).status).toBe(200);
    const issued = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    ticketId = issued.body.data.ticketId;
    setTime(TUE, '09:12');
    expect((await command('call-ticket', { ticketId, reason: 'kpi test' })).status).toBe(200);
    expect((await command('start', { ticketId })).status).toBe(200);
    setTime(TUE, '09:16');
    expect((await command('transfer', { ticketId, toServiceId: at.sys.service('B') })).status).toBe(200);
    setTime(TUE, '09:19');
    expect((await byBob('call-ticket', { ticketId, reason: 'kpi test' })).status).toBe(200);
    expect((await byBob('start', { ticketId })).status).toBe(200);
    setTime(TUE, '09:21');
    expect((await byBob('complete', { ticketId })).status).toBe(200);
    setTime(TUE, '09:30');
  });

  const report = () =>
    waitFor('the completion projected', async () => {
      const r = await kpis(at.manager, TRANSFER_DAY);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.data as BranchKpiReport).totals.served === 1 ? (r.body.data as BranchKpiReport) : null;
    });

  it("judge the visit's wait by the service chosen, and total its service over both counters", async () => {
    const r = await report();
    expect(r.totals).toMatchObject({
      issued: 1,
      served: 1,
      // 12 minutes is over A's target, though within B's where the customer ended up.
      wait: { called: 1, meanMin: 12, p90Min: 12, withinTarget: 0, withinTargetShare: 0 },
      serviceTime: { timed: 1, meanMin: 6 },
      transfers: { made: 1, waited: 1, waitMeanMin: 3 },
    });
  });

  it('give each service and each staff member their own stretch of it', async () => {
    const r = await report();
    const service = (code: string) => r.services.find((s) => s.code === code)?.figures;
    // Issued and waited under A; served 4 minutes under A and transferred out; served 2 under B.
    expect(service('A')).toMatchObject({ issued: 1, served: 0, wait: { called: 1, meanMin: 12, withinTarget: 0 }, serviceTime: { timed: 1, meanMin: 4 }, transfers: { made: 1, waited: 0 } });
    expect(service('B')).toMatchObject({ issued: 0, served: 1, wait: { called: 0, meanMin: null }, serviceTime: { timed: 1, meanMin: 2 }, transfers: { made: 0, waited: 1, waitMeanMin: 3 } });
    const staff = (name: string) => r.staff.find((s) => s.displayName === name)?.figures;
    expect(staff('Alice')).toMatchObject({ issued: 1, served: 0, wait: { called: 1, meanMin: 12 }, serviceTime: { timed: 1, meanMin: 4 }, transfers: { made: 1, waited: 0 }, utilisation: { servingMin: 4 } });
    // Alice called one customer and transferred them on: they came, so her no-show rate is 0 of 1, not of none.
    expect(staff('Alice')!.noShows).toMatchObject({ called: 0, calledVisits: 1, calledShare: 0 });
    expect(staff('Bob')).toMatchObject({ issued: 1, served: 1, wait: { called: 0 }, serviceTime: { timed: 1, meanMin: 2 }, transfers: { made: 0, waited: 1, waitMeanMin: 3 }, utilisation: { servingMin: 2 } });
  });

  it("agree with the visit's service report: the same wait, the wait after the transfer apart, the same service time", async () => {
    const kpi = await report();
    const r = await at.manager.req('GET', branchPath(`/tickets/${ticketId}/report`));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const visit = r.body.data as ServiceReportView;
    expect([visit.waitMin, visit.transferWaitMin, visit.serviceMin]).toEqual([kpi.totals.wait.meanMin, kpi.totals.transfers.waitMeanMin, kpi.totals.serviceTime.meanMin]);
    // Each leg's stretch is what its service and staff member were given.
    expect(visit.legs.map((l) => [l.service.code, l.staffName, l.serviceMin])).toEqual([
      ['A', 'Alice', kpi.services.find((s) => s.code === 'A')!.figures.serviceTime.meanMin],
      ['B', 'Bob', kpi.staff.find((s) => s.displayName === 'Bob')!.figures.serviceTime.meanMin],
    ]);
  });
});

describe('KPI waits of booked customers', () => {
  // Wednesday, three customers booked for A (target 10 min), checked in at the kiosk and served by
  // Alice. A booked customer's wait starts at max(check-in, slot), as in the routing simulator.
  const WED_ONLY = `?from=${WED}&to=${WED}`;
  const visits: string[] = [];

  beforeAll(async () => {
    setTime(TUE, '10:00');
    const slots = [await booked('A', local(WED, '10:00')), await booked('A', local(WED, '10:30')), await booked('A', local(WED, '11:00'))];
    // [slot, checked in, called]: 9 min early and called at the slot; 19 min early and called 12
    // min after it; 4 min late (within the 10 that keep the slot) and called 3 min after coming.
    const runs = [
      [slots[0]!, '09:51', '10:00'],
      [slots[1]!, '10:11', '10:42'],
      [slots[2]!, '11:04', '11:07'],
    ] as const;
    for (const [slot, checkIn, call] of runs) {
      setTime(WED, checkIn);
      const r = await kiosk().req('POST', branchPath('/check-in'), { code: slot.code });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.data).toMatchObject({ kind: 'appointment', late: false });
      const ticketId = r.body.data.ticketId as string;
      visits.push(ticketId);
      setTime(WED, call);
      expect((await command('call-next')).body.data.called).toMatchObject({ ticketId });
      expect((await command('start', { ticketId })).status).toBe(200);
      expect((await command('complete', { ticketId })).status).toBe(200);
    }
    setTime(WED, '12:00');
  });

  it('count from the slot for who came early and from check-in for who came late, in the report, the CSV and the all-branches view', async () => {
    const r = await waitFor('the three completions projected', async () => {
      const res = await kpis(at.manager, WED_ONLY);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.data as BranchKpiReport).totals.served === 3 ? (res.body.data as BranchKpiReport) : null;
    });
    // Waits 0, 12 and 3 (from check-in they would be 9, 31 and 3; from the slot 0, 12 and 7).
    // On time: the first and the last (within 5 min of the same start).
    const wait = { called: 3, meanMin: 5, p90Min: 12, withinTarget: 2, withinTargetShare: 2 / 3 };
    expect(r.totals).toMatchObject({ wait, punctuality: { appointments: 3, onTime: 2 } });
    // All three bookings were due and kept: no booked no-shows.
    expect(r.totals.noShows).toEqual({ called: 0, calledVisits: 3, calledShare: 0, booked: 0, bookingsDue: 3, bookedShare: 0 });
    expect(r.staff.find((s) => s.displayName === 'Alice')?.figures.wait).toEqual(wait);

    const all = (await admin.req('GET', `/api/v1/kpis${WED_ONLY}`)).body.data as AllBranchesKpiReport;
    expect(all.totals.wait).toEqual(wait);
    const csv = await download(at.manager, `/api/v1/branches/${at.sys.branchId}/kpis.csv${WED_ONLY}`);
    const total = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes).slice(1).split('\r\n')[1]!.split(',');
    // Called, mean wait, p90 wait, within target.
    expect(total.slice(8, 12)).toEqual(['3', '5', '12', '2']);
  });

  it("agree with each visit's service report", async () => {
    const waits = [];
    for (const ticketId of visits) {
      const r = await at.manager.req('GET', branchPath(`/tickets/${ticketId}/report`));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      waits.push((r.body.data as ServiceReportView).waitMin);
    }
    expect(waits).toEqual([0, 12, 3]);
  });
});

// Last: these switch the demo branch's pilot flag (a pilot since 2026-01-01, as seeded).
describe('KPI reports by pilot period', () => {
  const THU = '2026-03-05';
  const FRI = '2026-03-06';
  const pilotSwitch = async (pilot: boolean) => expect((await admin.req('PATCH', `/api/v1/branches/${at.sys.branchId}`, { pilot })).status).toBe(200);
  const allOf = async (query: string) => (await admin.req('GET', `/api/v1/kpis${query}`)).body.data as AllBranchesKpiReport;

  it('keep the pilot and other totals of a past period when the flag is switched off later', async () => {
    const before = await allOf(`?from=${MON}&to=${WED}`);
    expect(before.pilot.issued).toBeGreaterThan(0);
    setTime(THU, '10:00');
    await pilotSwitch(false);
    const after = await allOf(`?from=${MON}&to=${WED}`);
    expect(after.pilot).toEqual(before.pilot);
    expect(after.others).toEqual(before.others);
    expect(after.branches[0]).toMatchObject({ code: 'demo', pilot: true, pilotPeriods: [{ from: '2026-01-01', to: THU }] });
  });

  it("compare a branch's figures before its pilot began with as many open days from it on", async () => {
    setTime(FRI, '09:00');
    await pilotSwitch(true);
    await command('sign-on', { counterId: at.sys.counter('1') }); // refused if still signed on: either way on duty
    const ticket = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
    expect(ticket.status).toBe(201);
    setTime(FRI, '09:05');
    expect((await command('call-next')).status).toBe(200);
    const report = await waitFor('the Friday call projected', async () => {
      const r = (await kpis(at.manager, `?from=${FRI}&to=${FRI}`)).body.data as BranchKpiReport;
      return r.totals.wait.called === 1 ? r : null;
    });
    // One day asked: the last open day before the pilot (Wednesday's three booked visits, waits 0, 12, 3) against Friday's.
    expect(report.branch.pilotPeriods).toEqual([{ from: '2026-01-01', to: THU }, { from: FRI, to: null }]);
    expect(report.pilotComparison).toMatchObject({
      start: FRI,
      days: 1,
      before: { fromDay: WED, toDay: WED, days: 1, figures: { issued: 3, wait: { meanMin: 5, p90Min: 12 } } },
      after: { fromDay: FRI, toDay: FRI, days: 1, figures: { issued: 1, wait: { meanMin: 5 } } },
    });
    // Five days asked: the open days before (Monday to Wednesday, each with tickets) against the pilot's one day so far.
    const week = (await kpis(at.manager, `?from=${MON}&to=${FRI}`)).body.data as BranchKpiReport;
    expect(week.pilotComparison).toMatchObject({ start: FRI, days: 5, before: { fromDay: MON, toDay: WED, days: 3 }, after: { fromDay: FRI, toDay: FRI, days: 1 } });
    // The all-branches row names both periods of the week.
    expect((await allOf(`?from=${MON}&to=${FRI}`)).branches[0]).toMatchObject({ code: 'demo', pilot: true, pilotPeriods: [{ from: '2026-01-01', to: THU }, { from: FRI, to: null }] });
  });
});
