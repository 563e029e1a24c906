/**
 * The action plan in the demo city (essential: it is reference data; in production an administrator
 * loads it with `POST /api/v1/supervision/plans`): the 2024 Jining carbon-finance action plan with
 * its full text, and a few milestones, indicators and one accepted report so the dashboard is not
 * empty — one milestone of task 6 (due 2024-06-15, not done) is overdue; one report awaits review.
 */
import { randomUUID } from 'node:crypto';
import { identityRepository, supervisionRepository } from '@cfp/db';
import { businessDateOf, demoIds } from '@cfp/domain';
import planJson from '../../../../../reference/jining-action-plan-2024.json' with { type: 'json' };
import planText from '../../../../../reference/jining-action-plan-2024.txt';
import type { SeedPart } from '../../seed/seed-part.ts';
import { loadActionPlan } from './plan-loader.ts';

const at = (iso: string) => new Date(iso);

interface DemoMilestone {
  task: string;
  title: string;
  owner: string;
  /** A fixed date, or days after the day the demo is seeded (so open milestones stay ahead of a demo started later). */
  due: string | { inDays: number };
  /** Done at this instant, with a note; open otherwise. */
  done?: { at: string; note: string };
}

/**
 * Done milestones and task 6's first one (due 2024-06-15, never done: overdue on every demo) have
 * fixed dates; the other open ones are due some weeks after the seed day, so exactly one milestone
 * is overdue when the demo starts.
 */
export const demoMilestones: readonly DemoMilestone[] = [
  { task: '1', title: '印发转型金融支持领域清单', owner: demoIds.drc, due: '2024-12-31', done: { at: '2024-11-20T02:00:00.000Z', note: '清单已印发（示例）' } },
  { task: '2', title: '完成重点企业碳账户数据归集', owner: demoIds.drc, due: '2024-03-31', done: { at: '2024-03-28T02:00:00.000Z', note: '66 家重点企业数据已接入（示例）' } },
  { task: '2', title: '发布年度碳效“红橙黄绿”标识', owner: demoIds.drc, due: { inDays: 90 } },
  { task: '4', title: '邹城市个人碳账户试点方案', owner: demoIds.countyZoucheng, due: { inDays: 120 } },
  { task: '6', title: '完成碳金融数字服务平台建设方案', owner: demoIds.drc, due: '2024-06-15' },
  { task: '6', title: '平台上线试运行', owner: demoIds.drc, due: { inDays: 60 } },
  { task: '7', title: '组织重点排放单位完成年度配额清缴', owner: demoIds.eeb, due: { inDays: 150 } },
];

function dueDate(due: DemoMilestone['due'], now: Date): string {
  if (typeof due === 'string') return due;
  const day = new Date(`${businessDateOf(now)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + due.inDays);
  return day.toISOString().slice(0, 10);
}

export const supervisionPlanPart: SeedPart = {
  name: 'supervision-plan',
  version: 1,
  phase: 'essential',
  label: '碳金融行动方案督办 / action-plan supervision',
  async run({ db, now }) {
    const repo = supervisionRepository(db.orm);
    if (await repo.currentPlan()) return;
    const drc = await identityRepository(db.orm).userByUsername('drc');
    const drcUser = drc?.id ?? null;
    const plan = await loadActionPlan({ orm: db.orm, json: planJson, fullText: planText, loadedBy: null, makeCurrent: true, now });
    for (const m of demoMilestones) {
      await repo.insertMilestone({
        id: randomUUID(),
        planId: plan.id,
        taskCode: m.task,
        title: m.title,
        ownerOrganisationId: m.owner,
        dueDate: dueDate(m.due, now),
        doneAt: m.done ? at(m.done.at) : null,
        doneNote: m.done?.note ?? null,
        evidenceFileIds: [],
        createdBy: drcUser,
        createdAt: at('2024-02-01T02:00:00.000Z'),
        updatedAt: m.done ? at(m.done.at) : at('2024-02-01T02:00:00.000Z'),
      });
    }
    // One second apart, so that the indicators list in this order.
    let created = at('2024-02-01T02:00:00.000Z').getTime();
    const indicator = (task: string, spec: { nameZh: string; nameEn: string; unit: string; metric?: string; target?: string; owner?: string }) =>
      repo.insertIndicator({
        id: randomUUID(),
        planId: plan.id,
        taskCode: task,
        nameZh: spec.nameZh,
        nameEn: spec.nameEn,
        unit: spec.unit,
        kind: spec.metric ? 'computed' : 'manual',
        metric: spec.metric ?? null,
        target: spec.target ?? null,
        ownerOrganisationId: spec.owner ?? null,
        createdBy: drcUser,
        createdAt: new Date((created += 1000)),
      });
    await indicator('2', { nameZh: '建立碳账户的企业数', nameEn: 'Enterprises with carbon accounts', unit: '家', metric: 'enterprises_with_carbon_accounts', target: '60' });
    await indicator('2', { nameZh: '重点企业贴标率', nameEn: 'Share of key enterprises labelled', unit: '%', metric: 'key_enterprises_labelled_share', target: '100' });
    await indicator('2', { nameZh: '已发布碳效标识数', nameEn: 'Published labels', unit: '个', metric: 'published_labels_by_colour' });
    const loans = await indicator('3', { nameZh: '碳账户挂钩贷款余额', nameEn: 'Outstanding loans linked to carbon accounts', unit: '亿元', owner: demoIds.pboc });
    await repo.putIndicatorValue({
      indicatorId: loans.id,
      period: '2024-Q1',
      source: 'manual',
      value: '12.50',
      detail: null,
      enteredBy: null,
      evidenceFileIds: [],
      at: at('2024-04-10T02:00:00.000Z'),
    });

    // Task 2, 2024-Q1: submitted by the commission as lead agency and accepted.
    await repo.insertReport({
      id: randomUUID(),
      planId: plan.id,
      taskCode: '2',
      period: '2024-Q1',
      organisationId: demoIds.drc,
      status: 'accepted',
      claimedStatus: 'on_track',
      narrative: '依托省“两高”行业电子监管平台完成重点企业碳账户数据归集，碳账户已在平台上线（示例）。',
      indicatorValues: [],
      evidenceFileIds: [],
      contributions: [{ organisationId: demoIds.eeb, text: '已提供重点排放单位名单（示例）。', at: '2024-04-08T02:00:00.000Z' }],
      review: drcUser ? { by: drcUser, at: '2024-04-15T02:00:00.000Z', decision: 'accepted', comment: null } : null,
      submittedAt: at('2024-04-09T02:00:00.000Z'),
      createdBy: drcUser,
      createdAt: at('2024-04-09T02:00:00.000Z'),
      updatedAt: at('2024-04-15T02:00:00.000Z'),
    });
    // Task 4, 2024-Q2: submitted by 人民银行济宁市分行 (a lead agency), awaiting the commission's review.
    await repo.insertReport({
      id: randomUUID(),
      planId: plan.id,
      taskCode: '4',
      period: '2024-Q2',
      organisationId: demoIds.pboc,
      status: 'submitted',
      claimedStatus: 'on_track',
      narrative: '指导金融机构开展个人碳账户应用场景调研，邹城市试点方案起草中（示例）。',
      indicatorValues: [],
      evidenceFileIds: [],
      contributions: [],
      review: null,
      submittedAt: at('2024-07-05T02:00:00.000Z'),
      createdBy: null,
      createdAt: at('2024-07-05T02:00:00.000Z'),
      updatedAt: at('2024-07-05T02:00:00.000Z'),
    });
  },
};
