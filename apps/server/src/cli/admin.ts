/**
 * `npm run admin -- create <username> [--display-name <name>]`: an administrator, on the database
 * the server uses (DATABASE_URL, else the embedded PGlite under DATA_DIR). The way to the first
 * administrator when the demo is not seeded (SEED_DEMO=false), which the start-up banner points
 * to. `reset-password <username>` sets a new password for any account (an administrator who
 * forgot theirs). Passwords never come from the command line (see `ADMIN_USAGE`).
 */
import { holdEmbeddedDatabase, openDatabase, pgliteFolder } from '../compose-db.js';
import { adminPasswordFromEnv, loadConfig } from '../config.js';
import { ADMIN_USAGE, parseAdminArgs, type AdminCommand } from './admin-args.js';
import { runAdminCommand } from './admin-command.js';
import { readPassword } from './read-password.js';

async function main(argv: readonly string[]): Promise<number> {
  let cmd: AdminCommand;
  try {
    cmd = parseAdminArgs(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${ADMIN_USAGE}`);
    return 2;
  }
  if (cmd.command === 'help') {
    console.log(ADMIN_USAGE);
    return 0;
  }
  try {
    const config = loadConfig();
    // Refused while a server holds the PGlite folder (before asking for a password), and held
    // meanwhile so that no server starts on it.
    const folderLock = holdEmbeddedDatabase(config);
    try {
      const password = adminPasswordFromEnv() ?? (await readPassword(process.stdin, process.stderr));
      const db = await openDatabase(config, pgliteFolder(config));
      try {
        console.log(await runAdminCommand(cmd, password, db));
      } finally {
        await db.close();
      }
    } finally {
      folderLock.release();
    }
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
