/**
 * A second server node for scale-out tests: the same compose() as `npm start`, sharing the first
 * test system's Redis key prefix and PostgreSQL schema, with only the api and realtime roles
 * (like a web node behind a proxy). It seeds nothing; the first system owns (and, in its
 * close(), deletes) the shared Redis keys and schema, so close this node first.
 */
import { compose, type ComposeOverrides, type System } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { TestSystem } from './support.js';

export interface SecondNode {
  system: System;
  url: string;
  /** Stops this node only; shared keys and schema stay for the first system to clean up. */
  close(): Promise<void>;
}

export async function startSecondNode(first: TestSystem, env: Record<string, string> = {}, overrides: ComposeOverrides = {}): Promise<SecondNode> {
  const c = first.system.parts.config;
  if (!c.redisUrl || !c.databaseUrl || !c.databaseSchema) {
    throw new Error('startSecondNode needs a first system on an external Redis and PostgreSQL schema');
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: c.redisUrl,
    REDIS_PREFIX: c.redisPrefix,
    DATABASE_URL: c.databaseUrl,
    DATABASE_SCHEMA: c.databaseSchema,
    LOG_LEVEL: 'silent',
    ALLOWED_ORIGINS: c.allowedOrigins.join(','),
    SEED_DEMO: 'false',
    ROLES: 'api,realtime',
    ...env,
  });
  const system = await compose(config, createLogger(config.logLevel), overrides);
  try {
    await system.start();
  } catch (err) {
    await system.stop();
    throw err;
  }
  return { system, url: system.url(), close: () => system.stop() };
}
