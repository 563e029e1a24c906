/**
 * Consents: an enterprise lets a named bank, insurer or guarantor office read named data for a
 * purpose and a term, and revokes it; every read under a consent is logged and the enterprise
 * sees who read what and when. Verifier assignments grant a verifier access for a term. The
 * enterprise profile is the first data read under these rules; later modules add theirs through
 * `enterpriseAccess`.
 */
import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  assignmentSchema,
  consentListSchema,
  consentReadPageSchema,
  createAssignmentSchema,
  enterpriseProfileSchema,
  errorEnvelopeSchema,
  grantConsentSchema,
  idSchema,
  pageQuerySchema,
} from '@cfp/contracts';
import { consentRepository, identityRepository, organisationRepository } from '@cfp/db';
import {
  businessDateOf,
  canSeeConsent,
  consentPurposes,
  demoIds,
  enterpriseDetailAccess,
  hasRole,
  isPlatformAdmin,
  type Actor,
  type ConsentDataScope,
  type ConsentPurpose,
} from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { actorOf } from './authenticate.ts';
import { toConsent } from './identity-mappers.ts';
import { notify } from '../notifications/notify.ts';
import { consentNotification } from '../notifications/consent-notifications.ts';
import { emitEvent } from '../webhooks/emit-event.ts';
import { consentEvent } from '../webhooks/consent-events.ts';

const idParam = z.object({ id: idSchema.or(z.uuid()).openapi({ param: { name: 'id', in: 'path' } }) });

/** Bureaus that see enterprises' detailed data; the finance bureau sees labels and screening only. */
export const detailedDataBureaus = [demoIds.drc, demoIds.eeb, demoIds.miit];

const listConsents = createRoute({
  method: 'get',
  path: '/api/v1/consents',
  tags: ['consents'],
  summary: 'Consents you granted (enterprise) or that were granted to your office line (bank, insurer, guarantor)',
  request: { query: z.object({ enterpriseId: idSchema.optional() }) },
  responses: { 200: json(consentListSchema, 'Consents, newest first'), ...errorResponses.read },
});
const grant = createRoute({
  method: 'post',
  path: '/api/v1/consents',
  tags: ['consents'],
  summary: 'Grant a consent (enterprise officers and admins)',
  request: { headers: idempotencyHeaders, body: body(grantConsentSchema) },
  responses: { 201: json(consentListSchema.shape.items.element, 'Granted'), ...errorResponses.write },
});
const revoke = createRoute({
  method: 'post',
  path: '/api/v1/consents/{id}/revoke',
  tags: ['consents'],
  summary: 'Revoke a consent at once (the enterprise)',
  request: { params: idParam, body: body(z.strictObject({})) },
  responses: { 200: json(consentListSchema.shape.items.element, 'Revoked'), ...errorResponses.write },
});
const reads = createRoute({
  method: 'get',
  path: '/api/v1/consents/reads',
  tags: ['consents'],
  summary: 'Who read your data under a consent, and when (the enterprise)',
  request: { query: pageQuerySchema },
  responses: { 200: json(consentReadPageSchema, 'Reads, newest first'), ...errorResponses.read },
});
const assign = createRoute({
  method: 'post',
  path: '/api/v1/verifier-assignments',
  tags: ['consents'],
  summary: 'Assign a verifier to an enterprise for a term (ecology and environment bureau, platform admins)',
  request: { headers: idempotencyHeaders, body: body(createAssignmentSchema) },
  responses: { 201: json(assignmentSchema, 'Assigned'), ...errorResponses.write },
});
const profile = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/profile',
  tags: ['consents'],
  summary: 'An enterprise’s profile; banks need a consent in force naming profile and the purpose',
  request: { params: idParam, query: z.object({ purpose: z.enum(consentPurposes).optional().openapi({ description: 'Required for banks, insurers and guarantors.' }) }) },
  responses: { 200: json(enterpriseProfileSchema, 'The profile'), ...errorResponses.read, 403: json(errorEnvelopeSchema, 'No consent in force, or not entitled') },
});

/**
 * Decides whether the caller may read `dataScope` of an enterprise and, when the basis is a
 * consent, logs the read with its purpose. Unknown enterprises and enterprises outside the
 * caller's directory are 404; known but unconsented ones 403 FORBIDDEN with a reason code.
 */
