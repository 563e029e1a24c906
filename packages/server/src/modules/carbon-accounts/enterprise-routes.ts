/**
 * /api/v1/enterprises: the enterprise registry (the development & reform commission manages it;
 * county governments see their area; an enterprise sees itself), an enterprise's monthly data
 * (submitted by the enterprise; a correction names the submission it supersedes), its accounts by
 * period, and /api/v1/partners/utility/readings: the power utility's monthly kWh per meter account.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  accountMonthSchema,
  carbonAccountListSchema,
  carbonAccountSchema,
  enterpriseListSchema,
  enterpriseSchema,
  listAccountsQuerySchema,
  listEnterprisesQuerySchema,
  registerEnterpriseSchema,
  monthDetailSchema,
  monthInputSchema,
  monthSchema,
  submitMonthResultSchema,
  updateEnterpriseSchema,
  utilityReadingsInputSchema,
  utilityReadingsResultSchema,
  type AccountMonth,
  type CarbonAccount,
  type Enterprise,
  type Submission,
} from '@cfp/contracts';
import { carbonAccountRepository, organisationRepository, type AccountMonthRow, type CarbonAccountRow, type EnterpriseRecord, type PeriodSubmissionRow } from '@cfp/db';
import { cityAreaId, demoIds, hasRole, industryClassOf, isKnownIndustryClass, isPlatformAdmin, reconcileElectricity, type Actor } from '@cfp/domain';
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { describeCommand } from '../audit/command-audit.ts';
import { enterpriseAccess } from '../identity/consent-routes.ts';
import { actorOf } from '../identity/authenticate.ts';
import { carbonAccountService, periodOrNotFound } from './account-service.ts';

const idParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ent-001' }),
});
const monthParams = idParam.extend({ month: monthSchema.openapi({ param: { name: 'month', in: 'path' } }) });
const periodParams = idParam.extend({
  period: z
    .string()
    .max(16)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2024' }),
});
const purposeQuery = z.object({
  purpose: z.enum(['pre_loan', 'post_loan', 'guarantee']).optional().openapi({ description: 'Banks, insurers and guarantors: the purpose of their consent.' }),
});

/** The commission (and platform administrators) manage the registry. */
export function canManageRegistry(actor: Actor): boolean {
  return isPlatformAdmin(actor) || (actor.organisationId === demoIds.drc && (hasRole(actor, 'officer') || hasRole(actor, 'admin')));
}

/** Who may list the registry: government bodies (a county its own area), regulators, platform admins. */
function registryScope(actor: Actor): { areaIds?: string[]; self?: string } {
  if (isPlatformAdmin(actor) || actor.organisationType === 'regulator') return {};
  if (actor.organisationType === 'government') return actor.areaId === cityAreaId ? {} : { areaIds: [actor.areaId] };
  if (actor.organisationType === 'county_government') return { areaIds: [actor.areaId] };
  if (actor.organisationType === 'enterprise') return { self: actor.organisationId };
  throw new AppError('FORBIDDEN', { reason: 'the enterprise registry is for government bodies, regulators and the enterprises themselves' });
}

export function toEnterprise(record: EnterpriseRecord, extra: { products: Enterprise['products']; meterAccounts: string[] }): Enterprise {
  const o = record.organisation;
  const p = record.profile;
  return {
    id: o.id,
    nameZh: o.nameZh,
    nameEn: o.nameEn,
    uscc: o.uscc,
    areaId: o.areaId,
    sector: o.sector,
    industryClass: p.industryClass,
    industryClassNameZh: industryClassOf(p.industryClass)?.nameZh ?? null,
    keyEmitter: p.keyEmitter,
    highEnergyHighEmission: p.highEnergyHighEmission,
    etsKeyEmitter: p.etsKeyEmitter,
    isDemo: o.isDemo,
    products: extra.products,
    meterAccounts: extra.meterAccounts,
    version: p.version,
  };
}

export function toSubmission(row: PeriodSubmissionRow): Submission {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    month: row.month,
    revision: row.revision,
    supersedesId: row.supersedesId,
    channel: row.channel as Submission['channel'],
    activities: row.activities,
    production: row.production as unknown as Record<string, unknown>[],
    outputValue10kCny: row.outputValue10kCny,
    valueAdded10kCny: row.valueAdded10kCny,
    quality: row.quality as Submission['quality'],
    fileId: row.fileId,
    note: row.note,
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt.toISOString(),
    isCurrent: row.isCurrent,
  };
}

