import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  // Structured JSON to stdout; operators ship it with whatever collector the bank runs.
  return pino({ level, base: { app: 'tellerline' }, redact: ['req.headers.cookie', 'req.headers.authorization', '*.password'] });
}
