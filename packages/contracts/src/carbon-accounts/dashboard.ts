/**
 * Carbon-account dashboards (碳账户看板): the filtered enterprise list, the overview (colour
 * distribution by county and by GB/T 4754 division with the change against the previous year,
 * emissions and intensity trends, data completeness, provincial-versus-city colour conflicts), and
 * an export of every dataset as xlsx or csv. Units: emissions tCO2e, value added 万元 (10^4 CNY),
 * intensity tCO2e/万元 (Σ emissions ÷ Σ value added).
 */
import { z } from '@hono/zod-openapi';
import { idSchema } from '../common/scalars.ts';

const flag = z.enum(['true', 'false']).optional();
const colourSchema = z.enum(['green', 'yellow', 'orange', 'red']);
const colourKeySchema = z.enum(['green', 'yellow', 'orange', 'red', 'none']);

export const dashboardFilterQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'Label and account year; default the latest year with published labels.', example: 2024 }),
  areaId: idSchema.optional().openapi({ description: 'A county-level division or zone; a county government asking for another area gets an empty result.' }),
  division: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .openapi({ description: 'GB/T 4754-2017 division (大类), 2 digits.', example: '44' }),
  sector: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional()
    .openapi({ description: 'The platform’s sector id (e.g. coal_power).' }),
  colour: colourKeySchema.optional().openapi({ description: 'Colour of the label source; none: no label.' }),
  labelSource: z
    .enum(['official', 'monitoring'])
    .default('official')
    .openapi({ description: 'official: the published label of the year (default); monitoring: the current monitoring label.' }),
  complete: flag.openapi({ description: 'true: every expected month of the year has data.' }),
  provisional: flag.openapi({ description: 'true: the label or the annual account rests on provisional factors.' }),
  conflict: flag.openapi({ description: 'true: the provincial list colour differs from the published city colour.' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Part of the name or the USCC.' }),
});
export type DashboardFilterQuery = z.infer<typeof dashboardFilterQuerySchema>;

export const dashboardListQuerySchema = dashboardFilterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const dashboardDatasets = ['enterprises', 'colours-by-county', 'colours-by-sector', 'colour-changes', 'trend', 'completeness', 'conflicts'] as const;
export type DashboardDataset = (typeof dashboardDatasets)[number];
export const dashboardExportParamsSchema = z.object({
  dataset: z.enum(dashboardDatasets).openapi({ param: { name: 'dataset', in: 'path' }, example: 'enterprises' }),
});
export const dashboardExportQuerySchema = dashboardFilterQuerySchema.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx').openapi({ description: 'xlsx (default) or csv (UTF-8 with BOM).' }),
});

export const dashboardEnterpriseSchema = z
  .object({
    enterpriseId: z.string(),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    uscc: z.string().nullable(),
    areaId: z.string(),
    sector: z.string().nullable(),
    industryClass: z.string(),
    division: z.string(),
    divisionNameZh: z.string().nullable(),
    colour: colourSchema.nullable().openapi({ description: 'Colour of the label source asked for.' }),
    officialColour: colourSchema.nullable(),
    previousColour: colourSchema.nullable(),
    monitoringColour: colourSchema.nullable(),
    provincialColour: colourSchema.nullable(),
    provincialListed: z.boolean(),
    change: z.enum(['improved', 'worsened', 'unchanged', 'new', 'dropped']).nullable(),
    conflict: z.boolean(),
    monthsSubmitted: z.number().int(),
    monthsExpected: z.number().int(),
    complete: z.boolean(),
    provisional: z.boolean(),
    emissionsTco2e: z.string().nullable().openapi({ description: 'tCO2e, 3 decimals.' }),
    valueAdded10kCny: z.string().nullable().openapi({ description: '万元, exact Σ of the year’s months.' }),
    intensity: z.string().nullable().openapi({ description: 'tCO2e/万元, 6 decimals.' }),
  })
  .openapi('DashboardEnterprise');
export type DashboardEnterpriseItem = z.infer<typeof dashboardEnterpriseSchema>;

export const dashboardEnterpriseListSchema = z.object({
  year: z.number().int(),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(dashboardEnterpriseSchema),
});

const countsSchema = z.object({ green: z.number().int(), yellow: z.number().int(), orange: z.number().int(), red: z.number().int(), none: z.number().int() });
const distributionRowSchema = z.object({
  key: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
  counts: countsSchema,
  previous: countsSchema,
  total: z.number().int(),
  improved: z.number().int(),
  worsened: z.number().int(),
});
const trendPointSchema = z.object({
  period: z.string(),
  emissionsTco2e: z.string(),
  valueAdded10kCny: z.string(),
  intensity: z.string().nullable(),
  enterprises: z.number().int(),
});
const completenessRowSchema = z.object({
  areaId: z.string(),
  nameZh: z.string().nullable(),
  enterprises: z.number().int(),
  completeEnterprises: z.number().int(),
  monthsSubmitted: z.number().int(),
  monthsExpected: z.number().int(),
  share: z.string().nullable(),
});

export const dashboardOverviewSchema = z
  .object({
    year: z.number().int(),
    asOfMonth: z.string().openapi({ description: 'The latest complete month: months expected are counted up to it.' }),
    units: z.object({ emissions: z.string(), intensity: z.string(), valueAdded: z.string() }),
    scope: z.object({
      areaId: z.string().nullable().openapi({ description: 'The area the caller is limited to; null: the whole city.' }),
      enterpriseLevel: z.boolean().openapi({ description: 'false for regulators: aggregates only, no enterprise rows.' }),
    }),
    areas: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })),
    divisions: z.array(z.object({ code: z.string(), nameZh: z.string().nullable() })),
    enterpriseCount: z.number().int(),
    colours: z.object({
      byCounty: z.array(distributionRowSchema),
      bySector: z.array(distributionRowSchema),
      totals: z.object({ counts: countsSchema, previous: countsSchema, total: z.number().int(), improved: z.number().int(), worsened: z.number().int() }),
    }),
    changes: z.array(dashboardEnterpriseSchema).openapi({ description: 'Enterprises whose official colour changed against the previous year (worsened first).' }),
    trend: z.object({ monthly: z.array(trendPointSchema), yearly: z.array(trendPointSchema) }),
    completeness: z.object({ byCounty: z.array(completenessRowSchema), total: completenessRowSchema, incomplete: z.array(dashboardEnterpriseSchema) }),
    conflicts: z.array(dashboardEnterpriseSchema),
  })
  .openapi('DashboardOverview');
export type DashboardOverview = z.infer<typeof dashboardOverviewSchema>;
