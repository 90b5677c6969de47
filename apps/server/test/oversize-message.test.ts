/**
 * Telling a socket closed for a message over the size limit from any other drop, by what
 * Socket.IO's `disconnect` carries: the WebSocket's (ws) and the long-polling's (engine.io) own errors.
 */
import { describe, expect, it } from 'vitest';
import { closedForSize } from '../src/realtime/oversize-message.js';

describe('a socket closed for its message size', () => {
  it('is told by the transport error of either transport', () => {
    expect(closedForSize('transport error', new Error('RangeError: Max payload size exceeded'))).toBe(true);
    expect(closedForSize('transport error', new Error('payload too large'))).toBe(true);
  });

  it('is not any other close', () => {
    expect(closedForSize('transport close', new Error('payload too large'))).toBe(false);
    expect(closedForSize('transport error', new Error('data request connection closed prematurely'))).toBe(false);
    expect(closedForSize('ping timeout', undefined)).toBe(false);
    expect(closedForSize('client namespace disconnect', undefined)).toBe(false);
  });
});
