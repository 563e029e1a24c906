/**
 * /api/v1/reference: the reference library as published — every factor with its status, so users
 * see which values are unconfirmed (暂定) — each record's versions, and an administrator's
 * publication of a new version. Any signed-in caller reads; only platform administrators publish.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  listReferenceRecordsQuerySchema,
  publishReferenceVersionSchema,
  referenceRecordListSchema,
  referenceRecordParamsSchema,
  referenceRecordVersionSchema,
  referenceRecordVersionsSchema,
  type ReferenceRecordSummary,
  type ReferenceRecordVersion,
} from '@cfp/contracts';
import { referenceRepository, type ReferenceRecordRow } from '@cfp/db';
import { businessDateOf, publishableFields, type ReferenceKind } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { describeCommand } from '../audit/command-audit.ts';
import { actorOf } from '../identity/authenticate.ts';
import { publishReferenceVersion } from './reference-library-service.ts';

/** Units of the values per kind (records that carry their own `unit` say so themselves). */
const unitOfKind: Partial<Record<ReferenceKind, string>> = {
  electricity_factor: 'tCO2/MWh',
  heat_factor: 'tCO2/GJ',
  process_factor: 'tCO2/t',
  gwp_set: 'tCO2e/t',
  fuel_factor_set: 'GJ/unit, tC/GJ, fraction',
};

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function valuesOf(row: { kind: string; body: Record<string, unknown> }): Record<string, string | null> {
  if (row.kind === 'gwp_set') return { ...(row.body['values'] as Record<string, string>) };
  const fields = publishableFields[row.kind as ReferenceKind].fields;
  return Object.fromEntries(fields.filter((f) => Object.hasOwn(row.body, f)).map((f) => [f, str(row.body[f])]));
}

function toSummary(options: { row: ReferenceRecordRow; latestVersion: number }): ReferenceRecordSummary {
  const { row } = options;
  const rows =
    row.kind === 'fuel_factor_set'
      ? (row.body['fuels'] as Record<string, unknown>[]).map((f) => ({
          id: String(f['id']),
          nameZh: str(f['nameZh']),
          status: f['status'] as ReferenceRecordSummary['status'],
          version: Number(f['version']),
          values: { unit: str(f['unit']), ncvGjPerUnit: str(f['ncvGjPerUnit']), carbonContentTcPerGj: str(f['carbonContentTcPerGj']), oxidationRate: str(f['oxidationRate']) },
        }))
      : undefined;
  const statuses = [row.status, ...(rows ?? []).map((r) => r.status)];
  const unit = str(row.body['unit']);
  return {
    kind: row.kind as ReferenceKind,
    id: row.id,
    version: row.version,
    latestVersion: options.latestVersion,
    ref: `${row.id}@${row.version}`,
    status: row.status as ReferenceRecordSummary['status'],
    unconfirmed: statuses.some((s) => s !== 'verified'),
    provisional: statuses.includes('unverified'),
    nameZh: str(row.body['nameZh']) ?? str(row.body['title']),
    nameEn: str(row.body['nameEn']),
    unit: row.kind === 'standard_coal_factor' && unit !== null ? `kgce/${unit}` : (unit ?? unitOfKind[row.kind as ReferenceKind] ?? null),
    values: valuesOf(row),
    ...(rows === undefined ? {} : { rows }),
    source: str(row.body['source']),
    sourceUrl: str(row.body['sourceUrl']),
    origin: row.origin as 'shipped' | 'published',
    effectiveFrom: row.effectiveFrom,
    publishedAt: row.publishedAt.toISOString(),
  };
}

function toVersion(row: ReferenceRecordRow): ReferenceRecordVersion {
  return {
    kind: row.kind as ReferenceKind,
    id: row.id,
    version: row.version,
    ref: `${row.id}@${row.version}`,
    status: row.status as ReferenceRecordVersion['status'],
    origin: row.origin as 'shipped' | 'published',
    effectiveFrom: row.effectiveFrom,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    body: row.body,
  };
}

