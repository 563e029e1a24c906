/**
 * The enterprise carbon account report (企业碳账户报告): assembled from what the platform keeps —
 * the registry entry, annual and rolling accounts, official and monitoring labels with their
 * reasons and thresholds, 24 months of month accounts, the report year's engine lines grouped by
 * emission source (activity type, with factor ids), data quality (completeness, provisional
 * months, flagged electricity gaps, corrections, verification) and every factor version used.
 * Nothing is recomputed here: the figures are the accounts API's figures. Access (and the read
 * log) is the caller's: this only reads.
 */
import { Decimal } from 'decimal.js';
import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { DataVersion, EnterpriseReport } from '@cfp/contracts';
import { carbonAccountRepository, labelRepository, schema, type AccountMonthRow, type PeriodSubmissionRow } from '@cfp/db';
import { cityAreas, monthsBetween, type Actor, type ConsentPurpose } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { Platform } from '../../http/context.ts';
import { toAccountMonth, toCarbonAccount, toEnterprise } from './enterprise-routes.ts';
import { toLabel } from './label-routes.ts';

export const purposeNamesZh: Record<ConsentPurpose, string> = { pre_loan: '贷前调查', post_loan: '贷后管理', guarantee: '担保' };

type SourceKind = EnterpriseReport['sources'][number]['kind'];
const sourceNames: Record<SourceKind, { zh: string; en: string }> = {
  fuel_combustion: { zh: '燃料燃烧排放', en: 'Fuel combustion' },
  industrial_process: { zh: '工业生产过程排放', en: 'Industrial processes' },
  purchased_electricity: { zh: '净购入电力排放', en: 'Purchased electricity' },
  purchased_heat: { zh: '净购入热力排放', en: 'Purchased heat' },
  green_electricity: { zh: '绿电（不计排放）', en: 'Green electricity (zero emission)' },
  exported_electricity: { zh: '输出电力（扣减）', en: 'Exported electricity (deducted)' },
  exported_heat: { zh: '输出热力（扣减）', en: 'Exported heat (deducted)' },
  other: { zh: '其他', en: 'Other' },
};
const sourceOrder = Object.keys(sourceNames) as SourceKind[];

/** The engine's activity type → emission source (GB/T 32150 and the industry guides' source groups). */
export function sourceKindOf(activityType: unknown): SourceKind {
  switch (activityType) {
    case 'fuel':
      return 'fuel_combustion';
    case 'process':
    case 'clinker':
    case 'mass_balance':
    case 'direct_gas':
      return 'industrial_process';
    case 'electricity_purchased':
      return 'purchased_electricity';
    case 'electricity_green':
      return 'green_electricity';
    case 'electricity_exported':
      return 'exported_electricity';
    case 'heat_purchased':
      return 'purchased_heat';
    case 'heat_exported':
      return 'exported_heat';
    default:
      return 'other';
  }
}

/**
 * The activities the engine was given for a month, in its order: when the utility's metered kWh
 * was applied, the reported purchased electricity is replaced by one metered line at the end
 * (account-service's activitiesWithMetered), so line indexes refer to that list.
 */
function engineActivities(submission: PeriodSubmissionRow, month: AccountMonthRow): Record<string, unknown>[] {
  const activities = submission.activities;
  if (month.meteredKwh === null) return activities;
  return [...activities.filter((a) => a['type'] !== 'electricity_purchased'), { type: 'electricity_purchased' }];
}

/** Σ of the months' engine lines by emission source (3 decimals at output), with the factor ids used. */
function sourcesOf(options: { monthRows: readonly AccountMonthRow[]; submissions: ReadonlyMap<string, PeriodSubmissionRow> }): EnterpriseReport['sources'] {
  const { monthRows, submissions } = options;
  const bySource = new Map<SourceKind, { tco2e: Decimal; tce: Decimal; lines: number; factorIds: Set<string> }>();
  for (const m of monthRows) {
    const submission = submissions.get(m.submissionId);
    const activities = submission ? engineActivities(submission, m) : [];
    for (const line of m.lines) {
      const kind = sourceKindOf(activities[line.index]?.['type']);
      const sum = bySource.get(kind) ?? { tco2e: new Decimal(0), tce: new Decimal(0), lines: 0, factorIds: new Set<string>() };
      sum.tco2e = sum.tco2e.add(line.tco2e);
      sum.tce = sum.tce.add(line.tce);
      sum.lines += 1;
      line.factorIds.forEach((f) => sum.factorIds.add(f));
      bySource.set(kind, sum);
    }
  }
  return sourceOrder
    .filter((k) => bySource.has(k))
    .map((kind) => {
      const sum = bySource.get(kind)!;
      return {
        kind,
        nameZh: sourceNames[kind].zh,
        nameEn: sourceNames[kind].en,
        tco2e: sum.tco2e.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3),
        tce: sum.tce.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3),
        lineCount: sum.lines,
        factorIds: [...sum.factorIds].sort(),
      };
    });
}

