import { EMAIL_MAX } from '@tellerline/contracts/input-rules';

/**
 * The kiosk's on-screen keyboard for an e-mail address (the lobby kiosk has no physical one).
 * Lower case only: mailboxes are case-insensitive in practice, and one case halves the keys.
 */
export const EMAIL_KEY_ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '@'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', '.', '-', '_'],
  ['+'],
];

/** The mail services most customers use: Chinese ones first, then the foreign ones. */
export const EMAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'gmail.com', 'outlook.com'] as const;
export type EmailDomain = (typeof EMAIL_DOMAINS)[number];

export type EmailKey = { char: string } | { domain: EmailDomain } | 'back' | 'clear';

/**
 * What a key does to the address: one tap, one character at the end. A second @ is refused (no
 * address has two, and the customer would only be told so at the end); so is anything past the
 * server's limit, so a stuck finger cannot grow the field forever. A domain key replaces what was
 * typed after the @ (li@q + qq.com = li@qq.com).
 */
export function typeEmailKey(value: string, key: EmailKey): string {
  if (key === 'back') return value.slice(0, -1);
  if (key === 'clear') return '';
  if ('domain' in key) {
    if (!domainsFor(value).includes(key.domain)) return value;
    const next = `${value.split('@')[0]}@${key.domain}`;
    return next.length > EMAIL_MAX ? value : next;
  }
  if (key.char === '@' && value.includes('@')) return value;
  return value.length >= EMAIL_MAX ? value : value + key.char;
}

/**
 * The domain shortcuts that make sense for what is typed: only once there is a mailbox name,
 * and, after an @, only those the typed start fits (li@1 offers 163.com and 126.com). None once
 * the domain is complete or is not one of them.
 */
export function domainsFor(value: string): EmailDomain[] {
  const parts = value.split('@');
  if (parts.length > 2 || !parts[0]) return [];
  const typed = (parts[1] ?? '').toLowerCase();
  return EMAIL_DOMAINS.filter((d) => d.startsWith(typed) && d !== typed);
}

/** Whether the @ key can still type anything. */
export function canTypeAt(value: string): boolean {
  return !value.includes('@');
}

/**
 * What the e-mail field's live region may say after a tap on the on-screen keyboard: the address,
 * but never text that looks like a link (a ticket's phone page carries its secret token, and a
 * screen reader would read it aloud in the lobby).
 */
export function spokenAddress(value: string): string {
  return /[/:]/.test(value) ? '' : value;
}
