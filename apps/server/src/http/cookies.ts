export const SESSION_COOKIE = 'tl_sid';

/** Minimal cookie reader for the socket handshake (Koa's ctx.cookies covers HTTP). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
