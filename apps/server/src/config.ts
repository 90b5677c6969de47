import { z } from 'zod';

export const ROLES = ['api', 'realtime', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  /** Comma-separated list of origins allowed to open sockets and send cookies. */
  ALLOWED_ORIGINS: z.string().optional(),
  ROLES: z
    .string()
    .default('api,realtime,worker,scheduler')
    .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ROLES)).min(1)),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z.string().default('tl:'),
  /** Port for the redis-server that `npm start` launches itself when REDIS_URL is not set. */
  LOCAL_REDIS_PORT: z.coerce.number().int().min(1).max(65535).default(6380),
  TRUST_PROXY: bool.default(false),
  DATABASE_URL: z.string().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  DATA_DIR: z.string().default('./data'),
  SESSION_IDLE_MIN: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_SEC: z.coerce.number().int().positive().default(300),
  NO_SHOW_AFTER_MIN: z.coerce.number().positive().default(5),
  SEED_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_KB: z.coerce.number().int().positive().default(16),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  allowedOrigins: readonly string[];
  roles: readonly Role[];
  redisUrl: string | undefined;
  redisPrefix: string;
  localRedisPort: number;
  trustProxy: boolean;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  dataDir: string;
  sessionIdleMin: number;
  sessionAbsoluteHours: number;
  loginMaxAttempts: number;
  loginWindowSec: number;
  noShowAfterMin: number;
  seedDemo: boolean;
  logLevel: string;
  bodyLimitBytes: number;
}>;

/**
 * Reads the environment once. Every problem is listed at once so an operator fixes them in one
 * go; nothing else in the server reads process.env.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) {
    throw new Error('Invalid configuration:\n  PUBLIC_URL: required in production');
  }
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`;
  const allowedOrigins = e.ALLOWED_ORIGINS
    ? e.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)
    : [new URL(publicUrl).origin];
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    allowedOrigins: Object.freeze(allowedOrigins),
    roles: Object.freeze(e.ROLES),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    localRedisPort: e.LOCAL_REDIS_PORT,
    trustProxy: e.TRUST_PROXY,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    dataDir: e.DATA_DIR,
    sessionIdleMin: e.SESSION_IDLE_MIN,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowSec: e.LOGIN_WINDOW_SEC,
    noShowAfterMin: e.NO_SHOW_AFTER_MIN,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_KB * 1024,
  });
}
