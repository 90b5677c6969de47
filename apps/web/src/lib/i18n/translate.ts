import { dictionaries, type Lang } from './messages/index.js';

/** Looks a key up (falling back to the key itself so a gap is visible, not blank). */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const text = dictionaries[lang][key] ?? dictionaries.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
