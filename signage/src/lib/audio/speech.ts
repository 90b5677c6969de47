/**
 * Speaking a call through the browser's speech synthesis. Every utterance is first recorded on
 * `window.__signage.announced` ("<lang>|<text>"): headless browsers have no audio, so that
 * record is what tests (and a curious technician in the console) can check.
 */
export interface SignageDebug {
  /** Every utterance started, as "zh-CN|请 A001 号到 1 号柜台", oldest first. */
  announced: string[];
  /** The seq of every call taken for announcement on this page load, in order. */
  queued: number[];
  /** The last seq the announcer has dealt with (stored: survives reloads). */
  lastSeq: number;
  status: string;
}

declare global {
  interface Window {
    __signage?: SignageDebug;
  }
}

const detached: SignageDebug = { announced: [], queued: [], lastSeq: 0, status: 'connecting' };

export function debugState(): SignageDebug {
  if (typeof window === 'undefined') return detached; // unit tests, no browser
  window.__signage ??= { announced: [], queued: [], lastSeq: 0, status: 'connecting' };
  return window.__signage;
}

let blockedListener: (() => void) | null = null;

/** Called when the browser refuses to speak without a user gesture. */
export function onSpeechBlocked(listener: () => void): void {
  blockedListener = listener;
}

function pickVoice(lang: string): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices();
  const exact = voices.find((v) => v.lang.replace('_', '-') === lang);
  const base = lang.split('-')[0]!;
  return exact ?? voices.find((v) => v.lang.toLowerCase().startsWith(base)) ?? null;
}

/**
 * Speaks one text and resolves when it has been said. Resolves anyway after a generous estimate
 * of its length: some engines never fire `end` (no voice installed, headless), and the next call
 * must not wait forever behind it.
 */
/** How to end each utterance still being said (cancelSpeech), whatever the engine fires. */
const speaking = new Set<() => void>();

export function speak(text: string, lang: string): Promise<void> {
  debugState().announced.push(`${lang}|${text}`);
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    const voice = pickVoice(lang);
    if (voice) utterance.voice = voice;
    // A little slower than conversation: a lobby is noisy and echoes.
    utterance.rate = 0.9;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      speaking.delete(finish);
      resolve();
    };
    speaking.add(finish);
    const timer = setTimeout(finish, Math.min(15_000, 2_000 + text.length * 220));
    utterance.onend = finish;
    utterance.onerror = (e) => {
      if (e.error === 'not-allowed') blockedListener?.();
      finish();
    };
    // Chrome can be left paused after the tab was hidden; speaking then would queue silently.
    if (synth.paused) synth.resume();
    synth.speak(utterance);
  });
}

/**
 * Stops what is being said now and anything the engine still holds, and ends the pending
 * `speak` promises at once (an engine need not fire `end` or `error` on cancel).
 */
export function cancelSpeech(): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  synth?.cancel();
  for (const finish of [...speaking]) finish();
}