/** The version in effect on `today` among one record's versions (ascending). */
function inEffect(versions: readonly ReferenceRecordRow[], today: string): ReferenceRecordRow | undefined {
  return versions.filter((v) => v.effectiveFrom === null || v.effectiveFrom <= today).at(-1);
}

const list = createRoute({
  method: 'get',
  path: '/api/v1/reference/records',
  tags: ['reference'],
  summary: 'The reference library: every factor and benchmark in effect, with its status (unconfirmed values are marked)',
  request: { query: listReferenceRecordsQuerySchema },
  responses: { 200: json(referenceRecordListSchema, 'Records in effect today'), ...errorResponses.read },
});

const versions = createRoute({
  method: 'get',
  path: '/api/v1/reference/records/{kind}/{id}',
  tags: ['reference'],
  summary: 'Every version of one record, with what each publication changed and why',
  request: { params: referenceRecordParamsSchema },
  responses: { 200: json(referenceRecordVersionsSchema, 'Versions, oldest first'), ...errorResponses.read },
});

const publish = createRoute({
  method: 'post',
  path: '/api/v1/reference/records/{kind}/{id}/versions',
  tags: ['reference'],
  summary: 'Publish a new version: override a value from a document, or confirm an unverified one (platform administrators)',
  description:
    'Adds version n+1; earlier versions and every result that names them stay as they are. Calculations without a pinned version use the new one from `effectiveFrom` on.',
  request: { params: referenceRecordParamsSchema, headers: idempotencyHeaders, body: body(publishReferenceVersionSchema) },
  responses: { 201: json(referenceRecordVersionSchema, 'The new version'), ...errorResponses.write },
});

export function referenceRoutes(platform: Platform) {
  const repo = referenceRepository(platform.db.orm);
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      const today = businessDateOf(platform.clock.now());
      const byRecord = new Map<string, ReferenceRecordRow[]>();
      for (const row of await repo.all()) {
        const key = `${row.kind} ${row.id}`;
        byRecord.set(key, [...(byRecord.get(key) ?? []), row]);
      }
      const q = query.q?.toLowerCase();
      const items = [...byRecord.values()]
        .flatMap((all) => {
          const row = inEffect(all, today);
          return row ? [toSummary({ row, latestVersion: all.at(-1)?.version ?? row.version })] : [];
        })
        .filter(
          (s) =>
            (query.kind === undefined || s.kind === query.kind) &&
            (query.status === undefined || s.status === query.status) &&
            (query.unconfirmed === undefined || s.unconfirmed === (query.unconfirmed === 'true')) &&
            (q === undefined || s.id.includes(q) || (s.nameZh ?? '').toLowerCase().includes(q) || (s.nameEn ?? '').toLowerCase().includes(q)),
        );
      return c.json({ items, revision: await repo.revision() }, 200);
    })
    .openapi(versions, async (c) => {
      const { kind, id } = c.req.valid('param');
      const rows = await repo.versionsOf({ kind, id });
      const current = inEffect(rows, businessDateOf(platform.clock.now()));
      if (rows.length === 0 || current === undefined) throw new AppError('NOT_FOUND');
      return c.json({ kind, id, inEffect: current.version, items: rows.map(toVersion) }, 200);
    })
    .openapi(publish, async (c) => {
      const actor = actorOf(c);
      const { kind, id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/reference/records/${kind}/${id}/versions ${actor.userId}`,
        body: input,
        run: async () => {
          const row = await publishReferenceVersion({ platform, actor, kind, id, input });
          const after = toVersion(row);
          describeCommand(c, { action: 'reference.publish', target: { type: 'reference_record', id: `${kind}/${id}@${row.version}` }, after });
          return { status: 201, body: after };
        },
      });
      return c.json(result.body as ReferenceRecordVersion, 201);
    });
}
