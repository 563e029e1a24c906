/**
 * CLI output discipline: results (JSON) on stdout, diagnostics on stderr, failures as the API's
 * error envelope with a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { ErrorCode, Language } from '@cfp/contracts';
import { envelope } from '@cfp/server';

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Reads a whole file, or standard input for '-'. */
  readInput(path: string): string;
  language: Language;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readInput: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  language: process.env.LANG?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN',
};

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Prints the error envelope on stdout (it is the command's result) and returns exit code 2. */
export function printEnvelope(io: Io, code: ErrorCode, details?: unknown): number {
  printJson(io, envelope({ code, language: io.language, requestId: `cli-${randomUUID()}`, details }));
  return 2;
}
