import { afterEach, describe, expect, it, vi } from 'vitest';
import { StubUtterance } from './stub-utterance.js';
import { debugState, speak } from './speech.js';

describe('speak', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('records the utterance even where there is no speech synthesis', async () => {
    await speak('请 A001 号到 1 号柜台', 'zh-CN');
    expect(debugState().announced.at(-1)).toBe('zh-CN|请 A001 号到 1 号柜台');
  });

  it('records first, then hands the text to speech synthesis in its language', async () => {
    const spoken: { text: string; lang: string }[] = [];
    const synth = {
      paused: false,
      getVoices: () => [{ lang: 'en-US', name: 'English' }],
      resume: () => undefined,
      speak: (u: StubUtterance) => {
        expect(debugState().announced.at(-1)).toBe(`en-US|${u.text}`);
        spoken.push({ text: u.text, lang: u.lang });
        setTimeout(() => u.onend?.(), 1);
      },
    };
    vi.stubGlobal('window', { speechSynthesis: synth });
    vi.stubGlobal('SpeechSynthesisUtterance', StubUtterance);
    await speak('Ticket A 0 0 1, please go to counter 1', 'en-US');
    expect(spoken).toEqual([{ text: 'Ticket A 0 0 1, please go to counter 1', lang: 'en-US' }]);
  });
});
