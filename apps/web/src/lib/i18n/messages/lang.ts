export type Lang = 'zh' | 'en';

/** Key → text, per language. */
export type Messages = Record<Lang, Record<string, string>>;
