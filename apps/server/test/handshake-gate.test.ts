/**
 * The socket handshake gate: a refusal reaches the client as its stable code and is not logged
 * (a signed-out page reconnecting is normal); a failure nobody expected (the session store down)
 * reaches the client as INTERNAL and the operator's log. Pure: the stores are stand-ins.
 */
import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from './capturing-logger.js';
import type { SessionStore } from '../src/auth/sessions.js';
import { handshakeGate, type HandshakeDeps } from '../src/realtime/handshake.js';

function gate(peek: SessionStore['peek']) {
  const { logger, lines } = capturingLogger();
  const sessions = { peek, endedBecause: async () => null } as unknown as SessionStore;
  const deps: HandshakeDeps = {
    allowedOrigins: [],
    deviceAuth: { verify: async () => null } as unknown as HandshakeDeps['deviceAuth'],
    sessions,
    tickets: { byToken: async () => null } as unknown as HandshakeDeps['tickets'],
    now: () => 0,
  };
  const connect = (cookie: string) =>
    new Promise<(Error & { data?: unknown }) | undefined>((resolve) => {
      const socket = { id: 'sock-1', data: undefined, handshake: { headers: { cookie }, auth: {} } } as unknown as Socket;
      handshakeGate({ ...deps, logger })(socket, resolve);
    });
  return { connect, lines };
}

describe('the socket handshake gate', () => {
  it('refuses a malformed session cookie as signed out, without logging an error', async () => {
    const { connect, lines } = gate(async () => null);
    const err = await connect('tl_sid=%E0%A4%A');
    expect(err?.data).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first' });
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('logs a failure it did not expect, and answers INTERNAL', async () => {
    const { connect, lines } = gate(async () => {
      throw new Error('session store unreachable');
    });
    const err = await connect('tl_sid=abcdefabcdefabcdef');
    expect(err?.data).toMatchObject({ code: 'INTERNAL' });
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'socket handshake failed', socket: 'sock-1', err: expect.objectContaining({ message: 'session store unreachable' }) })]);
  });
});
