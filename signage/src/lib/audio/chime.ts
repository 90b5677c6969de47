/**
 * The call chime: a two-note "ding-dong" synthesised with the Web Audio API, so there is no
 * audio file to download or cache. One AudioContext for the page's lifetime (browsers limit them).
 */
type AudioContextCtor = typeof AudioContext;

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = (globalThis as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    return null;
  }
  return ctx;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The notes of the chime playing now, and how to end its wait early (stopChime). */
let sounding: OscillatorNode[] = [];
let endWait: (() => void) | null = null;

/**
 * Tries to let sound play. Browsers keep audio suspended until someone touches the page (unless
 * the kiosk browser runs with an autoplay policy that allows it); false means still blocked.
 */
export async function unlockAudio(): Promise<boolean> {
  const c = context();
  if (!c) return true; // nothing to unlock: the screen is silent anyway
  if (c.state === 'running') return true;
  // resume() stays pending without a user gesture: do not wait for it forever.
  await Promise.race([c.resume().catch(() => undefined), sleep(300)]);
  return (c.state as AudioContextState) === 'running';
}

/** Plays the chime and resolves when it has faded (about 1.2 s); resolves at once if silent. */
export async function playChime(): Promise<void> {
  const c = context();
  if (!c || !(await unlockAudio())) return;
  const start = c.currentTime + 0.05;
  // E5 then C5: the familiar two-tone lobby chime, soft attack, long exponential decay.
  const notes: [number, number][] = [
    [659.25, 0],
    [523.25, 0.45],
  ];
  for (const [freq, offset] of notes) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t = start + offset;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.6, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.75);
    osc.connect(gain).connect(c.destination);
    osc.start(t);
    osc.stop(t + 0.8);
    sounding.push(osc);
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1250);
    endWait = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  endWait = null;
  sounding = [];
}

/** Silences a chime now playing (its notes stop at once) and ends its `playChime` early. */
export function stopChime(): void {
  for (const osc of sounding) {
    try {
      osc.stop();
    } catch {
      // Already stopped: nothing to silence.
    }
  }
  sounding = [];
  endWait?.();
}
