/**
 * Action-plan supervision (行动方案督办): the city's carbon-finance action plan as versioned data
 * (tasks, safeguards, lead and partner agencies, deadlines), milestones with owners and due dates,
 * manual and computed indicators, periodic progress reports with review, reminders, and the
 * leading-group (领导小组) dashboard. Dates are business dates in Asia/Shanghai; periods are quarters
 * (`2025-Q1`); indicator values are exact decimals written as strings.
 *
 * Changes after the first version are additive only (new optional fields, new schemas).
 * Change note: the request bodies are strict objects (unknown fields → 400), as every body of the API.
 */
import { z } from '@hono/zod-openapi';
import { businessDateSchema, decimalSchema, idSchema, instantSchema, versionSchema } from '../common/scalars.ts';

export const taskStatuses = ['not_started', 'on_track', 'at_risk', 'overdue', 'done'] as const;
export const taskStatusSchema = z.enum(taskStatuses).openapi('SupervisionTaskStatus', {
  description: '任务状态：not_started 未启动 / on_track 正常推进 / at_risk 存在风险 / overdue 逾期 / done 已完成',
});
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const claimedStatusSchema = z.enum(['not_started', 'on_track', 'at_risk', 'done']).openapi({
  description: '牵头单位在报告中自报的进展状态 (the status the reporting agency claims).',
});
export type ClaimedStatus = z.infer<typeof claimedStatusSchema>;

export const reportStatusSchema = z.enum(['draft', 'submitted', 'returned', 'accepted']).openapi({
  description: '报告流程：draft 草稿 → submitted 已提交 → returned 已退回 → submitted … → accepted 已通过',
});
export type ReportStatus = z.infer<typeof reportStatusSchema>;

export const milestoneStateSchema = z.enum(['open', 'done', 'overdue']).openapi({ description: 'open 进行中 / done 已完成 / overdue 逾期未完成' });

/** Task code: '1'…'99' for tasks, 'S1'…'S9' for safeguards (保障措施). */
export const taskCodeSchema = z
  .string()
  .regex(/^(?:[1-9]\d?|S[1-9])$/, "a task number ('1'…'99') or a safeguard ('S1'…)")
  .openapi({ example: '2', description: '任务编号（1…21），保障措施为 S1…S3' });

/** Reporting period, a calendar quarter. */
export const periodSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'a quarter like 2025-Q1')
  .openapi({ example: '2025-Q1', description: '报告期（季度）' });

export const metricKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/)
  .openapi({
    example: 'enterprises_with_carbon_accounts',
    description:
      '计算指标的数据来源（指标注册表的键）：enterprises_with_carbon_accounts 建立碳账户的企业数 / key_enterprises_labelled_share 重点企业贴标率(%) / published_labels_by_colour 各色标签数；后续模块可注册新的键',
  });

// ---------------------------------------------------------------- plans

export const planAgencySchema = z
  .object({
    name: z.string().openapi({ description: '方案中的单位名称（原文）', example: '市发展改革委' }),
    organisationId: idSchema.nullable().openapi({ description: '映射到平台机构的 id；null 表示未能映射（保留原文并标记）' }),
  })
  .openapi('PlanAgency');
export type PlanAgency = z.infer<typeof planAgencySchema>;

export const actionPlanSchema = z
  .object({
    id: z.string(),
    version: z.number().int().min(1).openapi({ description: '方案版本号，每次载入加 1' }),
    title: z.string(),
    issuer: z.string(),
    documentNumber: z.string().nullable(),
    issued: businessDateSchema.nullable(),
    targets: z.array(z.object({ year: z.number().int(), text: z.string() })).openapi({ description: '年度目标（2024、2025…）' }),
    groups: z.array(z.object({ name: z.string(), order: z.number().int(), taskCount: z.number().int() })).openapi({
      description: '行动分组（五大行动及保障措施），按方案顺序',
    }),
    isCurrent: z.boolean(),
    loadedAt: instantSchema,
    loadedBy: z.string().nullable().openapi({ description: '载入者用户 id；演示数据为 null' }),
    unmappedAgencies: z.array(z.string()).openapi({ description: '未能映射到平台机构的单位名称（已保留原文）' }),
    hasFullText: z.boolean().openapi({ description: '是否附有方案全文' }),
  })
  .openapi('ActionPlan');
export type ActionPlanItem = z.infer<typeof actionPlanSchema>;

export const actionPlanListSchema = z.object({ items: z.array(actionPlanSchema) }).openapi('ActionPlanList');

