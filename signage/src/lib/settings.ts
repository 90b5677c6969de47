/**
 * Per-screen announcement settings. Until branch configuration carries them, they come from the
 * address (`?voice=zh,en|zh|en|off&chime=on|off&media=on|off`) and are remembered in storage, so
 * a screen set up once keeps its settings across reloads even if the address is shortened.
 */
export type VoiceLang = 'zh' | 'en';

export interface SignageSettings {
  /** Spoken languages, in speaking order; empty: silent. */
  voice: VoiceLang[];
  chime: boolean;
  media: boolean;
}

export const DEFAULT_SETTINGS: SignageSettings = { voice: ['zh', 'en'], chime: true, media: true };

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SETTINGS_KEY = 'tl.signage.settings';

function parseVoice(raw: string): VoiceLang[] | null {
  const v = raw.trim().toLowerCase();
  if (v === 'off' || v === 'none') return [];
  const langs = v.split(',').map((s) => s.trim());
  if (langs.length === 0 || !langs.every((l): l is VoiceLang => l === 'zh' || l === 'en')) return null;
  return [...new Set(langs)];
}

function parseSwitch(raw: string): boolean | null {
  const v = raw.trim().toLowerCase();
  if (v === 'on' || v === '1' || v === 'true') return true;
  if (v === 'off' || v === '0' || v === 'false') return false;
  return null;
}

function fromStorage(store: KeyValueStore): SignageSettings {
  try {
    const saved = JSON.parse(store.getItem(SETTINGS_KEY) ?? 'null') as Partial<SignageSettings> | null;
    if (!saved || typeof saved !== 'object') return { ...DEFAULT_SETTINGS };
    return {
      voice: Array.isArray(saved.voice) ? saved.voice.filter((l): l is VoiceLang => l === 'zh' || l === 'en') : DEFAULT_SETTINGS.voice,
      chime: typeof saved.chime === 'boolean' ? saved.chime : DEFAULT_SETTINGS.chime,
      media: typeof saved.media === 'boolean' ? saved.media : DEFAULT_SETTINGS.media,
    };
  } catch {
    // A corrupt entry must not keep the screen from starting.
    return { ...DEFAULT_SETTINGS };
  }
}

/** Settings for this load: address parameters win over what was stored; the result is stored. */
export function loadSettings(params: URLSearchParams, store: KeyValueStore): SignageSettings {
  const settings = fromStorage(store);
  const voice = params.get('voice');
  const chime = params.get('chime');
  const media = params.get('media');
  if (voice !== null) settings.voice = parseVoice(voice) ?? settings.voice;
  if (chime !== null) settings.chime = parseSwitch(chime) ?? settings.chime;
  if (media !== null) settings.media = parseSwitch(media) ?? settings.media;
  try {
    store.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or disabled: the settings still apply to this load.
  }
  return settings;
}
