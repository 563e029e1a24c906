/**
 * `cfp db migrate | backup <file> | restore <file> --yes`, `cfp seed --demo` and `cfp seed --plan`. On the embedded
 * database these take the data folder's lock, so they refuse while a server runs on it instead
 * of corrupting it; on PostgreSQL they run beside running servers.
 */
import { readFileSync } from 'node:fs';
import { backupDatabase, migrate, restoreDatabase, type Database } from '@cfp/db';
import {
  bootstrapAreas,
  bootstrapReferenceLibrary,
  createFieldCipher,
  createJobRunner,
  demoSeedParts,
  createLogger,
  demoSeedJob,
  demoSeedJobKind,
  AppError,
  loadActionPlanFromCli,
  openConfiguredDatabase,
  seedEssentials,
  systemClock,
  type Config,
} from '@cfp/server';
import { CliError, type Io, printJson } from '../io.ts';

export async function withDatabase<T>(config: Config, purpose: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const { db, release } = await openConfiguredDatabase({ config, purpose, now: systemClock.now() });
  try {
    return await fn(db);
  } finally {
    await db.close();
    release();
  }
}

export async function dbCommand(io: Io, config: Config, args: string[], flags: { yes: boolean }): Promise<number> {
  const [action, file] = args;
  switch (action) {
    case 'migrate': {
      const applied = await withDatabase(config, 'cfp db migrate', (db) => migrate(db));
      printJson(io, { applied });
      return 0;
    }
    case 'backup': {
      if (!file) throw new CliError('usage: cfp db backup <file>');
      const tables = await withDatabase(config, 'cfp db backup', (db) => backupDatabase({ db, file, now: systemClock.now() }));
      printJson(io, { file, tables });
      return 0;
    }
    case 'restore': {
      if (!file) throw new CliError('usage: cfp db restore <file> --yes');
      if (!flags.yes) throw new CliError('restore replaces every table of the database; run again with --yes to confirm');
      const tables = await withDatabase(config, 'cfp db restore', async (db) => {
        await migrate(db);
        return restoreDatabase({ db, file });
      });
      printJson(io, { file, tables });
      return 0;
    }
    default:
      throw new CliError('usage: cfp db migrate | backup <file> | restore <file> --yes');
  }
}

/** Seeds the demo city in full (essential and bulk parts) and waits for it, with progress on stderr. */
export async function seedCommand(io: Io, config: Config, flags: { demo: boolean; plan?: string | undefined; fullText?: string | undefined }): Promise<number> {
  if (flags.plan !== undefined) return seedPlan(io, config, { plan: flags.plan, fullText: flags.fullText });
  if (!flags.demo) throw new CliError('usage: cfp seed --demo | cfp seed --plan <file.json> [--full-text <file.txt>]');
  if (config.mode === 'production') throw new CliError('production mode never seeds demo data (CFP_MODE=production)');
  const result = await withDatabase(config, 'cfp seed', async (db) => {
    await migrate(db);
    await bootstrapAreas(db, systemClock.now());
    await bootstrapReferenceLibrary({ db, now: systemClock.now() });
    const clock = systemClock;
    const parts = demoSeedParts({ fieldCipher: createFieldCipher(config.fieldCipher) });
    const essential = await seedEssentials({ db, clock, parts });
    if (!config.demoBulkSeed) {
      io.err(`demo seed: essential parts ${essential.join(', ') || '(already seeded)'}; bulk job skipped (DEMO_BULK_SEED=false)`);
      return { essential, job: null };
    }
    const logger = createLogger({ level: 'silent' });
    const runner = createJobRunner({ db, clock, logger, soleProcess: db.kind === 'pglite', pollMs: 100 });
    runner.register(demoSeedJob({ db, clock, parts }));
    await runner.start();
    const job = await runner.enqueue({ kind: demoSeedJobKind });
    await runner.idle();
    await runner.stop();
    io.err(`demo seed: essential parts ${essential.join(', ') || '(already seeded)'}; bulk job ${job.id}`);
    return { essential, job: job.id };
  });
  printJson(io, result);
  return 0;
}

/** `cfp seed --plan`: an action plan is reference data, so it loads in production too; an invalid plan names every error. */
async function seedPlan(io: Io, config: Config, flags: { plan: string; fullText?: string | undefined }): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(flags.plan, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read the plan ${flags.plan}: ${(error as Error).message}`);
  }
  const fullText = flags.fullText === undefined ? null : readFileSync(flags.fullText, 'utf8');
  try {
    const result = await withDatabase(config, 'cfp seed --plan', async (db) => {
      await migrate(db);
      await bootstrapAreas(db, systemClock.now());
      return loadActionPlanFromCli({ db, json, fullText, now: systemClock.now(), algorithm: config.auditHash });
    });
    if (result.unmappedAgencies.length) io.err(`plan loaded; agencies without an organisation (kept as text): ${result.unmappedAgencies.join('、')}`);
    printJson(io, result);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
      const fields = (error.details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields ?? [];
      throw new CliError(`the plan is invalid:\n${fields.map((f) => `  ${f.path}: ${f.message}`).join('\n')}`);
    }
    throw error;
  }
}
