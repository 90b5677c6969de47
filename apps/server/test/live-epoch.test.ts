/**
 * The live epoch watch of each node (usecases/live-epoch.ts), over an in-memory marker: a lost
 * marker rebuilds and resyncs here; another node's rebuild makes this node prepare and resync its
 * own clients too; readiness is down until the branches are live again.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLiveEpoch, type EpochMarker } from '../src/usecases/live-epoch.js';

function memoryMarker(): EpochMarker & { value: string | null } {
  const m = {
    value: null as string | null,
    read: async () => m.value,
    async claim(candidate: string) {
      m.value ??= candidate;
      return m.value;
    },
  };
  return m;
}

function node(marker: EpochMarker, name: string, prepare: () => Promise<void> = async () => undefined) {
  let n = 0;
  const calls = { prepared: 0, resynced: 0 };
  const epoch = createLiveEpoch({
    marker,
    prepare: async () => {
      calls.prepared++;
      await prepare();
    },
    resync: () => void calls.resynced++,
    newId: () => `${name}-${++n}`,
    logger: pino({ level: 'silent' }),
    checkEveryMs: 60_000,
  });
  return { epoch, calls };
}

describe('the live epoch watch', () => {
  it('rebuilds and resyncs when the marker is gone, and is not ready meanwhile', async () => {
    const marker = memoryMarker();
    let release: () => void = () => undefined;
    let hold = false;
    const a = node(marker, 'a', () => (hold ? new Promise<void>((r) => (release = r)) : Promise.resolve()));
    await a.epoch.start();
    await a.epoch.assertReady();
    await a.epoch.check();
    expect(a.calls).toEqual({ prepared: 0, resynced: 0 });

    marker.value = null; // Redis restarted empty
    await expect(a.epoch.assertReady()).rejects.toThrow('live state missing');
    hold = true;
    const checking = a.epoch.check();
    await new Promise((r) => setImmediate(r)); // the rebuild has begun: waiting in prepare
    await expect(a.epoch.assertReady()).rejects.toThrow('being rebuilt');
    release();
    await checking;
    expect(a.calls).toEqual({ prepared: 1, resynced: 1 });
    expect(marker.value).toBe('a-2');
    await a.epoch.assertReady();
    await a.epoch.stop();
  });

  it("resyncs a node's own clients after another node rebuilt first", async () => {
    const marker = memoryMarker();
    const a = node(marker, 'a');
    const b = node(marker, 'b');
    await a.epoch.start();
    await b.epoch.start();
    expect(marker.value).toBe('a-1'); // b adopted a's marker
    marker.value = null;
    await a.epoch.check();
    await expect(b.epoch.assertReady()).rejects.toThrow('live state missing');
    await b.epoch.check();
    expect(b.calls).toEqual({ prepared: 1, resynced: 1 });
    await b.epoch.assertReady();
    await a.epoch.stop();
    await b.epoch.stop();
  });

  it('prepares again after a reconnect even with the marker in place (a Redis restored from an older snapshot)', async () => {
    const marker = memoryMarker();
    const a = node(marker, 'a');
    await a.epoch.start();
    a.epoch.reconnected();
    await a.epoch.check();
    expect(a.calls.prepared).toBe(1);
    expect(a.calls.resynced).toBe(0); // same marker: the states were current, nobody needs a resync
    await a.epoch.stop();
  });
});
