import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A PGlite folder is used by one process at a time: a second one (the admin CLI or `npm run
 * migrate` beside a running server) writes to it happily, and the server then spins in PGlite for
 * good, deaf to SIGTERM, or finds the database marked "shut down" by the other one's close.
 * So whoever opens the embedded database first writes its pid to DATA_DIR/pglite.lock, removes
 * it when done, and everyone else refuses while that pid lives. A file left by a dead process
 * (a crash, kill -9) is taken over.
 */
export class PgliteFolderHeld extends Error {
  /** The message in each language (one line each), for callers that print them side by side. */
  readonly en: string;
  readonly zh: string;
  constructor(readonly pid: number) {
    const en = `Tellerline is running on this data folder (pid ${pid}): stop it first, or use DATABASE_URL`;
    const zh = `Tellerline 正在使用此数据文件夹（进程 ${pid}）：请先停止它，或使用 DATABASE_URL`;
    super(`${en}\n${zh}`);
    this.en = en;
    this.zh = zh;
    this.name = 'PgliteFolderHeld';
  }
}

export interface DataFolderLock {
  release(): void;
}

/** Lock files this process holds: our own pid in a file we did not write is a previous life's (pid 1 in a restarted container). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pidIn(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function holderOf(lockPath: string): number | null {
  const pid = pidIn(lockPath);
  if (pid === null) return null;
  if (pid === process.pid) return heldHere.has(lockPath) ? pid : null;
  return alive(pid) ? pid : null;
}

function tryCreate(lockPath: string): boolean {
  try {
    // 'wx': two processes starting together cannot both win.
    writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function realPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null; // not created yet (a fresh checkout)
  }
}

/**
 * The lock file beside a PGlite folder, however the folder was spelled. Why: `PGLITE_DIR=data/pglite/`
 * once gave `data/pglite/.lock` (inside the folder), so `npm run migrate` took a lock nobody else
 * checks and opened the live database. Absolute, without trailing separators, `.`/`..` resolved,
 * and through symbolic links when the folder exists, so every spelling names one file.
 */
export function pgliteLockPath(pgliteDir: string): string {
  const absolute = resolve(pgliteDir); // also drops trailing separators and "./" segments
  return `${realPath(absolute) ?? join(realPath(dirname(absolute)) ?? dirname(absolute), basename(absolute))}.lock`;
}

/** Takes the embedded database's folder for this process, or throws `PgliteFolderHeld`. */
export function holdPgliteFolder(pgliteDir: string): DataFolderLock {
  const lockPath = pgliteLockPath(pgliteDir);
  // A fresh checkout has no ./data yet.
  mkdirSync(dirname(lockPath), { recursive: true });
  if (!tryCreate(lockPath)) {
    const holder = holderOf(lockPath);
    if (holder !== null) throw new PgliteFolderHeld(holder);
    rmSync(lockPath, { force: true });
    if (!tryCreate(lockPath)) throw new PgliteFolderHeld(holderOf(lockPath) ?? 0);
  }
  heldHere.add(lockPath);
  return {
    release: () => {
      if (!heldHere.delete(lockPath)) return;
      // Only our own file: never remove the lock of a process that took over after us.
      if (pidIn(lockPath) === process.pid) rmSync(lockPath, { force: true });
    },
  };
}
