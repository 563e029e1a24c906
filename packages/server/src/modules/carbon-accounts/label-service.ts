/**
 * Four-colour labels for enterprises. The monitoring label follows the latest rolling 12 months and
 * changes whenever data change; the official label is annual: drafted by the system for every
 * registered enterprise, reviewed and published by the development & reform commission, and then
 * changed only by a new publication. Each label stores the scheme, the values it was decided on
 * (product value, industry average with its peer level and count), the factor versions, the
 * reasons and whether it is provisional (暂定). ETS key emitters' verified annual emissions are
 * authoritative for their annual totals.
 */
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { carbonAccountRepository, consentRepository, labelRepository, type CarbonAccountRow, type EnterpriseLabelRow, type NewEnterpriseLabelRow } from '@cfp/db';
import { businessDateOf, draftEnterpriseLabel, industryAverage, isConsentInForce, labelSchemeRef, type AccountFigures, type PeerFigures } from '@cfp/domain';
import type { Platform } from '../../http/context.ts';
import { notify } from '../notifications/notify.ts';
import { publishedReferenceLibrary } from '../reference/reference-library-service.ts';

type Figures = AccountFigures & { valueAdded10kCny?: string | null };

function peerOf(row: CarbonAccountRow & { industryClass: string }, etsVerified?: ReadonlyMap<string, string>): PeerFigures {
  const figures = row.figures as unknown as Figures;
  return {
    enterpriseId: row.enterpriseId,
    industryClass: row.industryClass,
    emissionsTco2e: etsVerified?.get(row.enterpriseId) ?? row.emissionsTco2e,
    valueAdded10kCny: figures.valueAdded10kCny ?? '0',
    complete: row.complete,
  };
}

/** The account with an ETS key emitter's verified annual emissions in place of the computed total (intensity recomputed). */
function withVerifiedEmissions(figures: Figures, verified: string | undefined): Figures {
  if (verified === undefined) return figures;
  const va = figures.valueAdded10kCny ? new Decimal(figures.valueAdded10kCny) : null;
  return {
    ...figures,
    emissionsTco2e: verified,
    intensityPerValueAdded: va && va.gt(0) ? new Decimal(verified).div(va).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6) : null,
  };
}

/**
 * The peers a label compares with: the same period's accounts (official labels, with ETS key
 * emitters' verified totals) or each peer's latest rolling 12 months (monitoring labels). Also the
 * peers of a what-if, so that it uses the same industry average as the label it starts from.
 */
export async function labelPeers(
  platform: Pick<Platform, 'db'>,
  options: { period: string; peers: 'same_period' | 'latest_rolling'; etsVerified?: ReadonlyMap<string, string> | undefined },
): Promise<PeerFigures[]> {
  const repo = carbonAccountRepository(platform.db.orm);
  const peerRows = options.peers === 'same_period' ? await repo.accountsForPeriod(options.period) : await repo.latestRollingAccounts();
  return peerRows.map((row) => peerOf(row, options.etsVerified));
}

/**
 * Decides one enterprise's label on one account. Peers: official labels compare the same calendar
 * year; the monitoring label compares each peer's own latest 12 months (an enterprise that reported
 * a new month first still has peers).
 */
async function decide(
  platform: Pick<Platform, 'db' | 'clock'>,
  options: { enterpriseId: string; period: string; peers: 'same_period' | 'latest_rolling'; etsVerified?: ReadonlyMap<string, string> },
) {
  const repo = carbonAccountRepository(platform.db.orm);
  const account = await repo.account({ enterpriseId: options.enterpriseId, period: options.period });
  const profile = await repo.profile(options.enterpriseId);
  if (!account || !profile) return undefined;
  const peers = await labelPeers(platform, options);
  const industry = industryAverage({ industryClass: profile.industryClass, peers });
  const figures = withVerifiedEmissions(account.figures as unknown as Figures, options.etsVerified?.get(options.enterpriseId));
  const drafted = draftEnterpriseLabel({ account: figures, industry, library: await publishedReferenceLibrary(platform) });
  const inputs = {
    ...drafted.inputs,
    accountPeriod: options.period,
    emissionsTco2e: figures.emissionsTco2e,
    etsVerified: options.etsVerified?.has(options.enterpriseId) ?? false,
    industryAverage: { level: industry.level, code: industry.code, peerCount: industry.peerCount, averageIntensity: industry.averageIntensity },
  };
  const base = {
    enterpriseId: options.enterpriseId,
    period: options.period,
    schemeRef: labelSchemeRef,
    inputs: inputs as unknown as Record<string, unknown>,
    createdAt: platform.clock.now(),
  };
  if (drafted.ok) {
    const methods = drafted.result.methods;
    const refs = [...figures.factorRefs, ...methods.flatMap((m) => (m.benchmarkRef ? [m.benchmarkRef] : []))];
    return {
      ...base,
      colour: drafted.result.colour,
      provisional: drafted.result.provisional || figures.provisional,
      methods: methods as unknown as Record<string, unknown>[],
      factorRefs: [...new Set(refs)].sort(),
      reason: { zh: methods.map((m) => m.reason.zh).join(' '), en: methods.map((m) => m.reason.en).join(' ') },
    };
  }
  return {
    ...base,
    colour: null,
    provisional: figures.provisional,
    methods: drafted.methods as unknown as Record<string, unknown>[],
    factorRefs: [...figures.factorRefs].sort(),
    reason: drafted.reason,
  };
}