export function enterpriseAccess(platform: Platform) {
  const consents = consentRepository(platform.db.orm);
  const ids = identityRepository(platform.db.orm);
  const orgs = organisationRepository(platform.db.orm);
  return async (options: {
    c: Context<AppEnv>;
    actor: Actor;
    enterpriseId: string;
    dataScope: ConsentDataScope;
    purpose?: ConsentPurpose | undefined;
    /** Written to the read log beside the data scope, e.g. carbon_account_report. */
    resource?: string;
  }) => {
    const enterprise = await orgs.get(options.enterpriseId);
    if (!enterprise || enterprise.type !== 'enterprise') throw new AppError('NOT_FOUND');
    const financial = ['bank', 'insurer', 'guarantor'].includes(options.actor.organisationType);
    if (financial && !options.purpose)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'purpose', message: 'a bank, insurer or guarantor must state the purpose: pre_loan, post_loan or guarantee' }] });
    const rows = financial ? await consents.forEnterprise(enterprise.id) : [];
    const views = await Promise.all(rows.map(async (r) => ({ ...r, granteePath: (await ids.organisationPath(r.granteeId)).map((p) => p.id), revoked: r.revokedAt !== null })));
    const assignments =
      options.actor.organisationType === 'verifier' ? await consents.assignmentsFor({ enterpriseId: enterprise.id, verifierId: options.actor.organisationId }) : [];
    const today = businessDateOf(platform.clock.now());
    const decision = enterpriseDetailAccess({
      actor: options.actor,
      enterprise,
      dataScope: options.dataScope,
      purpose: options.purpose,
      consents: views,
      assignments: assignments.map((a) => ({ ...a, revoked: a.revokedAt !== null })),
      today,
      detailedDataBureaus,
    });
    if (!decision.allowed) {
      if (decision.reason === 'out_of_area') throw new AppError('NOT_FOUND');
      // Its own code: the bank's system (and the page) can tell "ask the enterprise" from "never".
      if (decision.reason === 'no_consent') throw new AppError('CONSENT_REQUIRED', { dataScope: options.dataScope, purpose: options.purpose ?? null });
      throw new AppError('FORBIDDEN', { reason: decision.reason });
    }
    if (decision.basis === 'consent') {
      await consents.recordRead({
        id: randomUUID(),
        consentId: decision.consentId,
        enterpriseId: enterprise.id,
        readerUserId: options.actor.userId,
        readerOrganisationId: options.actor.organisationId,
        dataScope: options.dataScope,
        purpose: options.purpose!,
        requestId: options.c.get('requestId'),
        readAt: platform.clock.now(),
        resource: options.resource ?? null,
      });
    }
    return { enterprise, decision };
  };
}

