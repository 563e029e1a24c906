/**
 * Starting and stopping the platform: open the database (taking the embedded data folder's
 * lock), migrate under the advisory lock, write reference areas and, in demo mode, the essential
 * demo data, start the job runner, and only then listen — so /api/health is ready the moment
 * the port answers. Bulk demo data follows in the background job.
 */
import { serve, type ServerType } from '@hono/node-server';
import { advisoryLockKeys, jobRepository, lockDataDir, migrate, openDatabase, withAdvisoryLock, type Database } from '@cfp/db';
import { clockStartingAt, systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { createApp } from './http/app.ts';
import type { Platform } from './http/context.ts';
import { createJobRunner } from './jobs/job-runner.ts';
import { bootstrapReferenceLibrary } from './modules/reference/reference-library-service.ts';
import { bootstrapAreas, demoSeedJob, demoSeedJobKind, demoSeedParts, seedEssentials } from './seed/demo-seed.ts';
import { createFieldCipher } from './security/field-cipher.ts';
import { auditHeadExportJob, scheduleAuditHeadExport } from './modules/audit/audit-head-export.ts';
import { scheduleWebhookDelivery, webhookDeliveryJob } from './modules/webhooks/webhook-delivery-job.ts';
import { monthImportJob } from './modules/carbon-accounts/imports/month-import-job.ts';
import { recalculationJob } from './modules/reference/recalculation/recalculation-job.ts';
import { scheduleSupervisionReminders, supervisionRemindersJob } from './modules/supervision/supervision-reminders.ts';
import { platformVersion } from './version.ts';

export interface RunningPlatform extends Platform {
  app: ReturnType<typeof createApp>;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  stop(): Promise<void>;
}

/** Opens the configured database; for PGlite, after taking the data folder's lock. */
export async function openConfiguredDatabase(options: { config: Config; purpose: string; now: Date }): Promise<{ db: Database; release: () => void }> {
  const { config } = options;
  if (config.database.kind === 'postgres') {
    const db = await openDatabase({ kind: 'postgres', url: config.database.url, pool: config.pool });
    return { db, release: () => undefined };
  }
  const release = lockDataDir({ dataDir: config.dataDir, purpose: options.purpose, now: options.now });
  try {
    const db = await openDatabase({ kind: 'pglite', dataDir: config.database.dir });
    return { db, release };
  } catch (error) {
    release();
    throw error;
  }
}

/** Everything but the socket: for the server, the CLI and in-process tests. */
export async function preparePlatform(options: {
  config: Config;
  db?: Database;
  clock?: Clock;
  logger?: Logger;
  purpose?: string;
  /** false in tests: no timer queuing head exports */
  scheduleAuditHeadExport?: boolean;
}): Promise<Platform & { release: () => void; app: ReturnType<typeof createApp>; stopJobs: () => Promise<void>; queueBulkSeed: () => Promise<void> }> {
  const { config } = options;
  const clock = options.clock ?? (config.now ? clockStartingAt(config.now) : systemClock);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const opened = options.db ? { db: options.db, release: () => undefined } : await openConfiguredDatabase({ config, purpose: options.purpose ?? 'server', now: clock.now() });
  const { db } = opened;
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await bootstrapAreas(db, clock.now());
    await bootstrapReferenceLibrary({ db, now: clock.now(), logger });
    const fieldCipher = createFieldCipher(config.fieldCipher);
    const seedParts = demoSeedParts({ fieldCipher });
    const jobs = createJobRunner({ db, clock, logger, soleProcess: db.kind === 'pglite' });
    jobs.register(demoSeedJob({ db, clock, parts: seedParts }));
    jobs.register(auditHeadExportJob({ db, clock, dataDir: config.dataDir }));
    jobs.register(webhookDeliveryJob({ db, clock, fieldCipher, allowHosts: config.webhookAllowHosts, version: platformVersion, logger }));
    jobs.register(monthImportJob({ db, clock, config, logger }));
    jobs.register(recalculationJob({ db, clock, config, logger }));
    jobs.register(supervisionRemindersJob({ db, clock }));
    await jobs.start();
    if (config.mode === 'demo') {
      // Several servers may start at once on one PostgreSQL database: one of them seeds.
      await withAdvisoryLock(db, advisoryLockKeys.demoSeed, async () => {
        const seeded = await seedEssentials({ db, clock, parts: seedParts });
        if (seeded.length) logger.info({ parts: seeded }, 'demo data seeded');
        if (config.demoBulkSeed && db.kind === 'postgres') await queueDemoSeedOnce({ db, jobs });
      });
    }
    const platform: Platform = { config, db, clock, logger, jobs, fieldCipher, version: platformVersion };
    // The chain head leaves the database on a schedule, so that truncation can be detected.
    const headExport = options.scheduleAuditHeadExport === false ? undefined : scheduleAuditHeadExport({ runner: jobs, logger });
    // Retries that came due are queued every few seconds; tests (which turn timers off) run the job themselves.
    const webhookDelivery = options.scheduleAuditHeadExport === false ? undefined : scheduleWebhookDelivery({ db, clock, runner: jobs, logger });
    // Supervision reminders once per business day (overdue milestones, missing quarterly reports).
    const supervisionReminders = options.scheduleAuditHeadExport === false ? undefined : scheduleSupervisionReminders({ runner: jobs, clock, logger });
    const stopJobs = async () => {
      headExport?.stop();
      webhookDelivery?.stop();
      supervisionReminders?.stop();
      await jobs.stop();
    };
    // The embedded database has one connection: the bulk seed is queued once the server listens
    // (startPlatform), or the start would wait behind the job's transactions.
    const queueBulkSeed = async () => {
      if (config.mode === 'demo' && config.demoBulkSeed && db.kind === 'pglite') await queueDemoSeedOnce({ db, jobs });
    };
    return { ...platform, app: createApp(platform), release: opened.release, stopJobs, queueBulkSeed };
  } catch (error) {
    if (!options.db) await db.close().catch(() => undefined);
    opened.release();
    throw error;
  }
}

/** One demo-seed job per database: queued unless one is already queued, running or done. */
async function queueDemoSeedOnce(options: { db: Database; jobs: Platform['jobs'] }): Promise<void> {
  const existing = await jobRepository(options.db.orm).list({ kind: demoSeedJobKind, limit: 20 });
  if (existing.some((j) => j.status !== 'failed')) return;
  await options.jobs.enqueue({ kind: demoSeedJobKind });
}

/** Starts the whole platform and listens on config.port. */
export async function startPlatform(options: { config: Config; clock?: Clock; logger?: Logger }): Promise<RunningPlatform> {
  const prepared = await preparePlatform({ ...options, purpose: 'server' });
  const { app, config, logger } = prepared;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, host: config.host, mode: config.mode, database: prepared.db.kind }, 'listening');
  await prepared.queueBulkSeed();
  let stopped = false;
  return {
    ...prepared,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await prepared.stopJobs();
      await prepared.db.close();
      prepared.release();
    },
  };
}
