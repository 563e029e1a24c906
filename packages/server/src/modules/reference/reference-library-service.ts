/**
 * The published reference library: the shipped reference/*.json records written at start-up
 * (missing versions only: an administrator's publication is never overwritten by a release), and
 * the library the API's calculators use — built from the database, cached per database until a
 * record is added, seen on today's business date so that a version effective later is not yet the
 * default. Publishing adds a version; nothing here ever changes or deletes a record.
 */
import { isUniqueViolation, referenceRepository, type Database, type ReferenceRecordRow } from '@cfp/db';
import {
  businessDateOf,
  publishVersion,
  PublishVersionError,
  ReferenceLibrary,
  shippedReferenceRecords,
  type Actor,
  type ReferenceKind,
  type ReferenceRecord,
  type ReferenceStatus,
} from '@cfp/domain';
import type { PublishReferenceVersion } from '@cfp/contracts';
import { isPlatformAdmin } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { Platform } from '../../http/context.ts';
import type { Logger } from '../../logger.ts';

/** Writes the shipped records that the database lacks; warns about shipped versions the database holds differently. */
export async function bootstrapReferenceLibrary(options: { db: Database; now: Date; logger?: Logger }): Promise<number> {
  const repo = referenceRepository(options.db.orm);
  const shipped = shippedReferenceRecords();
  const written = await repo.insertMissing(
    shipped.map((r) => ({ kind: r.kind, id: r.id, version: r.version, status: r.status, body: { ...r.body }, origin: 'shipped', publishedAt: options.now })),
  );
  if (written.length < shipped.length && options.logger) {
    const stored = new Map((await repo.all()).map((row) => [`${row.kind} ${row.id}@${row.version}`, row]));
    const differing = shipped.filter((r) => {
      const row = stored.get(`${r.kind} ${r.id}@${r.version}`);
      return row !== undefined && (row.origin !== 'shipped' || JSON.stringify(sortKeys(row.body)) !== JSON.stringify(sortKeys(r.body)));
    });
    if (differing.length > 0) {
      options.logger.warn(
        { records: differing.map((r) => `${r.kind} ${r.id}@${r.version}`) },
        'shipped reference records differ from the stored versions; the stored versions stand (publish a new version to change a value)',
      );
    }
  }
  return written.length;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function toReferenceRecord(row: ReferenceRecordRow): ReferenceRecord {
  return { kind: row.kind as ReferenceKind, id: row.id, version: row.version, status: row.status as ReferenceStatus, body: row.body, effectiveFrom: row.effectiveFrom };
}

/** Per database: the last library built and the revision it was built at. */
const cache = new WeakMap<Database, { revision: string; library: ReferenceLibrary }>();

/** The library as published in the database, on the platform clock's business date. */
export async function publishedReferenceLibrary(platform: Pick<Platform, 'db' | 'clock'>): Promise<ReferenceLibrary> {
  const repo = referenceRepository(platform.db.orm);
  const revision = await repo.revision();
  let entry = cache.get(platform.db);
  if (entry?.revision !== revision) {
    entry = { revision, library: new ReferenceLibrary((await repo.all()).map(toReferenceRecord)) };
    cache.set(platform.db, entry);
  }
  const today = businessDateOf(platform.clock.now());
  return entry.library.asOf === today ? entry.library : entry.library.at(today);
}

/** The library as published on a business date (a recalculation's `asOf`), with the revision it was read at. */
export async function referenceLibraryAsOf(platform: Pick<Platform, 'db' | 'clock'>, asOf: string): Promise<{ library: ReferenceLibrary; revision: string }> {
  const repo = referenceRepository(platform.db.orm);
  const revision = await repo.revision();
  return { library: new ReferenceLibrary((await repo.all()).map(toReferenceRecord)).at(asOf), revision };
}

/** Only the platform's administrators publish reference values. */
export async function publishReferenceVersion(options: {
  platform: Pick<Platform, 'db' | 'clock'>;
  actor: Actor;
  kind: ReferenceKind;
  id: string;
  input: PublishReferenceVersion;
}): Promise<ReferenceRecordRow> {
  const { platform, actor, input } = options;
  if (!isPlatformAdmin(actor)) throw new AppError('FORBIDDEN', { reason: 'only platform administrators publish reference values' });
  const repo = referenceRepository(platform.db.orm);
  const now = platform.clock.now();
  const library = new ReferenceLibrary((await repo.all()).map(toReferenceRecord));
  let record: ReferenceRecord;
  try {
    record = publishVersion({
      library,
      publishedAt: now.toISOString(),
      request: {
        kind: options.kind,
        id: options.id,
        status: input.status,
        source: input.source,
        expectedVersion: input.expectedVersion,
        ...(input.row === undefined ? {} : { row: input.row }),
        ...(input.values === undefined ? {} : { values: input.values }),
        ...(input.sourceUrl === undefined ? {} : { sourceUrl: input.sourceUrl }),
        ...(input.effectiveFrom === undefined ? {} : { effectiveFrom: input.effectiveFrom }),
        ...(input.note === undefined ? {} : { note: input.note }),
        ...(input.evidenceFileId === undefined ? {} : { evidenceFileId: input.evidenceFileId }),
      },
    });
  } catch (error) {
    if (!(error instanceof PublishVersionError)) throw error;
    if (error.code === 'VALIDATION_FAILED') throw new AppError('VALIDATION_FAILED', { fields: [{ path: error.path ?? 'values', message: error.message }] });
    throw new AppError(error.code, { reason: error.message });
  }
  try {
    return await repo.insert({
      kind: record.kind,
      id: record.id,
      version: record.version,
      status: record.status,
      body: { ...record.body },
      origin: 'published',
      effectiveFrom: record.effectiveFrom ?? null,
      publishedBy: actor.userId,
      publishedAt: now,
    });
  } catch (error) {
    // Two administrators publishing at once: the primary key lets one through.
    if (isUniqueViolation(error)) throw new AppError('VERSION_CONFLICT', { reason: `${record.id}@${record.version} was just published by someone else` });
    throw error;
  }
}