export function consentRoutes(platform: Platform) {
  const consents = consentRepository(platform.db.orm);
  const ids = identityRepository(platform.db.orm);
  const orgs = organisationRepository(platform.db.orm);
  const access = enterpriseAccess(platform);
  const today = () => businessDateOf(platform.clock.now());
  const pathOf = async (id: string) => (await ids.organisationPath(id)).map((p) => p.id);

  return new OpenAPIHono<AppEnv>()
    .openapi(listConsents, async (c) => {
      const actor = actorOf(c);
      const { enterpriseId } = c.req.valid('query');
      let rows;
      if (actor.organisationType === 'enterprise') rows = await consents.list({ enterpriseId: actor.organisationId });
      else if (actor.organisationType === 'regulator' || isPlatformAdmin(actor)) rows = await consents.list(enterpriseId ? { enterpriseId } : {});
      else rows = await consents.list({ granteeIds: [...actor.organisationPath] });
      const visible = [];
      for (const r of rows) {
        if (enterpriseId && r.enterpriseId !== enterpriseId) continue;
        if (canSeeConsent(actor, { ...r, granteePath: await pathOf(r.granteeId) })) visible.push(toConsent(r, today()));
      }
      return c.json({ items: visible }, 200);
    })
    .openapi(grant, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/consents ${actor.userId}`,
        body: input,
        run: async () => {
          if (actor.organisationType !== 'enterprise' || !(hasRole(actor, 'officer') || hasRole(actor, 'admin')))
            throw new AppError('FORBIDDEN', { reason: 'only an enterprise’s officers and admins grant consents' });
          const grantee = await orgs.get(input.granteeId);
          if (!grantee || !['bank', 'insurer', 'guarantor'].includes(grantee.type)) {
            throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'granteeId', message: 'must be a bank, insurer or guarantor' }] });
          }
          const row = await consents.insert({
            id: randomUUID(),
            enterpriseId: actor.organisationId,
            granteeId: grantee.id,
            dataScopes: [...new Set(input.dataScopes)],
            purpose: input.purpose,
            validFrom: input.validFrom,
            validTo: input.validTo,
            grantedBy: actor.userId,
            grantedAt: platform.clock.now(),
          });
          const enterprise = c.get('auth')!.organisation;
          await notify(platform, consentNotification({ event: 'granted', consent: row, enterprise }));
          await emitEvent(platform, consentEvent({ event: 'granted', consent: toConsent(row, today()), enterprise }));
          return { status: 201, body: toConsent(row, today()) };
        },
      });
      return c.json(result.body as ReturnType<typeof toConsent>, 201);
    })
    .openapi(revoke, async (c) => {
      const actor = actorOf(c);
      const row = await consents.get(c.req.valid('param').id);
      if (!row || row.enterpriseId !== actor.organisationId) throw new AppError('NOT_FOUND');
      if (!(hasRole(actor, 'officer') || hasRole(actor, 'admin'))) throw new AppError('FORBIDDEN');
      const revokedNow = await consents.revoke({ id: row.id, by: actor.userId, now: platform.clock.now() });
      if (revokedNow) {
        const enterprise = c.get('auth')!.organisation;
        await notify(platform, consentNotification({ event: 'revoked', consent: revokedNow, enterprise }));
        await emitEvent(platform, consentEvent({ event: 'revoked', consent: toConsent(revokedNow, today()), enterprise }));
      }
      const revoked = revokedNow ?? row;
      return c.json(toConsent(revoked, today()), 200);
    })
    .openapi(reads, async (c) => {
      const actor = actorOf(c);
      if (actor.organisationType !== 'enterprise') throw new AppError('FORBIDDEN', { reason: 'the read log belongs to the enterprise' });
      const { limit, cursor } = c.req.valid('query');
      const after = decodeCursor(cursor, z.object({ readAt: z.iso.datetime(), id: z.string().max(64) }));
      const rows = await consents.reads({ enterpriseId: actor.organisationId, ...(after ? { after: { readAt: new Date(after.readAt), id: after.id } } : {}), limit: limit + 1 });
      return c.json(
        pageOf({
          rows,
          limit,
          toItem: ({ read, readerName }) => ({
            id: read.id,
            consentId: read.consentId,
            readerOrganisationId: read.readerOrganisationId,
            readerOrganisationName: readerName,
            readerUserId: read.readerUserId,
            dataScope: read.dataScope,
            purpose: read.purpose,
            resource: read.resource,
            readAt: read.readAt.toISOString(),
          }),
          keyOf: ({ read }) => ({ readAt: read.readAt.toISOString(), id: read.id }),
        }),
        200,
      );
    })
    .openapi(assign, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/verifier-assignments ${actor.userId}`,
        body: input,
        run: async () => {
          const allowed = isPlatformAdmin(actor) || (actor.organisationId === demoIds.eeb && (hasRole(actor, 'officer') || hasRole(actor, 'admin')));
          if (!allowed) throw new AppError('FORBIDDEN');
          const [verifier, enterprise] = [await orgs.get(input.verifierId), await orgs.get(input.enterpriseId)];
          if (verifier?.type !== 'verifier') throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'verifierId', message: 'must be a verifier' }] });
          if (enterprise?.type !== 'enterprise') throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'enterpriseId', message: 'must be an enterprise' }] });
          const row = await consents.insertAssignment({ id: randomUUID(), ...input, assignedBy: actor.userId, createdAt: platform.clock.now() });
          return { status: 201, body: { ...row, revokedAt: null } };
        },
      });
      const row = result.body as { id: string; verifierId: string; enterpriseId: string; validFrom: string; validTo: string };
      return c.json({ id: row.id, verifierId: row.verifierId, enterpriseId: row.enterpriseId, validFrom: row.validFrom, validTo: row.validTo, revokedAt: null }, 201);
    })
    .openapi(profile, async (c) => {
      const actor = actorOf(c);
      const { purpose } = c.req.valid('query');
      const { enterprise, decision } = await access({ c, actor, enterpriseId: c.req.valid('param').id, dataScope: 'profile', purpose });
      return c.json(
        {
          enterprise: {
            id: enterprise.id,
            nameZh: enterprise.nameZh,
            nameEn: enterprise.nameEn,
            uscc: enterprise.uscc,
            areaId: enterprise.areaId,
            sector: enterprise.sector,
            isDemo: enterprise.isDemo,
          },
          access: { basis: decision.basis, consentId: decision.consentId ?? null, purpose: purpose ?? null },
        },
        200,
      );
    });
}
