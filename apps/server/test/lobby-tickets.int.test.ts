/**
 * Priority tickets from the staff panel. The help assistant tells customers to "ask a member of
 * staff in the lobby, who will give you a priority ticket": any staff member of the branch (a
 * teller, the lobby manager without a counter) issues one, or raises a waiting ticket's class;
 * both are audited with the class and that a reason was given (never the reason: health data),
 * and routing calls the customer first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, kioskTicket, openSocket, startSignedOn, type ClientSocket, type TestSystem } from './support.js';

const ORIGIN = 'http://allowed.test';
let sys: TestSystem;
let alice: HttpClient;
let manager: HttpClient;
const commands = () => `/api/v1/branches/${sys.branchId}/commands`;

interface AuditRow {
  action: string;
  userId: string | null;
  ticketId: string | null;
  details: Record<string, unknown>;
}

async function audit(ticketId: string): Promise<AuditRow[]> {
  const r = await manager.req('GET', `/api/v1/branches/${sys.branchId}/audit?limit=200`);
  expect(r.status).toBe(200);
  return (r.body.data as AuditRow[]).filter((e) => e.ticketId === ticketId);
}

const kioskIssue = (code: string) => kioskTicket(sys, code);

/** Alice calls next, then finishes the customer; returns who was called. */
async function callAndFinish(): Promise<string> {
  const r = await alice.req('POST', commands(), { type: 'call-next' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const id = r.body.data.called.ticketId as string;
  await alice.req('POST', commands(), { type: 'start', ticketId: id });
  await alice.req('POST', commands(), { type: 'complete', ticketId: id });
  return id;
}

beforeAll(async () => {
  ({ sys, client: alice } = await startSignedOn({}, 'alice', '1'));
  manager = new HttpClient(sys.url);
  await manager.login('manager');
});

afterAll(async () => {
  await sys?.close();
});

describe('issue-ticket (staff panel)', () => {
  it("issues a priority ticket the customer's phone page opens, audits the class but not the reason, and routes it before an earlier normal one", async () => {
    const earlier = await kioskIssue('A');
    const r = await alice.req('POST', commands(), { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'priority', reason: 'elderly' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const issued = r.body.data.issued as { ticketId: string; number: string; token: string; serviceId: string };
    expect(issued).toMatchObject({ number: 'A002', serviceId: sys.service('A') });
    expect(r.body.data.events).toEqual([expect.objectContaining({ type: 'ticket-issued' })]);

    // The phone page the panel links to (and shows as a QR code) is the customer's own.
    const phone = await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${issued.token}`);
    expect(phone.status).toBe(200);
    expect(phone.body.data).toMatchObject({ number: 'A002', status: 'waiting', ahead: 0 });

    const [entry] = await audit(issued.ticketId);
    expect(entry).toMatchObject({ action: 'issue', details: { priority: 'priority', reasonGiven: 'yes', issuedBy: 'staff' } });
    expect(entry!.details).not.toHaveProperty('reason');
    expect(JSON.stringify(entry)).not.toContain('elderly');
    expect(entry!.userId).not.toBeNull();

    // Priority goes first, though the normal ticket joined earlier.
    expect(await callAndFinish()).toBe(issued.ticketId);
    expect(await callAndFinish()).toBe(earlier.ticketId);
  });

  it('is open to the lobby manager, who has no counter, and over the socket the panel uses', async () => {
    const socket: ClientSocket = await openSocket(sys.url, { cookie: manager.cookie ?? '', origin: ORIGIN });
    try {
      const res = (await socket.timeout(3000).emitWithAck('staff:command', { type: 'issue-ticket', serviceId: sys.service('B'), priority: 'vip', reason: 'Private banking client' })) as {
        data?: { issued?: { ticketId: string; number: string; token: string } };
      };
      expect(res.data?.issued?.number).toBe('B001');
      expect(res.data?.issued?.token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      // Out of the way of the next tests (alice serves B too).
      expect((await alice.req('POST', commands(), { type: 'cancel', ticketId: res.data!.issued!.ticketId })).status).toBe(200);
    } finally {
      socket.close();
    }
    // Counter work still needs a counter role.
    const refused = await manager.req('POST', commands(), { type: 'call-next' });
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses a priority class without a reason, and nobody signed out may issue', async () => {
    const noReason = await alice.req('POST', commands(), { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'priority' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    // A normal ticket takes no reason: one sent anyway is ignored, not audited as given.
    const normal = await alice.req('POST', commands(), { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'normal', reason: 'just because' });
    expect(normal.status, JSON.stringify(normal.body)).toBe(200);
    const [issuedNormal] = await audit(normal.body.data.issued.ticketId);
    expect(issuedNormal?.details).toMatchObject({ priority: 'normal', issuedBy: 'staff' });
    expect(issuedNormal?.details).not.toHaveProperty('reasonGiven');
    expect(JSON.stringify(issuedNormal)).not.toContain('just because');
    // Leaves the queue as it was for the tests below.
    expect((await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${normal.body.data.issued.token}/cancel`, {})).status).toBe(200);
    const anonymous = await new HttpClient(sys.url).req('POST', commands(), { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'normal' });
    expect(anonymous.status).toBe(401);
  });
});

describe('raise-priority (staff panel)', () => {
  it('raises a waiting ticket with a reason (audited as given, never stored), which then goes first; never lowers', async () => {
    const first = await kioskIssue('A');
    const second = await kioskIssue('A');
    const r = await manager.req('POST', commands(), { type: 'raise-priority', ticketId: second.ticketId, priority: 'priority', reason: 'pregnant' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.events).toEqual([expect.objectContaining({ type: 'ticket-priority-raised' })]);
    const queue = await alice.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`);
    expect((queue.body.data.tickets as { id: string; priority: string }[]).find((t) => t.id === second.ticketId)?.priority).toBe('priority');
    const raised = (await audit(second.ticketId)).find((e) => e.action === 'raise-priority');
    expect(raised?.details).toMatchObject({ priority: 'priority', reasonGiven: 'yes' });
    expect(raised?.details).not.toHaveProperty('reason');

    const lower = await manager.req('POST', commands(), { type: 'raise-priority', ticketId: second.ticketId, priority: 'priority', reason: 'again' });
    expect(lower.status).toBe(200);
    expect(lower.body.data.events).toEqual([]);

    expect(await callAndFinish()).toBe(second.ticketId);
    // Not waiting any more: nothing to raise.
    const gone = await manager.req('POST', commands(), { type: 'raise-priority', ticketId: second.ticketId, priority: 'vip', reason: 'late' });
    expect(gone.body.error.code).toBe('UNKNOWN_TICKET');
    expect(await callAndFinish()).toBe(first.ticketId);
  });

  it('keeps no reason anywhere a manager or the customer reads: audit CSV (zh, en), ticket page, staff queue, service report', async () => {
    const t = await kioskIssue('A');
    const reason = 'Wheelchair user, hearing aid';
    expect((await manager.req('POST', commands(), { type: 'raise-priority', ticketId: t.ticketId, priority: 'vip', reason })).status).toBe(200);
    const issued = await alice.req('POST', commands(), { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'priority', reason: 'pregnant' });
    const other = issued.body.data.issued as { ticketId: string; token: string };
    for (const lang of ['zh', 'en']) {
      const res = await fetch(`${sys.url}/api/v1/branches/${sys.branchId}/audit?format=csv&lang=${lang}`, { headers: { cookie: manager.cookie! } });
      expect(res.status).toBe(200);
      const csv = await res.text();
      // Both entries are in the file, with their class and that a reason was given (labelled as on the audit screen)...
      const lines = csv.split('\r\n');
      // (in the file's words, not the stored codes: "vip", "yes", "staff").
      const w = lang === 'zh'
        ? { vip: '优先级：VIP', priority: '优先级：优先', reason: '已填写原因：是', staff: '取号方：员工工作台' }
        : { vip: 'Priority: VIP', priority: 'Priority: Priority', reason: 'Reason given: Yes', staff: 'Issued by: Staff panel' };
      expect(lines.some((line) => line.includes(w.vip) && line.includes(w.reason))).toBe(true);
      expect(lines.some((line) => line.includes(w.priority) && line.includes(w.staff) && line.includes(w.reason))).toBe(true);
      // ...and neither reason.
      expect(csv).not.toMatch(/Wheelchair|hearing aid|pregnant/);
    }
    const audit = await manager.req('GET', `/api/v1/branches/${sys.branchId}/audit?limit=200`);
    expect(JSON.stringify(audit.body)).not.toMatch(/Wheelchair|hearing aid|pregnant/);
    const queue = await alice.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`);
    expect(JSON.stringify(queue.body)).not.toMatch(/Wheelchair|hearing aid|pregnant/);
    for (const token of [t.token, other.token]) {
      const page = await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${token}`);
      expect(JSON.stringify(page.body)).not.toMatch(/Wheelchair|hearing aid|pregnant/);
    }
    expect(await callAndFinish()).toBe(t.ticketId);
    const report = await alice.req('GET', `/api/v1/branches/${sys.branchId}/tickets/${t.ticketId}/report`);
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).not.toMatch(/Wheelchair|hearing aid/);
    expect(await callAndFinish()).toBe(other.ticketId);
  });

  it('refuses to lower a class (409 PRIORITY_NOT_RAISED)', async () => {
    const t = await kioskIssue('A');
    await manager.req('POST', commands(), { type: 'raise-priority', ticketId: t.ticketId, priority: 'vip', reason: 'Private banking client' });
    const r = await manager.req('POST', commands(), { type: 'raise-priority', ticketId: t.ticketId, priority: 'priority', reason: 'elderly' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PRIORITY_NOT_RAISED');
    await callAndFinish();
  });
});
