/**
 * Carbon-account contracts (issue 6): the enterprise registry, monthly data (activities in the
 * accounting engine's shapes, production, output value and value added), the utility's meter
 * readings, and the accounts the platform computes from them.
 */
import { z } from '@hono/zod-openapi';
import { idSchema, instantSchema, versionSchema } from '../common/scalars.ts';

export const monthSchema = z
  .string()
  .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
  .openapi({ example: '2024-05' });
/** 10^4 CNY with at most 2 decimals (万元). */
export const tenThousandCnySchema = z
  .string()
  .regex(/^-?\d{1,16}(\.\d{1,2})?$/, '10^4 CNY (万元) as a decimal string with at most 2 decimals')
  .openapi({ example: '1520.35' });
const plainDecimal = z
  .string()
  .regex(/^\d{1,16}(\.\d{1,12})?$/, 'a non-negative plain decimal string, e.g. "12.5"')
  .openapi({ example: '12.5' });
export const dataQualitySchema = z
  .enum(['reported', 'utility_metered', 'verified'])
  .openapi({ description: 'reported by the enterprise; metered by the power utility; verified by an assigned verifier.' });

export const industryClassSchema = z
  .string()
  .regex(/^\d{4}$/, 'a GB/T 4754-2017 class (小类), 4 digits')
  .openapi({ example: '3011' });
export const meterAccountNoSchema = z
  .string()
  .regex(/^[0-9A-Za-z-]{4,32}$/, 'a meter account number (户号): 4–32 letters, digits or -')
  .openapi({ example: '3708001234567' });

export const enterpriseProductSchema = z
  .object({
    productId: z.string().regex(/^[a-z0-9_]{1,64}$/),
    nameZh: z.string().min(1).max(100),
    unit: z.string().min(1).max(20).openapi({ example: 't' }),
    benchmarkId: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/)
      .nullable()
      .openapi({ description: 'An energy-benchmarks id when the product has a 标杆/基准 level, else null.', example: 'cement_clinker' }),
  })
  .openapi('EnterpriseProduct');

export const enterpriseSchema = z
  .object({
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    uscc: z.string().nullable(),
    areaId: z.string(),
    sector: z.string().nullable(),
    industryClass: industryClassSchema,
    industryClassNameZh: z.string().nullable(),
    keyEmitter: z.boolean().openapi({ description: '重点用能单位 on the city list.' }),
    highEnergyHighEmission: z.boolean().openapi({ description: '「两高」 enterprise.' }),
    etsKeyEmitter: z.boolean().openapi({ description: '全国碳市场重点排放单位: verified ETS emissions are authoritative for its annual totals.' }),
    isDemo: z.boolean(),
    products: z.array(enterpriseProductSchema),
    meterAccounts: z.array(z.string()),
    version: z.number().int(),
  })
  .openapi('Enterprise');
export type Enterprise = z.infer<typeof enterpriseSchema>;
export const enterpriseListSchema = z.object({ items: z.array(enterpriseSchema) }).openapi('EnterpriseList');
export const listEnterprisesQuerySchema = z.object({
  areaId: idSchema.optional(),
  industryClass: industryClassSchema.optional(),
  keyEmitter: z.enum(['true', 'false']).optional(),
  q: z.string().max(64).optional().openapi({ description: 'Part of the name or the USCC.' }),
});

export const updateEnterpriseSchema = z
  .strictObject({
    industryClass: industryClassSchema.optional(),
    keyEmitter: z.boolean().optional(),
    highEnergyHighEmission: z.boolean().optional(),
    etsKeyEmitter: z.boolean().optional(),
    products: z.array(enterpriseProductSchema.strict()).max(50).optional(),
    meterAccounts: z.array(meterAccountNoSchema).max(100).optional().openapi({ description: 'The full list of the enterprise’s meter accounts (户号).' }),
    version: versionSchema,
  })
  .openapi('UpdateEnterprise');

export const registerEnterpriseSchema = z
  .strictObject({
    organisationId: z.string().max(64).openapi({ description: 'An enterprise organisation (POST /api/v1/organisations, USCC checked there).', example: 'ent-067' }),
    industryClass: industryClassSchema,
    keyEmitter: z.boolean().default(false),
    highEnergyHighEmission: z.boolean().default(false),
    etsKeyEmitter: z.boolean().default(false),
    products: z.array(enterpriseProductSchema.strict()).max(50).default([]),
    meterAccounts: z.array(meterAccountNoSchema).max(100).default([]),
  })
  .openapi('RegisterEnterprise');