/** `cn_industry_other_2015@1/bituminous_coal` → the record, its version and the entry within it; a bare id has neither. */
export function parseFactorRef(ref: string): EnterpriseReport['factors'][number] {
  const match = /^([^@/]+)@([^/]+)(?:\/(.+))?$/.exec(ref);
  if (!match) return { ref, id: ref, version: null, entry: null };
  return { ref, id: match[1]!, version: match[2]!, entry: match[3] ?? null };
}

const colourRank: Record<string, number> = { green: 0, yellow: 1, orange: 2, red: 3 };

/** "2024-06-30 16:00" in Beijing time (UTC+8, no daylight saving). */
export function beijingMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const disclaimer = {
  zh: '本报告为济宁市碳金融服务平台出具的企业碳账户报告，依据企业报送、电力公司计量和核查机构核查的数据按平台公布的方法与因子版本计算，供授权机构在所述用途范围内参考；本报告不是征信报告（碳征信报告仅由依法备案的征信机构出具），不构成信用评级或授信建议。标注“暂定”的数据使用了暂定因子或未经核查的数值，可能随核查与修订而变化。',
  en: 'An enterprise carbon account report issued by the Jining carbon-finance platform, computed from data reported by the enterprise, metered by the power utility and verified by verifiers, with the methods and factor versions the platform publishes; for the authorised institution and the stated purpose only. It is not a credit report (碳征信报告 are issued only by filed credit-reporting agencies) and is neither a credit rating nor a lending recommendation. Figures marked provisional (暂定) use provisional factors or unverified values and may change after verification or correction.',
};

