/**
 * Four-colour labels: an enterprise's labels (official history and the monitoring label), the
 * commission's drafting and publication of a year's official labels, the colour list (published
 * colours, not detailed data, visible to every bank), and objections (异议) an enterprise files
 * against a published label and the commission resolves, with the history kept.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  enterpriseLabelListSchema,
  labelDraftResultSchema,
  labelListSchema,
  labelPublicationSchema,
  labelYearSchema,
  listLabelsQuerySchema,
  objectionInputSchema,
  objectionListSchema,
  objectionResolutionSchema,
  objectionSchema,
  type EnterpriseLabel,
  type Objection,
} from '@cfp/contracts';
import { carbonAccountRepository, labelRepository, type EnterpriseLabelRow, type LabelObjectionRow } from '@cfp/db';
import { cityAreaId, demoIds, hasRole, isPlatformAdmin, type Actor } from '@cfp/domain';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { describeCommand } from '../audit/command-audit.ts';
import { enterpriseAccess } from '../identity/consent-routes.ts';
import { actorOf } from '../identity/authenticate.ts';
import { notify } from '../notifications/notify.ts';
import { canManageRegistry } from './enterprise-routes.ts';
import { draftOfficialLabels, publishOfficialLabels } from './label-service.ts';

const idParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export function toLabel(row: EnterpriseLabelRow): EnterpriseLabel {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    kind: row.kind as EnterpriseLabel['kind'],
    period: row.period,
    status: row.status as EnterpriseLabel['status'],
    colour: row.colour as EnterpriseLabel['colour'],
    provisional: row.provisional,
    schemeRef: row.schemeRef,
    methods: row.methods,
    inputs: row.inputs,
    factorRefs: row.factorRefs,
    reason: row.reason,
    publicationId: row.publicationId,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

function toObjection(row: LabelObjectionRow): Objection {
  return {
    id: row.id,
    labelId: row.labelId,
    enterpriseId: row.enterpriseId,
    reason: row.reason,
    status: row.status as Objection['status'],
    resolution: row.resolution,
    filedBy: row.filedBy,
    filedAt: row.filedAt.toISOString(),
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** Who sees the colour list, and how much: government bodies see reasons and drafts (a county its area); financial institutions and regulators see published colours. */
function listScope(actor: Actor): { reasons: boolean; drafts: boolean; areaId?: string; self?: string } {
  if (isPlatformAdmin(actor)) return { reasons: true, drafts: true };
  if (actor.organisationType === 'government') return { reasons: true, drafts: canManageRegistry(actor), ...(actor.areaId === cityAreaId ? {} : { areaId: actor.areaId }) };
  if (actor.organisationType === 'county_government') return { reasons: true, drafts: false, areaId: actor.areaId };
  if (['bank', 'insurer', 'guarantor', 'regulator'].includes(actor.organisationType)) return { reasons: false, drafts: false };
  if (actor.organisationType === 'enterprise') return { reasons: true, drafts: false, self: actor.organisationId };
  throw new AppError('FORBIDDEN', { reason: 'the colour list is for government bodies, financial institutions and regulators' });
}

const enterpriseLabels = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/labels',
  tags: ['labels'],
  summary: 'An enterprise’s labels: official ones (published and superseded) and the current monitoring label, with reasons',
  request: { params: idParam, query: z.object({ purpose: z.enum(['pre_loan', 'post_loan', 'guarantee']).optional() }) },
  responses: { 200: json(enterpriseLabelListSchema, 'Labels, newest first'), ...errorResponses.read },
});
const colourList = createRoute({
  method: 'get',
  path: '/api/v1/labels',
  tags: ['labels'],
  summary: 'The colour list of a year: published official labels (every bank); drafts for the commission',
  request: { query: listLabelsQuerySchema },
  responses: { 200: json(labelListSchema, 'Labels with counts by colour'), ...errorResponses.read },
});
const draft = createRoute({
  method: 'post',
  path: '/api/v1/labels/drafts',
  tags: ['labels'],
  summary: 'Draft the official labels of a year for every enterprise with an annual account (the commission)',
  request: { headers: idempotencyHeaders, body: body(labelYearSchema) },
  responses: { 200: json(labelDraftResultSchema, 'Drafts by colour'), ...errorResponses.write },
});
const publish = createRoute({
  method: 'post',
  path: '/api/v1/labels/publications',
  tags: ['labels'],
  summary: 'Publish a year’s drafts (the commission): enterprises and the banks they consent to are notified',
  request: { headers: idempotencyHeaders, body: body(labelYearSchema) },
  responses: { 201: json(labelPublicationSchema, 'The publication'), ...errorResponses.write },
});
const fileObjection = createRoute({
  method: 'post',
  path: '/api/v1/labels/{id}/objections',
  tags: ['labels'],
  summary: 'File an objection (异议) against a published official label (the enterprise)',
  request: { params: idParam, headers: idempotencyHeaders, body: body(objectionInputSchema) },
  responses: { 201: json(objectionSchema, 'The objection'), ...errorResponses.write },
});
const listObjections = createRoute({
  method: 'get',
  path: '/api/v1/objections',
  tags: ['labels'],
  summary: 'Objections: all for the commission, its own for an enterprise',
  request: { query: z.object({ status: z.enum(['open', 'upheld', 'rejected']).optional() }) },
  responses: { 200: json(objectionListSchema, 'Objections, newest first'), ...errorResponses.read },
});
const resolveObjection = createRoute({
  method: 'post',
  path: '/api/v1/objections/{id}/resolution',
  tags: ['labels'],
  summary: 'Resolve an objection (the commission): upheld — the enterprise’s label of that year is redrafted on the current data, for the commission to publish; or rejected',
  request: { params: idParam, headers: idempotencyHeaders, body: body(objectionResolutionSchema) },
  responses: { 200: json(objectionSchema, 'The resolved objection'), ...errorResponses.write },
});

