/** Persisted long-running jobs (imports, recalculations, the demo seed) and their progress. */
import { z } from '@hono/zod-openapi';
import { idSchema, instantSchema } from '../common/scalars.ts';
import { pageQuerySchema, pageSchema } from '../common/pagination.ts';

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(jobStatuses),
    progress: z.number().int().min(0).max(100).openapi({ description: 'Percent done, 0–100.' }),
    message: z.string().nullable().openapi({ description: 'What the job is doing now, for the progress bar.' }),
    result: z.unknown().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    attempts: z.number().int(),
    createdAt: instantSchema,
    startedAt: instantSchema.nullable(),
    finishedAt: instantSchema.nullable(),
    updatedAt: instantSchema,
  })
  .openapi('Job');
export type Job = z.infer<typeof jobSchema>;

export const listJobsQuerySchema = pageQuerySchema.extend({
  kind: z.string().max(64).optional(),
  status: z.enum(jobStatuses).optional(),
});
export const jobPageSchema = pageSchema(jobSchema).openapi('JobPage');
export const jobIdParamSchema = z.object({ id: idSchema.or(z.uuid()) });
