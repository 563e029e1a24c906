/**
 * Action-plan supervision through the API: the plan loaded by the demo seed, who reads and who
 * writes, milestones, indicators (computed ones equal to the carbon-account module's counts),
 * the report workflow with contributions and review, the dashboard, reminders (once a day), and
 * loading another plan version. PGlite and PostgreSQL. Test day: 2024-06-30 (last quarter 2024-Q1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, shippedReferenceLibrary } from '@cfp/domain';
import type {
  ActionPlanItem,
  CarbonAccount,
  Enterprise,
  PlanIndicatorItem,
  PlanMilestoneItem,
  PlanTaskItem,
  ProgressReportItem,
  ReminderRun,
  SupervisionDashboard,
} from '@cfp/contracts';
import plan2024 from '../../../../../reference/jining-action-plan-2024.json' with { type: 'json' };
import fullText2024 from '../../../../../reference/jining-action-plan-2024.txt';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { carbonAccountService } from '../carbon-accounts/account-service.ts';
import { demoEnterprises, demoMonthInput } from '../carbon-accounts/demo-seed.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t.close());

type ErrorBody = { error?: { code: string; details?: { fields?: Array<{ path: string; message: string }> } } };
const S = '/api/v1/supervision';
const task = async (username: string, code: string) => (await t.as(username)<PlanTaskItem>('GET', `${S}/tasks/${code}`)).body;

describe('the plan', () => {
  it('the demo seed loads the 2024 plan: 21 tasks and 3 safeguards, every agency mapped, the full text beside each task', async () => {
    const plan = await t.as('drc')<ActionPlanItem>('GET', `${S}/plans/current`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ version: 1, documentNumber: '济政办字〔2024〕12号', issued: '2024-04-16', isCurrent: true, unmappedAgencies: [], hasFullText: true });
    expect(plan.body.groups.map((g) => g.taskCount)).toEqual([4, 4, 4, 4, 5, 3]);
    const tasks = await t.as('zoucheng')<{ items: PlanTaskItem[]; today: string }>('GET', `${S}/tasks`);
    expect(tasks.body.today).toBe('2024-06-30');
    expect(tasks.body.items.map((i) => i.code)).toEqual([...Array.from({ length: 21 }, (_, i) => String(i + 1)), 'S1', 'S2', 'S3']);
    const t2 = tasks.body.items.find((i) => i.code === '2')!;
    expect(t2.leads).toEqual([{ name: '市发展改革委', organisationId: demoIds.drc }]);
    expect(t2.partners.map((p) => p.organisationId)).toEqual([demoIds.eeb, demoIds.finance, demoIds.pboc, demoIds.nfra]);
    expect(t2.fullTextExcerpt).toMatch(/^2\. 建立重点企业工业碳账户。/);
    expect(tasks.body.items.find((i) => i.code === '6')).toMatchObject({ status: 'overdue', dueYear: 2024, deadlineText: '2024年启动平台建设' });
    expect(tasks.body.items.find((i) => i.code === '8')!.leads.map((l) => l.organisationId)).toEqual([demoIds.drc, 'gov-nrp', demoIds.eeb, 'gov-agri']);
    const text = await t.as('pboc')<{ text: string }>('GET', `${S}/plans/${plan.body.id}/full-text`);
    expect(text.body.text).toContain('济宁市碳金融发展行动方案');
  });

  it('government bodies, counties and regulators read; banks, enterprises and residents get 403', async () => {
    for (const user of ['eeb', 'zoucheng', 'nfra', 'admin']) expect((await t.as(user)('GET', `${S}/dashboard`)).status, user).toBe(200);
    for (const user of ['bank1', 'enterprise1', 'resident1', 'verifier1']) expect((await t.as(user)('GET', `${S}/tasks`)).status, user).toBe(403);
    expect((await t.as('drc')<ErrorBody>('GET', `${S}/tasks/99`)).body.error?.code).toBe('NOT_FOUND');
  });

  it('filters tasks by group, lead and status', async () => {
    const byLead = await t.as('drc')<{ items: PlanTaskItem[] }>('GET', `${S}/tasks?lead=${demoIds.eeb}`);
    expect(byLead.body.items.map((i) => i.code)).toEqual(['4', '7', '8', '12']);
    const overdue = await t.as('drc')<{ items: PlanTaskItem[] }>('GET', `${S}/tasks?status=overdue`);
    expect(overdue.body.items.map((i) => i.code)).toEqual(['6']);
    const group = await t.as('drc')<{ items: PlanTaskItem[] }>('GET', `${S}/tasks?group=${encodeURIComponent('保障措施')}`);
    expect(group.body.items.map((i) => i.code)).toEqual(['S1', 'S2', 'S3']);
  });
});

describe('milestones', () => {
  it('the commission adds a milestone to task 2; the ecology bureau cannot, and cannot edit it', async () => {
    const created = await t.as('drc')<PlanMilestoneItem>('POST', `${S}/tasks/2/milestones`, {
      body: { title: '完成碳账户年度核算', ownerOrganisationId: demoIds.drc, dueDate: '2024-07-20' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ taskCode: '2', state: 'open', version: 1, doneAt: null });
    expect((await t.as('eeb')<ErrorBody>('POST', `${S}/tasks/2/milestones`, { body: { title: 'x', ownerOrganisationId: demoIds.eeb, dueDate: '2024-07-20' } })).status).toBe(403);
    expect((await t.as('eeb')<ErrorBody>('PATCH', `${S}/milestones/${created.body.id}`, { body: { version: 1, done: true } })).status).toBe(403);
    const viewer = (await task('eeb', '2')).viewer;
    expect(viewer).toEqual({ canManage: false, canReport: false, canContribute: true });
    expect((await task('drc', '2')).viewer).toMatchObject({ canManage: true, canReport: true });
    // Due in 20 days: task 2 is at risk now (its only other open milestone is far off).
    expect(await task('drc', '2')).toMatchObject({ status: 'at_risk' });
    const bad = await t.as('drc')<ErrorBody>('POST', `${S}/tasks/2/milestones`, { body: { title: 'x', ownerOrganisationId: demoIds.bank1, dueDate: '2024-07-20' } });
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
  });

  it('the owner marks its milestone done; it cannot move the date; a stale version is a conflict', async () => {
    const m = (await task('eeb', '7')).milestones[0]!;
    expect(m.ownerOrganisationId).toBe(demoIds.eeb);
    expect((await t.as('eeb')<ErrorBody>('PATCH', `${S}/milestones/${m.id}`, { body: { version: m.version, dueDate: '2026-01-01' } })).status).toBe(403);
    const done = await t.as('eeb')<PlanMilestoneItem>('PATCH', `${S}/milestones/${m.id}`, { body: { version: m.version, done: true, doneNote: '已完成清缴' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', doneNote: '已完成清缴', version: m.version + 1 });
    expect((await t.as('eeb')<ErrorBody>('PATCH', `${S}/milestones/${m.id}`, { body: { version: m.version, doneNote: 'again' } })).body.error?.code).toBe('VERSION_CONFLICT');
    const evidence = await t.as('eeb')<ErrorBody>('PATCH', `${S}/milestones/${m.id}`, { body: { version: m.version + 1, evidenceFileIds: ['no-such-file'] } });
    expect(evidence.body.error?.code).toBe('VALIDATION_FAILED');
  });
});

describe('indicators', () => {
  it('“enterprises with carbon accounts” of task 2 equals the count of the carbon-account module', async () => {
    const service = carbonAccountService(t.platform);
    for (const e of demoEnterprises().slice(0, 3)) {
      await t.db.inTransaction(() =>
        service.submitMonths({
          enterpriseId: e.id,
          channel: 'demo',
          submittedBy: null,
          library: shippedReferenceLibrary,
          months: ['2024-01', '2024-02'].map((m) => demoMonthInput(e, m)),
        }),
      );
    }
    const registry = await t.as('drc')<{ items: Enterprise[] }>('GET', '/api/v1/enterprises');
    let withAccounts = 0;
    for (const e of registry.body.items) {
      const accounts = await t.as('drc')<{ items: CarbonAccount[] }>('GET', `/api/v1/enterprises/${e.id}/accounts`);
      if (accounts.body.items.some((a) => a.periodType === 'year' || a.periodType === 'rolling12')) withAccounts += 1;
    }
    expect(withAccounts).toBe(3);
    const indicators = (await task('drc', '2')).indicators;
    expect(indicators.find((i) => i.metric === 'enterprises_with_carbon_accounts')!.current).toMatchObject({ value: String(withAccounts) });
    const share = indicators.find((i) => i.metric === 'key_enterprises_labelled_share')!.current!;
    expect(share).toMatchObject({ value: '0.00', detail: { labelled: '0', keyEmitters: String(registry.body.items.filter((e) => e.keyEmitter).length) } });
    expect(indicators.find((i) => i.metric === 'published_labels_by_colour')!.current).toMatchObject({ value: '0', detail: { green: '0', red: '0' } });
  });

  it('the commission attaches indicators; unknown metrics and manual ones without an owner are refused', async () => {
    const bad = await t.as('drc')<ErrorBody>('POST', `${S}/tasks/5/indicators`, { body: { nameZh: '项目数', unit: '个', kind: 'computed', metric: 'no_such_metric' } });
    expect(bad.body.error?.details?.fields?.[0]?.path).toBe('metric');
    const noOwner = await t.as('drc')<ErrorBody>('POST', `${S}/tasks/5/indicators`, { body: { nameZh: '项目数', unit: '个', kind: 'manual' } });
    expect(noOwner.body.error?.details?.fields?.[0]?.path).toBe('ownerOrganisationId');
    expect((await t.as('eeb')('POST', `${S}/tasks/5/indicators`, { body: { nameZh: '项目数', unit: '个', kind: 'manual', ownerOrganisationId: demoIds.pboc } })).status).toBe(403);
    const ok = await t.as('drc')<PlanIndicatorItem>('POST', `${S}/tasks/5/indicators`, {
      body: { nameZh: '重点项目融资额', unit: '亿元', kind: 'manual', ownerOrganisationId: demoIds.pboc, target: '50' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const metrics = await t.as('eeb')<{ items: Array<{ metric: string }> }>('GET', `${S}/metrics`);
    expect(metrics.body.items.map((m) => m.metric)).toEqual(['enterprises_with_carbon_accounts', 'key_enterprises_labelled_share', 'published_labels_by_colour']);
  });

  it('the owning agency enters a manual value; others cannot; computed indicators take none', async () => {
    const loans = (await task('pboc', '3')).indicators.find((i) => i.kind === 'manual')!;
    expect((await t.as('eeb')('POST', `${S}/indicators/${loans.id}/values`, { body: { period: '2024-Q2', value: '13' } })).status).toBe(403);
    const entered = await t.as('pboc')<PlanIndicatorItem>('POST', `${S}/indicators/${loans.id}/values`, { body: { period: '2024-Q2', value: '13.75' } });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    expect(entered.body.values.map((v) => [v.period, v.value, v.source])).toEqual([
      ['2024-Q1', '12.50', 'manual'],
      ['2024-Q2', '13.75', 'manual'],
    ]);
    expect((await t.as('pboc')<ErrorBody>('POST', `${S}/indicators/${loans.id}/values`, { body: { period: '2024-Q4', value: '1' } })).body.error?.code).toBe('VALIDATION_FAILED');
    const computed = (await task('drc', '2')).indicators[0]!;
    expect((await t.as('drc')<ErrorBody>('POST', `${S}/indicators/${computed.id}/values`, { body: { period: '2024-Q2', value: '1' } })).body.error?.code).toBe('VALIDATION_FAILED');
  });
});

describe('progress reports', () => {
  let report7: ProgressReportItem;

  it('the ecology bureau submits the report of task 7 but not of task 2', async () => {
    expect((await t.as('eeb')<ErrorBody>('POST', `${S}/tasks/2/reports`, { body: { period: '2024-Q2', claimedStatus: 'on_track', submit: true } })).status).toBe(403);
    const r = await t.as('eeb')<ProgressReportItem>('POST', `${S}/tasks/7/reports`, {
      body: { period: '2024-Q2', claimedStatus: 'on_track', narrative: '指导企业参与全国碳市场', submit: true },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'submitted', organisationId: demoIds.eeb, taskCode: '7', version: 1 });
    report7 = r.body;
    expect((await t.as('eeb')<ErrorBody>('POST', `${S}/tasks/7/reports`, { body: { period: '2024-Q2', claimedStatus: 'on_track' } })).body.error?.code).toBe('ALREADY_EXISTS');
    expect((await t.as('eeb')<ErrorBody>('POST', `${S}/tasks/7/reports`, { body: { period: '2024-Q3', claimedStatus: 'on_track' } })).body.error?.code).toBe('VALIDATION_FAILED');
    // a submitted report cannot be edited
    expect((await t.as('eeb')<ErrorBody>('PATCH', `${S}/reports/${report7.id}`, { body: { version: 1, narrative: 'x' } })).body.error?.code).toBe('INVALID_TRANSITION');
  });

  it('a partner contributes; a stranger cannot', async () => {
    const c = await t.as('drc')<ProgressReportItem>('POST', `${S}/reports/${report7.id}/contributions`, { body: { text: '发展改革委配合意见' } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body.contributions).toMatchObject([{ organisationId: demoIds.drc, text: '发展改革委配合意见' }]);
    report7 = c.body;
    expect((await t.as('finance')('POST', `${S}/reports/${report7.id}/contributions`, { body: { text: 'x' } })).status).toBe(403);
    expect((await t.as('bank1')('POST', `${S}/reports/${report7.id}/contributions`, { body: { text: 'x' } })).status).toBe(403);
  });

  it('a county assigned a milestone of task 4 contributes to its report', async () => {
    const reports = await t.as('zoucheng')<{ items: ProgressReportItem[] }>('GET', `${S}/tasks/4/reports`);
    const pending = reports.body.items.find((r) => r.status === 'submitted')!;
    expect((await task('zoucheng', '4')).viewer.canContribute).toBe(true);
    const c = await t.as('zoucheng')<ProgressReportItem>('POST', `${S}/reports/${pending.id}/contributions`, { body: { text: '邹城市试点进展' } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
  });

  it('the commission returns with a comment, the agency resubmits, the commission accepts; an accepted report is final', async () => {
    expect((await t.as('drc')<ErrorBody>('POST', `${S}/reports/${report7.id}/review`, { body: { version: report7.version, decision: 'returned' } })).body.error?.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await t.as('eeb')('POST', `${S}/reports/${report7.id}/review`, { body: { version: report7.version, decision: 'accepted' } })).status).toBe(403);
    const returned = await t.as('drc')<ProgressReportItem>('POST', `${S}/reports/${report7.id}/review`, {
      body: { version: report7.version, decision: 'returned', comment: '请补充配额清缴数据' },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', review: { decision: 'returned', comment: '请补充配额清缴数据' } });
    const stale = await t.as('eeb')<ErrorBody>('PATCH', `${S}/reports/${report7.id}`, { body: { version: report7.version, narrative: 'x' } });
    expect(stale.body.error?.code).toBe('VERSION_CONFLICT');
    const again = await t.as('eeb')<ProgressReportItem>('PATCH', `${S}/reports/${report7.id}`, {
      body: { version: returned.body.version, narrative: '已补充清缴数据', submit: true },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ status: 'submitted', narrative: '已补充清缴数据' });
    const accepted = await t.as('drc')<ProgressReportItem>('POST', `${S}/reports/${report7.id}/review`, { body: { version: again.body.version, decision: 'accepted' } });
    expect(accepted.body.status).toBe('accepted');
    const twice = await t.as('drc')<ErrorBody>('POST', `${S}/reports/${report7.id}/review`, { body: { version: accepted.body.version, decision: 'returned', comment: 'x' } });
    expect(twice.body.error?.code).toBe('INVALID_TRANSITION');
    expect((await t.as('eeb')<ErrorBody>('PATCH', `${S}/reports/${report7.id}`, { body: { version: accepted.body.version, narrative: 'x' } })).body.error?.code).toBe(
      'INVALID_TRANSITION',
    );
    const inbox = await t.as('eeb')<{ items: Array<{ type: string }> }>('GET', '/api/v1/notifications');
    expect(inbox.body.items.map((n) => n.type)).toEqual(expect.arrayContaining(['supervision.report_returned', 'supervision.report_accepted']));
  });

  it('a submitted report snapshots the computed indicators of its quarter', async () => {
    const r = await t.as('drc')<ProgressReportItem>('POST', `${S}/tasks/2/reports`, { body: { period: '2024-Q2', claimedStatus: 'on_track', submit: true } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const count = (await task('drc', '2')).indicators.find((i) => i.metric === 'enterprises_with_carbon_accounts')!;
    expect(count.values).toMatchObject([{ period: '2024-Q2', value: '3', source: 'computed', enteredBy: null }]);
  });
});

describe('the leading-group dashboard and reminders', () => {
  it('shows every task by group with its status and the overdue milestone of task 6', async () => {
    const d = await t.as('drc')<SupervisionDashboard>('GET', `${S}/dashboard`);
    expect(d.status).toBe(200);
    expect(d.body.lastQuarter).toBe('2024-Q1');
    expect(d.body.groups.map((g) => g.name)).toEqual([
      '碳金融发展基础建设行动',
      '碳金融碳交易推进行动',
      '碳金融服务创新行动',
      '碳金融要素支撑行动',
      '碳金融政策支持行动',
      '保障措施',
    ]);
    expect(Object.values(d.body.counts).reduce((a, b) => a + b, 0)).toBe(24);
    const t6 = d.body.groups[1]!.tasks.find((x) => x.code === '6')!;
    expect(t6).toMatchObject({ status: 'overdue', overdueMilestones: 1, overdueMilestoneItems: [{ title: '完成碳金融数字服务平台建设方案', dueDate: '2024-06-15' }] });
    const t2 = d.body.groups[0]!.tasks.find((x) => x.code === '2')!;
    expect(t2.indicators.find((i) => i.nameZh === '建立碳账户的企业数')).toMatchObject({ latest: '3', trend: [{ period: '2024-Q2', value: '3' }] });
  });

  it('reminders go out once a day: the overdue milestone to its owner, missing reports to the lead agencies', async () => {
    expect((await t.as('eeb')('POST', `${S}/reminders/run`, { body: {} })).status).toBe(403);
    const first = await t.as('drc')<ReminderRun>('POST', `${S}/reminders/run`, { body: {} });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ day: '2024-06-30', period: '2024-Q1', alreadySent: 0 });
    expect(first.body.items.filter((i) => i.kind === 'milestone_overdue')).toMatchObject([{ taskCode: '6', organisationId: demoIds.drc, created: true }]);
    // The plan was issued in 2024-Q2: no quarterly report is due before 2024-Q2 has ended.
    expect(first.body.items.filter((i) => i.kind === 'report_missing')).toEqual([]);
    expect(first.body.created).toBe(1);
    const second = await t.as('drc')<ReminderRun>('POST', `${S}/reminders/run`, { body: {} });
    expect(second.body).toMatchObject({ created: 0, alreadySent: 1 });
    const drcInbox = await t.as('drc')<{ items: Array<{ type: string }> }>('GET', '/api/v1/notifications');
    expect(drcInbox.body.items.filter((n) => n.type === 'supervision.milestone_overdue')).toHaveLength(1);
    // Task 1's 2024-Q2 report is returned: still missing, and its reminder says it was returned.
    const report1 = await t.as('drc')<ProgressReportItem>('POST', `${S}/tasks/1/reports`, {
      body: { period: '2024-Q2', claimedStatus: 'on_track', narrative: '清单初稿', submit: true },
    });
    expect(report1.status, JSON.stringify(report1.body)).toBe(201);
    const sentBack = await t.as('drc')('POST', `${S}/reports/${report1.body.id}/review`, {
      body: { version: report1.body.version, decision: 'returned', comment: '请补充目录依据' },
    });
    expect(sentBack.status).toBe(200);
    t.clock.advance(9 * 3600_000); // 2024-07-01 01:00 in Shanghai
    const nextDay = await t.as('drc')<ReminderRun>('POST', `${S}/reminders/run`, { body: {} });
    expect(nextDay.body).toMatchObject({ day: '2024-07-01', period: '2024-Q2', alreadySent: 0 });
    const missing = nextDay.body.items.filter((i) => i.kind === 'report_missing');
    // Tasks 2, 4 and 7 have a submitted or accepted 2024-Q2 report; task 1 (lead: drc) and task 10 (lead: pboc) have none.
    for (const code of ['2', '4', '7'])
      expect(
        missing.some((i) => i.taskCode === code),
        code,
      ).toBe(false);
    expect(missing).toContainEqual({ kind: 'report_missing', taskCode: '1', milestoneId: null, organisationId: demoIds.drc, created: true });
    const drcTitles = (await t.as('drc')<{ items: Array<{ type: string; title: { zh: string } }> }>('GET', '/api/v1/notifications')).body.items
      .filter((n) => n.type === 'supervision.report_missing')
      .map((n) => n.title.zh);
    expect(drcTitles).toContain('督办提醒：任务 1 的 2024-Q2 进展报告已退回，待重新报送');
    expect(drcTitles).toContain('督办提醒：任务 3 的 2024-Q2 进展报告未报送');
    expect(missing).toContainEqual({ kind: 'report_missing', taskCode: '10', milestoneId: null, organisationId: demoIds.pboc, created: true });
    const tasks = (await t.as('drc')<{ items: PlanTaskItem[] }>('GET', `${S}/tasks`)).body.items;
    expect(missing).toHaveLength(tasks.filter((x) => !['2', '4', '7'].includes(x.code)).flatMap((x) => x.leads).length);
    const inbox = await t.as('pboc')<{ items: Array<{ type: string }> }>('GET', '/api/v1/notifications');
    expect(inbox.body.items.filter((n) => n.type === 'supervision.report_missing').length).toBeGreaterThan(0);
    // The daily job does the same through the job runner: everything was sent today already.
    const job = await t.platform.jobs.enqueue({ kind: 'supervision-reminders', maxAttempts: 1 });
    await t.platform.jobs.idle();
    const done = await t.api<{ status: string; result: ReminderRun }>('GET', `/api/v1/jobs/${job.id}`);
    expect(done.body).toMatchObject({ status: 'succeeded', result: { day: '2024-07-01', created: 0, alreadySent: nextDay.body.created } });
    t.clock.set(new Date('2024-06-30T08:00:00.000Z'));
  });
});

describe('the leading-group report', () => {
  it('downloads as PDF and xlsx for readers; banks get 403', async () => {
    for (const [ext, type, magic] of [
      ['pdf', 'application/pdf', '%PDF'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
    ] as const) {
      const response = await t.platform.app.request(`${S}/leading-group-report.${ext}`, { headers: { authorization: `Bearer ${await t.tokenFor('drc')}` } });
      expect(response.status, ext).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('领导小组督办报告'));
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    expect((await t.as('bank1')('GET', `${S}/leading-group-report.pdf`)).status).toBe(403);
  });
});

describe('loading another plan', () => {
  it('refuses a bad plan naming every error, refuses non-administrators, keeps the previous version readable', async () => {
    const bad = await t.api<ErrorBody>('POST', `${S}/plans`, { body: { plan: { meta: { title: '' }, tasks: [{ no: 0, title: 'x', leads: [] }] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details?.fields?.map((f) => f.path)).toEqual(['plan.meta.title', 'plan.meta.issuer', 'plan.tasks[0].no', 'plan.tasks[0].group', 'plan.tasks[0].leads']);
    const other = {
      meta: { title: '某市碳金融行动方案', issuer: '某市人民政府', targets: { 2026: '目标' } },
      tasks: [{ no: 1, group: '基础建设', title: '建立碳账户', leads: ['市发展改革委', '某某局'] }],
    };
    expect((await t.as('drc')('POST', `${S}/plans`, { body: { plan: other } })).status).toBe(403);
    const loaded = await t.api<ActionPlanItem>('POST', `${S}/plans`, { body: { plan: other, makeCurrent: false } });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(201);
    expect(loaded.body).toMatchObject({ version: 2, isCurrent: false, unmappedAgencies: ['某某局'], hasFullText: false });
    const plans = await t.as('drc')<{ items: ActionPlanItem[] }>('GET', `${S}/plans`);
    expect(plans.body.items.map((p) => [p.version, p.isCurrent])).toEqual([
      [2, false],
      [1, true],
    ]);
    const current = await t.as('admin')<ActionPlanItem>('POST', `${S}/plans`, { body: { plan: other } });
    expect(current.body).toMatchObject({ version: 3, isCurrent: true });
    const tasks = await t.as('drc')<{ items: PlanTaskItem[] }>('GET', `${S}/tasks`);
    expect(tasks.body.items).toHaveLength(1);
    expect(tasks.body.items[0]!.leads).toEqual([
      { name: '市发展改革委', organisationId: demoIds.drc },
      { name: '某某局', organisationId: null },
    ]);
    expect((await t.as('drc')<{ text: string | null }>('GET', `${S}/plans/${plans.body.items[1]!.id}/full-text`)).body.text).toContain('碳金融');
  });

  it('an administrator loads the 2024 plan with its full text through the API as a new current version', async () => {
    const loaded = await t.api<ActionPlanItem>('POST', `${S}/plans`, { body: { plan: plan2024, fullText: fullText2024 }, headers: { 'idempotency-key': 'plan-2024-again' } });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(201);
    expect(loaded.body).toMatchObject({ version: 4, isCurrent: true, unmappedAgencies: [], hasFullText: true });
    const replay = await t.api<ActionPlanItem>('POST', `${S}/plans`, { body: { plan: plan2024, fullText: fullText2024 }, headers: { 'idempotency-key': 'plan-2024-again' } });
    expect(replay.body.id).toBe(loaded.body.id);
    const t20 = await task('eeb', '20');
    expect(t20.fullTextExcerpt).toMatch(/^20\. 支持经济高质量发展金融产品创新认定/);
    expect(t20.milestones).toEqual([]);
  });
});
