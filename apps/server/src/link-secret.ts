import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file under DATA_DIR that keeps the link secret when LINK_SECRET is not set. */
export const linkSecretFile = (dataDir: string): string => join(dataDir, 'link-secret');

/**
 * The key manage links are derived with (@tellerline/db manage-tokens.ts): LINK_SECRET, else the
 * one kept in DATA_DIR/link-secret, made on first start (mode 0600). Not in the database: a dump
 * or backup of it must not be enough to open anyone's booking. Losing the file makes every link
 * sent so far stop working, so it belongs in the backups of DATA_DIR (kept apart from the
 * database's). Two processes starting at once on a fresh DATA_DIR agree: the file is made by a
 * hard link, which only one of them wins, and the other reads the winner's.
 */
export async function resolveLinkSecret(config: { linkSecret: string | undefined; dataDir: string }): Promise<string> {
  if (config.linkSecret) return config.linkSecret;
  const file = linkSecretFile(config.dataDir);
  const kept = await readKept(file);
  if (kept) return kept;
  await mkdir(config.dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(tmp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  try {
    await link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  const made = await readKept(file);
  if (!made) throw new Error(`${file} is empty or too short; remove it or set LINK_SECRET`);
  return made;
}

async function readKept(file: string): Promise<string | null> {
  try {
    const s = (await readFile(file, 'utf8')).trim();
    return s.length >= 32 ? s : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
