/**
 * For tests only: the part of the browser's SpeechSynthesisUtterance that `speech.ts` uses, so a
 * test can stub `window.speechSynthesis` and see what would have been said, in which language.
 */
export class StubUtterance {
  lang = '';
  rate = 1;
  voice: unknown = null;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}
