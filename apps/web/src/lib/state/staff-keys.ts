import type { PanelAction } from './staff-view.js';

/**
 * Keyboard shortcuts of the staff panel: Alt + the letter shown on each button.
 *
 * Why a modifier (WCAG 2.1.4 Character Key Shortcuts): a bare letter fired from anywhere on the
 * page — focus left on a checkbox just clicked, a stray key, speech input saying a word — used to
 * mark the called customer a no-show, which cannot be undone. Counter and contact-centre
 * workstations (and the browsers' own access keys) put such commands behind a modifier instead,
 * so a printable key can never act on a customer by itself. Alt (Option on a Mac) + letter keeps
 * the one-handed speed tellers rely on, is not a browser or screen-reader command for these
 * letters on Chromium, and is shown on every button (and in aria-keyshortcuts) so it stays
 * discoverable. Ctrl/Cmd combinations (copy, reload…) and AltGr (Ctrl+Alt: typing characters on
 * many keyboards) stay the browser's.
 */
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

/** The modifier all shortcuts need, as written in aria-keyshortcuts and on the buttons. */
export const SHORTCUT_MODIFIER = 'Alt';

/** "Alt+N": the aria-keyshortcuts value (and the text on the button) for a shortcut letter. */
export function shortcutLabel(letter: string | undefined): string | undefined {
  return letter ? `${SHORTCUT_MODIFIER}+${letter}` : undefined;
}

interface KeyLike {
  key: string;
  /** The physical key ("KeyN"): with Option held a Mac reports a symbol ("˜") as `key`. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  target: unknown;
}

/** Inputs nobody types into. */
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

/** The letter pressed: from the physical key when there is one (layout- and Option-proof). */
function letterOf(e: KeyLike): string {
  const m = /^Key([A-Z])$/.exec(e.code ?? '');
  return (m ? m[1]! : e.key).toLowerCase();
}

/**
 * The action a key press asks for, or null. Only Alt + letter counts: a bare letter (or Shift +
 * letter) is just typing, Ctrl/Cmd belong to the browser, held-down repeats never act twice.
 */
export function shortcutAction(e: KeyLike, paused: boolean): PanelAction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.repeat || isTyping(e.target)) return null;
  switch (letterOf(e)) {
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