/** The plan file as published (reference/jining-action-plan-2024.json); validated by the domain, every error named. */
export const actionPlanFileSchema = z
  .object({
    meta: z.record(z.string(), z.unknown()),
    tasks: z.array(z.record(z.string(), z.unknown())),
    safeguards: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .passthrough()
  .openapi('ActionPlanFile', { description: '行动方案 JSON（meta、tasks、safeguards）' });

export const createPlanBodySchema = z
  .strictObject({
    plan: z.unknown().openapi({ description: '行动方案 JSON，结构同 reference/jining-action-plan-2024.json' }),
    fullText: z.string().max(2_000_000).nullable().optional().openapi({ description: '方案全文（纯文本），可选' }),
    makeCurrent: z.boolean().default(true).openapi({ description: '载入后设为当前方案（默认是）' }),
  })
  .openapi('CreateActionPlan');
export type CreatePlanBody = z.infer<typeof createPlanBodySchema>;

export const planIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const planFullTextSchema = z.object({ planId: z.string(), version: z.number().int(), text: z.string().nullable() }).openapi('ActionPlanFullText');

// ---------------------------------------------------------------- milestones

export const planMilestoneSchema = z
  .object({
    id: z.string(),
    taskCode: taskCodeSchema,
    title: z.string(),
    ownerOrganisationId: idSchema.openapi({ description: '责任单位（可为县市区政府，视为督办分派）' }),
    dueDate: businessDateSchema,
    doneAt: instantSchema.nullable(),
    doneNote: z.string().nullable(),
    evidenceFileIds: z.array(z.string()),
    state: milestoneStateSchema,
    version: versionSchema,
  })
  .openapi('PlanMilestone');
export type PlanMilestoneItem = z.infer<typeof planMilestoneSchema>;

export const createMilestoneBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    ownerOrganisationId: idSchema,
    dueDate: businessDateSchema,
  })
  .openapi('CreatePlanMilestone');
export type CreateMilestoneBody = z.infer<typeof createMilestoneBodySchema>;

export const updateMilestoneBodySchema = z
  .strictObject({
    version: versionSchema,
    title: z.string().trim().min(1).max(300).optional().openapi({ description: '仅发展改革委' }),
    ownerOrganisationId: idSchema.optional().openapi({ description: '仅发展改革委' }),
    dueDate: businessDateSchema.optional().openapi({ description: '仅发展改革委' }),
    done: z.boolean().optional().openapi({ description: 'true 标记完成（责任单位或发展改革委）；false 重新打开（仅发展改革委）' }),
    doneNote: z.string().max(4000).optional(),
    evidenceFileIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  })
  .openapi('UpdatePlanMilestone');
export type UpdateMilestoneBody = z.infer<typeof updateMilestoneBodySchema>;

export const milestoneIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

// ---------------------------------------------------------------- indicators

export const indicatorValueSchema = z
  .object({
    period: periodSchema,
    value: z.string().openapi({ description: '指标值（精确小数字符串；published_labels_by_colour 为标签总数，分项见 current.detail）' }),
    source: z.enum(['manual', 'computed']),
    enteredBy: z.string().nullable().openapi({ description: '填报用户 id；计算值快照为 null' }),
    evidenceFileIds: z.array(z.string()),
    at: instantSchema,
  })
  .openapi('PlanIndicatorValue');

export const planIndicatorSchema = z
  .object({
    id: z.string(),
    taskCode: taskCodeSchema,
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    unit: z.string().openapi({ description: '单位，如 家、%、个' }),
    kind: z.enum(['manual', 'computed']).openapi({ description: 'manual 手工填报 / computed 平台数据计算' }),
    metric: metricKeySchema.nullable().openapi({ description: '计算指标的来源键；手工指标为 null' }),
    target: decimalSchema.nullable(),
    ownerOrganisationId: idSchema.nullable().openapi({ description: '手工指标的填报单位' }),
    current: z
      .object({
        value: z.string(),
        detail: z.record(z.string(), z.string()).nullable().openapi({ description: '分项（如各颜色标签数）' }),
        basis: z.string().openapi({ description: '计算口径说明（中文），如数据年份' }),
        at: instantSchema,
      })
      .nullable()
      .openapi({ description: '计算指标在读取时的当前值；手工指标为 null' }),
    values: z.array(indicatorValueSchema).openapi({ description: '按报告期的历史值（手工填报及报告提交时的计算快照）' }),
  })
  .openapi('PlanIndicator');
export type PlanIndicatorItem = z.infer<typeof planIndicatorSchema>;

export const createIndicatorBodySchema = z
  .strictObject({
    nameZh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    unit: z.string().trim().min(1).max(30),
    kind: z.enum(['manual', 'computed']),
    metric: metricKeySchema.nullable().optional().openapi({ description: 'kind=computed 时必填，且须是已注册的指标来源' }),
    target: decimalSchema.nullable().optional(),
    ownerOrganisationId: idSchema.nullable().optional().openapi({ description: 'kind=manual 时必填' }),
  })
  .openapi('CreatePlanIndicator');
