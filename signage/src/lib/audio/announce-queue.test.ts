import { describe, expect, it } from 'vitest';
import { AnnounceQueue } from './announce-queue.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('AnnounceQueue', () => {
  it('plays items one at a time, in order, even when they arrive while one is playing', async () => {
    const log: string[] = [];
    const q = new AnnounceQueue<string>(async (item) => {
      log.push(`start ${item}`);
      await tick(5);
      log.push(`end ${item}`);
    });
    q.enqueue(['a']);
    q.enqueue(['b', 'c']);
    await tick(1);
    expect(q.size).toBe(3);
    await q.whenIdle();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(q.size).toBe(0);
  });

  it('goes on after an announcement fails', async () => {
    const played: string[] = [];
    const q = new AnnounceQueue<string>(async (item) => {
      if (item === 'bad') throw new Error('no audio');
      played.push(item);
    });
    q.enqueue(['bad', 'good']);
    await q.whenIdle();
    expect(played).toEqual(['good']);
  });

  it('drops what is still waiting when cleared, not the one being played', async () => {
    const played: string[] = [];
    const q = new AnnounceQueue<string>(async (item) => {
      await tick(5);
      played.push(item);
    });
    q.enqueue(['a', 'b', 'c']);
    await tick(1);
    q.clear();
    await q.whenIdle();
    expect(played).toEqual(['a']);
  });
});
