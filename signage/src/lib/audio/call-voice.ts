import type { PublicCall } from '@tellerline/contracts';
import { utterancesFor } from '../announcement.js';
import type { SignageSettings } from '../settings.js';
import { AnnounceQueue } from './announce-queue.js';
import { playChime, stopChime, unlockAudio } from './chime.js';
import { cancelSpeech, speak } from './speech.js';

/**
 * The lobby's voice: each call's chime, then its announcement in each configured language, one
 * call after another (AnnounceQueue). `silence()` stops it at once: a screen whose pairing is
 * revoked must not go on reading out calls it no longer may show.
 */
export class CallVoice {
  private readonly queue: AnnounceQueue<PublicCall>;
  /** Bumped by silence(): a call started before it says nothing more. */
  private generation = 0;

  constructor(
    private readonly settings: Pick<SignageSettings, 'chime' | 'voice'>,
    private readonly onSoundBlocked: () => void,
  ) {
    this.queue = new AnnounceQueue((call) => this.play(call));
  }

  enqueue(calls: readonly PublicCall[]): void {
    this.queue.enqueue(calls);
  }

  /** Resolves when everything queued so far has been played or dropped (tests). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** Drops the queued calls and cuts the current one short: its chime, its voice, its other language. */
  silence(): void {
    this.generation++;
    this.queue.clear();
    stopChime();
    cancelSpeech();
  }

  private async play(call: PublicCall): Promise<void> {
    const mine = this.generation;
    const live = () => mine === this.generation;
    if (!(await unlockAudio())) this.onSoundBlocked();
    if (!live()) return;
    if (this.settings.chime) await playChime();
    for (const u of utterancesFor(call, this.settings.voice)) {
      if (!live()) return;
      await speak(u.text, u.lang);
    }
  }
}
