import { describe, expect, it } from 'vitest';
import { isTyping, shortcutAction } from './staff-keys.js';

const press = (key: string, over: Partial<Parameters<typeof shortcutAction>[0]> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, target: { tagName: 'BODY' }, ...over });

describe('keyboard shortcuts', () => {
  it('maps the letters shown on the buttons, either case', () => {
    expect(shortcutAction(press('n'), false)).toBe('call-next');
    expect(shortcutAction(press('N'), false)).toBe('call-next');
    expect(shortcutAction(press('r'), false)).toBe('recall');
    expect(shortcutAction(press('s'), false)).toBe('start');
    expect(shortcutAction(press('c'), false)).toBe('complete');
    expect(shortcutAction(press('x'), false)).toBe('no-show');
    expect(shortcutAction(press('t'), false)).toBe('transfer');
    expect(shortcutAction(press('q'), false)).toBeNull();
  });

  it('still works with focus on a toggle or radio just clicked (nothing is typed there)', () => {
    expect(shortcutAction(press('n', { target: { tagName: 'INPUT', type: 'checkbox' } }), false)).toBe('call-next');
    expect(shortcutAction(press('n', { target: { tagName: 'input', type: 'radio' } }), false)).toBe('call-next');
    expect(isTyping({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTyping({ tagName: 'INPUT' })).toBe(true);
  });

  it('toggles P between pause and resume', () => {
    expect(shortcutAction(press('p'), false)).toBe('pause');
    expect(shortcutAction(press('p'), true)).toBe('resume');
  });

  it('stays out of the way while typing, with modifiers (copy, reload) and on key repeat', () => {
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
});
