/**
 * The exported chain heads as a file: `<DATA_DIR>/audit/heads.jsonl`, one JSON object a line
 * ({ seq, hash, algorithm, exportedAt }), appended, owner-only (0700 folder, 0600 file). Copy it
 * off the machine (log shipping, WORM storage) and the database alone can no longer hide a
 * truncation. Reading takes only the file's tail: the file grows by one line per export.
 */
import { appendFileSync, chmodSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { auditExportedHeadSchema } from '@cfp/contracts';
import type { HashAlgorithm } from '@cfp/domain';

export interface ExportedHead {
  seq: string;
  hash: string;
  algorithm: HashAlgorithm;
  /** ISO 8601 UTC */
  exportedAt: string;
}

export class AuditHeadsFileError extends Error {
  override name = 'AuditHeadsFileError';
}

/** Where the head export job writes, under the configured data folder. */
export function auditHeadsFile(dataDir: string): string {
  return join(dataDir, 'audit', 'heads.jsonl');
}

/** Appends one head as a line, creating the folder and file owner-only. */
export function appendExportedHead(file: string, head: ExportedHead): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const line = JSON.stringify({ seq: head.seq, hash: head.hash, algorithm: head.algorithm, exportedAt: head.exportedAt });
  appendFileSync(file, `${line}\n`, { mode: 0o600 });
  // mode applies only when the file is created: make sure an existing one is owner-only too.
  chmodSync(file, 0o600);
}

/** Bytes read from the end of the file: far more than one line (~150 bytes). */
const tailBytes = 64 * 1024;

/** The newest head in the file (its last non-empty line); undefined for an empty file. */
export function readLastExportedHead(file: string): ExportedHead | undefined {
  let text: string;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, tailBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    text = buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  // With a partial read the first line may be cut: only the last one is used.
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new AuditHeadsFileError(`${file}: the last line is not JSON`);
  }
  const head = auditExportedHeadSchema.safeParse(parsed);
  if (!head.success) throw new AuditHeadsFileError(`${file}: the last line is not an exported head ({ seq, hash, algorithm, exportedAt })`);
  return head.data;
}
