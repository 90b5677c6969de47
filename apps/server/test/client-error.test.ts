/**
 * Requests Node's HTTP parser refuses before Koa sees them are answered with the same JSON error
 * shape, stable code and status as every other refusal.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, statusForCode } from '@tellerline/contracts';
import { clientErrorReply } from '../src/http/client-error.js';

describe("the parser's refusals", () => {
  it('maps each to a stable code with its status and a message', () => {
    const cases = [
      ['HPE_HEADER_OVERFLOW', 'REQUEST_TOO_LARGE', 431],
      ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 'PAYLOAD_TOO_LARGE', 413],
      ['ERR_HTTP_REQUEST_TIMEOUT', 'REQUEST_TIMEOUT', 408],
      ['HPE_INVALID_METHOD', 'VALIDATION_FAILED', 400],
      [undefined, 'VALIDATION_FAILED', 400],
    ] as const;
    for (const [parser, code, status] of cases) {
      const reply = clientErrorReply(parser);
      expect(ApiError.parse(reply.body).error.code, parser).toBe(code);
      expect(reply.status, parser).toBe(status);
      expect(statusForCode(code)).toBe(status);
      expect(reply.body.error.message).toMatch(/\S/);
    }
  });
});
