/** Structured JSON logs (pino). Every request's lines carry its request id. */
import { pino, type Logger } from 'pino';
import { personalDataRedactPaths } from './security/log-redaction.ts';
export type { Logger } from 'pino';

export function createLogger(options: { level: string }): Logger {
  return pino({
    level: options.level,
    base: { service: 'cfp' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never let secrets or personal data reach the log, even by accident.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', ...personalDataRedactPaths], censor: '[redacted]' },
  });
}
