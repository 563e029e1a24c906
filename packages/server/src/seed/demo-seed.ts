/**
 * The demo city. A seed framework each module extends with its own part: `essential` parts run
 * before the server listens (what logins and the first screens need — the organisations), `bulk`
 * parts run afterwards in the resumable `demo-seed` job with progress. Every part is recorded in
 * seed_parts when done, so restarts and second servers never seed twice. Production never seeds.
 */
import { cityAreas, demoOrganisations } from '@cfp/domain';
import { advisoryLockKeys, organisationRepository, seedRepository, withAdvisoryLock, type Database } from '@cfp/db';
import type { Clock } from '../clock.ts';
import type { JobHandler } from '../jobs/job-runner.ts';

export interface SeedContext {
  db: Database;
  now: Date;
  /** Bulk parts report their own progress, 0–100, within the part. */
  progress(percent: number, message?: string): Promise<void>;
}

export interface SeedPart {
  /** Stable name, recorded in seed_parts; bump `version` when a part adds data to an existing seed. */
  name: string;
  version: number;
  phase: 'essential' | 'bulk';
  /** Shown in the job's progress message. */
  label: string;
  run(ctx: SeedContext): Promise<void>;
}

/** Reference areas exist in every mode: they are facts about the city, not demo data. */
export async function bootstrapAreas(db: Database): Promise<void> {
  await organisationRepository(db.orm).upsertAreas(cityAreas());
}

const organisationsPart: SeedPart = {
  name: 'organisations',
  version: 1,
  phase: 'essential',
  label: '组织机构 / organisations',
  async run({ db, now }) {
    const rows = demoOrganisations().map((o) => ({ ...o, createdAt: now, updatedAt: now }));
    await organisationRepository(db.orm).insertMissing(rows);
  },
};

/** Every module's parts, in order. Later modules append theirs here. */
export const demoSeedParts: SeedPart[] = [organisationsPart];

async function runParts(options: { db: Database; clock: Clock; parts: SeedPart[]; onProgress?: (percent: number, message: string) => Promise<void> }): Promise<string[]> {
  const seeds = seedRepository(options.db.orm);
  const ran: string[] = [];
  for (const [index, part] of options.parts.entries()) {
    if (await seeds.isDone(part.name, part.version)) continue;
    const base = (index / options.parts.length) * 100;
    const span = 100 / options.parts.length;
    await options.onProgress?.(base, part.label);
    await part.run({
      db: options.db,
      now: options.clock.now(),
      progress: async (percent, message) => options.onProgress?.(base + (span * percent) / 100, message ?? part.label),
    });
    await seeds.markDone({ part: part.name, version: part.version, now: options.clock.now() });
    ran.push(part.name);
  }
  return ran;
}

/** Runs the essential parts; called before the server listens. */
export function seedEssentials(options: { db: Database; clock: Clock; parts?: SeedPart[] }): Promise<string[]> {
  return runParts({ db: options.db, clock: options.clock, parts: (options.parts ?? demoSeedParts).filter((p) => p.phase === 'essential') });
}

export const demoSeedJobKind = 'demo-seed';

/** The bulk phase as a job. Resumable: finished parts are skipped, so a rerun continues. */
export function demoSeedJob(options: { clock: Clock; db: Database; parts?: SeedPart[] }): JobHandler {
  return {
    kind: demoSeedJobKind,
    resumable: true,
    async run(ctx) {
      const parts = (options.parts ?? demoSeedParts).filter((p) => p.phase === 'bulk');
      // One seeder at a time across servers sharing a database; finished parts are skipped.
      const ran = await withAdvisoryLock(options.db, advisoryLockKeys.demoSeed, () =>
        runParts({ db: options.db, clock: options.clock, parts, onProgress: (percent, message) => ctx.progress(percent, message) }),
      );
      return { partsRun: ran, partsTotal: parts.length };
    },
  };
}
