import { connectRealtime, handshakeRefusal, refusedRetryMs, syncOnConnect } from '@tellerline/realtime-client';
import { CallVoice } from './audio/call-voice.js';
import { unlockAudio } from './audio/chime.js';
import { debugState, onSpeechBlocked } from './audio/speech.js';
import { CallFeed } from './call-feed.js';
import { isDeviceRefusal } from './pairing.js';
import { ServerClock } from './server-clock.js';
import type { KeyValueStore, SignageSettings } from './settings.js';
import type { SignageScreen } from './state/signage.svelte.js';

/** Keep the console record bounded on a screen that runs for weeks. */
const MAX_RECORDED = 500;

/** Retry after the server refused the handshake as unpaired (it does not retry by itself then; other refusals: refusedRetryMs). */
const RETRY_UNPAIRED_MS = 60_000;

export const serverClock = new ServerClock();

/**
 * Connects the screen to its branch: resync on every (re)connect, live calls and queue counts,
 * announcements queued one after another. Returns a function that stops everything.
 */
export function startSignage(screen: SignageScreen, token: string, settings: SignageSettings, store: KeyValueStore): () => void {
  const debug = debugState();

  const voice = new CallVoice(settings, () => (screen.soundBlocked = true));
  onSpeechBlocked(() => (screen.soundBlocked = true));

  const feed = new CallFeed({
    store,
    clock: serverClock,
    show: (calls) => screen.showCalls(calls),
    announce: (calls) => {
      debug.lastSeq = feed.lastAnnouncedSeq;
      debug.queued.push(...calls.map((c) => c.seq));
      for (const list of [debug.announced, debug.queued]) if (list.length > MAX_RECORDED) list.splice(0, list.length - MAX_RECORDED);
      voice.enqueue(calls);
    },
  });

  const setStatus = (s: typeof screen.status) => {
    screen.status = s;
    debug.status = s;
  };
  const socket = connectRealtime({ credentials: { deviceToken: token }, onStatus: setStatus });

  // Registered before syncOnConnect's own 'connect' handler, so live calls are held from the
  // very moment of reconnection until the snapshot is in.
  socket.on('connect', () => {
    screen.pairing = 'paired';
    feed.connected();
  });

  let retry: ReturnType<typeof setTimeout> | undefined;
  const retryIn = (ms: number) => {
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), ms);
  };

  // The server no longer knows this screen (revoked, or its token rotated): take the calls off
  // at once and say so, as the kiosk does; no reload needed. Only the pairing page is left, so
  // nothing may still be said aloud: not the calls queued, nor the rest of the one being said
  // (its chime, its voice, its other language). Asking again now and then costs nothing, and
  // brings the screen back by itself should the device be restored.
  const refused = () => {
    screen.reject();
    voice.silence();
  };

  const stopSync = syncOnConnect(
    socket,
    'signage:sync',
    () => screen.seq,
    (snapshot) => {
      screen.applySnapshot(snapshot);
      feed.snapshot(snapshot);
    },
    (error) => {
      if (isDeviceRefusal(error.code)) {
        // Connected, yet refused the lobby's data: the same verdict as a refused handshake.
        refused();
        socket.disconnect();
        retryIn(RETRY_UNPAIRED_MS);
      } else {
        feed.syncFailed();
      }
    },
    // Renamed (the branch, a counter, a service): the snapshot brings the names as they are now.
    'lobby:changed',
  );
  socket.on('lobby:changed', (branch) => screen.renamed(branch));
  socket.on('signage:call', (call) => feed.live(call));
  socket.on('signage:call-phase', (change) => screen.movedOn(change));
  socket.on('queue:summary', (s) => screen.applySummary(s));

  socket.on('connect_error', (err) => {
    const error = handshakeRefusal(err);
    const refusal = isDeviceRefusal(error?.code);
    if (refusal) refused();
    // A refusal from the server (not a network failure) stops Socket.IO's own reconnection; a
    // passing one (RATE_LIMITED) is tried again after its Retry-After.
    if (!socket.active) retryIn(refusal ? RETRY_UNPAIRED_MS : refusedRetryMs(error));
  });

  // The browser knows the network is gone long before a missed heartbeat (up to 45 s) does:
  // show the marker at once, and reconnect as soon as the network is back.
  const wentOffline = () => {
    setStatus('offline');
    socket.io.engine?.close();
  };
  const cameOnline = () => {
    if (socket.connected) return;
    socket.disconnect();
    socket.connect();
  };
  window.addEventListener('offline', wentOffline);
  window.addEventListener('online', cameOnline);

  // Any touch or key lets the browser play sound (autoplay policy).
  const unlock = () => {
    void unlockAudio().then((ok) => {
      if (ok) screen.soundBlocked = false;
    });
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);

  return () => {
    clearTimeout(retry);
    voice.silence();
    stopSync();
    socket.removeAllListeners();
    socket.disconnect();
    window.removeEventListener('offline', wentOffline);
    window.removeEventListener('online', cameOnline);
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
}
