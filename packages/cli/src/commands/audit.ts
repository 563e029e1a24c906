/**
 * `cfp audit verify [--head <file>]` and `cfp audit head`. Verify recomputes every entry's hash and
 * link in seq order (streamed, bounded memory) and checks the chain against the newest exported
 * head, so that deleting the newest entries is caught too. The head comes from, in order: the
 * heads.jsonl file given with --head (its last line), `<DATA_DIR>/audit/heads.jsonl`, the
 * audit_heads table. A file kept off the database server is the stronger witness: whoever can
 * rewrite audit_entries can rewrite audit_heads as well. Exit 3 when the chain is broken.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditRepository, migrationStatus, type Database } from '@cfp/db';
import { AuditHeadsFileError, auditHeadsFile, openConfiguredDatabase, readLastExportedHead, systemClock, verifyAuditTrail, type Config, type ExportedHead } from '@cfp/server';
import { CliError, type Io, printJson } from '../io.ts';

/** Exit code of `cfp audit verify` when the chain is broken, truncated or differs from the exported head. */
export const auditBrokenExitCode = 3;

async function withDatabase<T>(config: Config, purpose: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const { db, release } = await openConfiguredDatabase({ config, purpose, now: systemClock.now() });
  try {
    const status = await migrationStatus(db);
    if (!status.current) throw new CliError(`the database is at migration ${status.applied} of ${status.expected}: run cfp db migrate first`);
    return await fn(db);
  } finally {
    await db.close();
    release();
  }
}

function readHeadFile(file: string): ExportedHead | undefined {
  try {
    return readLastExportedHead(file);
  } catch (error) {
    if (error instanceof AuditHeadsFileError) throw new CliError(error.message);
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The newest exported head and where it came from. */
async function exportedHead(options: { config: Config; db: Database; headFile: string | undefined }): Promise<{ head: ExportedHead | undefined; against: string }> {
  if (options.headFile !== undefined) {
    const file = resolve(options.headFile);
    const head = readHeadFile(file);
    if (!head) throw new CliError(`${file} has no exported head`);
    return { head, against: file };
  }
  const file = auditHeadsFile(options.config.dataDir);
  if (existsSync(file)) {
    const head = readHeadFile(file);
    if (head) return { head, against: file };
  }
  const row = await auditRepository(options.db.orm).latestExportedHead();
  if (row)
    return { head: { seq: row.seq, hash: row.hash, algorithm: row.algorithm as ExportedHead['algorithm'], exportedAt: row.exportedAt.toISOString() }, against: 'audit_heads' };
  return { head: undefined, against: 'none' };
}

export async function auditCommand(io: Io, config: Config, args: string[], flags: { head?: string | undefined }): Promise<number> {
  const [action] = args;
  switch (action) {
    case 'verify':
      return withDatabase(config, 'cfp audit verify', async (db) => {
        const { head, against } = await exportedHead({ config, db, headFile: flags.head });
        io.err(
          head
            ? `cfp audit verify: checking the chain against exported head ${head.seq} (exported ${head.exportedAt}) from ${against}`
            : 'cfp audit verify: no exported head found (no heads.jsonl, audit_heads empty): deletion of the newest entries cannot be detected',
        );
        const result = await verifyAuditTrail({ orm: db.orm, head });
        printJson(io, { ...result, against, exported: head ?? null });
        return result.ok ? 0 : auditBrokenExitCode;
      });
    case 'head': {
      const result = await withDatabase(config, 'cfp audit head', async (db) => {
        const repo = auditRepository(db.orm);
        const [current, exported] = [await repo.head(), await repo.latestExportedHead()];
        return {
          head: current ? { seq: current.seq, hash: current.hash, algorithm: current.algorithm, at: new Date(current.at).toISOString() } : null,
          exported: exported ? { seq: exported.seq, hash: exported.hash, algorithm: exported.algorithm, exportedAt: exported.exportedAt.toISOString() } : null,
        };
      });
      printJson(io, result);
      return 0;
    }
    default:
      throw new CliError('usage: cfp audit verify [--head <heads.jsonl>] | cfp audit head');
  }
}
