/**
 * /api/v1/audit: the trail for admins and regulators — entries newest first with filters, and the
 * chain head beside the newest exported head. Read only: entries are written by the commands they
 * record (audit-service.ts) and verified by `cfp audit verify`, never through the API.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { auditHeadSchema, auditPageSchema, listAuditQuerySchema, type AuditHeadView } from '@cfp/contracts';
import { auditRepository } from '@cfp/db';
import { hasRole, isPlatformAdmin, type Actor, type HashAlgorithm } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import { actorOf } from '../identity/authenticate.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { errorResponses, json } from '../../http/responses.ts';
import { toAuditEntryView } from './audit-service.ts';

const cursorSchema = z.object({ seq: z.string().regex(/^[1-9][0-9]{0,18}$/) });

const list = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  tags: ['audit'],
  summary: 'Audit entries, newest first',
  description: 'Every command leaves one hash-chained entry. Filters combine with AND.',
  request: { query: listAuditQuerySchema },
  responses: { 200: json(auditPageSchema, 'A page of audit entries'), ...errorResponses.read },
});

const head = createRoute({
  method: 'get',
  path: '/api/v1/audit/head',
  tags: ['audit'],
  summary: 'The chain head and the newest exported head',
  responses: { 200: json(auditHeadSchema, 'The current and the exported head'), ...errorResponses.read },
});

function auditScope(actor: Actor): { kind: 'all' } | { kind: 'organisation'; organisationId: string } | { kind: 'none' } {
  if (isPlatformAdmin(actor) || actor.organisationType === 'regulator') return { kind: 'all' };
  if (hasRole(actor, 'admin')) return { kind: 'organisation', organisationId: actor.organisationId };
  return { kind: 'none' };
}

export function auditRoutes(platform: Platform) {
  const repo = auditRepository(platform.db.orm);
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      // Platform admins and regulators browse the whole trail; an organisation's admins its own entries.
      const scope = auditScope(actorOf(c));
      if (scope.kind === 'none') throw new AppError('FORBIDDEN', { reason: 'the audit trail is for administrators and regulators' });
      if (scope.kind === 'organisation' && q.actorOrganisationId && q.actorOrganisationId !== scope.organisationId) return c.json({ items: [], nextCursor: null }, 200);
      const after = decodeCursor(q.cursor, cursorSchema);
      const rows = await repo.list({
        filter: {
          actorUserId: q.actorUserId,
          actorOrganisationId: scope.kind === 'organisation' ? scope.organisationId : q.actorOrganisationId,
          action: q.action,
          targetType: q.targetType,
          targetId: q.targetId,
          fromMs: q.from ? Date.parse(q.from) : undefined,
          toMs: q.to ? Date.parse(q.to) : undefined,
        },
        after: after?.seq,
        limit: q.limit + 1,
      });
      return c.json(pageOf({ rows, limit: q.limit, toItem: toAuditEntryView, keyOf: (r) => ({ seq: r.seq }) }), 200);
    })
    .openapi(head, async (c) => {
      if (auditScope(actorOf(c)).kind !== 'all') throw new AppError('FORBIDDEN', { reason: 'the chain head is for platform administrators and regulators' });
      const [current, exported] = await Promise.all([repo.head(), repo.latestExportedHead()]);
      const body: AuditHeadView = {
        head: current ? { seq: current.seq, hash: current.hash, algorithm: current.algorithm as HashAlgorithm, at: new Date(current.at).toISOString() } : null,
        exported: exported ? { seq: exported.seq, hash: exported.hash, algorithm: exported.algorithm as HashAlgorithm, exportedAt: exported.exportedAt.toISOString() } : null,
      };
      return c.json(body, 200);
    });
}
