/**
 * Recalculation contracts: a platform administrator's explicit job that recomputes the enterprise
 * accounts with the reference library published as of a date, and its change report — per
 * enterprise the emissions before and after, the factor versions that changed, the monitoring
 * label's colour before and after, and the published official labels a new draft would now colour
 * differently (需重新发布). Published labels themselves change only through a new publication.
 */
import { z } from '@hono/zod-openapi';
import { businessDateSchema, instantSchema } from '../common/scalars.ts';
import { jobStatuses } from '../jobs/job.ts';

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM')
  .openapi({ example: '2024-01' });
const colourSchema = z.enum(['green', 'yellow', 'orange', 'red']).nullable().openapi({ description: 'null: no label (no data, or no applicable method).' });

export const startRecalculationSchema = z
  .strictObject({
    asOf: businessDateSchema.optional().openapi({ description: 'The library as published on this business date (default: today; a later date is refused).' }),
    enterpriseIds: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(1000)
      .optional()
      .openapi({ description: 'Only these enterprises (default: every registered enterprise).' }),
    fromMonth: monthSchema.optional().openapi({ description: 'First month recomputed (default: the first with data).' }),
    toMonth: monthSchema.optional().openapi({ description: 'Last month recomputed (default: the last with data).' }),
    note: z.string().trim().min(1).max(1000).optional().openapi({ example: '2023年全国电力平均二氧化碳排放因子发布后重新计算' }),
  })
  .refine((v) => v.fromMonth === undefined || v.toMonth === undefined || v.fromMonth <= v.toMonth, { message: 'fromMonth must not be after toMonth', path: ['toMonth'] })
  .openapi('StartRecalculation');
export type StartRecalculation = z.infer<typeof startRecalculationSchema>;

const periodChangeSchema = z.object({
  period: z.string().openapi({ description: 'A year (2024) or a quarter (2024-Q1).', example: '2024' }),
  beforeTco2e: z.string().nullable(),
  afterTco2e: z.string().nullable(),
  deltaTco2e: z.string().openapi({ description: 'after − before, tCO2e.' }),
});

const officialLabelCheckSchema = z.object({
  labelId: z.string(),
  year: z.number().int(),
  publishedColour: colourSchema,
  draftColour: colourSchema.openapi({ description: 'The colour a new draft would get now; the published label is unchanged.' }),
  needsRepublication: z.boolean().openapi({ description: '需重新发布: a new draft would get another colour.' }),
});

export const recalculationEnterpriseChangeSchema = z.object({
  enterpriseId: z.string(),
  nameZh: z.string().nullable(),
  monthsChanged: z.number().int(),
  periods: z.array(periodChangeSchema),
  factorRefsBefore: z.array(z.string()).openapi({ description: 'Factor versions used before and no longer (`<id>@<version>`).' }),
  factorRefsAfter: z.array(z.string()).openapi({ description: 'Factor versions used now and not before.' }),
  monitoring: z.object({ period: z.string().nullable(), before: colourSchema, after: colourSchema, changed: z.boolean() }),
  officialLabels: z.array(officialLabelCheckSchema),
});
export type RecalculationEnterpriseChange = z.infer<typeof recalculationEnterpriseChangeSchema>;

export const recalculationReportSchema = z
  .object({
    asOf: businessDateSchema,
    libraryRevision: z.string(),
    scope: z.object({ enterpriseIds: z.array(z.string()).nullable(), fromMonth: monthSchema.nullable(), toMonth: monthSchema.nullable() }),
    note: z.string().nullable(),
    summary: z.object({
      enterprisesRecomputed: z.number().int(),
      monthsRecomputed: z.number().int(),
      enterprisesChanged: z.number().int(),
      monitoringColoursChanged: z.number().int(),
      labelsNeedingRepublication: z.number().int(),
      message: z.object({ zh: z.string(), en: z.string() }),
    }),
    enterprises: z.array(recalculationEnterpriseChangeSchema).openapi({ description: 'Only enterprises where something changed.' }),
  })
  .openapi('RecalculationReport');
export type RecalculationReport = z.infer<typeof recalculationReportSchema>;

export const recalculationSchema = z
  .object({
    id: z.string(),
    status: z.enum(jobStatuses),
    progress: z.number().int(),
    message: z.string().nullable(),
    params: z.object({
      asOf: businessDateSchema,
      enterpriseIds: z.array(z.string()).nullable(),
      fromMonth: monthSchema.nullable(),
      toMonth: monthSchema.nullable(),
      note: z.string().nullable(),
      startedBy: z.string(),
    }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdAt: instantSchema,
    finishedAt: instantSchema.nullable(),
    report: recalculationReportSchema.nullable().openapi({ description: 'Present once the job succeeded.' }),
  })
  .openapi('Recalculation');
export type Recalculation = z.infer<typeof recalculationSchema>;

export const recalculationListSchema = z
  .object({ items: z.array(recalculationSchema.omit({ report: true }).extend({ summary: recalculationReportSchema.shape.summary.nullable() })) })
  .openapi('RecalculationList');
export type RecalculationList = z.infer<typeof recalculationListSchema>;

export const recalculationAcceptedSchema = z.object({ jobId: z.string() }).openapi('RecalculationAccepted');
