import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/**
 * A pino logger whose lines a test reads back as the JSON objects an operator's log collector
 * would see (level, msg and the fields), in order.
 */
export function capturingLogger(level = 'info'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
