/**
 * The managers' booking rules save through the real API, on PostgreSQL and Redis: all or nothing
 * when the live queue refuses, what the audit log records, and the rules and ids it refuses.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { managerAndTeller, MON } from './booking-support.js';
import { HttpClient, PG_URL } from './support.js';

const { setTime, at, kiosk, branchPath } = managerAndTeller();

/** Booking rules audit rows of the branch, oldest first. */
async function settingsAudits() {
  const rows = await at.sys.system.parts.db.audit.list(at.sys.branchId, 500);
  return rows.filter((e) => e.action === 'booking-settings').reverse();
}

/** Runs SQL in the test system's own schema (what no endpoint does: take a service out of use). */
async function sql(text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`set search_path to "${at.sys.system.parts.config.databaseSchema}"`);
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

const settings = async () => (await at.manager.req('GET', branchPath('/booking/settings'))).body.data as { services: Record<string, { walkIns: boolean; walkInShare: number; bookable: boolean }> };

describe('booking rules save', () => {
  it('saves nothing when the live queue refuses the change: the booking page and the kiosk keep agreeing', async () => {
    setTime(MON, '10:00');
    const [a, d] = [at.sys.service('A'), at.sys.service('D')];
    // D has a customer waiting, and is then taken out of use in the database behind the live
    // queue's back: any configure now orphans that ticket, so the live queue refuses it.
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: d })).status).toBe(201);
    await sql('update services set active = false where id = $1', [d]);
    const before = await settings();
    const audits = (await settingsAudits()).length;

    const r = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { remoteQueue: true }, services: { [a]: { walkIns: false } } });
    expect([r.status, r.body.error?.code]).toEqual([409, 'CONFIG_CONFLICT']);

    const after = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data;
    expect(after.services[a]).toEqual(before.services[a]);
    expect(after.services[a]).toMatchObject({ walkIns: true, walkInShare: 0.25 });
    // The whole save is undone, not only the part the live queue refused.
    expect(after.settings.remoteQueue).toBe(false);
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: a })).status).toBe(201);
    expect((await settingsAudits()).length).toBe(audits);

    // With D back in use, the same save goes through, live and stored alike.
    await sql('update services set active = true where id = $1', [d]);
    const ok = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [a]: { walkIns: false } } });
    expect(ok.status).toBe(200);
    expect((await settings()).services[a]).toMatchObject({ walkIns: false, walkInShare: 0 });
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: a })).body.error.code).toBe('SERVICE_APPOINTMENT_ONLY');
    await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [a]: { walkIns: true } } });
  });

  it('audits what changed, field by field, and nothing for a save that changes nothing', async () => {
    const [b, c] = [at.sys.service('B'), at.sys.service('C')];
    const staffId = Object.keys((await at.manager.req('GET', branchPath('/booking/settings'))).body.data.rosters)[0]!;
    const audits = (await settingsAudits()).length;

    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), {})).status).toBe(200);
    expect((await settingsAudits()).length).toBe(audits);

    const roster = { mon: [{ open: '09:00', close: '13:00' }] };
    const saved = await at.manager.saveBookingSettings(branchPath('/booking/settings'), {
      settings: { minNoticeMin: 120, closures: [{ date: '2026-04-06', reason: 'Qingming' }] },
      services: { [b]: { walkIns: false, bufferAfterMin: 5 }, [c]: {} },
      rosters: { [staffId]: roster },
    });
    expect(saved.status).toBe(200);
    const rows = await settingsAudits();
    expect(rows.length).toBe(audits + 1);
    const details = rows.at(-1)!.details as Record<string, unknown>;
    expect(details.parts).toEqual(['settings', 'closures', 'services', 'rosters']);
    expect(details.settings).toEqual({ minNoticeMin: { from: 60, to: 120 } });
    expect(details.closures).toEqual({ added: [{ date: '2026-04-06', reason: 'Qingming' }], removed: [] });
    // C was sent as it was: not a change.
    expect(details.services).toEqual([
      { id: b, code: 'B', changes: { walkIns: { from: true, to: false }, walkInShare: { from: 0.25, to: 0 }, bufferAfterMin: { from: 0, to: 5 } } },
    ]);
    expect(details.rosters).toEqual([{ staffId, from: null, to: roster }]);

    // The same again changes nothing: no new row.
    await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [b]: { walkIns: false, bufferAfterMin: 5 } } });
    expect((await settingsAudits()).length).toBe(audits + 1);
    await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [b]: {} } });
  });

  it('refuses a service nobody could get: no walk-ins and no bookings', async () => {
    const d = at.sys.service('D');
    const before = await settings();
    const r = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [d]: { walkIns: false, bookable: false } } });
    expect([r.status, r.body.error.code]).toEqual([422, 'SERVICE_UNREACHABLE']);
    expect(r.body.error.message).toMatch(/neither walk-ins nor bookings/);
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toEqual([`services.${d}.walkIns`, `services.${d}.bookable`]);
    expect((await settings()).services[d]).toEqual(before.services[d]);
    for (const ok of [{ walkIns: false }, { bookable: false }]) {
      expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [d]: ok } })).status).toBe(200);
    }
    await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [d]: {} } });
  });

  it('refuses built-in names and unknown ids as service and staff ids', async () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const part of ['rosters', 'services']) {
        // Sent as written: JSON.stringify of an object literal would not keep a "__proto__" key.
        const r = await at.manager.saveBookingSettings(branchPath('/booking/settings'), `{"${part}":{"${key}":${part === 'rosters' ? 'null' : '{}'}}}`);
        expect([r.status, r.body.error.code], `${part}.${key}`).toEqual([400, 'VALIDATION_FAILED']);
        expect(r.body.error.issues[0].path).toBe(`${part}.${key}`);
      }
    }
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { rosters: { 'no-such-staff': null } })).body.error.code).toBe('UNKNOWN_STAFF');
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { services: { 'no-such-service': {} } })).body.error.code).toBe('UNKNOWN_SERVICE');
  });

  it('refuses a roster whose shifts overlap, end before they start or leave the day, naming the day; nothing is stored', async () => {
    const before = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data;
    const staffId = Object.keys(before.rosters)[0]!;
    const refused = [
      [{ mon: [{ open: '09:00', close: '12:00' }, { open: '11:30', close: '17:00' }] }, `rosters.${staffId}.mon`],
      [{ tue: [{ open: '13:00', close: '09:00' }] }, `rosters.${staffId}.tue.0.close`],
      [{ wed: [{ open: '09:00', close: '24:00' }] }, `rosters.${staffId}.wed.0.close`],
    ] as const;
    for (const [roster, path] of refused) {
      const r = await at.manager.req('PUT', branchPath('/booking/settings'), { version: before.version, rosters: { [staffId]: roster } });
      expect([r.status, r.body.error.code], path).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
    }
    const after = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data;
    expect([after.version, after.rosters[staffId]]).toEqual([before.version, before.rosters[staffId]]);
    // Shifts that only touch are two shifts, not an overlap.
    const touching = { mon: [{ open: '09:00', close: '12:00' }, { open: '12:00', close: '17:00' }] };
    const ok = await at.manager.req('PUT', branchPath('/booking/settings'), { version: before.version, rosters: { [staffId]: touching } });
    expect([ok.status, ok.body.data.rosters[staffId]]).toEqual([200, touching]);
    await at.manager.saveBookingSettings(branchPath('/booking/settings'), { rosters: { [staffId]: before.rosters[staffId] } });
  });

  it('refuses a closure that ends before it starts', async () => {
    const r = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { closures: [{ date: '2026-04-06', until: '2026-04-01' }] } });
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(r.body.error.issues).toEqual([{ path: 'settings.closures.0.until', message: expect.stringMatching(/on or after date/) }]);
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { closures: [{ date: '2026-04-06', until: '2026-04-06' }] } })).status).toBe(200);
  });
});

