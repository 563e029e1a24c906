/**
 * The `reference-recalculation` job: after a factor publication, an administrator recomputes the
 * enterprise accounts with the library as published on `asOf`, and gets a change report.
 *
 * It lives with the reference module (not carbon accounts) because it is the reference library's
 * consequence: a publication changes nothing by itself; this explicit job moves the accounts.
 *
 * 1. Snapshot every enterprise's monitoring label (peers change, so any enterprise's colour may).
 * 2. Per enterprise in scope, one transaction: each current submission's bulk-path lines are
 *    re-keyed to the new coefficients (so a later bulk SQL recalculation agrees), each month is
 *    recomputed on the per-enterprise path — totals, per-line explanations and factor refs stay
 *    consistent — and the period accounts containing the months. The per-enterprise path is used
 *    rather than `recalculateAccountsInSql` because the bulk statement keeps the months' `lines` and
 *    `factor_refs`, which would then name the old versions.
 * 3. Every monitoring label decided again (peers are now all recomputed).
 * 4. For each year with published official labels: the drafts a new drafting would give, compared
 *    with the published colours (需重新发布). Nothing is drafted or published: official labels
 *    change only through a new publication.
 * 5. The report is the job's result; one audit entry; the commission (drc) is notified when labels
 *    need republication.
 *
 * Not resumable: every step recomputes from stored inputs, so an interrupted job is simply run
 * again (the report of the rerun then shows only what was still different).
 */
import { Decimal } from 'decimal.js';
import { z } from '@hono/zod-openapi';
import type { RecalculationEnterpriseChange, RecalculationReport } from '@cfp/contracts';
import { carbonAccountRepository, jobRepository, labelRepository, type AccountMonthRow, type CarbonAccountRow } from '@cfp/db';
import { demoIds } from '@cfp/domain';
import { AppError } from '../../../http/app-error.ts';
import type { Platform } from '../../../http/context.ts';
import type { JobContext, JobHandler } from '../../../jobs/job-runner.ts';
import { recordAudit } from '../../audit/audit-service.ts';
import { carbonAccountService, keyedBulkLines } from '../../carbon-accounts/account-service.ts';
import { decideOfficialLabels, refreshMonitoringLabel } from '../../carbon-accounts/label-service.ts';
import { notify } from '../../notifications/notify.ts';
import { referenceLibraryAsOf } from '../reference-library-service.ts';

export const recalculationJobKind = 'reference-recalculation';
/** Transaction-level advisory lock key taken while a start checks for running recalculations (see db advisoryLockKeys for the others). */
export const recalculationLockKey = 7_406_119_340;

export const recalculationParamsSchema = z.object({
  asOf: z.string(),
  enterpriseIds: z.array(z.string()).nullable(),
  fromMonth: z.string().nullable(),
  toMonth: z.string().nullable(),
  note: z.string().nullable(),
  /** The administrator who started it: the audit entry's actor. */
  startedBy: z.string(),
  startedByOrganisationId: z.string(),
});
export type RecalculationParams = z.infer<typeof recalculationParamsSchema>;

type JobPlatform = Pick<Platform, 'db' | 'clock' | 'config' | 'logger'>;
type Colour = 'green' | 'yellow' | 'orange' | 'red' | null;

const colourZh: Record<string, string> = { green: '绿色', yellow: '黄色', orange: '橙色', red: '红色' };

const sameMonth = (a: AccountMonthRow, b: AccountMonthRow): boolean =>
  ['scope1Tco2e', 'scope2Tco2e', 'exportedTco2e', 'energyTce'].every((k) => new Decimal(a[k as keyof AccountMonthRow] as string).eq(b[k as keyof AccountMonthRow] as string)) &&
  JSON.stringify([...a.factorRefs].sort()) === JSON.stringify([...b.factorRefs].sort());

const yearAndQuarterAccounts = (rows: readonly CarbonAccountRow[]): Map<string, string> =>
  new Map(rows.filter((r) => r.periodType === 'year' || r.periodType === 'quarter').map((r) => [r.period, r.emissionsTco2e]));

const withoutMessage = ({ message: _message, ...rest }: RecalculationReport['summary']) => rest;

/** The running or queued recalculations other than `exceptId`. */
export async function activeRecalculations(platform: Pick<Platform, 'db'>, exceptId?: string): Promise<string[]> {
  const repo = jobRepository(platform.db.orm);
  const rows = [...(await repo.list({ kind: recalculationJobKind, status: 'running', limit: 10 })), ...(await repo.list({ kind: recalculationJobKind, status: 'queued', limit: 10 }))];
  return rows.map((r) => r.id).filter((id) => id !== exceptId);
}

