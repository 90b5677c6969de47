import { counterMessageKey } from '@tellerline/contracts';
import { dictionaries, type Lang } from './messages/index.js';

/**
 * Looks a key up (falling back to the key itself so a gap is visible, not blank). A message about
 * a counter ("请到 {counter} 号柜台") whose label is not a plain number ("一号窗") takes its
 * `.bare` variant ("请到 {counter}"), when it has one: `counterMessageKey`.
 */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const chosen = counterMessageKey(key, params, (k) => k in dictionaries[lang] || k in dictionaries.en);
  const text = dictionaries[lang][chosen] ?? dictionaries.en[chosen] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