describe('two saves at once (optimistic concurrency)', () => {
  const view = async () => (await at.manager.req('GET', branchPath('/booking/settings'))).body.data as { version: number; settings: Record<string, unknown>; services: Record<string, Record<string, unknown>> };

  it('takes one of two saves made from the same version and refuses the other with STALE_SETTINGS and what is stored now', async () => {
    const b = at.sys.service('B');
    const other = new HttpClient(at.sys.url);
    await other.login('manager');
    for (let round = 0; round < 4; round++) {
      const read = await view();
      // Two managers opened the screen at the same version and save different rules for B.
      const [one, two] = await Promise.all([
        at.manager.req('PUT', branchPath('/booking/settings'), { version: read.version, services: { [b]: { bufferAfterMin: 10 + round } } }),
        other.req('PUT', branchPath('/booking/settings'), { version: read.version, services: { [b]: { bufferAfterMin: 20 + round } } }),
      ]);
      const statuses = [one.status, two.status].sort();
      expect(statuses, JSON.stringify([one.body, two.body])).toEqual([200, 409]);
      const [won, lost] = one.status === 200 ? [one, two] : [two, one];
      expect(lost.body.error.code).toBe('STALE_SETTINGS');
      expect(lost.body.error.message).toMatch(/changed these settings since you opened them/);
      // details.current: exactly what is stored now, the winner's save, with its version.
      const stored = await view();
      expect(lost.body.error.details.current).toEqual(stored);
      expect(stored.version).toBe(read.version + 1);
      expect(stored.services[b]!.bufferAfterMin).toBe(won.body.data.services[b].bufferAfterMin);
      // Saving again from what the refusal said goes through.
      const again = await (lost === one ? at.manager : other).req('PUT', branchPath('/booking/settings'), { version: stored.version, services: { [b]: { bufferAfterMin: 0 } } });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    }
    const audits = (await settingsAudits()).map((e) => e.details as { services?: { changes: Record<string, unknown> }[] });
    // The refused saves left no audit row: each round audited the winner and the retry only.
    expect(audits.slice(-8).every((d) => d.services?.length === 1)).toBe(true);
  });

  it("lets the set-up screen's early window change walkInEarlyMin alone, never the booking rules saved meanwhile", async () => {
    const b = at.sys.service('B');
    const read = await view();
    const early = read.settings.walkInEarlyMin as number;
    const [rules, patched] = await Promise.all([
      at.manager.req('PUT', branchPath('/booking/settings'), { version: read.version, settings: { ...read.settings, minNoticeMin: 240 }, services: { [b]: { bufferAfterMin: 7 } } }),
      at.manager.req('PATCH', branchPath('/booking/settings'), { settings: { walkInEarlyMin: early + 15 }, expected: { walkInEarlyMin: early } }),
    ]);
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const stored = await view();
    // Both landed: the PATCH did not write back the old minNoticeMin or B's rules; the whole-settings
    // save either came first or was refused as stale (it was based on the version before the PATCH).
    expect(stored.settings.walkInEarlyMin).toBe(early + 15);
    if (rules.status === 200) {
      expect(stored.settings.minNoticeMin).toBe(240);
      expect(stored.services[b]!.bufferAfterMin).toBe(7);
    } else {
      expect(rules.body.error.code).toBe('STALE_SETTINGS');
      expect(stored.settings.minNoticeMin).toBe(read.settings.minNoticeMin);
    }

    // A colleague changed the early window since this screen read it: refused, with what is stored.
    const stale = await at.manager.req('PATCH', branchPath('/booking/settings'), { settings: { walkInEarlyMin: 5 }, expected: { walkInEarlyMin: early } });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'STALE_SETTINGS']);
    expect(stale.body.error.details.current.settings.walkInEarlyMin).toBe(early + 15);
    expect((await view()).settings.walkInEarlyMin).toBe(early + 15);

    for (const bad of [{ settings: {} }, { settings: { walkInEarlyMin: 241 } }, { settings: { closures: [] } }, { settings: { walkInEarlyMin: 5 }, version: 1 }]) {
      const r = await at.manager.req('PATCH', branchPath('/booking/settings'), bad);
      expect([r.status, r.body.error.code], JSON.stringify(bad)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const teller = await at.alice.req('PATCH', branchPath('/booking/settings'), { settings: { walkInEarlyMin: 5 } });
    expect(teller.status).toBe(403);
    const now = (await view()).settings;
    const restored = await at.manager.req('PATCH', branchPath('/booking/settings'), {
      settings: { walkInEarlyMin: early, minNoticeMin: read.settings.minNoticeMin as number },
      expected: { walkInEarlyMin: now.walkInEarlyMin as number, minNoticeMin: now.minNoticeMin as number },
    });
    expect(restored.status).toBe(200);
    // Audited like any settings save: the fields it changed, from what it replaced.
    const audited = (await settingsAudits()).at(-1)!.details as { parts: string[]; settings: Record<string, { from: unknown; to: unknown }> };
    expect(audited.parts).toEqual(['settings']);
    expect(audited.settings.walkInEarlyMin).toEqual({ from: early + 15, to: early });
  });
});

