import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusyError, dataDirOwner, lockDataDir, lockFileName } from './data-dir-lock.ts';

const now = new Date('2024-06-30T08:00:00Z');
const fresh = () => mkdtempSync(join(tmpdir(), 'cfp-lock-'));

describe('data folder lock', () => {
  it('lets one holder in, refuses the next, and frees the folder on release', () => {
    const dir = fresh();
    const release = lockDataDir({ dataDir: dir, purpose: 'server', port: 3000, now });
    expect(() => lockDataDir({ dataDir: dir, purpose: 'cfp db migrate', now })).toThrow(DataDirBusyError);
    expect(() => lockDataDir({ dataDir: dir, purpose: 'cfp db migrate', now })).toThrow(/in use by process \d+ \(server, port 3000\)/);
    expect(dataDirOwner(dir)).toMatchObject({ pid: process.pid, purpose: 'server' });
    release();
    expect(dataDirOwner(dir)).toBeNull();
    lockDataDir({ dataDir: dir, purpose: 'again', now })();
  });

  it('refuses while another live process holds it', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, lockFileName), JSON.stringify({ pid: child.pid, purpose: 'server', startedAt: now.toISOString() }));
      expect(() => lockDataDir({ dataDir: dir, purpose: 'cli', now })).toThrow(DataDirBusyError);
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left by a process that is gone, including one that had our pid', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    writeFileSync(join(dir, lockFileName), JSON.stringify({ pid: child.pid, purpose: 'crashed server', startedAt: now.toISOString() }));
    expect(dataDirOwner(dir)).toBeNull();
    lockDataDir({ dataDir: dir, purpose: 'server', now })();
    // A restarted container's process often gets the same pid as the one that died.
    writeFileSync(join(dir, lockFileName), JSON.stringify({ pid: process.pid, purpose: 'previous life', startedAt: now.toISOString() }));
    lockDataDir({ dataDir: dir, purpose: 'server', now })();
  });
});
