import { ClientClosedError, SocketClosedUnexpectedlyError, TimeoutError } from 'redis';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../src/errors.js';
import { isStoreAway } from '../src/store-away.js';

describe('Redis being away', () => {
  it("is told from node-redis's connection errors and refused sockets, also when wrapped", () => {
    expect(isStoreAway(new TimeoutError())).toBe(true);
    expect(isStoreAway(new SocketClosedUnexpectedlyError())).toBe(true);
    expect(isStoreAway(new ClientClosedError())).toBe(true);
    expect(isStoreAway(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isStoreAway(new Error('job failed', { cause: new SocketClosedUnexpectedlyError() }))).toBe(true);
    expect(isStoreAway(new AggregateError([new Error('x'), new TimeoutError()]))).toBe(true);
  });

  it('is not any other failure: those stay 500 INTERNAL', () => {
    expect(isStoreAway(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isStoreAway(new Error('ERR wrong number of arguments'))).toBe(false);
    expect(isStoreAway('ECONNREFUSED')).toBe(false);
    expect(toApiError(new TypeError('boom'))).toMatchObject({ body: { error: { code: 'INTERNAL' } }, internal: true });
  });

  it('answers TEMPORARILY_UNAVAILABLE with when to try again, never the internal message', () => {
    const { body, internal } = toApiError(new TimeoutError());
    expect(internal).toBe(false);
    expect(body.error).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', details: { retryAfterSec: 5 } });
    expect(body.error.message).toMatch(/try again/);
  });
});
