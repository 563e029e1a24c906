/**
 * /api/v1/supervision: action-plan supervision (行动方案督办). Plans (versioned; administrators load
 * new ones), tasks with status, milestones and indicators (the commission), progress reports (a
 * task's lead agencies; partners contribute; the commission reviews), the leading-group dashboard
 * and reminders. Readers: government bodies, county governments, regulators, platform admins.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  actionPlanListSchema,
  actionPlanSchema,
  createContributionBodySchema,
  createIndicatorBodySchema,
  createIndicatorValueBodySchema,
  createMilestoneBodySchema,
  createPlanBodySchema,
  createReportBodySchema,
  errorEnvelopeSchema,
  indicatorIdParamsSchema,
  metricProviderListSchema,
  milestoneIdParamsSchema,
  planFullTextSchema,
  planIdParamsSchema,
  planIndicatorSchema,
  planMilestoneSchema,
  planTaskListQuerySchema,
  planTaskListSchema,
  planTaskSchema,
  progressReportListSchema,
  progressReportSchema,
  reminderRunSchema,
  reportIdParamsSchema,
  reviewReportBodySchema,
  runRemindersBodySchema,
  supervisionDashboardSchema,
  taskCodeParamsSchema,
  updateMilestoneBodySchema,
  updateReportBodySchema,
  type ActionPlanItem,
  type PlanIndicatorItem,
  type PlanMilestoneItem,
  type ProgressReportItem,
  type ReminderRun,
} from '@cfp/contracts';
import { fileRepository, identityRepository, supervisionRepository, type SupervisionReportRow, type SupervisionTaskRow } from '@cfp/db';
import { businessDateOf, demoIds, initialReportStatus, isPlatformAdmin, nextReportStatus, quarterOf, type Actor, type ReportAction } from '@cfp/domain';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { describeCommand } from '../audit/command-audit.ts';
import { actorOf } from '../identity/authenticate.ts';
import { attachmentDisposition } from '../files/content-disposition.ts';
import { notify } from '../notifications/notify.ts';
import { renderLeadingGroupPdf } from './leading-group-report-pdf.ts';
import { renderLeadingGroupXlsx } from './leading-group-report-xlsx.ts';
import { metricEvaluator, metricProviders } from './metric-providers.ts';
import { loadActionPlan } from './plan-loader.ts';
import { assertCanManage, assertCanRead, canContribute, canManagePlan, canReport, isOwner } from './supervision-access.ts';
import { runSupervisionReminders } from './supervision-reminders.ts';
import { supervisionService, toMilestone, toPlan, toReport } from './supervision-service.ts';

const tags = ['supervision'];
const base = '/api/v1/supervision';
const forbidden = { 403: json(errorEnvelopeSchema, 'FORBIDDEN: not a reader, or not allowed to write this') };

const listPlans = createRoute({
  method: 'get',
  path: `${base}/plans`,
  tags,
  summary: 'Loaded action-plan versions, newest first',
  responses: { 200: json(actionPlanListSchema, 'Plans'), ...errorResponses.read, ...forbidden },
});
const currentPlan = createRoute({
  method: 'get',
  path: `${base}/plans/current`,
  tags,
  summary: 'The current action plan',
  responses: { 200: json(actionPlanSchema, 'The plan'), ...errorResponses.read, ...forbidden },
});
const createPlan = createRoute({
  method: 'post',
  path: `${base}/plans`,
  tags,
  summary: 'Load a plan JSON (+ full text) as a new version (platform administrators); the previous stays readable',
  description:
    'An invalid plan gets 400 VALIDATION_FAILED with every problem named in `details.fields` (path under `plan.`). Agencies are mapped to organisations by name; unmapped names are kept and listed in `unmappedAgencies`.',
  request: { headers: idempotencyHeaders, body: body(createPlanBodySchema) },
  responses: { 201: json(actionPlanSchema, 'The new plan version'), ...errorResponses.write, ...forbidden },
});
const planFullText = createRoute({
  method: 'get',
  path: `${base}/plans/{id}/full-text`,
  tags,
  summary: 'The full text of a plan version',
  request: { params: planIdParamsSchema },
  responses: { 200: json(planFullTextSchema, 'The text (null when none was loaded)'), ...errorResponses.read, ...forbidden },
});
const listMetrics = createRoute({
  method: 'get',
  path: `${base}/metrics`,
  tags,
  summary: 'Metrics a computed indicator can use (the registry of metric providers)',
  responses: { 200: json(metricProviderListSchema, 'Metrics'), ...errorResponses.read, ...forbidden },
});
const listTasks = createRoute({
  method: 'get',
  path: `${base}/tasks`,
  tags,
  summary: 'Tasks and safeguards of the current plan with status, milestones, indicators and the latest report',
  request: { query: planTaskListQuerySchema },
  responses: { 200: json(planTaskListSchema, 'Tasks in plan order'), ...errorResponses.read, ...forbidden },
});
const getTask = createRoute({
  method: 'get',
  path: `${base}/tasks/{code}`,
  tags,
  summary: 'One task with the paragraph of the full text',
  request: { params: taskCodeParamsSchema },
  responses: { 200: json(planTaskSchema, 'The task'), ...errorResponses.read, ...forbidden },
});
const listReports = createRoute({
  method: 'get',
  path: `${base}/tasks/{code}/reports`,
  tags,
  summary: 'Every progress report of a task, newest period first',
  request: { params: taskCodeParamsSchema },
  responses: { 200: json(progressReportListSchema, 'Reports'), ...errorResponses.read, ...forbidden },
});
const createMilestone = createRoute({
  method: 'post',
  path: `${base}/tasks/{code}/milestones`,
  tags,
  summary: 'Add a milestone to a task (the commission)',
  request: { params: taskCodeParamsSchema, headers: idempotencyHeaders, body: body(createMilestoneBodySchema) },
  responses: { 201: json(planMilestoneSchema, 'The milestone'), ...errorResponses.write, ...forbidden },
});
const updateMilestone = createRoute({
  method: 'patch',
  path: `${base}/milestones/{id}`,
  tags,
  summary: 'Edit a milestone (the commission) or mark it done with a note and evidence (its owner)',
  request: { params: milestoneIdParamsSchema, body: body(updateMilestoneBodySchema) },
  responses: { 200: json(planMilestoneSchema, 'The milestone'), ...errorResponses.write, ...forbidden },
});
const createIndicator = createRoute({
  method: 'post',
  path: `${base}/tasks/{code}/indicators`,
  tags,
  summary: 'Attach an indicator to a task (the commission): manual (an owning agency enters it) or computed (a registered metric)',
  request: { params: taskCodeParamsSchema, headers: idempotencyHeaders, body: body(createIndicatorBodySchema) },
  responses: { 201: json(planIndicatorSchema, 'The indicator'), ...errorResponses.write, ...forbidden },
});
const createIndicatorValue = createRoute({
  method: 'post',
  path: `${base}/indicators/{id}/values`,
  tags,
  summary: 'Enter the value of a manual indicator for a quarter (its owning agency), with evidence; replaces an earlier entry of that quarter',
  request: { params: indicatorIdParamsSchema, headers: idempotencyHeaders, body: body(createIndicatorValueBodySchema) },
  responses: { 201: json(planIndicatorSchema, 'The indicator with its values'), ...errorResponses.write, ...forbidden },
});
const createReport = createRoute({
  method: 'post',
  path: `${base}/tasks/{code}/reports`,
  tags,
  summary: 'Create (and optionally submit) the progress report of a quarter (a lead agency of the task)',
  description:
    'One report per task, quarter and agency: a second gets 409 ALREADY_EXISTS (edit it with PATCH). On submission the computed indicators of the task are snapshotted for the quarter.',
  request: { params: taskCodeParamsSchema, headers: idempotencyHeaders, body: body(createReportBodySchema) },
  responses: { 201: json(progressReportSchema, 'The report'), ...errorResponses.write, ...forbidden },
});
const updateReport = createRoute({
  method: 'patch',
  path: `${base}/reports/{id}`,
  tags,
  summary: 'Edit a draft or returned report, and optionally submit it (its agency)',
  description: 'A submitted or accepted report gets 409 INVALID_TRANSITION.',
  request: { params: reportIdParamsSchema, body: body(updateReportBodySchema) },
  responses: { 200: json(progressReportSchema, 'The report'), ...errorResponses.write, ...forbidden },
});
const createContribution = createRoute({
  method: 'post',
  path: `${base}/reports/{id}/contributions`,
  tags,
  summary: 'Add a contribution to a report (a partner agency, or a county government assigned a milestone of the task)',
  request: { params: reportIdParamsSchema, headers: idempotencyHeaders, body: body(createContributionBodySchema) },
  responses: { 201: json(progressReportSchema, 'The report'), ...errorResponses.write, ...forbidden },
});
const reviewReport = createRoute({
  method: 'post',
  path: `${base}/reports/{id}/review`,
  tags,
  summary: 'Review a submitted report (the commission): return it with a comment, or accept it',
  description: 'Only a submitted report can be reviewed (else 409 INVALID_TRANSITION); returning needs a comment.',
  request: { params: reportIdParamsSchema, headers: idempotencyHeaders, body: body(reviewReportBodySchema) },
  responses: { 200: json(progressReportSchema, 'The report'), ...errorResponses.write, ...forbidden },
});
const dashboard = createRoute({
  method: 'get',
  path: `${base}/dashboard`,
  tags,
  summary: 'The leading-group dashboard: every task by group with status, deadlines, overdue milestones and indicator trends',
  responses: { 200: json(supervisionDashboardSchema, 'The dashboard'), ...errorResponses.read, ...forbidden },
});
const binary = { schema: { type: 'string' as const, format: 'binary' } };
const leadingGroupPdf = createRoute({
  method: 'get',
  path: `${base}/leading-group-report.pdf`,
  tags,
  summary: 'The leading-group report (领导小组会议材料) as a PDF in Chinese: every task by group with status, deadlines, overdue milestones (red) and indicators',
  description: '`Content-Disposition: attachment` with the Chinese file name in `filename*`; the viewer and time are printed on every page.',
  responses: { 200: { description: 'The PDF', content: { 'application/pdf': binary } }, ...errorResponses.read, ...forbidden },
});
const leadingGroupXlsx = createRoute({
  method: 'get',
  path: `${base}/leading-group-report.xlsx`,
  tags,
  summary: 'The leading-group report as a workbook: tasks, milestones, indicators and reports',
  responses: {
    200: { description: 'The workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': binary } },
    ...errorResponses.read,
    ...forbidden,
  },
});
const runReminders = createRoute({
  method: 'post',
  path: `${base}/reminders/run`,
  tags,
  summary: 'Send the reminders of today (the commission or an administrator; also a daily job): overdue milestones and missing reports of the last quarter',
  description: 'Idempotent per item, organisation and day: a second run on the same day sends nothing new. Send `{}`.',
  request: { body: body(runRemindersBodySchema) },
  responses: { 200: json(reminderRunSchema, 'What was sent'), ...errorResponses.write, ...forbidden },
});

function assertAdmin(actor: Actor): void {
  if (!isPlatformAdmin(actor)) throw new AppError('FORBIDDEN', { reason: 'platform administrators load action plans' });
}

export function supervisionRoutes(platform: Platform) {
  const repo = () => supervisionRepository(platform.db.orm);
  const service = () => {
    const now = platform.clock.now();
    return supervisionService({ orm: platform.db.orm, now, today: businessDateOf(now) });
  };
  const currentTask = async (code: string): Promise<SupervisionTaskRow> => {
    const plan = await service().currentPlanOr404();
    const task = await repo().task(plan.id, code);
    if (!task) throw new AppError('NOT_FOUND');
    return task;
  };
  /** Evidence must be files the actor's organisation uploaded. */
  const checkEvidence = async (actor: Actor, ids: readonly string[], path: string): Promise<void> => {
    const files = fileRepository(platform.db.orm);
    const fields: Array<{ path: string; message: string }> = [];
    for (const [i, id] of ids.entries()) {
      const file = await files.get(id);
      if (!file || (file.organisationId !== actor.organisationId && !isPlatformAdmin(actor)))
        fields.push({ path: `${path}[${i}]`, message: `no file ${id} uploaded by your organisation` });
    }
    if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  };
  const checkOwner = async (organisationId: string, path: string): Promise<void> => {
    const agencies = await repo().agencyOrganisations();
    if (!agencies.some((o) => o.id === organisationId)) {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path, message: `${organisationId} is not a government body, county government or regulator` }] });
    }
  };
  const checkPeriod = (period: string): void => {
    const today = businessDateOf(platform.clock.now());
    if (period > quarterOf(today)) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'period', message: `${period} has not begun yet` }] });
  };
  /** Report indicator values must name indicators of the task. */
  const checkReportIndicators = async (planId: string, task: string, values: ReadonlyArray<{ indicatorId: string }>): Promise<void> => {
    const ids = new Set((await repo().indicators(planId, task)).map((i) => i.id));
    const fields = values.flatMap((v, i) =>
      ids.has(v.indicatorId) ? [] : [{ path: `indicatorValues[${i}].indicatorId`, message: `${v.indicatorId} is not an indicator of task ${task}` }],
    );
    if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  };
  /** Snapshots every computed indicator of a task for the report's quarter. */
  const snapshotComputed = async (report: SupervisionReportRow): Promise<void> => {
    const evaluate = metricEvaluator(platform.db.orm);
    for (const indicator of await repo().indicators(report.planId, report.taskCode)) {
      if (indicator.kind !== 'computed' || !indicator.metric) continue;
      const value = await evaluate(indicator.metric);
      if (value === null) continue;
      await repo().putIndicatorValue({
        indicatorId: indicator.id,
        period: report.period,
        source: 'computed',
        value: value.value,
        detail: value.detail,
        enteredBy: null,
        evidenceFileIds: [],
        at: platform.clock.now(),
      });
    }
  };
  const organisationNames = async (): Promise<Record<string, string>> => Object.fromEntries((await repo().agencyOrganisations()).map((o) => [o.id, o.nameZh]));
  const transition = (report: SupervisionReportRow, action: ReportAction) => {
    const next = nextReportStatus({ from: report.status as 'draft', action });
    if (!next.ok) throw new AppError('INVALID_TRANSITION', { from: report.status, action, reason: next.reason });
    return next.status;
  };

  return new OpenAPIHono<AppEnv>()
    .openapi(listPlans, async (c) => {
      assertCanRead(actorOf(c));
      return c.json({ items: (await repo().plans()).map(toPlan) }, 200);
    })
    .openapi(currentPlan, async (c) => {
      assertCanRead(actorOf(c));
      return c.json(toPlan(await service().currentPlanOr404()), 200);
    })
    .openapi(createPlan, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST ${base}/plans ${actor.userId}`,
        body: input,
        run: async () => {
          assertAdmin(actor);
          const row = await loadActionPlan({
            orm: platform.db.orm,
            json: input.plan,
            fullText: input.fullText ?? null,
            loadedBy: actor.userId,
            makeCurrent: input.makeCurrent,
            now: platform.clock.now(),
          });
          const answer = toPlan(row);
          describeCommand(c, { action: 'supervision.plans.load', target: { type: 'action_plan', id: row.id }, after: answer });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as ActionPlanItem, 201);
    })
    .openapi(planFullText, async (c) => {
      assertCanRead(actorOf(c));
      const plan = await repo().plan(c.req.valid('param').id);
      if (!plan) throw new AppError('NOT_FOUND');
      return c.json({ planId: plan.id, version: plan.version, text: plan.fullText }, 200);
    })
    .openapi(listMetrics, async (c) => {
      assertCanRead(actorOf(c));
      return c.json({ items: Object.values(metricProviders).map((p) => ({ metric: p.metric, nameZh: p.nameZh, nameEn: p.nameEn, unit: p.unit })) }, 200);
    })
    .openapi(listTasks, async (c) => {
      const actor = actorOf(c);
      assertCanRead(actor);
      return c.json(await service().tasks(actor, c.req.valid('query')), 200);
    })
    .openapi(getTask, async (c) => {
      const actor = actorOf(c);
      assertCanRead(actor);
      return c.json(await service().task(actor, c.req.valid('param').code), 200);
    })
    .openapi(listReports, async (c) => {
      assertCanRead(actorOf(c));
      const task = await currentTask(c.req.valid('param').code);
      return c.json({ items: (await repo().reports(task.planId, task.code)).map(toReport) }, 200);
    })
    .openapi(createMilestone, async (c) => {
      const actor = actorOf(c);
      const { code } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST ${base}/tasks/${code}/milestones ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanManage(actor);
          const task = await currentTask(code);
          await checkOwner(input.ownerOrganisationId, 'ownerOrganisationId');
          const now = platform.clock.now();
          const row = await repo().insertMilestone({
            id: randomUUID(),
            planId: task.planId,
            taskCode: task.code,
            title: input.title,
            ownerOrganisationId: input.ownerOrganisationId,
            dueDate: input.dueDate,
            evidenceFileIds: [],
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          });
          if (input.ownerOrganisationId !== actor.organisationId) {
            await notify(platform, {
              organisationId: input.ownerOrganisationId,
              type: 'supervision.milestone_assigned',
              title: { zh: `督办任务 ${code}：新的里程碑`, en: `Task ${code}: a new milestone` },
              body: { zh: `“${input.title}”，完成时限 ${input.dueDate}。`, en: `"${input.title}", due ${input.dueDate}.` },
              link: `/supervision/tasks/${code}`,
            });
          }
          const answer = toMilestone(row, businessDateOf(now));
          describeCommand(c, { action: 'supervision.milestones.create', target: { type: 'plan_milestone', id: row.id }, after: answer });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as PlanMilestoneItem, 201);
    })
    .openapi(updateMilestone, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      assertCanRead(actor);
      const before = await repo().milestone(id);
      if (!before) throw new AppError('NOT_FOUND');
      const manager = canManagePlan(actor);
      const owner = isOwner(actor, before.ownerOrganisationId);
      if (!manager && !owner) throw new AppError('FORBIDDEN', { reason: 'the commission edits milestones; their owner marks them done' });
      if (!manager && (input.title !== undefined || input.ownerOrganisationId !== undefined || input.dueDate !== undefined || input.done === false)) {
        throw new AppError('FORBIDDEN', { reason: 'only the commission changes a milestone’s title, owner or due date, or reopens it' });
      }
      if (input.ownerOrganisationId !== undefined) await checkOwner(input.ownerOrganisationId, 'ownerOrganisationId');
      if (input.evidenceFileIds !== undefined) await checkEvidence(actor, input.evidenceFileIds, 'evidenceFileIds');
      const now = platform.clock.now();
      const row = await repo().updateMilestone({
        id,
        version: input.version,
        set: {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.ownerOrganisationId !== undefined ? { ownerOrganisationId: input.ownerOrganisationId } : {}),
          ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
          ...(input.done === true && before.doneAt === null ? { doneAt: now } : {}),
          ...(input.done === false ? { doneAt: null } : {}),
          ...(input.doneNote !== undefined ? { doneNote: input.doneNote } : {}),
          ...(input.evidenceFileIds !== undefined ? { evidenceFileIds: input.evidenceFileIds } : {}),
          updatedAt: now,
        },
      });
      if (!row) throw new AppError('VERSION_CONFLICT');
      const today = businessDateOf(now);
      const answer = toMilestone(row, today);
      describeCommand(c, {
        action: input.done === true ? 'supervision.milestones.done' : 'supervision.milestones.update',
        target: { type: 'plan_milestone', id },
        before: toMilestone(before, today),
        after: answer,
      });
      return c.json(answer, 200);
    })
    .openapi(createIndicator, async (c) => {
      const actor = actorOf(c);
      const { code } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST ${base}/tasks/${code}/indicators ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanManage(actor);
          const task = await currentTask(code);
          const fields: Array<{ path: string; message: string }> = [];
          if (input.kind === 'computed') {
            if (!input.metric) fields.push({ path: 'metric', message: 'a computed indicator names a metric' });
            else if (!metricProviders[input.metric]) fields.push({ path: 'metric', message: `unknown metric ${input.metric}; known: ${Object.keys(metricProviders).join(', ')}` });
          } else {
            if (input.metric) fields.push({ path: 'metric', message: 'a manual indicator has no metric' });
            if (!input.ownerOrganisationId) fields.push({ path: 'ownerOrganisationId', message: 'a manual indicator names the agency that enters it' });
          }
          if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
          if (input.ownerOrganisationId) await checkOwner(input.ownerOrganisationId, 'ownerOrganisationId');
          const row = await repo().insertIndicator({
            id: randomUUID(),
            planId: task.planId,
            taskCode: task.code,
            nameZh: input.nameZh,
            nameEn: input.nameEn ?? null,
            unit: input.unit,
            kind: input.kind,
            metric: input.kind === 'computed' ? input.metric! : null,
            target: input.target ?? null,
            ownerOrganisationId: input.ownerOrganisationId ?? null,
            createdBy: actor.userId,
            createdAt: platform.clock.now(),
          });
          const answer = (await service().task(actor, code)).indicators.find((i) => i.id === row.id)!;
          describeCommand(c, { action: 'supervision.indicators.create', target: { type: 'plan_indicator', id: row.id }, after: answer });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as PlanIndicatorItem, 201);
    })
    .openapi(createIndicatorValue, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST ${base}/indicators/${id}/values ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanRead(actor);
          const indicator = await repo().indicator(id);
          if (!indicator) throw new AppError('NOT_FOUND');
          if (indicator.kind !== 'manual') throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'id', message: 'computed indicators are evaluated from platform data' }] });
          if (!isOwner(actor, indicator.ownerOrganisationId) && !canManagePlan(actor)) throw new AppError('FORBIDDEN', { reason: 'the owning agency enters this indicator' });
          checkPeriod(input.period);
          await checkEvidence(actor, input.evidenceFileIds, 'evidenceFileIds');
          await repo().putIndicatorValue({
            indicatorId: id,
            period: input.period,
            source: 'manual',
            value: input.value,
            detail: null,
            enteredBy: actor.userId,
            evidenceFileIds: input.evidenceFileIds,
            at: platform.clock.now(),
          });
          const answer = (await service().task(actor, indicator.taskCode)).indicators.find((i) => i.id === id)!;
          describeCommand(c, { action: 'supervision.indicators.values.create', target: { type: 'plan_indicator', id }, after: { period: input.period, value: input.value } });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as PlanIndicatorItem, 201);
    })
    .openapi(createReport, async (c) => {
      const actor = actorOf(c);
      const { code } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST ${base}/tasks/${code}/reports ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanRead(actor);
          const task = await currentTask(code);
          const organisationId = input.organisationId ?? actor.organisationId;
          if (organisationId !== actor.organisationId || !canReport(actor, task)) throw new AppError('FORBIDDEN', { reason: 'only the lead agencies of a task report on it' });
          checkPeriod(input.period);
          await checkReportIndicators(task.planId, task.code, input.indicatorValues);
          await checkEvidence(actor, input.evidenceFileIds, 'evidenceFileIds');
          if (await repo().reportFor({ planId: task.planId, taskCode: task.code, period: input.period, organisationId })) {
            throw new AppError('ALREADY_EXISTS', { field: 'period', reason: `your agency already has a ${input.period} report for task ${code}; edit it instead` });
          }
          const now = platform.clock.now();
          const status = initialReportStatus(input.submit);
          const row = await repo().insertReport({
            id: randomUUID(),
            planId: task.planId,
            taskCode: task.code,
            period: input.period,
            organisationId,
            status,
            claimedStatus: input.claimedStatus,
            narrative: input.narrative,
            indicatorValues: input.indicatorValues,
            evidenceFileIds: input.evidenceFileIds,
            contributions: [],
            review: null,
            submittedAt: status === 'submitted' ? now : null,
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          });
          if (status === 'submitted') await afterSubmit(row);
          const answer = toReport(row);
          describeCommand(c, {
            action: input.submit ? 'supervision.reports.submit' : 'supervision.reports.create',
            target: { type: 'progress_report', id: row.id },
            after: answer,
          });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as ProgressReportItem, 201);
    })
    .openapi(updateReport, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      assertCanRead(actor);
      const before = await repo().report(id);
      if (!before) throw new AppError('NOT_FOUND');
      const task = await repo().task(before.planId, before.taskCode);
      if (!task || before.organisationId !== actor.organisationId || !canReport(actor, task))
        throw new AppError('FORBIDDEN', { reason: 'the reporting lead agency edits its report' });
      transition(before, 'edit');
      const status = input.submit ? transition(before, 'submit') : before.status;
      if (input.indicatorValues !== undefined) await checkReportIndicators(before.planId, before.taskCode, input.indicatorValues);
      if (input.evidenceFileIds !== undefined) await checkEvidence(actor, input.evidenceFileIds, 'evidenceFileIds');
      const now = platform.clock.now();
      const row = await repo().updateReport({
        id,
        version: input.version,
        set: {
          status,
          ...(input.claimedStatus !== undefined ? { claimedStatus: input.claimedStatus } : {}),
          ...(input.narrative !== undefined ? { narrative: input.narrative } : {}),
          ...(input.indicatorValues !== undefined ? { indicatorValues: input.indicatorValues } : {}),
          ...(input.evidenceFileIds !== undefined ? { evidenceFileIds: input.evidenceFileIds } : {}),
          ...(input.submit ? { submittedAt: now } : {}),
          updatedAt: now,
        },
      });
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (input.submit) await afterSubmit(row);
      const answer = toReport(row);
      describeCommand(c, {
        action: input.submit ? 'supervision.reports.submit' : 'supervision.reports.update',
        target: { type: 'progress_report', id },
        before: toReport(before),
        after: answer,
      });
      return c.json(answer, 200);
    })
    .openapi(createContribution, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST ${base}/reports/${id}/contributions ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanRead(actor);
          const before = await repo().report(id);
          if (!before) throw new AppError('NOT_FOUND');
          const task = await repo().task(before.planId, before.taskCode);
          const milestones = await repo().milestones(before.planId, before.taskCode);
          const organisationId = input.organisationId ?? actor.organisationId;
          if (!task || organisationId !== actor.organisationId || !canContribute(actor, task, milestones)) {
            throw new AppError('FORBIDDEN', { reason: 'partner agencies (and county governments assigned a milestone) contribute' });
          }
          if (before.status === 'accepted') throw new AppError('INVALID_TRANSITION', { from: before.status, action: 'contribute', reason: 'an accepted report is final' });
          const now = platform.clock.now();
          const row = await repo().updateReport({
            id,
            version: before.version,
            set: { contributions: [...before.contributions, { organisationId, text: input.text, at: now.toISOString() }], updatedAt: now },
          });
          if (!row) throw new AppError('VERSION_CONFLICT');
          const answer = toReport(row);
          describeCommand(c, { action: 'supervision.reports.contribute', target: { type: 'progress_report', id }, after: { organisationId, text: input.text } });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as ProgressReportItem, 201);
    })
    .openapi(reviewReport, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST ${base}/reports/${id}/review ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanManage(actor);
          const before = await repo().report(id);
          if (!before) throw new AppError('NOT_FOUND');
          const comment = input.comment?.trim() || null;
          if (input.decision === 'returned' && comment === null)
            throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'comment', message: 'say why the report is returned' }] });
          const status = transition(before, input.decision === 'returned' ? 'return' : 'accept');
          const now = platform.clock.now();
          const row = await repo().updateReport({
            id,
            version: input.version,
            set: { status, review: { by: actor.userId, at: now.toISOString(), decision: input.decision, comment }, updatedAt: now },
          });
          if (!row) throw new AppError('VERSION_CONFLICT');
          if (status === 'accepted') {
            // The accepted report's values of manual indicators become the quarter's values.
            const indicators = new Map((await repo().indicators(row.planId, row.taskCode)).map((i) => [i.id, i]));
            for (const v of row.indicatorValues) {
              if (indicators.get(v.indicatorId)?.kind !== 'manual') continue;
              await repo().putIndicatorValue({
                indicatorId: v.indicatorId,
                period: row.period,
                source: 'manual',
                value: v.value,
                detail: null,
                enteredBy: row.createdBy,
                evidenceFileIds: row.evidenceFileIds,
                at: now,
              });
            }
          }
          await notify(platform, {
            organisationId: row.organisationId,
            type: `supervision.report_${input.decision}`,
            title:
              input.decision === 'accepted'
                ? { zh: `任务 ${row.taskCode} ${row.period} 进展报告已通过`, en: `The ${row.period} report of task ${row.taskCode} was accepted` }
                : { zh: `任务 ${row.taskCode} ${row.period} 进展报告被退回`, en: `The ${row.period} report of task ${row.taskCode} was returned` },
            body: { zh: comment ?? '审核通过。', en: comment ?? 'Accepted.' },
            link: `/supervision/tasks/${row.taskCode}`,
          });
          const answer = toReport(row);
          describeCommand(c, {
            action: `supervision.reports.${input.decision === 'accepted' ? 'accept' : 'return'}`,
            target: { type: 'progress_report', id },
            before: toReport(before),
            after: answer,
          });
          return { status: 200, body: answer };
        },
      });
      return c.json(result.body as ProgressReportItem, 200);
    })
    .openapi(dashboard, async (c) => {
      assertCanRead(actorOf(c));
      return c.json(await service().dashboard(), 200);
    })
    .openapi(leadingGroupPdf, async (c) => {
      const actor = actorOf(c);
      assertCanRead(actor);
      const dashboardData = await service().dashboard();
      const names = await organisationNames();
      const user = await identityRepository(platform.db.orm).userById(actor.userId);
      const bytes = await renderLeadingGroupPdf(
        dashboardData,
        { nameZh: user?.displayName ?? actor.userId, organisationNameZh: names[actor.organisationId] ?? actor.organisationId, at: platform.clock.now() },
        { organisationNames: names, fontFile: platform.config.pdfFontFile },
      );
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', attachmentDisposition(`领导小组督办报告-${dashboardData.today}.pdf`));
      c.header('Cache-Control', 'private, no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(new Uint8Array(bytes), 200);
    })
    .openapi(leadingGroupXlsx, async (c) => {
      const actor = actorOf(c);
      assertCanRead(actor);
      const svc = service();
      const dashboardData = await svc.dashboard();
      const tasks = (await svc.tasks(actor)).items;
      const reports = (await repo().reports(dashboardData.plan.id)).map(toReport);
      const bytes = await renderLeadingGroupXlsx(dashboardData, { tasks, reports, organisationNames: await organisationNames() });
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      c.header('Content-Disposition', attachmentDisposition(`领导小组督办报告-${dashboardData.today}.xlsx`));
      c.header('Cache-Control', 'private, no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
    })
    .openapi(runReminders, async (c) => {
      const actor = actorOf(c);
      if (!canManagePlan(actor)) throw new AppError('FORBIDDEN', { reason: 'the commission or an administrator runs the reminders' });
      const answer: ReminderRun = await runSupervisionReminders({ db: platform.db, now: platform.clock.now() });
      describeCommand(c, {
        action: 'supervision.reminders.run',
        target: { type: 'supervision_reminders', id: answer.day },
        after: { day: answer.day, created: answer.created, alreadySent: answer.alreadySent },
      });
      return c.json(answer, 200);
    });

  async function afterSubmit(row: SupervisionReportRow): Promise<void> {
    await snapshotComputed(row);
    await notify(platform, {
      organisationId: demoIds.drc,
      type: 'supervision.report_submitted',
      title: { zh: `任务 ${row.taskCode} ${row.period} 进展报告待审核`, en: `The ${row.period} report of task ${row.taskCode} awaits review` },
      body: { zh: `报送单位：${row.organisationId}`, en: `From ${row.organisationId}` },
      link: `/supervision/tasks/${row.taskCode}`,
    });
  }
}