describe('every write of booking settings says what it is based on', () => {
  it('refuses a PUT without version (400 naming the field) and writes nothing, so it cannot overwrite a save it never saw', async () => {
    const read = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data;
    // A colleague saves meanwhile.
    const colleague = await at.manager.req('PUT', branchPath('/booking/settings'), { version: read.version, settings: { ...read.settings, maxDaysAhead: read.settings.maxDaysAhead + 1 } });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(200);
    // An API caller that read before that save and sends no version.
    const blind = await at.manager.req('PUT', branchPath('/booking/settings'), { settings: read.settings });
    expect([blind.status, blind.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(blind.body.error.issues).toEqual([expect.objectContaining({ path: 'version' })]);
    expect(blind.body.error.message).toMatch(/version/);
    expect((await at.manager.req('GET', branchPath('/booking/settings'))).body.data).toEqual(colleague.body.data);
    // With the version it read, the same save is told what changed (STALE_SETTINGS), not applied.
    const stale = await at.manager.req('PUT', branchPath('/booking/settings'), { version: read.version, settings: read.settings });
    expect([stale.status, stale.body.error?.code]).toEqual([409, 'STALE_SETTINGS']);
  });

  it('refuses a PATCH that does not say what it expects of each field it changes', async () => {
    const read = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data;
    const path = branchPath('/booking/settings');
    for (const body of [{ settings: { walkInEarlyMin: 45 } }, { settings: { walkInEarlyMin: 45, remoteQueue: true }, expected: { walkInEarlyMin: read.settings.walkInEarlyMin } }]) {
      const r = await at.manager.req('PATCH', path, body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(body.expected ? 'expected.remoteQueue' : 'expected.walkInEarlyMin');
    }
    expect((await at.manager.req('GET', path)).body.data).toEqual(read);
    const ok = await at.manager.req('PATCH', path, { settings: { walkInEarlyMin: 45 }, expected: { walkInEarlyMin: read.settings.walkInEarlyMin } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data.settings.walkInEarlyMin).toBe(45);
  });
});
