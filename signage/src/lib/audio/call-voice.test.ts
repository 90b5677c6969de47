import type { PublicCall } from '@tellerline/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StubUtterance } from './stub-utterance.js';
import { CallVoice } from './call-voice.js';

const call = (seq: number, number: string): PublicCall => ({
  seq,
  at: 0,
  number,
  counterLabel: '1',
  serviceName: { zh: '个人现金业务', en: 'Personal cash' },
  recall: false,
  phase: 'calling',
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

/** A speech engine that speaks until cancelled (the engine fires nothing on cancel, as some do). */
function stubSpeech() {
  const said: string[] = [];
  let cancels = 0;
  const synth = {
    paused: false,
    getVoices: () => [],
    resume: () => undefined,
    speak: (u: StubUtterance) => said.push(`${u.lang}|${u.text}`),
    cancel: () => cancels++,
  };
  vi.stubGlobal('window', { speechSynthesis: synth });
  vi.stubGlobal('SpeechSynthesisUtterance', StubUtterance);
  return { said, cancels: () => cancels };
}

describe('CallVoice', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('stops the utterance being said, the call\'s other language and the calls queued when silenced', async () => {
    const speech = stubSpeech();
    const voice = new CallVoice({ chime: false, voice: ['zh', 'en'] }, () => undefined);
    voice.enqueue([call(1, 'A001'), call(2, 'A002')]);
    await until(() => speech.said.length === 1);
    expect(speech.said[0]).toMatch(/^zh-CN\|.*A001/);

    voice.silence();
    await voice.whenIdle();
    expect(speech.cancels()).toBe(1);
    // Neither A001 in English nor anything of A002.
    expect(speech.said).toHaveLength(1);
  });

  it('stops a chime that is sounding, and says nothing of its call', async () => {
    const speech = stubSpeech();
    const stopped: (number | undefined)[] = [];
    class RunningAudio {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume = async () => undefined;
      createOscillator() {
        return { type: '', frequency: { value: 0 }, connect: (n: unknown) => n, start: () => undefined, stop: (t?: number) => stopped.push(t) };
      }
      createGain() {
        return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: (n: unknown) => n };
      }
    }
    vi.stubGlobal('AudioContext', RunningAudio);
    const voice = new CallVoice({ chime: true, voice: ['zh', 'en'] }, () => undefined);
    voice.enqueue([call(3, 'A003')]);
    // Both notes scheduled (each with its own end time), the chime still sounding.
    await until(() => stopped.length === 2);
    voice.silence();
    await voice.whenIdle();
    // Each note stopped now (no time given), and no word said after it.
    expect(stopped.filter((t) => t === undefined)).toHaveLength(2);
    expect(speech.said).toEqual([]);
    expect(speech.cancels()).toBe(1);
  });

  it('speaks again after being silenced, should the screen be paired again', async () => {
    const speech = stubSpeech();
    const voice = new CallVoice({ chime: false, voice: ['en'] }, () => undefined);
    voice.silence();
    voice.enqueue([call(4, 'A004')]);
    await until(() => speech.said.length === 1);
    expect(speech.said[0]).toBe('en-US|Ticket A 0 0 4, please go to counter 1');
    voice.silence();
    await voice.whenIdle();
  });
});
