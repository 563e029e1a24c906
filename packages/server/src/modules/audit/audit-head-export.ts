/**
 * The `audit-head-export` job: records the chain's current head in audit_heads and appends it to
 * `<DATA_DIR>/audit/heads.jsonl`, so that `cfp audit verify` can tell a chain whose newest entries
 * were deleted from one that simply ended. Scheduled every 15 minutes by default; a run with no
 * new entry since the last export writes nothing.
 */
import type { Database } from '@cfp/db';
import { auditRepository } from '@cfp/db';
import type { HashAlgorithm } from '@cfp/domain';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import type { JobHandler, JobRunner } from '../../jobs/job-runner.ts';
import { appendExportedHead, auditHeadsFile, type ExportedHead } from './audit-heads-file.ts';

export const auditHeadExportJobKind = 'audit-head-export';

/** 15 minutes, in ms: the most a truncation of the newest entries can hide. */
export const defaultAuditHeadExportEveryMs = 15 * 60_000;

export function auditHeadExportJob(options: { db: Database; clock: Clock; dataDir: string }): JobHandler {
  return {
    kind: auditHeadExportJobKind,
    // Cheap and idempotent: a run cut short is simply run again at the next tick.
    resumable: false,
    async run() {
      const repo = auditRepository(options.db.orm);
      const head = await repo.head();
      if (!head) return { exported: null, reason: 'the audit trail is empty' };
      const latest = await repo.latestExportedHead();
      if (latest?.seq === head.seq) return { exported: null, reason: `head ${head.seq} was already exported` };
      const exported: ExportedHead = { seq: head.seq, hash: head.hash, algorithm: head.algorithm as HashAlgorithm, exportedAt: options.clock.now().toISOString() };
      const file = auditHeadsFile(options.dataDir);
      // File first: if the insert below fails, the next run writes the line again (a repeat is harmless).
      appendExportedHead(file, exported);
      await repo.recordHead({ ...exported, exportedAt: new Date(exported.exportedAt) });
      return { exported, file };
    },
  };
}

/**
 * Queues the export job every `everyMs` (default 15 min). The timer does not keep the process
 * alive; call the returned stop() on shutdown. The runner must have auditHeadExportJob registered.
 */
export function scheduleAuditHeadExport(options: { runner: JobRunner; everyMs?: number; logger?: Logger }): { stop(): void } {
  const timer = setInterval(() => {
    options.runner
      .enqueue({ kind: auditHeadExportJobKind, maxAttempts: 1 })
      .catch((error: unknown) => options.logger?.error({ err: error }, 'could not queue the audit head export'));
  }, options.everyMs ?? defaultAuditHeadExportEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
