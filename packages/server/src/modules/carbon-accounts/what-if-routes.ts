/**
 * POST /api/v1/enterprises/{id}/what-if (情景模拟): an enterprise's label period recomputed with
 * changed activities, next to the baseline (domain/carbon-accounts/what-if). It writes nothing: no
 * submission, account or label, and no command-audit entry — like a GET it is a read (the audit
 * middleware lists it among the computations it leaves alone); a bank's run is recorded in the
 * consent read log as any consented read is.
 *
 * Who: the enterprise itself, the development & reform commission and the ecology & environment
 * bureau, platform administrators, and banks, insurers and guarantors holding a consent in force
 * for the carbon account with the `purpose` stated (checked by `enterpriseAccess`, which also
 * writes the consent read log). Counties, regulators and verifiers are refused: a what-if is a
 * planning tool for the enterprise and those who work with it on its label, not supervision.
 *
 * Inputs as the label uses them: the enterprise's current monthly submissions with the utility's
 * metered electricity in place of the reported (as the stored months), its products, the published
 * reference library, and the peers of the label the period stands for — a year's official label
 * compares the same year (ETS key emitters at their verified totals), a rolling 12 months compares
 * each peer's latest rolling 12 months, as the monitoring label does (label-service `labelPeers`).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { errorEnvelopeSchema, whatIfInputSchema, whatIfResultSchema, type WhatIfResultBody } from '@cfp/contracts';
import { carbonAccountRepository } from '@cfp/db';
import { demoIds, parsePeriod, PeriodError, whatIf, WhatIfError, type Actor, type WhatIfMonth } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { body, json } from '../../http/responses.ts';
import { enterpriseAccess } from '../identity/consent-routes.ts';
import { actorOf } from '../identity/authenticate.ts';
import { publishedReferenceLibrary } from '../reference/reference-library-service.ts';
import { activitiesWithMetered, productionOf } from './account-service.ts';
import { etsVerifiedFor, labelPeers } from './label-service.ts';

const runWhatIf = createRoute({
  method: 'post',
  path: '/api/v1/enterprises/{id}/what-if',
  tags: ['carbon accounts'],
  summary: 'What-if: recompute a label period with changed activities (nothing is saved)',
  request: {
    params: z.object({
      id: z
        .string()
        .max(64)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'ent-001' }),
    }),
    query: z.object({
      purpose: z.enum(['pre_loan', 'post_loan', 'guarantee']).optional().openapi({ description: 'Banks, insurers and guarantors: the purpose of their consent.' }),
    }),
    body: body(whatIfInputSchema),
  },
  responses: {
    200: json(whatIfResultSchema, 'Baseline and scenario side by side'),
    400: json(errorEnvelopeSchema, 'VALIDATION_FAILED (details.fields name the change and field at fault) or MALFORMED_JSON'),
    403: json(errorEnvelopeSchema, 'Not the enterprise, the commission, the environment bureau, a platform administrator or a consenting bank'),
    404: json(errorEnvelopeSchema, 'No such enterprise'),
    413: json(errorEnvelopeSchema, 'Body too large'),
    415: json(errorEnvelopeSchema, 'Not application/json'),
    429: json(errorEnvelopeSchema, 'Rate limited'),
    500: json(errorEnvelopeSchema, 'Internal error'),
  },
});

/** The city bodies that work with enterprises on their labels. */
const labelBodies: readonly string[] = [demoIds.drc, demoIds.eeb];

function checkWhatIfRole(actor: Actor, basis: string): void {
  if (basis === 'self' || basis === 'platform' || basis === 'consent') return;
  if (basis === 'government' && labelBodies.includes(actor.organisationId)) return;
  throw new AppError('FORBIDDEN', {
    reason: 'a what-if is for the enterprise itself, the development & reform commission, the ecology & environment bureau, platform administrators and consenting banks',
  });
}

export function whatIfRoutes(platform: Platform) {
  const access = enterpriseAccess(platform);
  return new OpenAPIHono<AppEnv>().openapi(runWhatIf, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { decision } = await access({ c, actor, enterpriseId: id, dataScope: 'carbon_account', purpose: c.req.valid('query').purpose });
    if (decision.allowed) checkWhatIfRole(actor, decision.basis);

    let period;
    try {
      period = parsePeriod(input.period);
    } catch (error) {
      if (!(error instanceof PeriodError)) throw error;
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'period', code: 'invalid_period', message: error.message }] });
    }
    const repo = carbonAccountRepository(platform.db.orm);
    const profile = await repo.profile(id);
    if (!profile) throw new AppError('NOT_FOUND');
    const products = new Map((await repo.products(id)).map((p) => [p.productId, p]));
    const from = period.months[0]!;
    const to = period.months.at(-1)!;
    const submissions = await repo.currentSubmissions({ enterpriseId: id, from, to });
    const quality = new Map((await repo.months({ enterpriseId: id, from, to })).map((row) => [row.month, row.quality]));
    const months: WhatIfMonth[] = [];
    for (const s of submissions) {
      const metered = await repo.meteredKwh({ enterpriseId: id, month: s.month });
      months.push({
        month: s.month,
        activities: activitiesWithMetered(s.activities, metered),
        production: productionOf(s, products),
        outputValue10kCny: s.outputValue10kCny,
        valueAdded10kCny: s.valueAdded10kCny,
        quality: (quality.get(s.month) ?? s.quality) as WhatIfMonth['quality'],
      });
    }
    const peers =
      period.type === 'year'
        ? await labelPeers(platform, { period: period.key, peers: 'same_period', etsVerified: await etsVerifiedFor(platform, Number(period.key)) })
        : await labelPeers(platform, { period: period.key, peers: 'latest_rolling' });
    try {
      const result = whatIf({
        enterpriseId: id,
        period: period.key,
        industryClass: profile.industryClass,
        months,
        peers,
        changes: input.changes,
        library: await publishedReferenceLibrary(platform),
      });
      // The domain's readonly lists are the contract's lists.
      return c.json({ ...result, saved: false } as unknown as WhatIfResultBody, 200);
    } catch (error) {
      if (error instanceof WhatIfError) throw new AppError('VALIDATION_FAILED', { fields: error.issues });
      throw error;
    }
  });
}
