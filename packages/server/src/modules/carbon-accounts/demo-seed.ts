/**
 * The demo city's carbon accounts. Essential: a registry profile for every demo enterprise (its
 * sector's GB/T 4754 class, flags, products with their benchmarks, a meter account 户号). Bulk (a
 * job after start): 24 months of plausible data per enterprise from its sector's typical activity
 * mix (domain/carbon-accounts/demo-monthly-data), the power utility's readings for them, the
 * accounts and monitoring labels, and the official labels of the first year, published — so that
 * the commission has the second year to review and publish — and the province's list of that year.
 */
import { carbonAccountRepository, identityRepository, labelRepository, schema } from '@cfp/db';
import { demoIds, demoIndustryClassOfSector, demoMonthlyData, demoOrganisations, monthsBetween, shippedReferenceLibrary } from '@cfp/domain';
import { randomUUID } from 'node:crypto';
import type { SeedPart } from '../../seed/seed-part.ts';
import { carbonAccountService, type MonthBatchItem } from './account-service.ts';
import { draftOfficialLabels, publishOfficialLabels, refreshMonitoringLabel } from './label-service.ts';

/** The demo data's two years; the first is published in the seed, the second left to the commission. */
export const demoDataMonths = { from: '2023-01', to: '2024-12' } as const;
export const demoPublishedYear = 2023;

/** Sectors on the city's key-emitter list and the 「两高」 segments (reference/catalogs.json twoHigh). */
const keyEmitterSectors = new Set(['coal_mining', 'coal_power', 'coking', 'methanol', 'chlor_alkali', 'cement_clinker', 'paper']);
const twoHighSectors = new Set(['coal_power', 'coking', 'methanol', 'chlor_alkali', 'cement_clinker']);
/** National ETS sectors (power since 2021, cement since 2025). */
const etsSectors = new Set(['coal_power']);

const productNamesZh: Record<string, string> = {
  raw_coal: '原煤',
  electricity_supplied: '供电量',
  paper: '机制纸',
  tyres: '子午线轮胎',
  excavators: '挖掘机',
  yarn: '棉纱',
  solar_power: '光伏发电量',
};

export const demoEnterprises = () => demoOrganisations().filter((o) => o.type === 'enterprise' && o.sector !== null);

/** The meter account (户号) of a demo enterprise: 3708 (Jining's code prefix) + its number. */
export const demoMeterAccount = (enterpriseId: string): string => `3708${enterpriseId.replace(/\D/g, '').padStart(9, '0')}`;

export const carbonAccountProfilesPart: SeedPart = {
  name: 'carbon-account-profiles',
  version: 1,
  phase: 'essential',
  label: '企业碳账户档案 / enterprise registry',
  async run({ db, now }) {
    const repo = carbonAccountRepository(db.orm);
    const enterprises = demoEnterprises();
    await repo.insertProfiles(
      enterprises.map((e) => ({
        organisationId: e.id,
        industryClass: demoIndustryClassOfSector(e.sector!),
        keyEmitter: keyEmitterSectors.has(e.sector!),
        highEnergyHighEmission: twoHighSectors.has(e.sector!),
        etsKeyEmitter: etsSectors.has(e.sector!),
        createdAt: now,
        updatedAt: now,
      })),
    );
    await repo.insertProducts(
      enterprises.flatMap((e) =>
        demoMonthlyData({ enterpriseId: e.id, sector: e.sector!, month: demoDataMonths.from }).production.map((p) => ({
          enterpriseId: e.id,
          productId: p.productId,
          nameZh: productNamesZh[p.productId] ?? (p.benchmarkId ? shippedReferenceLibrary.findEnergyBenchmark(p.benchmarkId).value.nameZh : p.productId),
          unit: p.unit,
          benchmarkId: p.benchmarkId ?? null,
        })),
      ),
    );
    await repo.insertMeters(enterprises.map((e) => ({ accountNo: demoMeterAccount(e.id), enterpriseId: e.id, createdAt: now })));
  },
};

/** A demo enterprise's month as the account service takes it (the seed and the tests). */
export function demoMonthInput(enterprise: { id: string; sector: string | null }, month: string): MonthBatchItem {
  const d = demoMonthlyData({ enterpriseId: enterprise.id, sector: enterprise.sector!, month });
  return {
    month,
    activities: d.activities,
    production: d.production.map((p) => ({ productId: p.productId, output: p.output, unitEnergyConsumption: p.unitEnergyConsumption ?? null })),
    outputValue10kCny: d.outputValue10kCny,
    valueAdded10kCny: d.valueAdded10kCny,
  };
}

