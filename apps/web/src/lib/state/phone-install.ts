/** The ticket this phone followed last: where the installed app opens (/t/last). */
export const LAST_TICKET_KEY = 'tellerline.phone.last';

/**
 * Where a ticket page's manifest is served. The static /manifest.webmanifest is the whole app's
 * (its start page lists the staff and kiosk screens); a customer who installs from a ticket page
 * should get an app that opens their ticket, so the page points its manifest link at the server's
 * manifest for this ticket. Not a data: URL built here: the page policy (`manifest-src 'self'`)
 * refuses it, and the installed page had no manifest (and on iOS no web push).
 */
export function phoneManifestUrl(token: string, lang: 'zh' | 'en'): string {
  return `/api/v1/tickets/${encodeURIComponent(token)}/manifest.webmanifest?lang=${lang}`;
}

export function installManifest(token: string, lang: 'zh' | 'en'): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (!link) return;
  const href = phoneManifestUrl(token, lang);
  if (link.getAttribute('href') !== href) link.setAttribute('href', href);
}
