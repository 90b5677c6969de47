import { describe, expect, it } from 'vitest';
import { DRAFT_TTL_MS, clearDraft, draftStorageKey, keepDraft, takeDraft, type DraftStorage } from './unsaved-draft.js';
import { leaveStep } from './leave-guard.js';
import { memoryStorage } from '../testing/memory-storage.js';


const key = { screen: 'booking-rules', branchId: 'b1', userId: 'u1' };
const isNote = (v: unknown): v is { note: string } => typeof v === 'object' && v !== null && typeof (v as { note?: unknown }).note === 'string';
const T0 = Date.parse('2026-11-30T10:00:00Z');

describe('drafts kept over an ended session', () => {
  it('gives the draft back once, to the same screen, branch and staff member', () => {
    const storage = memoryStorage();
    expect(keepDraft(storage, key, { note: 'closed 12-24' }, T0)).toBe(true);
    expect(takeDraft(storage, { ...key, branchId: 'b2' }, T0, isNote)).toBeNull();
    expect(takeDraft(storage, { ...key, screen: 'setup' }, T0, isNote)).toBeNull();
    expect(takeDraft(storage, key, T0 + 60_000, isNote)).toEqual({ note: 'closed 12-24' });
    // Restored once: the screen now holds it (and guards it as unsaved changes).
    expect(takeDraft(storage, key, T0 + 60_000, isNote)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('never gives one staff member another\'s draft (same tab, someone else signs in), and drops it', () => {
    const storage = memoryStorage();
    keepDraft(storage, key, { note: 'x' }, T0);
    expect(takeDraft(storage, { ...key, userId: 'u2' }, T0, isNote)).toBeNull();
    expect(takeDraft(storage, key, T0, isNote)).toBeNull();
  });

  it('expires after an hour', () => {
    const storage = memoryStorage();
    keepDraft(storage, key, { note: 'x' }, T0);
    expect(takeDraft(storage, key, T0 + DRAFT_TTL_MS, isNote)).toEqual({ note: 'x' });
    keepDraft(storage, key, { note: 'x' }, T0);
    expect(takeDraft(storage, key, T0 + DRAFT_TTL_MS + 1, isNote)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('drops a draft it cannot read or of another shape, and one cleared on save', () => {
    const storage = memoryStorage();
    storage.setItem(draftStorageKey(key), '{not json');
    expect(takeDraft(storage, key, T0, isNote)).toBeNull();
    keepDraft(storage, key, { other: 1 }, T0);
    expect(takeDraft(storage, key, T0, isNote)).toBeNull();
    keepDraft(storage, key, { note: 'x' }, T0);
    clearDraft(storage, key);
    expect(takeDraft(storage, key, T0, isNote)).toBeNull();
  });

  it('reports a storage that refuses (full, blocked) instead of throwing', () => {
    const full: DraftStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    expect(keepDraft(full, key, { note: 'x' }, T0)).toBe(false);
    expect(keepDraft(null, key, { note: 'x' }, T0)).toBe(false);
    expect(takeDraft(null, key, T0, isNote)).toBeNull();
  });
});

describe('leaving a screen with unsaved changes', () => {
  const at = (path: string) => ({ url: new URL(path, 'http://x') });
  const nav = (type: 'link' | 'goto' | 'popstate' | 'leave', to: string | null) => ({ type, from: at('/staff/booking'), to: to === null ? null : at(to) });

  it('goes without asking when nothing would be lost', () => {
    for (const type of ['link', 'goto', 'popstate', 'leave'] as const) expect(leaveStep(nav(type, '/staff/setup'), false)).toBe('go');
  });

  it('asks in the screen for a link, goto or Back; leaves reload and closing to the browser\'s question', () => {
    expect(leaveStep(nav('link', '/staff/setup'), true)).toBe('ask');
    expect(leaveStep(nav('goto', '/staff/booking?branch=b2'), true)).toBe('ask');
    expect(leaveStep(nav('popstate', '/staff'), true)).toBe('ask');
    expect(leaveStep(nav('leave', null), true)).toBe('browser');
  });

  it('lets the app send an ended session to sign-in (nothing can be saved by staying)', () => {
    expect(leaveStep(nav('goto', '/staff/login?expired=1'), true)).toBe('go');
    expect(leaveStep(nav('link', '/staff/login'), true)).toBe('ask');
  });

  it('does not ask for a link to the very address shown (the screen and its changes stay)', () => {
    expect(leaveStep(nav('link', '/staff/booking'), true)).toBe('go');
  });
});
