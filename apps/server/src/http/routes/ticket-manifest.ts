import { z } from 'zod';

/** `?lang=` of the ticket manifest: the phone page's language (Chinese unless it says English). */
export const ManifestQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

const NAMES = {
  zh: { name: '智能排队 · 我的号码', short: '我的排队号' },
  en: { name: 'Tellerline · My ticket', short: 'My ticket' },
} as const;

/**
 * The web app manifest of one ticket's page. Installed, it opens /t/last: the ticket this phone
 * followed last, so the app a customer installed on one visit opens their current ticket on the
 * next (a start_url naming this ticket would open a finished one). Its scope is the ticket pages.
 * Relative URLs resolve against the manifest's own URL (same origin). The ticket number, in the
 * name shown at install, is the only detail of the visit in it.
 */
export function ticketManifest(number: string, lang: 'zh' | 'en'): Record<string, unknown> {
  const names = NAMES[lang];
  return {
    id: '/t/',
    name: `${names.name} ${number}`,
    short_name: names.short,
    lang: lang === 'zh' ? 'zh-CN' : 'en',
    start_url: '/t/last',
    scope: '/t/',
    display: 'standalone',
    background_color: '#f4f6f8',
    theme_color: '#0b3d6e',
    icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
}
