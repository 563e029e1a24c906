/**
 * The enterprise carbon account report (企业碳账户报告 — not a credit report, 征信报告, which only a
 * filed credit-reporting agency issues): one document assembled from the registry, the accounts,
 * the labels, the monthly results and their revisions, verifications and the factors used, with
 * the viewer (who, which organisation, for what purpose) printed as a watermark. The web page
 * and the PDF render the same contract. Also the enterprise detail's data versions.
 */
import { z } from '@hono/zod-openapi';
import { instantSchema } from '../common/scalars.ts';
import { carbonAccountSchema, dataQualitySchema, enterpriseLabelSchema, enterpriseSchema, labelColourSchema, monthSchema } from './carbon-accounts.ts';

export const reportPurposeSchema = z.enum(['pre_loan', 'post_loan', 'guarantee']);

export const reportQuerySchema = z.object({
  purpose: reportPurposeSchema.optional().openapi({ description: 'Banks, insurers and guarantors: the purpose of their consent (required for them).' }),
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'The report year (default: the latest year with an annual account).', example: 2024 }),
});

export const emissionSourceKindSchema = z
  .enum(['fuel_combustion', 'industrial_process', 'purchased_electricity', 'purchased_heat', 'green_electricity', 'exported_electricity', 'exported_heat', 'other'])
  .openapi({ description: '燃料燃烧 / 工业生产过程 / 净购入电力 / 净购入热力 / 绿电 / 输出电力 / 输出热力 / 其他, from the activity type of each line.' });

export const reportTrendPointSchema = z.object({
  month: monthSchema,
  emissionsTco2e: z.string().nullable().openapi({ description: 'The month account’s total (tCO2e, 3 decimals); null when the month has no data.' }),
  energyTce: z.string().nullable(),
  intensityPerValueAdded: z.string().nullable().openapi({ description: 'tCO2e per 10^4 CNY value added.' }),
  provisional: z.boolean(),
  quality: dataQualitySchema.nullable(),
});

export const reportSourceSchema = z.object({
  kind: emissionSourceKindSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  tco2e: z.string().openapi({ description: 'Σ of the lines’ tCO2e over the report year’s months (3 decimals); exports are listed as computed by the engine.' }),
  tce: z.string(),
  lineCount: z.number().int(),
  factorIds: z.array(z.string()),
});

export const reportFactorSchema = z.object({
  ref: z.string().openapi({ example: 'cn_industry_other_2015@1/bituminous_coal' }),
  id: z.string().openapi({ description: 'The reference record (factor set, benchmark, grid factor).', example: 'cn_industry_other_2015' }),
  version: z.string().nullable().openapi({ example: '1' }),
  entry: z.string().nullable().openapi({ description: 'The entry within the record (a fuel, a product), when the reference names one.', example: 'bituminous_coal' }),
});

export const reportLabelMovementSchema = z
  .object({
    from: labelColourSchema.nullable().openapi({ description: 'The latest published official label’s colour.' }),
    fromPeriod: z.string().nullable(),
    to: labelColourSchema.nullable().openapi({ description: 'The monitoring label’s colour (latest 12 months).' }),
    toPeriod: z.string().nullable(),
    direction: z.enum(['better', 'worse', 'same', 'unknown']),
  })
  .openapi('ReportLabelMovement');

export const reportVerificationSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  verifierId: z.string(),
  verifierName: z.string(),
  verifiedTco2e: z.string().nullable(),
  reportFileId: z.string(),
  verifiedAt: instantSchema,
});

