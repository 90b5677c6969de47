export const SESSION_COOKIE = 'tl_sid';

/**
 * Minimal cookie reader for the session cookie, on HTTP and the socket handshake alike. A value that is
 * not valid percent-encoding (`%E0%A4%A`) was never set by us: it reads as absent, so the client
 * is simply signed out, as over HTTP, instead of the handshake failing as an internal error.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decoded(part.slice(i + 1).trim());
  }
  return undefined;
}

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
