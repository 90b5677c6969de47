import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditPerson } from '@tellerline/contracts';
import { PersonSearch } from './person-search.svelte.js';

const person = (username: string, displayName: string): AuditPerson => ({ id: `u-${username}`, username, displayName, role: 'staff', branchId: 'b1', active: true });
const wang = person('wang.fang', '王芳');
const wei = person('wang.wei', '王伟');
const label = (p: AuditPerson) => `${p.displayName} (${p.username})`;

afterEach(() => vi.useRealTimers());

describe('PersonSearch', () => {
  it('asks the server once typing pauses, and offers what it found', async () => {
    vi.useFakeTimers();
    const find = vi.fn(async () => [wang, wei]);
    const s = new PersonSearch(find, label, 200);
    s.type('w');
    s.type('wa');
    s.type('wan');
    expect(find).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(find).toHaveBeenCalledTimes(1);
    expect(find).toHaveBeenCalledWith('wan');
    expect(s.open).toBe(true);
    expect(s.suggestions).toEqual([wang, wei]);
    expect(s.chosen).toBeNull();
  });

  it('moves with the arrow keys (wrapping), picks with Enter, and names the person in the field', async () => {
    const s = new PersonSearch(async () => [wang, wei], label, 0);
    await s.search('wang');
    expect(s.key('ArrowDown')).toBe('handled');
    expect(s.active).toBe(0);
    s.key('ArrowDown');
    s.key('ArrowDown');
    expect(s.active).toBe(0);
    expect(s.key('ArrowUp')).toBe('handled');
    expect(s.active).toBe(1);
    expect(s.key('Enter')).toBe('handled');
    expect(s.chosen).toEqual(wei);
    expect(s.text).toBe('王伟 (wang.wei)');
    expect(s.open).toBe(false);
    // Enter with nothing marked submits the form as usual.
    expect(s.key('Enter')).toBe('ignored');
  });

  it('Escape closes the list, and a second Escape clears the field', async () => {
    const s = new PersonSearch(async () => [wang], label, 0);
    s.text = 'wa';
    await s.search('wa');
    expect(s.key('Escape')).toBe('handled');
    expect(s.open).toBe(false);
    expect(s.text).toBe('wa');
    expect(s.key('Escape')).toBe('handled');
    expect(s.text).toBe('');
    expect(s.key('Escape')).toBe('ignored');
  });

  it('typing again un-chooses; text typed but not picked is flagged; a slow older answer is dropped', async () => {
    let answer: (p: AuditPerson[]) => void = () => undefined;
    const slow = new Promise<AuditPerson[]>((r) => (answer = r));
    const find = vi.fn().mockReturnValueOnce(slow).mockResolvedValueOnce([wei]);
    const s = new PersonSearch(find, label, 0);
    s.set(wang);
    expect(s.unpicked).toBe(false);
    s.type('王');
    expect(s.chosen).toBeNull();
    expect(s.unpicked).toBe(true);
    const older = s.search('王');
    await s.search('王伟');
    answer([wang]);
    await older;
    expect(s.suggestions).toEqual([wei]);
  });

  it('says when the server could not answer', async () => {
    const s = new PersonSearch(async () => Promise.reject(new Error('offline')), label, 0);
    await s.search('x');
    expect(s.failed).toBe(true);
    expect(s.open).toBe(true);
    expect(s.suggestions).toEqual([]);
  });
});
