/**
 * A message over the server's socket limit is refused before it is sent: the server would drop the
 * connection without an answer (the screen going "reconnecting" over a long text). Pure: the
 * socket is a stand-in that records what would have gone out.
 */
import { describe, expect, it } from 'vitest';
import { SOCKET_MESSAGE_MAX_BYTES } from '@tellerline/contracts';
import { messageBytes, request, type TellerSocket } from '../src/realtime.js';

function fakeSocket(answer: unknown) {
  const sent: unknown[] = [];
  const emitter = {
    emit: (event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void) => {
      sent.push([event, payload]);
      ack(null, answer);
    },
  };
  return { socket: { timeout: () => emitter } as unknown as TellerSocket, sent };
}

describe('request', () => {
  it('sends a message within the limit and resolves with the answer', async () => {
    const { socket, sent } = fakeSocket({ data: { seq: 3 } });
    await expect(request(socket, 'staff:command', { type: 'pause', reason: '午饭'.repeat(100) })).resolves.toEqual({ seq: 3 });
    expect(sent).toHaveLength(1);
  });

  it('refuses a message over the socket limit with PAYLOAD_TOO_LARGE and sends nothing', async () => {
    const { socket, sent } = fakeSocket({ data: {} });
    // 6,000 Chinese characters: 18 KB in UTF-8, though only 6,000 in String.length.
    const reason = '长'.repeat(6000);
    expect(messageBytes('staff:command', { type: 'pause', reason })).toBeGreaterThan(SOCKET_MESSAGE_MAX_BYTES);
    await expect(request(socket, 'staff:command', { type: 'pause', reason })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(sent).toHaveLength(0);
  });
});