export const carbonAccountMonthsPart: SeedPart = {
  name: 'carbon-account-months',
  version: 1,
  phase: 'bulk',
  label: '企业月度数据与碳账户 / monthly data and accounts',
  async run({ db, now, progress }) {
    const platform = { db, clock: { now: () => now } };
    const service = carbonAccountService(platform);
    const repo = carbonAccountRepository(db.orm);
    const months = monthsBetween(demoDataMonths.from, demoDataMonths.to);
    const enterprises = demoEnterprises();
    for (const [i, e] of enterprises.entries()) {
      // Resumable: an enterprise whose months are in is skipped after a restart.
      if (await repo.currentSubmission({ enterpriseId: e.id, month: demoDataMonths.to })) continue;
      await db.inTransaction(async () => {
        const data = months.map((month) => ({ month, ...demoMonthlyData({ enterpriseId: e.id, sector: e.sector!, month }) }));
        // The utility's readings: equal to what the enterprise reports, except a few months of a
        // few enterprises where the meter reads 3.5 % more — the gap the accounts flag.
        for (const [m, d] of data.entries()) {
          const gap = i % 5 === 0 && m % 7 === 3;
          const kwh = gap ? (BigInt(d.electricityKwh.split('.')[0]!) * 1035n) / 1000n : d.electricityKwh;
          await repo.replaceReading({
            id: randomUUID(),
            accountNo: demoMeterAccount(e.id),
            month: d.month,
            kwh: String(kwh),
            partnerId: demoIds.partnerPower,
            receivedAt: now,
            isCurrent: true,
          });
        }
        await service.submitMonths({
          enterpriseId: e.id,
          channel: 'demo',
          submittedBy: null,
          library: shippedReferenceLibrary,
          months: months.map((month) => demoMonthInput(e, month)),
        });
      });
      // Reporting progress also lets waiting requests use the database (the job runner's pause).
      await progress(((i + 1) / enterprises.length) * 90, `${e.nameZh} (${i + 1}/${enterprises.length})`);
    }
    // Monitoring labels compare with peers: decide them again now that every enterprise has data.
    await db.inTransaction(async () => {
      for (const e of enterprises) await refreshMonitoringLabel(platform, { enterpriseId: e.id });
    });
    const admin = await identityRepository(db.orm).userByUsername('admin');
    await db.inTransaction(async () => {
      await draftOfficialLabels(platform, { year: demoPublishedYear });
      if (admin) await publishOfficialLabels(platform, { year: demoPublishedYear, publishedBy: admin.id, note: '示例数据：首年度标识' });
      // The province's lists: of the published year, and of the year the commission has yet to
      // publish (the province rates on its own schedule; its basis here is the 2024 account).
      await seedProvincialList({ db, now, year: demoPublishedYear, period: String(demoPublishedYear), statuses: ['published'], kind: 'official' });
      await seedProvincialList({ db, now, year: demoPublishedYear + 1, period: `${demoDataMonths.to}R12`, statuses: ['current'], kind: 'monitoring' });
    });
    await progress(100);
  },
};

const colourOrder = ['green', 'yellow', 'orange', 'red'] as const;

/**
 * The province's list of a year for the key emitters (what the province would send as a
 * spreadsheet): the colour of the city's label of `period`, except every eighth key emitter, which
 * the province rated a band worse — the conflicts the commission's dashboard shows.
 */
async function seedProvincialList(options: {
  db: Parameters<SeedPart['run']>[0]['db'];
  now: Date;
  year: number;
  period: string;
  statuses: string[];
  kind: 'official' | 'monitoring';
}): Promise<void> {
  const published = await labelRepository(options.db.orm).forPeriod({ period: options.period, statuses: options.statuses, kind: options.kind });
  const keyEmitters = new Set(
    demoEnterprises()
      .filter((e) => keyEmitterSectors.has(e.sector!))
      .map((e) => e.id),
  );
  const rows = published
    .filter((p) => keyEmitters.has(p.label.enterpriseId) && p.uscc)
    .map((p, i) => {
      const colour = p.label.colour as (typeof colourOrder)[number];
      const differs = i % 8 === 3 && colour !== 'red';
      return {
        listYear: options.year,
        uscc: p.uscc!,
        enterpriseId: p.label.enterpriseId,
        nameZh: p.nameZh,
        colour: differs ? colourOrder[colourOrder.indexOf(colour) + 1]! : colour,
        importedAt: options.now,
      };
    });
  if (rows.length) await options.db.orm.insert(schema.provincialListEntries).values(rows).onConflictDoNothing();
}