/** Half away from zero to 3 decimals, at output only (stored results are exact). */
const round3 = (text: string): string => new Decimal(text).toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3);

export function toAccountMonth(row: AccountMonthRow): AccountMonth {
  return {
    month: row.month,
    submissionId: row.submissionId,
    scope1Tco2e: round3(row.scope1Tco2e),
    scope2Tco2e: round3(row.scope2Tco2e),
    exportedTco2e: round3(row.exportedTco2e),
    energyTce: round3(row.energyTce),
    feedstockTce: round3(row.feedstockTce),
    nonFossilElectricityMwh: round3(row.nonFossilMwh),
    electricity: { reportedKwh: row.reportedKwh, meteredKwh: row.meteredKwh, gapPercent: row.electricityGapPercent, flagged: row.electricityGapFlagged },
    quality: row.quality as AccountMonth['quality'],
    provisional: row.provisional,
    factorRefs: row.factorRefs,
    warnings: row.warnings,
    lines: row.lines,
    computedAt: row.computedAt.toISOString(),
  };
}

export function toCarbonAccount(row: CarbonAccountRow): CarbonAccount {
  return {
    enterpriseId: row.enterpriseId,
    period: row.period,
    periodType: row.periodType as CarbonAccount['periodType'],
    emissionsTco2e: row.emissionsTco2e,
    energyTce: row.energyTce,
    intensityPerValueAdded: row.intensityPerValueAdded,
    complete: row.complete,
    provisional: row.provisional,
    quality: row.quality as CarbonAccount['quality'],
    figures: row.figures,
    computedAt: row.computedAt.toISOString(),
  };
}

const listEnterprises = createRoute({
  method: 'get',
  path: '/api/v1/enterprises',
  tags: ['carbon accounts'],
  summary: 'The enterprise registry (government bodies: their area; an enterprise: itself)',
  request: { query: listEnterprisesQuerySchema },
  responses: { 200: json(enterpriseListSchema, 'Enterprises'), ...errorResponses.read },
});
const getEnterprise = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}',
  tags: ['carbon accounts'],
  summary: 'One enterprise’s registry entry (banks: under a consent, stating the purpose)',
  request: { params: idParam, query: purposeQuery },
  responses: { 200: json(enterpriseSchema, 'The enterprise'), ...errorResponses.read },
});
const updateEnterprise = createRoute({
  method: 'patch',
  path: '/api/v1/enterprises/{id}',
  tags: ['carbon accounts'],
  summary: 'Change an enterprise’s industry class, flags, products or meter accounts (the development & reform commission)',
  request: { params: idParam, headers: idempotencyHeaders, body: body(updateEnterpriseSchema) },
  responses: { 200: json(enterpriseSchema, 'The enterprise'), ...errorResponses.write },
});
const registerEnterprise = createRoute({
  method: 'post',
  path: '/api/v1/enterprises',
  tags: ['carbon accounts'],
  summary: 'Register an enterprise organisation in the carbon-account registry (the development & reform commission)',
  request: { headers: idempotencyHeaders, body: body(registerEnterpriseSchema) },
  responses: { 201: json(enterpriseSchema, 'The enterprise'), ...errorResponses.write },
});
const listMonths = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/months',
  tags: ['carbon accounts'],
  summary: 'The enterprise’s monthly results (engine output per month, electricity reconciliation, quality)',
  request: { params: idParam, query: purposeQuery },
  responses: { 200: json(z.object({ items: z.array(accountMonthSchema) }), 'Months, newest first'), ...errorResponses.read },
});
const getMonth = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/months/{month}',
  tags: ['carbon accounts'],
  summary: 'One month: the current submission, its result and every earlier revision',
  request: { params: monthParams, query: purposeQuery },
  responses: { 200: json(monthDetailSchema, 'The month'), ...errorResponses.read },
});
const submitMonth = createRoute({
  method: 'put',
  path: '/api/v1/enterprises/{id}/months/{month}',
  tags: ['carbon accounts'],
  summary: 'Submit a month’s data (the enterprise); a month with data needs `supersedes` (else 409 PERIOD_EXISTS)',
  request: { params: monthParams, headers: idempotencyHeaders, body: body(monthInputSchema) },
  responses: { 201: json(submitMonthResultSchema, 'The submission and the month’s result'), ...errorResponses.write },
});
const listAccounts = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/accounts',
  tags: ['carbon accounts'],
  summary: 'The enterprise’s carbon accounts by period (month, quarter, year, rolling 12 months)',
  request: { params: idParam, query: listAccountsQuerySchema.extend(purposeQuery.shape) },
  responses: { 200: json(carbonAccountListSchema, 'Accounts, newest period first'), ...errorResponses.read },
});
const getAccount = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/accounts/{period}',
  tags: ['carbon accounts'],
  summary: 'One account: 2024, 2024-Q2, 2024-05 or 2024-05R12 (the 12 months ending May 2024)',
  request: { params: periodParams, query: purposeQuery },
  responses: { 200: json(carbonAccountSchema, 'The account'), ...errorResponses.read },
});
const utilityReadings = createRoute({
  method: 'post',
  path: '/api/v1/partners/utility/readings',
  tags: ['carbon accounts'],
  summary: 'The power utility’s monthly kWh per meter account (户号); all or nothing, an unmapped account refuses the batch',
  request: { headers: idempotencyHeaders, body: body(utilityReadingsInputSchema) },
  responses: { 200: json(utilityReadingsResultSchema, 'Accepted'), ...errorResponses.write },
});

