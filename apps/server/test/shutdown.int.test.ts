/**
 * A graceful stop must finish while clients keep their keep-alive connections busy (staff panels
 * pressing buttons, a proxy's pooled connections): otherwise a restart waits for the 15 s
 * force-exit in main.ts, and every screen and phone waits with it.
 */
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestSystem } from './support.js';

function get(agent: Agent, base: string, path: string): Promise<number> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful stop', () => {
  it('completes while clients keep sending on keep-alive connections', async () => {
    const sys = await startTestSystem({ ROLES: 'api,realtime' });
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    let stopped = false;
    const statuses: number[] = [];
    // Four clients sending back to back, never idle: the pattern that used to hold close() open
    // for as long as they kept going.
    const clients = Array.from({ length: 4 }, async () => {
      while (!stopped) {
        try {
          statuses.push(await get(agent, sys.url, '/api/v1/branches'));
        } catch {
          await new Promise((r) => setTimeout(r, 5)); // refused once the listener is gone
        }
      }
    });
    while (statuses.length < 20) await new Promise((r) => setTimeout(r, 5));
    await sys.close(); // never resolves (test timeout) if a busy connection holds the server open
    stopped = true;
    await Promise.all(clients);
    agent.destroy();
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
