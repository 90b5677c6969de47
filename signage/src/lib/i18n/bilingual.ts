import { messages, type Lang, type MessageKey } from './messages.js';

export type Params = Record<string, string | number>;
export interface Bilingual {
  zh: string;
  en: string;
}

/** One message in one language, with `{name}` placeholders filled (a gap stays visible). */
export function text(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template: string = messages[lang][key] ?? messages.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The same message in both languages, as the screen shows it. */
export function bi(key: MessageKey, params: Params = {}): Bilingual {
  return { zh: text('zh', key, params), en: text('en', key, params) };
}