/** Recomputes the enterprise's monitoring label over the rolling 12 months ending with its latest month of data. */
export async function refreshMonitoringLabel(platform: Pick<Platform, 'db' | 'clock'>, options: { enterpriseId: string }): Promise<EnterpriseLabelRow | undefined> {
  const labels = labelRepository(platform.db.orm);
  const latest = await carbonAccountRepository(platform.db.orm).latestMonth(options.enterpriseId);
  const decided = latest ? await decide(platform, { enterpriseId: options.enterpriseId, period: `${latest}R12`, peers: 'latest_rolling' }) : undefined;
  if (!decided) {
    await labels.clearMonitoring(options.enterpriseId);
    return undefined;
  }
  const row: NewEnterpriseLabelRow = { ...decided, id: randomUUID(), kind: 'monitoring', status: 'current' };
  await labels.replaceMonitoring(row);
  return row as EnterpriseLabelRow;
}

/** ETS key emitters' verified emissions for a year, by enterprise (tCO2e). */
export function etsVerifiedFor(platform: Pick<Platform, 'db'>, year: number): Promise<Map<string, string>> {
  return carbonAccountRepository(platform.db.orm).etsVerified(year);
}

/** The official labels a draft of a year would give now, without writing anything (drafting, and the recalculation's change report). */
export async function decideOfficialLabels(
  platform: Pick<Platform, 'db' | 'clock'>,
  options: { year: number; enterpriseIds?: readonly string[] },
): Promise<NewEnterpriseLabelRow[]> {
  const repo = carbonAccountRepository(platform.db.orm);
  const period = String(options.year);
  const etsVerified = await etsVerifiedFor(platform, options.year);
  const drafts: NewEnterpriseLabelRow[] = [];
  for (const row of await repo.accountsForPeriod(period)) {
    if (options.enterpriseIds && !options.enterpriseIds.includes(row.enterpriseId)) continue;
    const decided = await decide(platform, { enterpriseId: row.enterpriseId, period, peers: 'same_period', etsVerified });
    if (decided) drafts.push({ ...decided, id: randomUUID(), kind: 'official', status: 'draft' });
  }
  return drafts;
}

/** Drafts the official labels of a year for every registered enterprise with an annual account; returns the drafts. */
export async function draftOfficialLabels(
  platform: Pick<Platform, 'db' | 'clock'>,
  options: { year: number; enterpriseIds?: readonly string[] },
): Promise<NewEnterpriseLabelRow[]> {
  const labels = labelRepository(platform.db.orm);
  const drafts = await decideOfficialLabels(platform, options);
  for (const draft of drafts) await labels.replaceDraft(draft);
  return drafts;
}

/** Publishes a year's drafts; notifies each enterprise and the banks, insurers and guarantors it has consents in force with. */
export async function publishOfficialLabels(platform: Pick<Platform, 'db' | 'clock'>, options: { year: number; publishedBy: string; note?: string }) {
  const labels = labelRepository(platform.db.orm);
  const consents = consentRepository(platform.db.orm);
  const now = platform.clock.now();
  const today = businessDateOf(now);
  const publicationId = randomUUID();
  const published = await labels.publishDrafts({
    year: options.year,
    publication: { id: publicationId, year: options.year, labelCount: 0, note: options.note ?? null, publishedBy: options.publishedBy, publishedAt: now },
  });
  const colourZh: Record<string, string> = { green: '绿色', yellow: '黄色', orange: '橙色', red: '红色' };
  for (const label of published) {
    const colour = label.colour ? `${colourZh[label.colour]}${label.provisional ? '（暂定）' : ''}` : '无适用方法';
    const colourEn = label.colour ? `${label.colour}${label.provisional ? ' (provisional)' : ''}` : 'no applicable method';
    await notify(platform, {
      organisationId: label.enterpriseId,
      type: 'label.published',
      title: { zh: `${options.year}年度碳效标识已发布：${colour}`, en: `Official ${options.year} carbon label published: ${colourEn}` },
      body: { zh: `标识依据：${label.reason.zh} 如有异议，可在平台提出。`, en: `Reasons: ${label.reason.en} You may file an objection on the platform.` },
      link: `/carbon-account`,
    });
    const grantees = new Set(
      (await consents.forEnterprise(label.enterpriseId)).filter((c) => isConsentInForce({ ...c, revoked: c.revokedAt !== null, granteePath: [] }, today)).map((c) => c.granteeId),
    );
    for (const granteeId of grantees) {
      await notify(platform, {
        organisationId: granteeId,
        type: 'label.published',
        title: { zh: `授权企业${options.year}年度碳效标识已发布`, en: `Official ${options.year} label of a consenting enterprise published` },
        body: { zh: `企业 ${label.enterpriseId}：${colour}。`, en: `Enterprise ${label.enterpriseId}: ${colourEn}.` },
        link: `/labels?year=${options.year}`,
      });
    }
  }
  return { publicationId, published };
}
