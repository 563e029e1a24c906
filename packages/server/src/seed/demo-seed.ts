/**
 * The demo city. A seed framework each module extends with its own part: `essential` parts run
 * before the server listens (what logins and the first screens need — the organisations), `bulk`
 * parts run afterwards in the resumable `demo-seed` job with progress. Every part is recorded in
 * seed_parts when done, so restarts and second servers never seed twice. Production never seeds.
 */
import { cityAreas, demoIds, demoOrganisations } from '@cfp/domain';
import { advisoryLockKeys, organisationRepository, seedRepository, withAdvisoryLock, type Database } from '@cfp/db';
import type { Clock } from '../clock.ts';
import type { JobHandler } from '../jobs/job-runner.ts';
import type { FieldCipher } from '../security/field-cipher.ts';
import { demoUsersPart } from './demo-users.ts';
import type { SeedPart } from './seed-part.ts';
export type { SeedContext, SeedPart } from './seed-part.ts';
import { carbonAccountMonthsPart, carbonAccountProfilesPart } from '../modules/carbon-accounts/demo-seed.ts';
import { supervisionPlanPart } from '../modules/supervision/demo-seed.ts';

/**
 * What every mode needs, production included: the reference areas (facts about the city, not
 * demo data) and the platform operator's organisation, home of the first administrators.
 */
export async function bootstrapAreas(db: Database, now: Date): Promise<void> {
  const repo = organisationRepository(db.orm);
  await repo.upsertAreas(cityAreas());
  const operator = demoOrganisations().find((o) => o.id === demoIds.platform)!;
  await repo.insertMissing([{ ...operator, createdAt: now, updatedAt: now }]);
}

const organisationsPart: SeedPart = {
  name: 'organisations',
  // 2: the further agencies of the action plan (issue 8); insertMissing adds only what is new.
  version: 2,
  phase: 'essential',
  label: '组织机构 / organisations',
  async run({ db, now }) {
    const rows = demoOrganisations().map((o) => ({ ...o, createdAt: now, updatedAt: now }));
    await organisationRepository(db.orm).insertMissing(rows);
  },
};

/** Every module's parts, in order. Later modules append theirs here. */
export function demoSeedParts(platform: { fieldCipher: FieldCipher }): SeedPart[] {
  return [organisationsPart, demoUsersPart({ fieldCipher: platform.fieldCipher }), carbonAccountProfilesPart, supervisionPlanPart, carbonAccountMonthsPart];
}

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
export function seedEssentials(options: { db: Database; clock: Clock; parts: SeedPart[] }): Promise<string[]> {
  return runParts({ db: options.db, clock: options.clock, parts: options.parts.filter((p) => p.phase === 'essential') });
}

export const demoSeedJobKind = 'demo-seed';

/** The bulk phase as a job. Resumable: finished parts are skipped, so a rerun continues. */
export function demoSeedJob(options: { clock: Clock; db: Database; parts: SeedPart[] }): JobHandler {
  return {
    kind: demoSeedJobKind,
    resumable: true,
    async run(ctx) {
      const parts = options.parts.filter((p) => p.phase === 'bulk');
      const run = () => runParts({ db: options.db, clock: options.clock, parts, onProgress: (percent, message) => ctx.progress(percent, message) });
      // One seeder at a time across servers sharing a database; finished parts are skipped. The
      // embedded database has one process (the data-folder lock) and one connection, which a
      // session lock would hold for the whole seed, keeping every request waiting: no lock there.
      const ran = options.db.kind === 'pglite' ? await run() : await withAdvisoryLock(options.db, advisoryLockKeys.demoSeed, run);
      return { partsRun: ran, partsTotal: parts.length };
    },
  };
}
