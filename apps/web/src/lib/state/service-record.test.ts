import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceRecordView } from '@tellerline/contracts';
import { ServiceRecordDraft } from './service-record.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';
import { memoryStorage } from '$lib/testing/memory-storage.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const PATH = '/api/v1/branches/b1/tickets/t1/record';
const stored = (notes: string, outcome: ServiceRecordView['outcome'], updatedAt = 1000): ServiceRecordView => ({ ticketId: 't1', staffId: 's1', staffName: 'Alice', notes, outcome, updatedAt });

afterEach(() => vi.unstubAllGlobals());

describe('ServiceRecordDraft', () => {
  it('loads what was saved before, and saves notes and outcome with the time', async () => {
    const sent = fakeApi({
      [`GET ${PATH}`]: [() => json(200, { data: { record: stored('earlier', 'follow-up', 500), visit: null } })],
      [`PUT ${PATH}`]: [() => json(200, { data: stored('earlier\nand more', 'resolved', 2000) })],
    });
    const d = new ServiceRecordDraft('b1', 't1', 'A001');
    await d.load();
    expect([d.notes, d.outcome, d.savedAt, d.dirty]).toEqual(['earlier', 'follow-up', 500, false]);
    d.notes = 'earlier\nand more';
    d.outcome = 'resolved';
    expect(d.dirty).toBe(true);
    expect(await d.save()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: PATH, body: { notes: 'earlier\nand more', outcome: 'resolved' } });
    expect([d.dirty, d.savedAt, d.error]).toEqual([false, 2000, null]);
  });

  it('does not send a draft the server would refuse, and says why', async () => {
    const sent = fakeApi({ [`GET ${PATH}`]: [() => json(200, { data: { record: null, visit: null } })] });
    const d = new ServiceRecordDraft('b1', 't1', 'A001');
    await d.load();
    d.notes = 'typed but no outcome';
    expect(await d.save()).toBe(false);
    expect(d.error).toBe('noOutcome');
    d.outcome = 'resolved';
    d.notes = 'x'.repeat(2001);
    expect(await d.save()).toBe(false);
    expect(d.error).toBe('tooLong');
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
    expect(d.dirty).toBe(true);
  });

  it('keeps the typed text when the server refuses, with its code', async () => {
    fakeApi({ [`PUT ${PATH}`]: [() => json(403, { error: { code: 'RECORD_NOT_YOURS', message: 'no' } })] });
    const d = new ServiceRecordDraft('b1', 't1', 'A001');
    d.notes = 'important';
    d.outcome = 'referred';
    expect(await d.save()).toBe(false);
    expect([d.error, d.notes, d.dirty]).toEqual(['RECORD_NOT_YOURS', 'important', true]);
  });

  it('does not overwrite what the teller is typing with a late load', async () => {
    let answer: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))));
    const d = new ServiceRecordDraft('b1', 't1', 'A001');
    const loading = d.load();
    d.notes = 'typing already';
    answer(json(200, { data: stored('old', 'resolved') }));
    await loading;
    expect([d.notes, d.loading]).toEqual(['typing already', false]);
  });

  it('a save pressed twice waits for the first and sends nothing more when nothing changed', async () => {
    const sent = fakeApi({ [`PUT ${PATH}`]: [() => json(200, { data: stored('n', 'resolved') })] });
    const d = new ServiceRecordDraft('b1', 't1', 'A001');
    d.notes = 'n';
    d.outcome = 'resolved';
    const [a, b] = await Promise.all([d.save(), d.save()]);
    expect([a, b]).toEqual([true, true]);
    expect(sent.filter((s) => s.method === 'PUT')).toHaveLength(1);
  });

  describe('kept across a reload of the tab', () => {
    const keeping = (storage: ReturnType<typeof memoryStorage>, userId = 'u1') => ({ drafts: storage, userId });

    it('brings back what the same staff member typed for the same ticket, once', () => {
      const storage = memoryStorage();
      const before = new ServiceRecordDraft('b1', 't1', 'A001', undefined, keeping(storage));
      before.notes = 'asked about a mortgage';
      before.remember(1000);
      expect(storage.items.size).toBe(1);

      const after = new ServiceRecordDraft('b1', 't1', 'A001', undefined, keeping(storage));
      after.restore(2000);
      expect([after.notes, after.outcome, after.dirty]).toEqual(['asked about a mortgage', null, true]);
      const again = new ServiceRecordDraft('b1', 't1', 'A001', undefined, keeping(storage));
      again.restore(3000);
      expect(again.notes).toBe('');
    });

    it('does not give the draft to another staff member or for another ticket', () => {
      const storage = memoryStorage();
      const typed = new ServiceRecordDraft('b1', 't1', 'A001', undefined, keeping(storage));
      typed.notes = 'private note';
      typed.outcome = 'resolved';
      typed.remember(1000);
      const colleague = new ServiceRecordDraft('b1', 't1', 'A001', undefined, keeping(storage, 'u2'));
      colleague.restore(2000);
      expect([colleague.notes, colleague.outcome]).toEqual(['', null]);

      typed.remember(1000);
      const other = new ServiceRecordDraft('b1', 't2', 'A002', undefined, keeping(storage));
      other.restore(2000);
      expect(other.notes).toBe('');
      expect(storage.items.size).toBe(0);
    });

    it('drops the kept draft once saved, and keeps none for a finished visit', async () => {
      fakeApi({ [`PUT ${PATH}`]: [() => json(200, { data: stored('n', 'resolved') })] });
      const storage = memoryStorage();
      const d = new ServiceRecordDraft('b1', 't1', 'A001', undefined, keeping(storage));
      d.notes = 'n';
      d.outcome = 'resolved';
      d.remember(1000);
      expect(storage.items.size).toBe(1);
      expect(await d.save()).toBe(true);
      d.remember(1000);
      expect(storage.items.size).toBe(0);

      d.notes = 'amended after completing';
      d.finished = true;
      d.remember(1000);
      expect(storage.items.size).toBe(0);
    });

    it('counts each save refused for a problem, so the form can point at it', async () => {
      const d = new ServiceRecordDraft('b1', 't1', 'A001');
      d.notes = 'no outcome yet';
      expect(await d.save()).toBe(false);
      expect(await d.save()).toBe(false);
      expect([d.error, d.refusals]).toEqual(['noOutcome', 2]);
    });
  });
});
