import { counterMessageKey } from '@tellerline/contracts';
import { dictionaries, type Lang } from './messages/index.js';

/**
 * Looks a key up (falling back to the key itself so a gap is visible, not blank). A wait range
 * from 0, or with both ends the same, takes its message's variant (`rangeVariant`). A message about
 * a counter ("请到 {counter} 号柜台") whose label is not a plain number ("一号窗") takes its
 * `.bare` variant ("请到 {counter}"), when it has one: `counterMessageKey`.
 */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const known = (k: string) => k in dictionaries[lang] || k in dictionaries.en;
  const counter = counterMessageKey(key, params, known);
  const chosen = rangeVariant(counter, params, known);
  const text = dictionaries[lang][chosen] ?? dictionaries.en[chosen] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/**
 * A wait range ({low}–{high}) worded as people say it: one that starts at nothing by its upper end
 * ("5 分钟内", "within 5 min": `.fromZero`), not "about 0–5 min" nor "from about 0 min from now";
 * one whose ends round to the same minute as that minute ("约 1 分钟": `.same`), not "约 1–1 分钟".
 * Only where the message has the variant.
 */
function rangeVariant(key: string, params: Record<string, string | number>, known: (k: string) => boolean): string {
  if (params.low === 0 && known(`${key}.fromZero`)) return `${key}.fromZero`;
  if (params.low !== undefined && params.low === params.high && known(`${key}.same`)) return `${key}.same`;
  return key;
}
