/**
 * A manager keeps their own branch's address (PUT /branches/:id/address) and nothing else of the
 * admins' through it: saved and audited, refused with STALE_BRANCH when a colleague saved another
 * meanwhile; another branch's, a teller's try, or a name slipped into the body are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { addBranchWithManager, HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
let manager: HttpClient;
let alice: HttpClient;
let otherBranch: string;

const ADDRESS = { zh: '北京市西城区复兴门内大街 55 号', en: '55 Fuxingmennei Avenue, Beijing' };
const path = (branchId: string) => `/api/v1/branches/${branchId}/address`;
const stored = async () => ((await new HttpClient(sys.url).req('GET', '/api/v1/branches')).body.data as BranchListItem[]).find((b) => b.id === sys.branchId)!;

beforeAll(async () => {
  sys = await startTestSystem();
  manager = new HttpClient(sys.url);
  await manager.login('manager');
  alice = new HttpClient(sys.url);
  await alice.login('alice');
  otherBranch = await addBranchWithManager(sys, { code: 'bj-other', zh: '别的网点', en: 'Other' }, 'other-manager');
});

afterAll(async () => {
  await sys?.close();
});

describe("a manager sets their own branch's address", () => {
  it('saves both languages, changes nothing else, and is audited with what changed', async () => {
    const before = await stored();
    const res = await manager.req('PUT', path(sys.branchId), { address: { zh: ` ${ADDRESS.zh} `, en: ADDRESS.en }, expected: { address: before.address } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual({ ...before, address: ADDRESS });
    const entries = (await sys.system.parts.db.audit.list(sys.branchId, 20)).filter((e) => e.action === 'update-branch');
    expect(entries[0]).toMatchObject({ role: 'manager', details: { code: 'demo', changes: { address: { from: before.address, to: ADDRESS } } } });

    // The same address again changes nothing and leaves no entry.
    expect((await manager.req('PUT', path(sys.branchId), { address: ADDRESS })).status).toBe(200);
    expect((await sys.system.parts.db.audit.list(sys.branchId, 20)).filter((e) => e.action === 'update-branch')).toHaveLength(entries.length);
  });

  it('refuses with STALE_BRANCH when the address shown is not the one stored now, saving nothing', async () => {
    const res = await manager.req('PUT', path(sys.branchId), { address: { zh: '新地址', en: null }, expected: { address: { zh: null, en: null } } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('STALE_BRANCH');
    expect(res.body.error.details.current.address).toEqual(ADDRESS);
    expect((await stored()).address).toEqual(ADDRESS);
  });

  it("refuses another branch's address (403), a teller (403), and any other field in the body (400)", async () => {
    const other = await manager.req('PUT', path(otherBranch), { address: ADDRESS });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const teller = await alice.req('PUT', path(sys.branchId), { address: { zh: '柜员改的', en: null } });
    expect(teller.status).toBe(403);
    expect(teller.body.error.code).toBe('FORBIDDEN');
    const named = await manager.req('PUT', path(sys.branchId), { address: ADDRESS, name: { zh: '改名', en: 'Renamed' } });
    expect(named.status).toBe(400);
    expect(named.body.error.code).toBe('VALIDATION_FAILED');
    expect((await stored())).toMatchObject({ address: ADDRESS, name: { en: 'Main Branch' } });
  });
});