export type CreateIndicatorBody = z.infer<typeof createIndicatorBodySchema>;

export const indicatorIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const createIndicatorValueBodySchema = z
  .strictObject({
    period: periodSchema,
    value: decimalSchema,
    evidenceFileIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  })
  .openapi('CreatePlanIndicatorValue');
export type CreateIndicatorValueBody = z.infer<typeof createIndicatorValueBodySchema>;

export const metricProviderSchema = z.object({ metric: metricKeySchema, nameZh: z.string(), nameEn: z.string(), unit: z.string() }).openapi('SupervisionMetricProvider');
export const metricProviderListSchema = z.object({ items: z.array(metricProviderSchema) });

// ---------------------------------------------------------------- reports

export const progressReportSchema = z
  .object({
    id: z.string(),
    taskCode: taskCodeSchema,
    period: periodSchema,
    organisationId: idSchema.openapi({ description: '报送的牵头单位' }),
    status: reportStatusSchema,
    claimedStatus: claimedStatusSchema,
    narrative: z.string(),
    indicatorValues: z.array(z.object({ indicatorId: z.string(), value: z.string() })),
    evidenceFileIds: z.array(z.string()),
    contributions: z.array(z.object({ organisationId: idSchema, text: z.string(), at: instantSchema })).openapi({ description: '配合单位（或被分派的县市区政府）的补充材料' }),
    review: z
      .object({ by: z.string(), at: instantSchema, decision: z.enum(['returned', 'accepted']), comment: z.string().nullable() })
      .nullable()
      .openapi({ description: '最近一次审核（发展改革委）' }),
    submittedAt: instantSchema.nullable(),
    updatedAt: instantSchema,
    version: versionSchema,
  })
  .openapi('ProgressReport');
export type ProgressReportItem = z.infer<typeof progressReportSchema>;

export const progressReportListSchema = z.object({ items: z.array(progressReportSchema) }).openapi('ProgressReportList');

export const createReportBodySchema = z
  .strictObject({
    period: periodSchema,
    organisationId: idSchema.optional().openapi({ description: '报送单位；默认为当前用户所属机构（须为该任务牵头单位）' }),
    claimedStatus: claimedStatusSchema,
    narrative: z.string().max(20_000).default(''),
    indicatorValues: z
      .array(z.object({ indicatorId: z.string().min(1).max(64), value: decimalSchema }))
      .max(50)
      .default([]),
    evidenceFileIds: z.array(z.string().min(1).max(64)).max(50).default([]),
    submit: z.boolean().default(false).openapi({ description: 'true 直接提交；false 保存为草稿' }),
  })
  .openapi('CreateProgressReport');
export type CreateReportBody = z.infer<typeof createReportBodySchema>;

export const updateReportBodySchema = z
  .strictObject({
    version: versionSchema,
    claimedStatus: claimedStatusSchema.optional(),
    narrative: z.string().max(20_000).optional(),
    indicatorValues: z
      .array(z.object({ indicatorId: z.string().min(1).max(64), value: decimalSchema }))
      .max(50)
      .optional(),
    evidenceFileIds: z.array(z.string().min(1).max(64)).max(50).optional(),
    submit: z.boolean().default(false).openapi({ description: 'true 提交（草稿或已退回的报告）' }),
  })
  .openapi('UpdateProgressReport');
export type UpdateReportBody = z.infer<typeof updateReportBodySchema>;

export const reportIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const createContributionBodySchema = z
  .strictObject({
    text: z.string().trim().min(1).max(10_000),
    organisationId: idSchema.optional().openapi({ description: '默认为当前用户所属机构' }),
  })
  .openapi('CreateReportContribution');
export type CreateContributionBody = z.infer<typeof createContributionBodySchema>;

export const reviewReportBodySchema = z
  .strictObject({
    version: versionSchema,
    decision: z.enum(['returned', 'accepted']).openapi({ description: 'returned 退回（须填写意见） / accepted 通过' }),
    comment: z.string().trim().max(4000).nullable().optional(),
  })
  .openapi('ReviewProgressReport');
export type ReviewReportBody = z.infer<typeof reviewReportBodySchema>;

// ---------------------------------------------------------------- tasks

