import { loadConfig } from './config.js';
import { compose } from './compose.js';
import { createLogger } from './logger.js';
import { couldNotStart } from './start-failure.js';

/**
 * Entry point: read config, compose the roles asked for, print where each screen lives, and
 * shut down in order (stop taking work, drain, close adapters) on SIGINT/SIGTERM. A start that
 * fails says why in both languages and exits with 1; compose() and start() have already stopped
 * what they started (local redis-server, PGlite lock, database, queues).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  let system;
  let banner;
  try {
    system = await compose(config, logger);
    banner = await system.start();
  } catch (err) {
    console.error(couldNotStart(err));
    process.exit(1);
  }
  console.log(banner);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
