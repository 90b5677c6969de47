import type { PanelAction } from './staff-view.js';

/** One key per button, shown on the button; P pauses, or resumes when paused. */
export const SHORTCUT_KEYS: Partial<Record<PanelAction, string>> = {
  'call-next': 'N',
  recall: 'R',
  start: 'S',
  complete: 'C',
  'no-show': 'X',
  transfer: 'T',
  pause: 'P',
  resume: 'P',
};

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  target: unknown;
}

/** Inputs nobody types into: focus left on one (a toggle just clicked) must not switch shortcuts off. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file']);

/** Typing a reason or a password must never press a button. */
export function isTyping(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string };
  if (el.isContentEditable) return true;
  const tag = el.tagName?.toUpperCase();
  if (tag === 'INPUT') return !NOT_TYPED.has((el.type ?? 'text').toLowerCase());
  return tag === 'TEXTAREA' || tag === 'SELECT';
}

/** The action a key press asks for, or null (modifiers, typing, held-down repeats, other keys). */
export function shortcutAction(e: KeyLike, paused: boolean): PanelAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return null;
  switch (e.key.toLowerCase()) {
    case 'n':
      return 'call-next';
    case 'r':
      return 'recall';
    case 's':
      return 'start';
    case 'c':
      return 'complete';
    case 'x':
      return 'no-show';
    case 't':
      return 'transfer';
    case 'p':
      return paused ? 'resume' : 'pause';
    default:
      return null;
  }
}