export const productionEntrySchema = z
  .strictObject({
    productId: z.string().regex(/^[a-z0-9_]{1,64}$/),
    output: plainDecimal.openapi({ description: 'Output in the product’s unit.' }),
    unitEnergyConsumption: plainDecimal
      .nullable()
      .optional()
      .openapi({ description: '单位产品综合能耗 as reported within its limit standard’s boundary, in the benchmark’s unit (e.g. kgce/t).' }),
  })
  .openapi('ProductionEntry');

export const monthInputSchema = z
  .strictObject({
    activities: z
      .array(z.looseObject({ type: z.string().max(40) }))
      .min(1)
      .max(500)
      .openapi({ description: 'Activity lines in the shapes of POST /api/v1/calc/emissions (fuel, process, clinker, mass_balance, direct_gas, electricity_*, heat_*).' }),
    production: z.array(productionEntrySchema).max(50).default([]),
    outputValue10kCny: tenThousandCnySchema.nullable().optional().openapi({ description: '工业总产值, 10^4 CNY (万元).' }),
    valueAdded10kCny: tenThousandCnySchema.nullable().optional().openapi({ description: '工业增加值, 10^4 CNY (万元).' }),
    supersedes: z.string().max(64).optional().openapi({ description: 'The id of the current submission this one corrects; required when the month already has data.' }),
    note: z.string().max(1000).optional(),
  })
  .openapi('MonthInput');
export type MonthInput = z.infer<typeof monthInputSchema>;

export const submissionSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    month: monthSchema,
    revision: z.number().int(),
    supersedesId: z.string().nullable(),
    channel: z.enum(['form', 'import', 'demo']),
    activities: z.array(z.record(z.string(), z.unknown())),
    production: z.array(z.record(z.string(), z.unknown())),
    outputValue10kCny: z.string().nullable(),
    valueAdded10kCny: z.string().nullable(),
    quality: dataQualitySchema,
    fileId: z.string().nullable(),
    note: z.string().nullable(),
    submittedBy: z.string().nullable(),
    submittedAt: instantSchema,
    isCurrent: z.boolean(),
  })
  .openapi('MonthSubmission');
export type Submission = z.infer<typeof submissionSchema>;

export const accountMonthSchema = z
  .object({
    month: monthSchema,
    submissionId: z.string(),
    scope1Tco2e: z.string(),
    scope2Tco2e: z.string(),
    exportedTco2e: z.string(),
    energyTce: z.string(),
    feedstockTce: z.string(),
    nonFossilElectricityMwh: z.string(),
    electricity: z.object({
      reportedKwh: z.string().nullable(),
      meteredKwh: z.string().nullable(),
      gapPercent: z.string().nullable(),
      flagged: z.boolean().openapi({ description: 'Reported and metered electricity differ by more than 2 %; the metered value is used.' }),
    }),
    quality: dataQualitySchema,
    provisional: z.boolean(),
    factorRefs: z.array(z.string()),
    warnings: z.array(z.string()),
    lines: z.array(z.object({ index: z.number().int(), tco2e: z.string(), tce: z.string(), factorIds: z.array(z.string()) })),
    computedAt: instantSchema,
  })
  .openapi('AccountMonth');
export type AccountMonth = z.infer<typeof accountMonthSchema>;

export const monthDetailSchema = z
  .object({ current: submissionSchema.nullable(), result: accountMonthSchema.nullable(), history: z.array(submissionSchema) })
  .openapi('MonthDetail');

export const submitMonthResultSchema = z.object({ submission: submissionSchema, result: accountMonthSchema }).openapi('SubmitMonthResult');

export const carbonAccountSchema = z
  .object({
    enterpriseId: z.string(),
    period: z.string().openapi({ example: '2024' }),
    periodType: z.enum(['month', 'quarter', 'year', 'rolling12']),
    emissionsTco2e: z.string(),
    energyTce: z.string(),
    intensityPerValueAdded: z.string().nullable(),
    complete: z.boolean(),
    provisional: z.boolean(),
    quality: dataQualitySchema,
    figures: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The full account: scopes, intensities, products, year-on-year change, completeness, quality, factor references.' }),
    computedAt: instantSchema,
  })
  .openapi('CarbonAccount');
export type CarbonAccount = z.infer<typeof carbonAccountSchema>;
export const carbonAccountListSchema = z.object({ items: z.array(carbonAccountSchema) }).openapi('CarbonAccountList');
export const listAccountsQuerySchema = z.object({ periodType: z.enum(['month', 'quarter', 'year', 'rolling12']).optional() });

export const utilityReadingsInputSchema = z
  .strictObject({
    readings: z
      .array(z.strictObject({ accountNo: meterAccountNoSchema, month: monthSchema, kwh: plainDecimal.openapi({ description: 'kWh for the month.' }) }))
      .min(1)
      .max(10_000),
  })
  .openapi('UtilityReadings');
