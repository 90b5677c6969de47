import { counterMessageKey } from '@tellerline/contracts/counter-label';
import { messages, type Lang, type MessageKey } from './messages.js';

export type Params = Record<string, string | number>;
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * One message in one language, with `{name}` placeholders filled (a gap stays visible). A counter
 * label that is not a plain number ("一号窗") takes the message's `.bare` variant ("请到 {counter}",
 * not "请到 一号窗 号柜台"): `counterMessageKey`.
 */
export function text(lang: Lang, key: MessageKey, params: Params = {}): string {
  const dict: Record<string, string> = messages[lang];
  const chosen = counterMessageKey(key, params, (k) => k in dict);
  const template: string = dict[chosen] ?? messages.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The same message in both languages, as the screen shows it. */
export function bi(key: MessageKey, params: Params = {}): Bilingual {
  return { zh: text('zh', key, params), en: text('en', key, params) };
}
