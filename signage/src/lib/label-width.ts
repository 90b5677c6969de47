/**
 * About how wide a text is when set, in em: a CJK or full-width character is 1 em, a wide Latin
 * capital (W, M) a little more, other Latin letters, digits and signs (bold) about 0.68. The
 * lobby screen sizes a counter's name by it (CSS cannot size text by its own length), so a long
 * name takes a smaller font within its share of the panel instead of pushing the ticket number out.
 */
export function emWidth(text: string): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x2e80) em += 1;
    else if (/[WM@]/.test(ch)) em += 1.05;
    else if (ch === ' ') em += 0.3;
    else em += 0.68;
  }
  return Math.max(em, 1);
}
