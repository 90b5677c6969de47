import { counterMessageKey } from '@tellerline/contracts';
import { dictionaries, type Lang } from './messages/index.js';

/**
 * Looks a key up (falling back to the key itself so a gap is visible, not blank). A wait range
 * from 0 takes the message's `.fromZero` variant (below). A message about
 * a counter ("请到 {counter} 号柜台") whose label is not a plain number ("一号窗") takes its
 * `.bare` variant ("请到 {counter}"), when it has one: `counterMessageKey`.
 */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const known = (k: string) => k in dictionaries[lang] || k in dictionaries.en;
  const counter = counterMessageKey(key, params, known);
  // A wait range that starts at nothing reads as its upper end ("5 分钟内", "within 5 min"), not
  // "about 0–5 min", nor "from about 0 min from now": its `.fromZero` variant, when it has one.
  const chosen = params.low === 0 && known(`${counter}.fromZero`) ? `${counter}.fromZero` : counter;
  const text = dictionaries[lang][chosen] ?? dictionaries.en[chosen] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
