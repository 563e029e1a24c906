/**
 * Configuration, parsed once at start from the environment and failing fast with a message that
 * names every bad variable. The only file that reads process.env. The mode (demo / production)
 * is independent of the database: demo on PostgreSQL seeds too; production never seeds and
 * refuses to start without DATABASE_URL and its secrets.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  fieldAlgorithms,
  FieldKeyError,
  generateFieldIndexKey,
  generateFieldKeySpec,
  parseFieldIndexKey,
  parseFieldKeys,
  type FieldCipherOptions,
} from './security/field-cipher.ts';
import { parseAllowHosts, type AllowedHost } from '@cfp/domain';

const secretSchema = z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)');
const msSchema = z.coerce.number().int().min(0);

const envSchema = z.object({
  CFP_MODE: z.enum(['demo', 'production']).default('demo'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: msSchema.default(30_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: msSchema.default(60_000),
  CFP_NOW: z.iso.datetime({ offset: true }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SESSION_SECRET: secretSchema.optional(),
  TOKEN_PEPPER: secretSchema.optional(),
  FIELD_KEYS: z.string().min(1).optional(),
  FIELD_KEY_ACTIVE: z
    .string()
    .regex(/^[a-z0-9_-]{1,16}$/)
    .optional(),
  FIELD_INDEX_KEY: z.string().min(1).optional(),
  FIELD_CIPHER: z.enum(fieldAlgorithms).default('aes-256-gcm'),
  AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  WEBHOOK_ALLOW_HOSTS: z.string().max(4096).optional(),
  // Uploads are held in memory while their type is checked: the ceiling keeps that bounded.
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  FILE_STORE_DIR: z.string().min(1).optional(),
  DEMO_BULK_SEED: z.enum(['true', 'false']).default('true'),
  PDF_FONT_FILE: z.string().min(1).optional(),
});

export type Mode = 'demo' | 'production';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  /** Absolute; holds the embedded database, the demo secrets and the lock file. */
  dataDir: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };
  pool: { max: number; statementTimeoutMs: number; idleInTransactionTimeoutMs: number };
  /** Fixed start of the server clock (demos, tests); undefined = system time. */
  now?: Date;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** Believe X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  secrets: { sessionSecret: string; tokenPepper: string };
  /** Personal-data field encryption (keys, active key id, algorithm, blind-index key). */
  fieldCipher: FieldCipherOptions;
  /** Hash of the audit chain's new entries. */
  auditHash: 'sha256' | 'sm3';
  /**
   * Webhook hosts (host or host:port) exempt from the address rules and allowed plain http: for
   * tests and intranet receivers. Empty by default: every target must be public https.
   */
  webhookAllowHosts: AllowedHost[];
  /** Largest accepted upload, in bytes (the file itself; the multipart envelope is allowed on top). */
  fileMaxBytes: number;
  /**
   * Absolute; the file store's folder (content-addressed blobs, owner-only). Default
   * DATA_DIR/files; production points FILE_STORE_DIR at a mounted, backed-up volume shared by every
   * API process (the database backup does not include the blobs).
   */
  fileStoreDir: string;
  /** Demo mode: run the bulk seed (two years of monthly data for every demo enterprise) as a job after start. */
  demoBulkSeed: boolean;
  /**
   * Absolute; the CJK font (TTF/OTF/WOFF) embedded in PDF reports. Unset: the vendored
   * packages/server/assets/fonts/NotoSansSC-Regular.woff, found from the source or the bundle.
   */
  pdfFontFile?: string;
}