export function reportService(platform: Platform) {
  const orm = () => platform.db.orm;
  const repo = () => carbonAccountRepository(platform.db.orm);

  async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await orm().select({ id: schema.users.id, displayName: schema.users.displayName }).from(schema.users).where(inArray(schema.users.id, unique));
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** Every revision of the enterprise's months (newest month first, then newest revision), without the data themselves. */
  async function dataVersions(options: { enterpriseId: string; from?: string; to?: string }): Promise<{ items: DataVersion[]; corrections: number }> {
    const s = schema.periodSubmissions;
    const rows = await orm()
      .select({
        id: s.id,
        month: s.month,
        revision: s.revision,
        supersedesId: s.supersedesId,
        channel: s.channel,
        quality: s.quality,
        isCurrent: s.isCurrent,
        submittedBy: s.submittedBy,
        submittedAt: s.submittedAt,
        note: s.note,
      })
      .from(s)
      .where(and(eq(s.enterpriseId, options.enterpriseId), gte(s.month, options.from ?? '0000-01'), lte(s.month, options.to ?? '9999-12')))
      .orderBy(desc(s.month), desc(s.revision));
    const names = await userNames(rows.flatMap((r) => (r.submittedBy ? [r.submittedBy] : [])));
    const items = rows.map((r): DataVersion => ({
      ...r,
      channel: r.channel as DataVersion['channel'],
      quality: r.quality as DataVersion['quality'],
      submittedByName: r.submittedBy ? (names.get(r.submittedBy) ?? null) : null,
      submittedAt: r.submittedAt.toISOString(),
    }));
    return { items, corrections: items.filter((i) => i.revision > 1).length };
  }

  /** The year's emissions by source (for the enterprise detail). */
  async function emissionSources(options: { enterpriseId: string; year: number }): Promise<EnterpriseReport['sources']> {
    const r = repo();
    const from = `${options.year}-01`;
    const to = `${options.year}-12`;
    const monthRows = await r.months({ enterpriseId: options.enterpriseId, from, to });
    const submissions = new Map((await r.currentSubmissions({ enterpriseId: options.enterpriseId, from, to })).map((s) => [s.id, s]));
    return sourcesOf({ monthRows, submissions });
  }

  return {
    dataVersions,
    emissionSources,

    async assemble(options: { enterpriseId: string; actor: Actor; purpose: ConsentPurpose | null; basis: string; year?: number | undefined }): Promise<EnterpriseReport> {
      const r = repo();
      const id = options.enterpriseId;
      const record = await r.enterprise(id);
      if (!record) throw new AppError('NOT_FOUND');
      const products = (await r.products(id)).map((p) => ({ productId: p.productId, nameZh: p.nameZh, unit: p.unit, benchmarkId: p.benchmarkId }));
      const meters = (await r.meters(id)).map((m) => m.accountNo);
      const enterprise = toEnterprise(record, { products, meterAccounts: meters });

      const accounts = await r.accountsOf({ enterpriseId: id });
      const years = accounts.filter((a) => a.periodType === 'year').sort((a, b) => b.period.localeCompare(a.period));
      const latestMonth = await r.latestMonth(id);
      if (options.year !== undefined && !years.some((a) => a.period === String(options.year)))
        throw new AppError('NOT_FOUND', { field: 'year', reason: `no annual account for ${options.year}` });
      const year = options.year ?? (years[0] ? Number(years[0].period) : null);
      const annual = years.filter((a) => year !== null && Number(a.period) <= year).slice(0, 3);
      // The 12 months ending with the latest month of data (as the monitoring label), not a later window holding fewer months.
      const rolling = latestMonth ? (accounts.find((a) => a.periodType === 'rolling12' && a.period === `${latestMonth}R12`) ?? null) : null;

      // 24 months ending with the report year's December, or the latest month when there is no year.
      const trendEnd = year !== null ? `${year}-12` : latestMonth;
      const trendMonths = trendEnd ? monthsBetween(`${Number(trendEnd.slice(0, 4)) - 2}-${trendEnd.slice(5)}`, trendEnd).slice(1) : [];
      const monthAccounts = new Map(accounts.filter((a) => a.periodType === 'month').map((a) => [a.period, a]));
      const trend = trendMonths.map((month) => {
        const a = monthAccounts.get(month);
        return {
          month,
          emissionsTco2e: a?.emissionsTco2e ?? null,
          energyTce: a?.energyTce ?? null,
          intensityPerValueAdded: a?.intensityPerValueAdded ?? null,
          provisional: a?.provisional ?? false,
          quality: (a?.quality as EnterpriseReport['trend'][number]['quality']) ?? null,
        };
      });

      // The report year's months: engine lines by source, quality, flags, corrections.
      const yearMonths = year !== null ? monthsBetween(`${year}-01`, `${year}-12`) : [];
      const monthRows = year !== null ? await r.months({ enterpriseId: id, from: `${year}-01`, to: `${year}-12` }) : [];
      const submissions = new Map((year !== null ? await r.currentSubmissions({ enterpriseId: id, from: `${year}-01`, to: `${year}-12` }) : []).map((s) => [s.id, s]));
      const sources = sourcesOf({ monthRows, submissions });

      const labels = (await labelRepository(platform.db.orm).ofEnterprise(id)).map(toLabel);
      const officialLabels = labels
        .filter((l) => l.kind === 'official' && (l.status === 'published' || l.status === 'superseded'))
        .sort((a, b) => b.period.localeCompare(a.period));
      const monitoringLabel = labels.find((l) => l.kind === 'monitoring') ?? null;
      const latestOfficial = officialLabels.find((l) => l.status === 'published') ?? null;
      const from = latestOfficial?.colour ?? null;
      const to = monitoringLabel?.colour ?? null;
      const labelMovement = {
        from,
        fromPeriod: latestOfficial?.period ?? null,
        to,
        toPeriod: monitoringLabel?.period ?? null,
        direction: (from === null || to === null ? 'unknown' : colourRank[to]! < colourRank[from]! ? 'better' : colourRank[to]! > colourRank[from]! ? 'worse' : 'same') as
          'better' | 'worse' | 'same' | 'unknown',
      };

      const verificationRows = await orm()
        .select()
        .from(schema.dataVerifications)
        .where(eq(schema.dataVerifications.enterpriseId, id))
        .orderBy(desc(schema.dataVerifications.verifiedAt));
      const verifierIds = [...new Set(verificationRows.map((v) => v.verifierId))];
      const verifierNames = new Map(
        verifierIds.length
          ? (
              await orm()
                .select({ id: schema.organisations.id, nameZh: schema.organisations.nameZh })
                .from(schema.organisations)
                .where(inArray(schema.organisations.id, verifierIds))
            ).map((o) => [o.id, o.nameZh])
          : [],
      );
      const verifications = verificationRows.map((v) => ({
        id: v.id,
        year: v.year,
        verifierId: v.verifierId,
        verifierName: verifierNames.get(v.verifierId) ?? v.verifierId,
        verifiedTco2e: v.verifiedTco2e,
        reportFileId: v.reportFileId,
        verifiedAt: v.verifiedAt.toISOString(),
      }));

      const versions = year !== null ? await dataVersions({ enterpriseId: id, from: `${year}-01`, to: `${year}-12` }) : { items: [], corrections: 0 };
      const yearAccount = annual.find((a) => year !== null && a.period === String(year)) ?? null;
      const counts = { reported: 0, utilityMetered: 0, verified: 0 };
      for (const m of monthRows) {
        if (m.quality === 'reported') counts.reported += 1;
        else if (m.quality === 'utility_metered') counts.utilityMetered += 1;
        else if (m.quality === 'verified') counts.verified += 1;
      }
      const dataQuality = {
        monthsExpected: yearMonths.length,
        monthsWithData: monthRows.length,
        level: (yearAccount?.quality as EnterpriseReport['dataQuality']['level']) ?? null,
        byQuality: counts,
        provisionalMonths: monthRows.filter((m) => m.provisional).map((m) => m.month),
        flaggedElectricity: monthRows
          .filter((m) => m.electricityGapFlagged)
          .map((m) => ({ month: m.month, reportedKwh: m.reportedKwh, meteredKwh: m.meteredKwh, gapPercent: m.electricityGapPercent })),
        revisions: versions.corrections,
        verified: verifications.some((v) => v.year === year),
        verifications,
        warnings: [...new Set(monthRows.flatMap((m) => toAccountMonth(m).warnings))],
      };

      const refs = new Set<string>();
      monthRows.forEach((m) => m.factorRefs.forEach((f) => refs.add(f)));
      [latestOfficial, monitoringLabel].forEach((l) => l?.factorRefs.forEach((f) => refs.add(f)));
      const factors = [...refs].sort().map(parseFactorRef);

      const now = platform.clock.now();
      const viewerRows = await orm()
        .select({ displayName: schema.users.displayName, organisationName: schema.organisations.nameZh })
        .from(schema.users)
        .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
        .where(eq(schema.users.id, options.actor.userId));
      const viewerName = viewerRows[0]?.displayName ?? options.actor.userId;
      const organisationName = viewerRows[0]?.organisationName ?? options.actor.organisationId;
      const purposeZh = options.purpose ? purposeNamesZh[options.purpose] : '查阅';

      return {
        kind: 'enterprise_carbon_account_report',
        titleZh: '企业碳账户报告',
        titleEn: 'Enterprise carbon account report',
        generatedAt: now.toISOString(),
        year,
        viewer: {
          userId: options.actor.userId,
          displayName: viewerName,
          organisationId: options.actor.organisationId,
          organisationName,
          purpose: options.purpose,
          purposeZh,
          basis: options.basis,
          watermark: `${viewerName} ${organisationName} ${beijingMinute(now)} 仅供${purposeZh}使用`,
        },
        enterprise,
        areaNameZh: cityAreas().find((a) => a.id === enterprise.areaId)?.nameZh ?? null,
        annualAccounts: annual.map(toCarbonAccount),
        rolling: rolling ? toCarbonAccount(rolling) : null,
        officialLabels,
        monitoringLabel,
        labelMovement,
        trend,
        sources,
        dataQuality,
        factors,
        disclaimer,
      };
    },
  };
}
