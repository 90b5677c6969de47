import type { Lang } from './messages/index.js';
import { translate } from './translate.js';

const KEY = 'tellerline.lang';

/** The BCP 47 tag for <html lang>: screen readers pick their voice (and pronunciation) from it. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** A zh/en pair from the server in `lang`, else whichever text it has. */
export function pickIn(text: { zh: string; en: string }, lang: Lang): string {
  return text[lang] || text.zh || text.en;
}

function initial(): Lang {
  const url = new URL(location.href).searchParams.get('lang');
  if (url === 'zh' || url === 'en') return url;
  const saved = localStorage.getItem(KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The screen's language: from ?lang=, then the last choice, then the browser. */
class Locale {
  lang = $state<Lang>(initial());

  set(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem(KEY, lang);
    // The root layout keeps <html lang> in step too; set here as well so it changes in the same tick.
    document.documentElement.lang = htmlLang(lang);
  }

  t = (key: string, params?: Record<string, string | number>): string => translate(this.lang, key, params);

  /** A zh/en pair from the server (service names, branch names). */
  pick = (text: { zh: string; en: string }): string => pickIn(text, this.lang);
}

export const locale = new Locale();
export const t = locale.t;
