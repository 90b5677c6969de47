/**
 * Requests refused by Node's HTTP parser, before any middleware runs, still get the JSON error
 * shape: a 20 KB query string (over the 16 KB header limit) and a malformed request line. The
 * server keeps serving afterwards.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@tellerline/contracts';
import { startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem({ ROLES: 'api' });
});

afterAll(async () => {
  await sys?.close();
});

/** Sends raw bytes and reads the whole answer (the server closes the connection after it). */
function raw(text: string): Promise<string> {
  const { hostname, port } = new URL(sys.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (answer += c));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers a 20 KB query string with 431 and REQUEST_TOO_LARGE, as JSON', async () => {
    const res = await fetch(`${sys.url}/api/v1/branches/${sys.branchId}?q=${'x'.repeat(20 * 1024)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = ApiError.parse(await res.json());
    expect(body.error.code).toBe('REQUEST_TOO_LARGE');
    expect(body.error.message).toMatch(/too large/);
  });

  it('answers a malformed request line with 400 and VALIDATION_FAILED, as JSON', async () => {
    const answer = await raw('NOT A REQUEST\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toMatch(/\r\nContent-Type: application\/json/i);
    expect(ApiError.parse(JSON.parse(body!)).error.code).toBe('VALIDATION_FAILED');
  });

  it('still serves a request of ordinary size afterwards', async () => {
    const res = await fetch(`${sys.url}/api/v1/branches/${sys.branchId}?q=${'x'.repeat(1024)}`);
    expect(res.status).toBe(200);
  });
});
