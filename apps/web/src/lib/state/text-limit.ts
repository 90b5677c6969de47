import { REASON_MAX } from '@tellerline/contracts';

export { REASON_MAX };

/**
 * How much of a typed reason's limit is used, counted as the server counts: trimmed, in code
 * points (zod's `.max` on a string counts code points, so an emoji or 𠮷 is one character, not
 * the two UTF-16 units `String.length` gives). The panel shows "12/200" under the field and
 * refuses to send more, rather than cutting the text off unseen or having the server refuse it
 * (TEXT_TOO_LONG).
 */
export function textCount(text: string, max: number = REASON_MAX): { used: number; max: number; over: boolean } {
  const used = [...text.trim()].length;
  return { used, max, over: used > max };
}