/** Writing an enterprise's data: the enterprise's own officers and admins, or a platform administrator. */
export function assertCanSubmit(actor: Actor, enterpriseId: string): void {
  if (isPlatformAdmin(actor)) return;
  if (actor.organisationId === enterpriseId && (hasRole(actor, 'officer') || hasRole(actor, 'admin'))) return;
  throw new AppError('FORBIDDEN', { reason: 'only the enterprise itself submits its data' });
}

export function enterpriseRoutes(platform: Platform) {
  const repo = () => carbonAccountRepository(platform.db.orm);
  const access = enterpriseAccess(platform);
  const service = carbonAccountService(platform);

  /** Replaces what is given; a meter account of another enterprise is refused (409). */
  async function replaceProductsAndMeters(options: { enterpriseId: string; products?: Enterprise['products']; meterAccounts?: string[]; now: Date }): Promise<void> {
    const r = repo();
    const id = options.enterpriseId;
    if (options.products !== undefined)
      await r.replaceProducts(
        id,
        options.products.map((p) => ({ ...p, enterpriseId: id })),
      );
    if (options.meterAccounts !== undefined) {
      const taken = (await r.metersByNumber(options.meterAccounts)).filter((m) => m.enterpriseId !== id);
      if (taken.length) throw new AppError('ALREADY_EXISTS', { field: 'meterAccounts', accounts: taken.map((m) => m.accountNo) });
      await r.deleteMeters(id);
      await r.insertMeters(options.meterAccounts.map((accountNo) => ({ accountNo, enterpriseId: id, createdAt: options.now })));
    }
  }

  async function present(record: EnterpriseRecord): Promise<Enterprise> {
    const r = repo();
    const products = (await r.products(record.profile.organisationId)).map((p) => ({ productId: p.productId, nameZh: p.nameZh, unit: p.unit, benchmarkId: p.benchmarkId }));
    const meters = (await r.meters(record.profile.organisationId)).map((m) => m.accountNo);
    return toEnterprise(record, { products, meterAccounts: meters });
  }

  return new OpenAPIHono<AppEnv>()
    .openapi(listEnterprises, async (c) => {
      const actor = actorOf(c);
      const query = c.req.valid('query');
      const scope = registryScope(actor);
      const areaIds = query.areaId ? (scope.areaIds && !scope.areaIds.includes(query.areaId) ? [] : [query.areaId]) : scope.areaIds;
      const q = query.q?.toLowerCase();
      const records = (await repo().enterprises(areaIds ? { areaIds } : {})).filter(
        (r) =>
          (scope.self === undefined || r.organisation.id === scope.self) &&
          (query.industryClass === undefined || r.profile.industryClass === query.industryClass) &&
          (query.keyEmitter === undefined || r.profile.keyEmitter === (query.keyEmitter === 'true')) &&
          (q === undefined || r.organisation.nameZh.toLowerCase().includes(q) || (r.organisation.uscc ?? '').toLowerCase().includes(q) || r.organisation.id.includes(q)),
      );
      return c.json({ items: await Promise.all(records.map(present)) }, 200);
    })
    .openapi(getEnterprise, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await access({ c, actor, enterpriseId: id, dataScope: 'profile', purpose: c.req.valid('query').purpose });
      const record = await repo().enterprise(id);
      if (!record) throw new AppError('NOT_FOUND');
      return c.json(await present(record), 200);
    })
    .openapi(updateEnterprise, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `PATCH /api/v1/enterprises/${id} ${actor.userId}`,
        body: input,
        run: async () => {
          if (!canManageRegistry(actor)) throw new AppError('FORBIDDEN', { reason: 'the development & reform commission manages the registry' });
          const r = repo();
          const before = await r.enterprise(id);
          if (!before) throw new AppError('NOT_FOUND');
          if (input.industryClass !== undefined && !isKnownIndustryClass(input.industryClass)) {
            throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'industryClass', message: `${input.industryClass} is not a GB/T 4754-2017 class the platform knows` }] });
          }
          const now = platform.clock.now();
          const profile = await r.updateProfile({
            enterpriseId: id,
            version: input.version,
            now,
            patch: {
              ...(input.industryClass === undefined ? {} : { industryClass: input.industryClass }),
              ...(input.keyEmitter === undefined ? {} : { keyEmitter: input.keyEmitter }),
              ...(input.highEnergyHighEmission === undefined ? {} : { highEnergyHighEmission: input.highEnergyHighEmission }),
              ...(input.etsKeyEmitter === undefined ? {} : { etsKeyEmitter: input.etsKeyEmitter }),
            },
          });
          if (!profile) throw new AppError('VERSION_CONFLICT');
          await replaceProductsAndMeters({ enterpriseId: id, products: input.products, meterAccounts: input.meterAccounts, now });
          const after = await present({ organisation: before.organisation, profile });
          describeCommand(c, { action: 'enterprises.update', target: { type: 'enterprise', id }, before: await present(before), after });
          return { status: 200, body: after };
        },
      });
      return c.json(result.body as Enterprise, 200);
    })
    .openapi(registerEnterprise, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/enterprises ${actor.userId}`,
        body: input,
        run: async () => {
          if (!canManageRegistry(actor)) throw new AppError('FORBIDDEN', { reason: 'the development & reform commission manages the registry' });
          const organisation = await organisationRepository(platform.db.orm).get(input.organisationId);
          if (!organisation || organisation.type !== 'enterprise') throw new AppError('NOT_FOUND', { field: 'organisationId' });
          if (!isKnownIndustryClass(input.industryClass)) {
            throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'industryClass', message: `${input.industryClass} is not a GB/T 4754-2017 class the platform knows` }] });
          }
          const r = repo();
          if (await r.profile(input.organisationId)) throw new AppError('ALREADY_EXISTS', { field: 'organisationId' });
          const now = platform.clock.now();
          await r.insertProfiles([
            {
              organisationId: input.organisationId,
              industryClass: input.industryClass,
              keyEmitter: input.keyEmitter,
              highEnergyHighEmission: input.highEnergyHighEmission,
              etsKeyEmitter: input.etsKeyEmitter,
              createdAt: now,
              updatedAt: now,
            },
          ]);
          await replaceProductsAndMeters({ enterpriseId: input.organisationId, products: input.products, meterAccounts: input.meterAccounts, now });
          const after = await present((await r.enterprise(input.organisationId))!);
          describeCommand(c, { action: 'enterprises.register', target: { type: 'enterprise', id: input.organisationId }, after });
          return { status: 201, body: after };
        },
      });
      return c.json(result.body as Enterprise, 201);
    })
    .openapi(listMonths, async (c) => {
      const { id } = c.req.valid('param');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose: c.req.valid('query').purpose });
      const rows = await repo().months({ enterpriseId: id, from: '0000-01', to: '9999-12' });
      return c.json({ items: rows.reverse().map(toAccountMonth) }, 200);
    })
    .openapi(getMonth, async (c) => {
      const { id, month } = c.req.valid('param');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose: c.req.valid('query').purpose });
      const r = repo();
      const history = await r.revisions({ enterpriseId: id, month });
      const [result] = await r.months({ enterpriseId: id, from: month, to: month });
      return c.json(
        {
          current: history.find((h) => h.isCurrent) ? toSubmission(history.find((h) => h.isCurrent)!) : null,
          result: result ? toAccountMonth(result) : null,
          history: history.map(toSubmission),
        },
        200,
      );
    })
    .openapi(submitMonth, async (c) => {
      const actor = actorOf(c);
      const { id, month } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `PUT /api/v1/enterprises/${id}/months/${month} ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanSubmit(actor, id);
          if (!(await organisationRepository(platform.db.orm).get(id))) throw new AppError('NOT_FOUND');
          const [written] = await service.submitMonths({ enterpriseId: id, months: [{ ...input, month }], channel: 'form', submittedBy: actor.userId });
          const answer = { submission: toSubmission(written!.submission), result: toAccountMonth(written!.result) };
          describeCommand(c, { action: 'enterprises.months.submit', target: { type: 'enterprise', id: `${id}/${month}` }, after: answer.submission });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as z.infer<typeof submitMonthResultSchema>, 201);
    })
    .openapi(listAccounts, async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose: query.purpose });
      const rows = await repo().accountsOf({ enterpriseId: id, ...(query.periodType ? { periodType: query.periodType } : {}) });
      return c.json({ items: rows.map(toCarbonAccount) }, 200);
    })
    .openapi(getAccount, async (c) => {
      const { id, period } = c.req.valid('param');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose: c.req.valid('query').purpose });
      periodOrNotFound(period);
      const row = await repo().account({ enterpriseId: id, period });
      if (!row) throw new AppError('NOT_FOUND');
      return c.json(toCarbonAccount(row), 200);
    })
    .openapi(utilityReadings, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/partners/utility/readings ${actor.userId}`,
        body: input,
        run: async () => {
          if (actor.organisationId !== demoIds.partnerPower && !isPlatformAdmin(actor)) throw new AppError('FORBIDDEN', { reason: 'only the power utility sends meter readings' });
          const r = repo();
          const numbers = [...new Set(input.readings.map((x) => x.accountNo))];
          const mapped = new Map((await r.metersByNumber(numbers)).map((m) => [m.accountNo, m.enterpriseId]));
          const unmapped = numbers.filter((n) => !mapped.has(n));
          if (unmapped.length) throw new AppError('UNKNOWN_METER_ACCOUNT', { accounts: unmapped });
          const duplicates = input.readings.filter((x, i) => input.readings.findIndex((y) => y.accountNo === x.accountNo && y.month === x.month) !== i);
          if (duplicates.length) {
            throw new AppError('VALIDATION_FAILED', { fields: duplicates.map((d) => ({ path: 'readings', message: `${d.accountNo} ${d.month} appears twice` })) });
          }
          const now = platform.clock.now();
          for (const reading of input.readings) {
            await r.replaceReading({
              id: randomUUID(),
              accountNo: reading.accountNo,
              month: reading.month,
              kwh: reading.kwh,
              partnerId: actor.organisationId,
              receivedAt: now,
              isCurrent: true,
            });
          }
          const byEnterprise = new Map<string, Set<string>>();
          for (const reading of input.readings) {
            const enterpriseId = mapped.get(reading.accountNo)!;
            byEnterprise.set(enterpriseId, (byEnterprise.get(enterpriseId) ?? new Set()).add(reading.month));
          }
          const flagged: { enterpriseId: string; month: string; gapPercent: string }[] = [];
          for (const [enterpriseId, months] of byEnterprise) {
            for (const row of await service.recompute({ enterpriseId, months: [...months].sort() })) {
              const check = reconcileElectricity({ reportedKwh: row.reportedKwh, meteredKwh: row.meteredKwh });
              if (check.flagged && check.gapPercent) flagged.push({ enterpriseId, month: row.month, gapPercent: check.gapPercent });
            }
          }
          const answer = { accepted: input.readings.length, enterprisesRecomputed: byEnterprise.size, flagged };
          describeCommand(c, { action: 'partners.utility.readings', target: { type: 'utility_readings', id: `${input.readings.length}` }, after: answer });
          return { status: 200, body: answer };
        },
      });
      return c.json(result.body as z.infer<typeof utilityReadingsResultSchema>, 200);
    });
}