export const utilityReadingsResultSchema = z
  .object({
    accepted: z.number().int(),
    enterprisesRecomputed: z.number().int(),
    flagged: z.array(z.object({ enterpriseId: z.string(), month: monthSchema, gapPercent: z.string() })),
  })
  .openapi('UtilityReadingsResult');

// ---- labels ----

export const labelColourSchema = z.enum(['green', 'yellow', 'orange', 'red']);
const bilingualSchema = z.object({ zh: z.string(), en: z.string() });

export const enterpriseLabelSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    kind: z.enum(['official', 'monitoring']).openapi({ description: 'official: annual, published by the commission; monitoring: the latest rolling 12 months.' }),
    period: z.string().openapi({ example: '2024' }),
    status: z.enum(['draft', 'published', 'superseded', 'current']),
    colour: labelColourSchema.nullable().openapi({ description: 'null when no label method applies (the reason says why).' }),
    provisional: z.boolean().openapi({ description: 'A value used is unverified: printed as 暂定.' }),
    schemeRef: z.string(),
    methods: z.array(z.record(z.string(), z.unknown())),
    inputs: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The values the label was decided on: product value, enterprise intensity, industry average with its level and peer count.' }),
    factorRefs: z.array(z.string()),
    reason: bilingualSchema,
    publicationId: z.string().nullable(),
    createdAt: instantSchema,
    publishedAt: instantSchema.nullable(),
  })
  .openapi('EnterpriseLabel');
export type EnterpriseLabel = z.infer<typeof enterpriseLabelSchema>;
export const enterpriseLabelListSchema = z.object({ items: z.array(enterpriseLabelSchema) }).openapi('EnterpriseLabelList');

/** A row of a colour list: what every bank may see of a published label (no detailed data). */
export const labelListItemSchema = z
  .object({
    labelId: z.string(),
    enterpriseId: z.string(),
    nameZh: z.string(),
    uscc: z.string().nullable(),
    areaId: z.string(),
    sector: z.string().nullable(),
    period: z.string(),
    status: z.enum(['draft', 'published', 'superseded', 'current']),
    colour: labelColourSchema.nullable(),
    provisional: z.boolean(),
    reason: bilingualSchema.optional().openapi({ description: 'Government bodies and platform administrators only.' }),
    provincialColour: labelColourSchema.nullable().optional().openapi({ description: 'The province’s colour tag for the same year, when listed.' }),
    conflict: z.boolean().optional().openapi({ description: 'The city and the province disagree.' }),
  })
  .openapi('LabelListItem');
export const labelListSchema = z.object({ year: z.number().int(), items: z.array(labelListItemSchema), counts: z.record(z.string(), z.number().int()) }).openapi('LabelList');
export const listLabelsQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).openapi({ example: 2024 }),
  status: z.enum(['draft', 'published']).optional().openapi({ description: 'Default published; drafts are for the commission.' }),
  colour: labelColourSchema.optional(),
  areaId: idSchema.optional(),
});
export const labelYearSchema = z.strictObject({ year: z.number().int().min(2000).max(2100), note: z.string().max(1000).optional() }).openapi('LabelYear');
export const labelDraftResultSchema = z.object({ year: z.number().int(), drafted: z.number().int(), counts: z.record(z.string(), z.number().int()) }).openapi('LabelDraftResult');
export const labelPublicationSchema = z
  .object({ id: z.string(), year: z.number().int(), labelCount: z.number().int(), note: z.string().nullable(), publishedBy: z.string(), publishedAt: instantSchema })
  .openapi('LabelPublication');

export const objectionInputSchema = z.strictObject({ reason: z.string().trim().min(5).max(2000) }).openapi('ObjectionInput');
export const objectionResolutionSchema = z
  .strictObject({ status: z.enum(['upheld', 'rejected']), resolution: z.string().trim().min(2).max(2000), version: versionSchema })
  .openapi('ObjectionResolution');
export const objectionSchema = z
  .object({
    id: z.string(),
    labelId: z.string(),
    enterpriseId: z.string(),
    reason: z.string(),
    status: z.enum(['open', 'upheld', 'rejected']),
    resolution: z.string().nullable(),
    filedBy: z.string(),
    filedAt: instantSchema,
    resolvedBy: z.string().nullable(),
    resolvedAt: instantSchema.nullable(),
    version: z.number().int(),
  })
  .openapi('LabelObjection');
export type Objection = z.infer<typeof objectionSchema>;
export const objectionListSchema = z.object({ items: z.array(objectionSchema) }).openapi('LabelObjectionList');
