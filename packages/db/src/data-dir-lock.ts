/**
 * PGlite is one process with one connection: the process that opens the embedded database owns
 * the data folder through a lock file. Another process (a second server, a CLI command) sees the
 * owner and refuses instead of corrupting the data. A lock left by a dead process is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  purpose: string;
  port?: number;
  startedAt: string;
}

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by process ${owner.pid} (${owner.purpose}${owner.port ? `, port ${owner.port}` : ''}); stop it first, or use PostgreSQL (DATABASE_URL) to share a database between processes`,
    );
  }
}

export const lockFileName = 'cfp.lock';

/** Lock files this process holds: a lock with our pid but not in here was left by an earlier
 * process that had the same pid (pid 1 in a restarted container) and is stale. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the current owner, or null when the folder is free (no lock, or a dead owner's lock). */
export function dataDirOwner(dataDir: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as LockOwner;
    return isHeld(join(dataDir, lockFileName), owner) ? owner : null;
  } catch {
    return null;
  }
}

/** Takes the folder or throws DataDirBusyError; returns the release function. */
export function lockDataDir(options: { dataDir: string; purpose: string; port?: number; now: Date }): () => void {
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, lockFileName);
  const me: LockOwner = { pid: process.pid, purpose: options.purpose, startedAt: options.now.toISOString(), ...(options.port ? { port: options.port } : {}) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails if the file exists: two processes racing here cannot both win.
      writeFileSync(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      heldHere.add(path);
      return () => {
        if (!heldHere.delete(path)) return;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwnerRaw(path);
      if (owner && isHeld(path, owner)) throw new DataDirBusyError(dataDir, owner);
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isHeld(path: string, owner: LockOwner): boolean {
  return owner.pid === process.pid ? heldHere.has(path) : isAlive(owner.pid);
}

function readOwnerRaw(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}