export const enterpriseReportSchema = z
  .object({
    kind: z.literal('enterprise_carbon_account_report'),
    titleZh: z.string().openapi({ example: '企业碳账户报告' }),
    titleEn: z.string(),
    generatedAt: instantSchema,
    year: z.number().int().nullable().openapi({ description: 'The report year; null when the enterprise has no annual account yet.' }),
    viewer: z.object({
      userId: z.string(),
      displayName: z.string(),
      organisationId: z.string(),
      organisationName: z.string(),
      purpose: reportPurposeSchema.nullable(),
      purposeZh: z.string().openapi({ description: '贷前调查 / 贷后管理 / 担保审查, or 查阅 when no purpose is needed.' }),
      basis: z.string().openapi({ description: 'How the viewer may read it: consent, self, government, …' }),
      watermark: z.string().openapi({ description: '“<viewer> <organisation> <YYYY-MM-DD HH:mm> 仅供<purpose>使用”, Beijing time.' }),
    }),
    enterprise: enterpriseSchema,
    areaNameZh: z.string().nullable().openapi({ description: 'The enterprise’s area (county, district, zone) by name.', example: '邹城市' }),
    annualAccounts: z.array(carbonAccountSchema).openapi({ description: 'Annual accounts up to the report year, newest first (at most 3).' }),
    rolling: carbonAccountSchema.nullable().openapi({ description: 'The rolling-12-month account ending with the latest month of data.' }),
    officialLabels: z.array(enterpriseLabelSchema).openapi({ description: 'Published (and superseded) official labels, newest first.' }),
    monitoringLabel: enterpriseLabelSchema.nullable(),
    labelMovement: reportLabelMovementSchema,
    trend: z.array(reportTrendPointSchema).openapi({ description: '24 months ending with the report year’s December (or the latest month), oldest first.' }),
    sources: z.array(reportSourceSchema).openapi({ description: 'Emissions by source over the report year.' }),
    dataQuality: z.object({
      monthsExpected: z.number().int(),
      monthsWithData: z.number().int(),
      level: dataQualitySchema.nullable(),
      byQuality: z.object({ reported: z.number().int(), utilityMetered: z.number().int(), verified: z.number().int() }),
      provisionalMonths: z.array(monthSchema).openapi({ description: 'Months computed with a provisional (暂定) factor or value.' }),
      flaggedElectricity: z.array(z.object({ month: monthSchema, reportedKwh: z.string().nullable(), meteredKwh: z.string().nullable(), gapPercent: z.string().nullable() })),
      revisions: z.number().int().openapi({ description: 'Corrections (revision > 1) of the report year’s months.' }),
      verified: z.boolean().openapi({ description: 'A verifier verified the report year.' }),
      verifications: z.array(reportVerificationSchema),
      warnings: z.array(z.string()),
    }),
    factors: z.array(reportFactorSchema).openapi({ description: 'Every factor and benchmark (id@version) the report year’s figures and labels used.' }),
    disclaimer: z.object({ zh: z.string(), en: z.string() }),
  })
  .openapi('EnterpriseReport');
export type EnterpriseReport = z.infer<typeof enterpriseReportSchema>;

/** One revision of a month (the enterprise detail’s data versions): who submitted it, when, through which channel. */
export const dataVersionSchema = z
  .object({
    id: z.string(),
    month: monthSchema,
    revision: z.number().int(),
    supersedesId: z.string().nullable(),
    channel: z.enum(['form', 'import', 'demo']),
    quality: dataQualitySchema,
    isCurrent: z.boolean(),
    submittedBy: z.string().nullable(),
    submittedByName: z.string().nullable(),
    submittedAt: instantSchema,
    note: z.string().nullable(),
  })
  .openapi('DataVersion');
export type DataVersion = z.infer<typeof dataVersionSchema>;
export const dataVersionListSchema = z
  .object({ items: z.array(dataVersionSchema), corrections: z.number().int().openapi({ description: 'Revisions above 1 among the items.' }) })
  .openapi('DataVersionList');

/** The enterprise detail's emissions by source for one year (the same figures as the report’s sources). */
export const emissionSourceListSchema = z.object({ year: z.number().int().nullable(), items: z.array(reportSourceSchema) }).openapi('EmissionSourceList');
