/** The ticket this phone followed last: where the installed app opens (/t/last). */
export const LAST_TICKET_KEY = 'tellerline.phone.last';

/**
 * The manifest for installing the phone page. The static /manifest.webmanifest is the whole
 * app's (its start page lists the staff and kiosk screens); a customer who installs from a
 * ticket page should get an app that opens their ticket, so this page points the manifest link
 * at its own, with absolute URLs (a data: manifest has no base URL of its own).
 */
export function phoneManifest(origin: string, name: string, shortName: string): Record<string, unknown> {
  return {
    id: `${origin}/t/`,
    name,
    short_name: shortName,
    start_url: `${origin}/t/last`,
    scope: `${origin}/t/`,
    display: 'standalone',
    background_color: '#f4f6f8',
    theme_color: '#0b3d6e',
    icons: [{ src: `${origin}/icon.svg`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
}

export function installManifest(name: string, shortName: string): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (!link) return;
  const json = JSON.stringify(phoneManifest(location.origin, name, shortName));
  link.href = `data:application/manifest+json,${encodeURIComponent(json)}`;
}