export const planTaskSchema = z
  .object({
    planId: z.string(),
    code: taskCodeSchema,
    kind: z.enum(['task', 'safeguard']),
    group: z.string(),
    order: z.number().int().openapi({ description: '方案中的顺序' }),
    title: z.string(),
    summary: z.string(),
    deadlineText: z.string().nullable().openapi({ description: '方案原文中的时限表述' }),
    dueYear: z.number().int().nullable().openapi({ description: '由时限表述解析的年份（如「2024年…」→ 2024）' }),
    leads: z.array(planAgencySchema),
    partners: z.array(planAgencySchema),
    status: taskStatusSchema,
    statusReasons: z.array(z.string()).openapi({ description: '状态判定理由（中文）' }),
    milestones: z.array(planMilestoneSchema),
    indicators: z.array(planIndicatorSchema),
    latestReport: progressReportSchema.nullable(),
    fullTextExcerpt: z.string().nullable().openapi({ description: '方案全文中该任务的段落（按标题定位）' }),
    viewer: z
      .object({
        canManage: z.boolean().openapi({ description: '可管理里程碑、指标和审核（发展改革委）' }),
        canReport: z.boolean().openapi({ description: '是该任务牵头单位，可报送进展' }),
        canContribute: z.boolean().openapi({ description: '是配合单位或被分派的县市区，可补充材料' }),
      })
      .openapi({ description: '当前用户对该任务可执行的操作' }),
  })
  .openapi('PlanTask');
export type PlanTaskItem = z.infer<typeof planTaskSchema>;

export const planTaskListQuerySchema = z.object({
  group: z.string().max(100).optional().openapi({ description: '分组名称' }),
  status: taskStatusSchema.optional(),
  lead: idSchema.optional().openapi({ description: '牵头单位机构 id' }),
});
export const planTaskListSchema = z.object({ planId: z.string(), today: businessDateSchema, items: z.array(planTaskSchema) }).openapi('PlanTaskList');

export const taskCodeParamsSchema = z.object({ code: taskCodeSchema.openapi({ param: { name: 'code', in: 'path' } }) });

// ---------------------------------------------------------------- dashboard

export const statusCountsSchema = z
  .object({ not_started: z.number().int(), on_track: z.number().int(), at_risk: z.number().int(), overdue: z.number().int(), done: z.number().int() })
  .openapi('SupervisionStatusCounts');

export const dashboardTaskSchema = z
  .object({
    code: taskCodeSchema,
    kind: z.enum(['task', 'safeguard']),
    title: z.string(),
    leads: z.array(planAgencySchema),
    status: taskStatusSchema,
    statusReasons: z.array(z.string()),
    dueYear: z.number().int().nullable(),
    deadlineText: z.string().nullable(),
    nextMilestone: z.object({ id: z.string(), title: z.string(), dueDate: businessDateSchema, ownerOrganisationId: z.string() }).nullable(),
    milestoneCount: z.number().int(),
    milestonesDone: z.number().int(),
    overdueMilestones: z.number().int(),
    overdueMilestoneItems: z
      .array(z.object({ id: z.string(), title: z.string(), dueDate: businessDateSchema, ownerOrganisationId: z.string() }))
      .openapi({ description: '逾期里程碑（看板中以红色显示）' }),
    latestReport: z.object({ id: z.string(), period: periodSchema, status: reportStatusSchema, claimedStatus: claimedStatusSchema }).nullable(),
    indicators: z.array(
      z.object({
        id: z.string(),
        nameZh: z.string(),
        unit: z.string(),
        kind: z.enum(['manual', 'computed']),
        latest: z.string().nullable(),
        target: z.string().nullable(),
        trend: z.array(z.object({ period: periodSchema, value: z.string() })),
      }),
    ),
  })
  .openapi('SupervisionDashboardTask');
export type SupervisionDashboardTask = z.infer<typeof dashboardTaskSchema>;

export const supervisionDashboardSchema = z
  .object({
    plan: actionPlanSchema,
    today: businessDateSchema,
    lastQuarter: periodSchema.openapi({ description: '最近一个已结束的报告期' }),
    counts: statusCountsSchema,
    groups: z.array(z.object({ name: z.string(), order: z.number().int(), counts: statusCountsSchema, tasks: z.array(dashboardTaskSchema) })),
  })
  .openapi('SupervisionDashboard');
export type SupervisionDashboard = z.infer<typeof supervisionDashboardSchema>;

// ---------------------------------------------------------------- reminders

export const reminderRunSchema = z
  .object({
    day: businessDateSchema,
    period: periodSchema.openapi({ description: '检查缺报的报告期（上一季度）' }),
    created: z.number().int().openapi({ description: '本次新发出的提醒数' }),
    alreadySent: z.number().int().openapi({ description: '今日已发过、本次跳过的提醒数（同一事项每天只提醒一次）' }),
    items: z.array(
      z.object({
        kind: z.enum(['milestone_overdue', 'report_missing']),
        taskCode: taskCodeSchema,
        milestoneId: z.string().nullable(),
        organisationId: z.string(),
        created: z.boolean(),
      }),
    ),
  })
  .openapi('SupervisionReminderRun');
export type ReminderRun = z.infer<typeof reminderRunSchema>;

/** `POST /reminders/run` takes an empty JSON object (every write sends JSON). */
export const runRemindersBodySchema = z.strictObject({}).openapi('RunSupervisionReminders');