export function recalculationJob(platform: JobPlatform): JobHandler {
  const service = carbonAccountService(platform);

  async function run(ctx: JobContext, params: RecalculationParams): Promise<RecalculationReport> {
    // A second job queued past the route's check (another server) stops here.
    const running = (await jobRepository(platform.db.orm).list({ kind: recalculationJobKind, status: 'running', limit: 10 })).filter((j) => j.id !== ctx.job.id);
    if (running.length) throw new AppError('RECALCULATION_RUNNING', { running: running.map((j) => j.id) });

    const repo = carbonAccountRepository(platform.db.orm);
    const labels = labelRepository(platform.db.orm);
    const { library, revision } = await referenceLibraryAsOf(platform, params.asOf);
    const from = params.fromMonth ?? '0000-01';
    const to = params.toMonth ?? '9999-12';
    const registry = await repo.enterprises();
    const inScope = registry.filter((e) => params.enterpriseIds === null || params.enterpriseIds.includes(e.organisation.id));
    await ctx.progress(1, `读取 ${registry.length} 家企业的标识 / reading labels`);

    const monitoringOf = async (enterpriseId: string): Promise<{ period: string | null; colour: Colour }> => {
      const row = (await labels.ofEnterprise(enterpriseId)).find((l) => l.kind === 'monitoring' && l.status === 'current');
      return { period: row?.period ?? null, colour: (row?.colour ?? null) as Colour };
    };
    const monitoringBefore = new Map<string, { period: string | null; colour: Colour }>();
    for (const e of registry) monitoringBefore.set(e.organisation.id, await monitoringOf(e.organisation.id));

    const changes = new Map<string, RecalculationEnterpriseChange>();
    let monthsRecomputed = 0;
    for (const [i, e] of inScope.entries()) {
      const enterpriseId = e.organisation.id;
      const submissions = await repo.currentSubmissions({ enterpriseId, from, to });
      if (submissions.length > 0) {
        const monthsBefore = new Map((await repo.months({ enterpriseId, from, to })).map((m) => [m.month, m]));
        const accountsBefore = yearAndQuarterAccounts(await repo.accountsOf({ enterpriseId }));
        await platform.db.inTransaction(async () => {
          for (const submission of submissions) {
            const keyed = keyedBulkLines({ activities: submission.activities, library });
            const stored = await repo.lines(submission.id);
            if (stored.length !== keyed.length || stored.some((l, n) => l.coefficientKey !== keyed[n]!.key)) {
              await repo.insertCoefficients(keyed.map((l) => l.coefficient));
              await repo.replaceLines(
                submission.id,
                keyed.map((l, lineNo) => ({ submissionId: submission.id, lineNo, quantity: l.quantity, coefficientKey: l.key })),
              );
            }
            await service.recomputeMonth({ enterpriseId, month: submission.month, library });
          }
          await service.recomputePeriods({ enterpriseId, months: submissions.map((s) => s.month) });
        });
        monthsRecomputed += submissions.length;
        const monthsAfter = await repo.months({ enterpriseId, from, to });
        const changed = monthsAfter.filter((m) => {
          const before = monthsBefore.get(m.month);
          return !before || !sameMonth(before, m);
        });
        if (changed.length > 0) {
          const refsBefore = new Set([...monthsBefore.values()].flatMap((m) => m.factorRefs));
          const refsAfter = new Set(monthsAfter.flatMap((m) => m.factorRefs));
          const accountsAfter = yearAndQuarterAccounts(await repo.accountsOf({ enterpriseId }));
          const periods = [...new Set([...accountsBefore.keys(), ...accountsAfter.keys()])]
            .sort()
            .map((period) => {
              const before = accountsBefore.get(period) ?? null;
              const after = accountsAfter.get(period) ?? null;
              return { period, beforeTco2e: before, afterTco2e: after, deltaTco2e: new Decimal(after ?? 0).sub(before ?? 0).toFixed(3) };
            })
            .filter((p) => !new Decimal(p.deltaTco2e).isZero() || p.beforeTco2e === null || p.afterTco2e === null);
          changes.set(enterpriseId, {
            enterpriseId,
            nameZh: e.organisation.nameZh,
            monthsChanged: changed.length,
            periods,
            factorRefsBefore: [...refsBefore].filter((r) => !refsAfter.has(r)).sort(),
            factorRefsAfter: [...refsAfter].filter((r) => !refsBefore.has(r)).sort(),
            monitoring: { period: null, before: null, after: null, changed: false },
            officialLabels: [],
          });
        }
      }
      await ctx.progress(2 + Math.floor(((i + 1) / Math.max(inScope.length, 1)) * 83), `${e.organisation.nameZh} (${i + 1}/${inScope.length})`);
    }

    // Monitoring labels compare with peers: decide every one again now that the accounts are in.
    for (const e of registry) {
      await platform.db.inTransaction(() => refreshMonitoringLabel(platform, { enterpriseId: e.organisation.id }));
      await ctx.pause();
    }
    let monitoringColoursChanged = 0;
    const entryOf = (enterpriseId: string, nameZh: string | null): RecalculationEnterpriseChange => {
      let entry = changes.get(enterpriseId);
      if (!entry) {
        entry = {
          enterpriseId,
          nameZh,
          monthsChanged: 0,
          periods: [],
          factorRefsBefore: [],
          factorRefsAfter: [],
          monitoring: { period: null, before: null, after: null, changed: false },
          officialLabels: [],
        };
        changes.set(enterpriseId, entry);
      }
      return entry;
    };
    for (const e of registry) {
      const before = monitoringBefore.get(e.organisation.id)!;
      const after = await monitoringOf(e.organisation.id);
      const changed = before.colour !== after.colour;
      if (changed) monitoringColoursChanged += 1;
      if (changed || changes.has(e.organisation.id)) {
        entryOf(e.organisation.id, e.organisation.nameZh).monitoring = { period: after.period ?? before.period, before: before.colour, after: after.colour, changed };
      }
    }
    await ctx.progress(90, '核对已发布的年度标识 / checking published official labels');

    // Published official labels stay as published; the report says which a new draft would colour differently.
    let labelsNeedingRepublication = 0;
    const years = [...new Set((await labels.publications()).map((p) => p.year))].sort();
    const names = new Map(registry.map((e) => [e.organisation.id, e.organisation.nameZh]));
    for (const year of years) {
      const published = (await labels.forPeriod({ period: String(year), statuses: ['published'], kind: 'official' })).map((r) => r.label);
      if (published.length === 0) continue;
      const drafts = new Map((await decideOfficialLabels(platform, { year })).map((d) => [d.enterpriseId, d]));
      for (const label of published) {
        const draft = drafts.get(label.enterpriseId);
        const draftColour = (draft?.colour ?? null) as Colour;
        const needsRepublication = draftColour !== label.colour;
        if (needsRepublication) labelsNeedingRepublication += 1;
        if (needsRepublication || changes.has(label.enterpriseId)) {
          entryOf(label.enterpriseId, names.get(label.enterpriseId) ?? null).officialLabels.push({
            labelId: label.id,
            year,
            publishedColour: label.colour as Colour,
            draftColour,
            needsRepublication,
          });
        }
      }
    }

    const enterprises = [...changes.values()].sort((a, b) => (a.enterpriseId < b.enterpriseId ? -1 : 1));
    const message = {
      zh: `按 ${params.asOf} 发布的因子库重新计算了 ${inScope.length} 家企业的 ${monthsRecomputed} 个月；${enterprises.filter((e) => e.monthsChanged > 0).length} 家企业排放变化，${monitoringColoursChanged} 个监测标识颜色变化，${labelsNeedingRepublication} 个已发布年度标识需重新发布（已发布标识未改动）。`,
      en: `${monthsRecomputed} months of ${inScope.length} enterprises recomputed with the library as published on ${params.asOf}; emissions changed for ${enterprises.filter((e) => e.monthsChanged > 0).length} enterprises, ${monitoringColoursChanged} monitoring colours changed, ${labelsNeedingRepublication} published official labels need republication (published labels were not changed).`,
    };
    const report: RecalculationReport = {
      asOf: params.asOf,
      libraryRevision: revision,
      scope: { enterpriseIds: params.enterpriseIds, fromMonth: params.fromMonth, toMonth: params.toMonth },
      note: params.note,
      summary: {
        enterprisesRecomputed: inScope.length,
        monthsRecomputed,
        enterprisesChanged: enterprises.filter((e) => e.monthsChanged > 0).length,
        monitoringColoursChanged,
        labelsNeedingRepublication,
        message,
      },
      enterprises,
    };

    await platform.db.inTransaction(async () => {
      await recordAudit(platform.db.orm, {
        actor: { userId: params.startedBy, organisationId: params.startedByOrganisationId },
        action: 'reference.recalculation.complete',
        target: { type: 'job', id: ctx.job.id },
        after: { asOf: params.asOf, libraryRevision: revision, scope: report.scope, summary: withoutMessage(report.summary) },
        requestId: null,
        now: platform.clock.now(),
        algorithm: platform.config.auditHash,
      });
      if (labelsNeedingRepublication > 0) {
        const list = enterprises
          .flatMap((e) => e.officialLabels.filter((l) => l.needsRepublication).map((l) => ({ e, l })))
          .map(({ e, l }) => `${e.nameZh ?? e.enterpriseId} ${l.year}：${colourZh[l.publishedColour ?? ''] ?? '无'} → ${colourZh[l.draftColour ?? ''] ?? '无'}`);
        await notify(platform, {
          organisationId: demoIds.drc,
          type: 'reference.recalculation.republish',
          title: {
            zh: `因子更新后重新计算：${labelsNeedingRepublication} 个年度碳效标识需重新发布`,
            en: `Recalculation after a factor update: ${labelsNeedingRepublication} official labels need republication`,
          },
          body: {
            zh: `${message.zh} ${list.join('；')}`.slice(0, 2000),
            en: `${message.en} Draft and publish the affected years again to change them.`.slice(0, 2000),
          },
          link: `/reference/recalculations/${ctx.job.id}`,
        });
      }
    });
    await ctx.progress(100, '完成 / done');
    return report;
  }

  return {
    kind: recalculationJobKind,
    resumable: false,
    async run(ctx) {
      return run(ctx, recalculationParamsSchema.parse(ctx.job.params));
    },
  };
}
