import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShownOnce } from './shown-once.svelte.js';

const element = () => ({ focus: vi.fn(), select: vi.fn() });

afterEach(() => vi.unstubAllGlobals());

describe('what a manager screen shows once', () => {
  it('copies the text and says so', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const once = new ShownOnce();
    const input = element();
    once.input = input as unknown as HTMLInputElement;
    await once.copy('abcd-efgh-jkmn');
    expect(writeText).toHaveBeenCalledWith('abcd-efgh-jkmn');
    expect(once.note).toBe('copied');
    expect(input.select).not.toHaveBeenCalled();
  });

  it('without a clipboard selects the text for Ctrl+C and says copying failed', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: async () => Promise.reject(new Error('NotAllowedError')) } });
    const once = new ShownOnce();
    const input = element();
    once.input = input as unknown as HTMLInputElement;
    await once.copy('https://branch.example/pair/x');
    expect(input.focus).toHaveBeenCalled();
    expect(input.select).toHaveBeenCalled();
    expect(once.note).toBe('copyFailed');
  });

  it('puts its heading in focus when it appears, and forgets what copying did', async () => {
    const once = new ShownOnce();
    once.note = 'copied';
    const heading = element();
    once.heading = heading as unknown as HTMLElement;
    await once.show();
    expect(heading.focus).toHaveBeenCalled();
    expect(once.note).toBeNull();
  });

  it('once put away, sends the focus to the element named', async () => {
    const next = element();
    const getElementById = vi.fn(() => next);
    vi.stubGlobal('document', { getElementById });
    const once = new ShownOnce();
    once.note = 'copyFailed';
    await once.hide('team-list-heading');
    expect(getElementById).toHaveBeenCalledWith('team-list-heading');
    expect(next.focus).toHaveBeenCalled();
    expect(once.note).toBeNull();
  });
});