function assertCommission(actor: Actor): void {
  if (!canManageRegistry(actor)) throw new AppError('FORBIDDEN', { reason: 'the development & reform commission publishes labels and resolves objections' });
}

export function labelRoutes(platform: Platform) {
  const labels = () => labelRepository(platform.db.orm);
  const access = enterpriseAccess(platform);
  return new OpenAPIHono<AppEnv>()
    .openapi(enterpriseLabels, async (c) => {
      const { id } = c.req.valid('param');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose: c.req.valid('query').purpose });
      const rows = (await labels().ofEnterprise(id)).filter((r) => r.status !== 'draft' || canManageRegistry(actorOf(c)));
      return c.json({ items: rows.map(toLabel) }, 200);
    })
    .openapi(colourList, async (c) => {
      const actor = actorOf(c);
      const query = c.req.valid('query');
      const scope = listScope(actor);
      const status = query.status ?? 'published';
      if (status === 'draft' && !scope.drafts) throw new AppError('FORBIDDEN', { reason: 'drafts are for the development & reform commission' });
      const rows = await labels().forPeriod({ period: String(query.year), statuses: [status], kind: 'official' });
      const provincial = await carbonAccountRepository(platform.db.orm).provincialColours(query.year);
      const items = rows
        .filter(
          (r) =>
            (scope.self === undefined || r.label.enterpriseId === scope.self) &&
            (scope.areaId === undefined || r.areaId === scope.areaId) &&
            (query.areaId === undefined || r.areaId === query.areaId) &&
            (query.colour === undefined || r.label.colour === query.colour),
        )
        .map((r) => {
          const provincialColour = r.uscc && provincial.has(r.uscc) ? ((provincial.get(r.uscc) ?? null) as EnterpriseLabel['colour']) : undefined;
          return {
            labelId: r.label.id,
            enterpriseId: r.label.enterpriseId,
            nameZh: r.nameZh,
            uscc: r.uscc,
            areaId: r.areaId,
            sector: r.sector,
            period: r.label.period,
            status: r.label.status as EnterpriseLabel['status'],
            colour: r.label.colour as EnterpriseLabel['colour'],
            provisional: r.label.provisional,
            ...(scope.reasons ? { reason: r.label.reason } : {}),
            ...(provincialColour === undefined ? {} : { provincialColour, conflict: provincialColour !== null && provincialColour !== r.label.colour }),
          };
        });
      const counts: Record<string, number> = {};
      for (const item of items) counts[item.colour ?? 'none'] = (counts[item.colour ?? 'none'] ?? 0) + 1;
      return c.json({ year: query.year, items, counts }, 200);
    })
    .openapi(draft, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/labels/drafts ${actor.userId}`,
        body: input,
        run: async () => {
          assertCommission(actor);
          const drafts = await draftOfficialLabels(platform, { year: input.year });
          const counts: Record<string, number> = {};
          for (const d of drafts) counts[d.colour ?? 'none'] = (counts[d.colour ?? 'none'] ?? 0) + 1;
          const answer = { year: input.year, drafted: drafts.length, counts };
          describeCommand(c, { action: 'labels.draft', target: { type: 'label_year', id: String(input.year) }, after: answer });
          return { status: 200, body: answer };
        },
      });
      return c.json(result.body as z.infer<typeof labelDraftResultSchema>, 200);
    })
    .openapi(publish, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/labels/publications ${actor.userId}`,
        body: input,
        run: async () => {
          assertCommission(actor);
          const { publicationId, published } = await publishOfficialLabels(platform, { year: input.year, publishedBy: actor.userId, ...(input.note ? { note: input.note } : {}) });
          if (published.length === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'year', message: `no drafts for ${input.year}: draft the labels first` }] });
          const [publication] = await labels().publications(input.year);
          const answer = {
            id: publicationId,
            year: input.year,
            labelCount: published.length,
            note: publication?.note ?? null,
            publishedBy: actor.userId,
            publishedAt: platform.clock.now().toISOString(),
          };
          describeCommand(c, { action: 'labels.publish', target: { type: 'label_publication', id: publicationId }, after: answer });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as z.infer<typeof labelPublicationSchema>, 201);
    })
    .openapi(fileObjection, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/labels/${id}/objections ${actor.userId}`,
        body: input,
        run: async () => {
          const label = await labels().get(id);
          if (!label || (label.enterpriseId !== actor.organisationId && !isPlatformAdmin(actor))) throw new AppError('NOT_FOUND');
          if (!hasRole(actor, 'officer') && !hasRole(actor, 'admin')) throw new AppError('FORBIDDEN', { reason: 'an officer or admin of the enterprise files objections' });
          if (label.kind !== 'official' || label.status !== 'published') {
            throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'id', message: 'objections are filed against a published official label' }] });
          }
          if ((await labels().objections({ enterpriseId: label.enterpriseId, status: 'open' })).some((o) => o.labelId === id)) {
            throw new AppError('ALREADY_EXISTS', { field: 'labelId', reason: 'this label already has an open objection' });
          }
          const row = await labels().insertObjection({
            id: randomUUID(),
            labelId: id,
            enterpriseId: label.enterpriseId,
            reason: input.reason,
            status: 'open',
            filedBy: actor.userId,
            filedAt: platform.clock.now(),
          });
          await notify(platform, {
            organisationId: demoIds.drc,
            type: 'label.objection',
            title: { zh: `企业对${label.period}年度碳效标识提出异议`, en: `Objection to an official ${label.period} label` },
            body: { zh: `${label.enterpriseId}：${input.reason}`, en: `${label.enterpriseId}: ${input.reason}` },
            link: '/labels/objections',
          });
          const answer = toObjection(row);
          describeCommand(c, { action: 'labels.objections.file', target: { type: 'label_objection', id: row.id }, after: answer });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as Objection, 201);
    })
    .openapi(listObjections, async (c) => {
      const actor = actorOf(c);
      const { status } = c.req.valid('query');
      if (!canManageRegistry(actor) && actor.organisationType !== 'enterprise')
        throw new AppError('FORBIDDEN', { reason: 'objections are for the commission and the enterprises that filed them' });
      const rows = await labels().objections({
        ...(canManageRegistry(actor) ? {} : { enterpriseId: actor.organisationId }),
        ...(status ? { status } : {}),
      });
      return c.json({ items: rows.map(toObjection) }, 200);
    })
    .openapi(resolveObjection, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/objections/${id}/resolution ${actor.userId}`,
        body: input,
        run: async () => {
          assertCommission(actor);
          const before = await labels().objection(id);
          if (!before) throw new AppError('NOT_FOUND');
          if (before.status !== 'open') throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'id', message: `the objection is already ${before.status}` }] });
          const row = await labels().resolveObjection({
            id,
            version: input.version,
            status: input.status,
            resolution: input.resolution,
            resolvedBy: actor.userId,
            now: platform.clock.now(),
          });
          if (!row) throw new AppError('VERSION_CONFLICT');
          if (input.status === 'upheld') {
            // A new draft on the current data; the published label changes only when the commission publishes it.
            const label = await labels().get(row.labelId);
            if (label) await draftOfficialLabels(platform, { year: Number(label.period), enterpriseIds: [row.enterpriseId] });
          }
          await notify(platform, {
            organisationId: row.enterpriseId,
            type: 'label.objection_resolved',
            title: {
              zh: input.status === 'upheld' ? '标识异议已受理：将重新评定' : '标识异议未获支持',
              en: input.status === 'upheld' ? 'Objection upheld: the label will be redecided' : 'Objection rejected',
            },
            body: { zh: input.resolution, en: input.resolution },
            link: '/carbon-account',
          });
          const answer = toObjection(row);
          describeCommand(c, { action: 'labels.objections.resolve', target: { type: 'label_objection', id }, before: toObjection(before), after: answer });
          return { status: 200, body: answer };
        },
      });
      return c.json(result.body as Objection, 200);
    });
}
