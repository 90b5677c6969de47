import type { Context } from 'koa';
import { AppError } from '../../errors.js';

/**
 * Reads a JSON body with a hard size limit. Written here rather than taken from a body-parser
 * so that every failure maps to one of our codes (kiosks and phones are untrusted).
 */
export async function readJson(ctx: Context, limitBytes: number): Promise<unknown> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limitBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${limitBytes} bytes`);
  // A chunked body has no Content-Length; it must be JSON all the same.
  const hasBody = declared > 0 || ctx.get('transfer-encoding') !== '';
  if (hasBody && !ctx.is('application/json')) {
    throw new AppError('VALIDATION_FAILED', 'Send the body as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The body is not valid JSON');
  }
}
