import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { statusForCode, type ApiError, type ErrorCode } from '@tellerline/contracts';
import type { Logger } from '../logger.js';

/**
 * What to answer a request Node's HTTP parser refused before Koa ever saw it (headers over
 * `maxHeaderSize`, a malformed request line, headers too slow to arrive). Node's own answer is a
 * bare status line without a body ("431 Request Header Fields Too Large"); clients, proxies'
 * logs and our screens expect the usual `{ error: { code, message } }` instead.
 */
export function clientErrorReply(nodeCode: string | undefined): { status: number; body: ApiError } {
  const [code, message] = refusal(nodeCode);
  return { status: statusForCode(code), body: { error: { code, message } } };
}

function refusal(nodeCode: string | undefined): [ErrorCode, string] {
  switch (nodeCode) {
    case 'HPE_HEADER_OVERFLOW':
      return ['REQUEST_TOO_LARGE', 'The request line and headers are too large (a long address or query string, or too many cookies)'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return ['PAYLOAD_TOO_LARGE', 'Chunk extensions are too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return ['REQUEST_TIMEOUT', 'The request did not arrive in time'];
    default:
      return ['VALIDATION_FAILED', 'Malformed HTTP request'];
  }
}

/** Listener for the HTTP server's 'clientError': answers with the JSON error shape, then closes. */
export function answerClientError(logger: Logger): (err: Error & { code?: string }, socket: Duplex) => void {
  return (err, socket) => {
    // A reset or half-closed connection has nobody left to answer; nor has one whose response
    // already started (a keep-alive request's answer is on its way): Node does the same.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, body } = clientErrorReply(err.code);
    const json = JSON.stringify(body);
    logger.info({ code: body.error.code, parser: err.code }, 'request refused');
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'Connection: close\r\n\r\n' +
        json,
    );
  };
}