interface Secrets {
  sessionSecret: string;
  tokenPepper: string;
  fieldKeys: string;
  fieldIndexKey: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `env`; in demo mode, missing secrets are generated once under DATA_DIR (owner-only). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  if (e.CFP_MODE === 'production') {
    const missing = [
      !e.DATABASE_URL && 'DATABASE_URL',
      !e.SESSION_SECRET && 'SESSION_SECRET',
      !e.TOKEN_PEPPER && 'TOKEN_PEPPER',
      !e.FIELD_KEYS && 'FIELD_KEYS',
      !e.FIELD_INDEX_KEY && 'FIELD_INDEX_KEY',
    ].filter(Boolean);
    if (missing.length) throw new ConfigError(`production mode needs ${missing.join(', ')}; see README → Configuration`);
  }
  const given = { sessionSecret: e.SESSION_SECRET, tokenPepper: e.TOKEN_PEPPER, fieldKeys: e.FIELD_KEYS, fieldIndexKey: e.FIELD_INDEX_KEY };
  const secrets = Object.values(given).every(Boolean) ? (given as Secrets) : demoSecrets(dataDir, given);
  const fieldCipher = parseFieldCipher({ secrets, activeKeyId: e.FIELD_KEY_ACTIVE, algorithm: e.FIELD_CIPHER });
  return {
    mode: e.CFP_MODE,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dir: join(dataDir, 'pglite') },
    pool: { max: e.DB_POOL_MAX, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS, idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS },
    ...(e.CFP_NOW ? { now: new Date(e.CFP_NOW) } : {}),
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === 'true',
    secrets: { sessionSecret: secrets.sessionSecret, tokenPepper: secrets.tokenPepper },
    fieldCipher,
    auditHash: e.AUDIT_HASH,
    webhookAllowHosts: parseWebhookAllowHosts(e.WEBHOOK_ALLOW_HOSTS ?? ''),
    fileMaxBytes: e.FILE_MAX_BYTES,
    fileStoreDir: e.FILE_STORE_DIR ? resolve(e.FILE_STORE_DIR) : join(dataDir, 'files'),
    demoBulkSeed: e.DEMO_BULK_SEED === 'true',
    ...(e.PDF_FONT_FILE ? { pdfFontFile: resolve(e.PDF_FONT_FILE) } : {}),
  };
}

function parseFieldCipher(options: { secrets: Secrets; activeKeyId: string | undefined; algorithm: FieldCipherOptions['algorithm'] }): FieldCipherOptions {
  try {
    const keys = parseFieldKeys(options.secrets.fieldKeys);
    const ids = [...keys.keys()];
    if (!options.activeKeyId && ids.length > 1) throw new FieldKeyError('FIELD_KEY_ACTIVE: name the active key when FIELD_KEYS has several');
    const activeKeyId = options.activeKeyId ?? ids[0]!;
    if (!keys.has(activeKeyId)) throw new FieldKeyError(`FIELD_KEY_ACTIVE: ${activeKeyId} is not among FIELD_KEYS`);
    return { keys, activeKeyId, algorithm: options.algorithm, indexKey: parseFieldIndexKey(options.secrets.fieldIndexKey) };
  } catch (error) {
    if (error instanceof FieldKeyError) throw new ConfigError(`invalid configuration:\n  ${error.message}`);
    throw error;
  }
}

/** Demo mode only: secrets generated on first start and kept in DATA_DIR/secrets.json (0600). */
function demoSecrets(dataDir: string, given: { [K in keyof Secrets]: string | undefined }): Secrets {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  const secrets: Secrets = {
    sessionSecret: given.sessionSecret ?? stored.sessionSecret ?? randomBytes(48).toString('base64url'),
    tokenPepper: given.tokenPepper ?? stored.tokenPepper ?? randomBytes(48).toString('base64url'),
    // Losing these makes the encrypted demo personal data unreadable: they are never regenerated.
    fieldKeys: given.fieldKeys ?? stored.fieldKeys ?? generateFieldKeySpec('demo1'),
    fieldIndexKey: given.fieldIndexKey ?? stored.fieldIndexKey ?? generateFieldIndexKey(),
  };
  if ((Object.keys(secrets) as Array<keyof Secrets>).some((k) => secrets[k] !== stored[k] && given[k] === undefined)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ ...stored, ...secrets }, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600); // writeFileSync's mode only applies when it creates the file
  }
  return secrets;
}

function parseWebhookAllowHosts(spec: string): AllowedHost[] {
  try {
    return parseAllowHosts(spec);
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  WEBHOOK_ALLOW_HOSTS: ${(error as Error).message}; expected comma-separated host[:port]`);
  }
}
