import { describe, expect, it } from 'vitest';
import { isTyping, shortcutAction, shortcutLabel } from './staff-keys.js';

type Press = Parameters<typeof shortcutAction>[0];
/** Alt + key, the way the panel's shortcuts are pressed. */
const press = (key: string, over: Partial<Press> = {}): Press => ({ key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '', ctrlKey: false, metaKey: false, altKey: true, target: { tagName: 'BODY' }, ...over });

describe('keyboard shortcuts', () => {
  it('maps Alt + the letters shown on the buttons, either case', () => {
    expect(shortcutAction(press('n'), false)).toBe('call-next');
    expect(shortcutAction(press('N'), false)).toBe('call-next');
    expect(shortcutAction(press('r'), false)).toBe('recall');
    expect(shortcutAction(press('s'), false)).toBe('start');
    expect(shortcutAction(press('c'), false)).toBe('complete');
    expect(shortcutAction(press('x'), false)).toBe('no-show');
    expect(shortcutAction(press('t'), false)).toBe('transfer');
    expect(shortcutAction(press('q'), false)).toBeNull();
  });

  it('a bare letter never acts on a customer (WCAG 2.1.4), wherever the focus is', () => {
    for (const key of ['n', 'r', 's', 'c', 'x', 't', 'p', 'X']) {
      expect(shortcutAction(press(key, { altKey: false }), false)).toBeNull();
      expect(shortcutAction(press(key, { altKey: false, target: { tagName: 'INPUT', type: 'checkbox' } }), false)).toBeNull();
      expect(shortcutAction(press(key, { altKey: false, target: { tagName: 'BUTTON' } }), false)).toBeNull();
    }
    // Shift + letter is typing a capital, not a command.
    expect(shortcutAction(press('X', { altKey: false, shiftKey: true }), false)).toBeNull();
    expect(shortcutAction(press('X', { shiftKey: true }), false)).toBeNull();
  });

  it('reads the physical key, so Option + letter on a Mac (a symbol as `key`) still works', () => {
    expect(shortcutAction(press('˜', { code: 'KeyN' }), false)).toBe('call-next');
    expect(shortcutAction(press('≈', { code: 'KeyX' }), false)).toBe('no-show');
    // No `code` (an old browser): the letter itself.
    expect(shortcutAction(press('n', { code: undefined }), false)).toBe('call-next');
  });

  it('still works with focus on a toggle or radio just clicked (nothing is typed there)', () => {
    expect(shortcutAction(press('n', { target: { tagName: 'INPUT', type: 'checkbox' } }), false)).toBe('call-next');
    expect(shortcutAction(press('n', { target: { tagName: 'input', type: 'radio' } }), false)).toBe('call-next');
    expect(isTyping({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTyping({ tagName: 'INPUT' })).toBe(true);
  });

  it('toggles Alt+P between pause and resume', () => {
    expect(shortcutAction(press('p'), false)).toBe('pause');
    expect(shortcutAction(press('p'), true)).toBe('resume');
  });

  it('stays out of the way while typing, with Ctrl/Cmd/AltGr and on key repeat', () => {
    expect(shortcutAction(press('n', { target: { tagName: 'INPUT' } }), false)).toBeNull();
    expect(shortcutAction(press('n', { target: { tagName: 'textarea' } }), false)).toBeNull();
    expect(shortcutAction(press('n', { target: { tagName: 'DIV', isContentEditable: true } }), false)).toBeNull();
    expect(shortcutAction(press('c', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutAction(press('r', { metaKey: true }), false)).toBeNull();
    expect(shortcutAction(press('n', { repeat: true }), false)).toBeNull();
    expect(shortcutAction(press('n', { target: { tagName: 'INPUT', type: 'password' } }), false)).toBeNull();
    expect(isTyping(null)).toBe(false);
    expect(isTyping({ tagName: 'SELECT' })).toBe(true);
  });

  it('labels a shortcut with its modifier, as announced in aria-keyshortcuts', () => {
    expect(shortcutLabel('N')).toBe('Alt+N');
    expect(shortcutLabel(undefined)).toBeUndefined();
  });
});
