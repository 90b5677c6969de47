/**
 * Applies pending migrations the way the server does at startup (no Prisma CLI):
 *   DATABASE_URL=postgresql://...[?schema=x] npm run migrate -w @tellerline/db
 *   PGLITE_DIR=./data/pglite npm run migrate -w @tellerline/db
 */
import { holdPgliteFolder } from '../src/pglite-lock.js';
import { migrate } from '../src/migrate.js';

const url = process.env.DATABASE_URL;
const pgliteDir = process.env.PGLITE_DIR;
if (!url && !pgliteDir) {
  console.error('Set DATABASE_URL (PostgreSQL) or PGLITE_DIR (embedded PGlite folder).');
  process.exit(1);
}
// A PGlite folder is one process's at a time: refused while a server (or the admin CLI) holds
// it, as `npm run admin` is, and held meanwhile so no server starts on it half-migrated.
let lock;
try {
  lock = pgliteDir && !url ? holdPgliteFolder(pgliteDir) : null;
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
try {
  const { applied } = await migrate(url ? { url } : { pgliteDir });
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  lock?.release();
}
